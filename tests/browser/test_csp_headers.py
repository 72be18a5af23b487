"""The site under its own security headers, sent by a server as a host would.

The policy comes from the built `_headers` file (the Netlify / Cloudflare
Pages recipe), so the test checks exactly what a coach would deploy.
"""

from __future__ import annotations

import threading
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from sitetools.server import SiteHandler
from tests.support.booking import BUILD_NOW

VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def _headers_for_all(site: Path) -> dict[str, str]:
    lines = (site / "_headers").read_text().split("\n/theme/*")[0].splitlines()[1:]
    return dict(line.strip().split(": ", 1) for line in lines if line.strip())


@pytest.fixture(scope="module")
def strict_url(site: Path):
    headers = _headers_for_all(site)

    class StrictHandler(SiteHandler):
        def end_headers(self):
            for name, value in headers.items():
                self.send_header(name, value)
            super().end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(StrictHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", headers
    server.shutdown()


def test_headers_recipe_has_a_strict_policy(strict_url):
    _, headers = strict_url
    csp = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp


@pytest.mark.parametrize(
    "path",
    ["/", "/articles/coaching-vs-mentoring/", "/book/discovery/", "/podcast/", "/search/?q=coach"],
)
def test_pages_work_under_the_policy_with_no_violations(browser, strict_url, path):
    url, headers = strict_url
    context = browser.new_context(timezone_id="Asia/Kolkata")
    page = context.new_page()
    page.clock.set_fixed_time(BUILD_NOW)
    page.add_init_script(VIOLATIONS)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    response = page.goto(url + path)
    if path.startswith("/search/"):
        # search.js has run and fetched its index under the same policy.
        page.locator("#search-results li").first.wait_for()
    assert response.headers["content-security-policy"] == headers["Content-Security-Policy"]
    assert page.evaluate("window.__violations") == []
    assert errors == []
    if path == "/book/discovery/":
        # The picker's script ran: it names the visitor's zone and re-renders
        # the times for India (UTC+05:30), which the coach's page never shows.
        assert "(Asia/" in page.locator("#booking-status").inner_text()
        assert page.locator("#booking-slots time").count() > 0
        assert page.locator("#booking-picker td.open").count() > 0
    context.close()
