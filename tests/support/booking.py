"""Helpers for the booking page tests: the sample's slots, browser pages with a
fixed clock, page weights, decoded links and a local form receiver."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from tests.support.browser import record_origins
from tests.support.html import page_for_url
from tests.support.site import DEFAULT_EPOCH

BUILD_NOW = datetime.fromtimestamp(DEFAULT_EPOCH, UTC)  # Sunday 22 November 2026, 12:00Z
PICKER = "/book/discovery/"
FIRST_STAMP = "20261123T140000Z"  # Monday, November 23, 2026, 9:00 AM in New York
FIRST = f"/book/discovery/{FIRST_STAMP}/"
KB = 1024

# The visitor's zones and (non-English) languages of the tests.
VISITORS = [
    ("Asia/Kolkata", "de-DE"),
    ("America/Los_Angeles", "es-MX"),
    ("Pacific/Chatham", "fr-FR"),
    ("Europe/London", "hi-IN"),
]

# What the slot list shows, section by section (read from the live DOM).
READ_SLOTS_JS = """() => [...document.querySelectorAll('#booking-slots section')].map(sec => ({
  heading: sec.querySelector('h2').textContent,
  slots: [...sec.querySelectorAll('a')].map(a => ({
    href: a.getAttribute('href'),
    start: a.querySelector('time').getAttribute('datetime'),
    hidden: a.querySelector('.visually-hidden').textContent,
    time: a.querySelector('time').textContent,
    text: a.textContent,
  })),
}))"""

# The list the build writes (no JavaScript): each day's heading and its links.
READ_LIST_JS = """() => [...document.querySelectorAll('#booking-slots > ul > li')].map(li => ({
  heading: li.querySelector('h2').textContent,
  slots: [...li.querySelectorAll('a')].map(a => ({href: a.pathname, text: a.textContent})),
}))"""

# The month grid as shown: every open day of the month on screen.
READ_GRID_JS = """() => [...document.querySelectorAll('#booking-picker td.open')].map(td => ({
  day: td.dataset.day,
  label: td.getAttribute('aria-label'),
  tabindex: td.getAttribute('tabindex'),
  selected: td.getAttribute('aria-selected'),
}))"""

# Labels for wall-clock values computed in Python: the browser only formats
# them (as UTC, so no zone arithmetic happens here), the conversion is zoneinfo's.
FORMAT_JS = """([values, locale]) => values.map(([y, m, d, H, M]) => {
  const at = new Date(Date.UTC(y, m - 1, d, H, M));
  const format = options => new Intl.DateTimeFormat(locale, {timeZone: 'UTC', ...options})
    .format(at).replace(/\u202f/g, ' ');
  return {day: format({dateStyle: 'full'}), time: format({timeStyle: 'short'})};
})"""

# The zone's own long name at an instant, as the platform names it.
ZONE_NAMES_JS = """([instants, zone, locale]) => instants.map(t =>
  new Intl.DateTimeFormat(locale, {timeZone: zone, timeZoneName: 'long'})
    .formatToParts(new Date(t)).find(p => p.type === 'timeZoneName').value)"""


def slots_document(site: Path, slug: str = "discovery") -> dict:
    return json.loads((site / f"book/{slug}/slots.json").read_text("utf-8"))


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def new_page(browser, *, at: datetime | None = BUILD_NOW, **context_args):
    """A fresh context and page; `at` fixes the page's clock (JavaScript only)."""
    context = browser.new_context(**context_args)
    page = context.new_page()
    origins = record_origins(page)
    if at is not None and context_args.get("java_script_enabled", True):
        page.clock.set_fixed_time(at)
    return context, page, origins


def without_booking_script(page) -> None:
    """Serve js/booking.js empty: the page as a visitor without JavaScript gets
    it, in a context where axe-core (which needs JavaScript) can still run."""
    page.route(
        re.compile(r"/theme/js/booking\.[0-9a-f]+\.js$"),
        lambda route: route.fulfill(status=200, content_type="text/javascript", body=""),
    )


def page_weight(page, site: Path, url: str) -> int:
    """Bytes of HTML + CSS + JS a visit loads, sized from disk as in
    tests/browser/test_site_browser.py (a cached file still counts)."""
    weights: dict[str, int] = {}

    def weigh(request):
        if request.resource_type in ("document", "stylesheet", "script"):
            weights[request.url] = page_for_url(site, urlsplit(request.url).path).stat().st_size

    page.on("request", weigh)
    page.goto(url, wait_until="load")
    page.remove_listener("request", weigh)
    return sum(weights.values())


def query(url: str) -> dict[str, str]:
    """A URL's query as a dict; every key must appear once."""
    pairs = parse_qs(urlsplit(url).query, keep_blank_values=True, strict_parsing=True)
    assert all(len(values) == 1 for values in pairs.values()), url
    return {key: values[0] for key, values in pairs.items()}


class _Receiver(BaseHTTPRequestHandler):
    received: list[dict[str, str]]

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        form = parse_qs(self.rfile.read(length).decode("utf-8"), keep_blank_values=True)
        self.server.received.append({k: v[0] for k, v in form.items()} | {"_path": self.path})
        body = b"<!DOCTYPE html><html lang=en><title>Thanks</title><p>Request received.</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


@contextmanager
def form_receiver() -> Iterator[tuple[str, list[dict[str, str]]]]:
    """A static-form backend stand-in on 127.0.0.1: (its URL, what it received)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    server.daemon_threads = True
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/requests", server.received
    finally:
        server.shutdown()
        server.server_close()
