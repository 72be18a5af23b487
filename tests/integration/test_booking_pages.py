"""The booking pages as built: what the picker and a slot page carry
without JavaScript, the hooks the script needs, structured data, the request
form variant, the empty state, and the script's own size and hygiene."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from plugins.booking import tokens
from tests.support.booking_sample import build_booking_sample
from tests.support.fixture_site import COACH_EMAIL, build_fixture_site
from tests.support.html import jsonld_objects, read_page
from tests.support.site import ROOT, sample_settings
from tests.support.validators import vnu_errors

FIRST = "book/discovery/20261123T140000Z/index.html"
FULL = "Monday, November 23, 2026, 9:00 AM Eastern Time"
SCRIPT = ROOT / "theme/static/js/booking.js"
MANAGE_SCRIPT = ROOT / "theme/static/js/booking_manage.js"


def _booking(**changes) -> dict:
    pelicanconf = sample_settings()

    return {**pelicanconf.BOOKING, **changes}


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    return build_booking_sample(tmp_path_factory.mktemp("pages")).output


@pytest.fixture(scope="module")
def slots(sample) -> list[dict]:
    return json.loads((sample / "book/discovery/slots.json").read_text("utf-8"))["slots"]


def test_every_slot_link_sits_under_its_day_and_points_at_its_page(sample, slots):
    """Without JavaScript: each day is a list item holding its heading and
    its times (the link's context), each link a relative path to its page;
    the zone is named once, above the list. booking.js reads this list."""
    page = (sample / "book/discovery/index.html").read_text("utf-8")
    listing = page.split('id="booking-slots"')[1].split("</div>")[0]
    days = re.findall(
        r"<li><h2 id=\"day-[0-9-]+\">(.*?)</h2>\s*"
        r"<ul class=\"booking-slots\" role=\"list\">(.*?)</ul>",
        listing,
        re.S,
    )
    links = [
        (day, href, text)
        for day, inner in days
        for href, text in re.findall(r'<a href="([^"]+)">(.*?)</a>', inner)
    ]
    assert [f"book/discovery/{href}" for _, href, _ in links] == [s["url"] for s in slots]
    for (day, _, text), slot in zip(links, slots, strict=True):
        assert slot["full_label"] == f"{day}, {text} Eastern Time"
    assert (
        '<p id="booking-coach-note">Times are in Eastern Time, where Dr. Eleanor Hart works.</p>'
        in page
    )


def test_picker_carries_what_the_script_needs_and_hides_its_controls(sample):
    page = (sample / "book/discovery/index.html").read_text("utf-8")
    assert re.search(
        r'<div id="booking-slots" data-zones="/book/zones.json" data-zone="America/New_York" '
        r'data-zone-label="Eastern Time" data-notice-hours="24" '
        r'data-text-shown="Times are shown in your time zone, \{zone\}\." '
        r'data-text-other="Times are shown in \{zone\}\." '
        r'data-text-one="\{day\}, \{num\} time available" '
        r'data-text-many="\{day\}, \{num\} times available" '
        r'data-text-next="Next open time:" ',
        page,
    )
    assert '<div class="booking-zone" id="booking-zone" hidden>' in page
    assert '<div class="booking-picker" id="booking-picker" hidden></div>' in page
    assert '<p id="booking-next" hidden></p>' in page
    assert '<p class="meta" id="booking-status" role="status"></p>' in page
    assert '<p class="notice" id="booking-empty" hidden>' in page
    assert "Availability last updated" in page
    scripts = re.findall(r"<script[^>]*>", page)
    assert [s for s in scripts if "ld+json" not in s] == [
        re.search(r'<script src="/theme/js/booking\.[0-9a-f]{10}\.js" defer>', page).group(0)
    ]
    assert "slots.json" not in page  # the page is the data: nothing to fetch for the times
    zones = json.loads((sample / "book/zones.json").read_text("utf-8"))  # the zone menu's
    assert zones["countries"]["NP"] == "Asia/Kathmandu"


def test_slot_page_without_javascript_has_every_action(sample, slots):
    path = sample / FIRST
    page = path.read_text("utf-8")
    assert f'<h1>You picked <time datetime="2026-11-23T14:00:00Z">{FULL}</time></h1>' in page
    links = read_page(path).links
    assert "/book/discovery/20261123T140000Z.ics" in links
    assert links.count("/book/discovery/") == 2  # in the expired notice and at the end
    hosts = [urlsplit(link).netloc for link in links if link.startswith("https://")]
    assert hosts[:4] == [
        "calendar.google.com",
        "outlook.live.com",
        "outlook.office.com",
        "calendar.yahoo.com",
    ]
    mailto = next(link for link in links if link.startswith("mailto:hello@"))
    assert mailto == slots[0]["request_mailto"]
    assert '<meta name="robots" content="noindex">' in page
    assert '<p class="notice" id="booking-expired" hidden>' in page
    assert "What happens next" in page and "held for you only once it is confirmed" in page
    assert _booking_forms(page) == []  # only the header's search box


def test_every_action_names_the_full_time(sample):
    page = (sample / FIRST).read_text("utf-8")
    names = [_text(inner) for inner in re.findall(r"<a [^>]*>(.*?)</a>", page)]
    actions = [n for n in names if n.startswith(("Add to calendar", "Request this time"))]
    actions += [n for n in names if " (add " in n]
    assert len(actions) == 6
    assert all(FULL in name for name in actions), actions


def test_calendar_links_in_the_built_page_decode_to_the_slot(sample):
    calendars = {
        "calendar.google.com",
        "outlook.live.com",
        "outlook.office.com",
        "calendar.yahoo.com",
    }
    checked = 0
    for href in read_page(sample / FIRST).links:
        if urlsplit(href).netloc not in calendars:
            continue
        checked += 1
        values = {k: v[0] for k, v in parse_qs(urlsplit(href).query).items()}
        title = values.get("text") or values.get("subject") or values.get("title")
        assert title == "Complimentary 30-minute discovery session"
        times = {values.get(k) for k in ("dates", "startdt", "enddt", "st", "et")} - {None}
        assert times <= {
            "20261123T140000Z/20261123T143000Z",
            "2026-11-23T14:00:00Z",
            "2026-11-23T14:30:00Z",
            "20261123T140000Z",
            "20261123T143000Z",
        }
        assert len(times) in (1, 2)
    assert checked == 4


def _jsonld(page: Path, kind: str) -> list[dict]:
    found = []
    for block in jsonld_objects(page):
        found += [node for node in block.get("@graph", [block]) if node.get("@type") == kind]
    return found


@pytest.mark.parametrize("page", ["book/index.html", "book/discovery/index.html"])
def test_service_with_a_free_offer_in_json_ld(sample, page):
    [service] = _jsonld(sample / page, "Service")
    assert service["name"] == "Complimentary 30-minute discovery session"
    assert service["url"] == "http://127.0.0.1:8000/book/discovery/"
    assert service["provider"]["@type"] == "Person"
    assert service["offers"] == {
        "@type": "Offer",
        "price": 0,
        "priceCurrency": "USD",
        "availability": "https://schema.org/InStock",
        "url": "http://127.0.0.1:8000/book/discovery/",
    }


def test_book_page_lists_each_session_with_duration_price_and_link(sample):
    page = (sample / "book/index.html").read_text("utf-8")
    assert "30 minutes · Complimentary" in page
    assert read_page(sample / "book/index.html").links.count("/book/discovery/") == 2


def test_no_open_times_shows_the_empty_state_without_javascript(tmp_path):
    output = build_booking_sample(tmp_path, overrides={"BOOKING": _booking(weekly_hours={})}).output
    page = (output / "book/discovery/index.html").read_text("utf-8")
    empty = re.search(r'<p class="notice" id="booking-empty">(.*?)</p>', page)
    assert empty, "the empty state must be visible without JavaScript"
    assert _text(empty.group(1)) == (
        "No open times in the next 28 days. Write to Dr. Eleanor Hart to find a time "
        "together: hello@hartcoaching.example"
    )
    assert "<a " not in page.split('id="booking-slots"')[1].split("</div>")[0]
    [service] = _jsonld(output / "book/discovery/index.html", "Service")
    assert service["offers"]["availability"] == "https://schema.org/OutOfStock"


def _booking_forms(page: str) -> list[str]:
    """The page's forms but the header's search box."""
    return re.findall(r'<form (?![^>]*class="site-search")[^>]*>', page)


def test_request_form_action_puts_a_plain_form_on_every_slot_page(tmp_path):
    action = "https://forms.example.org/f/abc?coach=hart&x=1"
    booking = _booking(request_form_action=action)
    output = build_booking_sample(tmp_path, overrides={"BOOKING": booking}).output
    page = (output / FIRST).read_text("utf-8")
    [form] = _booking_forms(page)
    assert 'method="post"' in form
    assert 'action="https://forms.example.org/f/abc?coach=hart&amp;x=1"' in form
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', page))
    assert hidden == {
        "slot": "discovery-20261123T140000Z",
        "session": "Complimentary 30-minute discovery session",
        "start": "2026-11-23T14:00:00Z",
        "time": FULL,
        "visitor_time": "",
        "token": "[[book discovery-20261123T140000Z en]]",
        "_subject": f"Booking request: {FULL} [[book discovery-20261123T140000Z en]]",
    }
    for field in ("name", "email", "note"):
        assert re.search(rf'<label for="request-{field}">', page)
        assert f'id="request-{field}" name="{field}"' in page
    assert re.search(r'<input id="request-email" name="email" type="email"[^>]* required>', page)
    assert "mailto:hello@hartcoaching.example?subject" not in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "form-action 'self' mailto: https://forms.example.org" in html.unescape(csp)
    headers = (output / "_headers").read_text("utf-8")
    assert "form-action 'self' mailto: https://forms.example.org;" in headers


def test_a_bad_form_action_stops_the_build_with_one_line(tmp_path):
    booking = _booking(request_form_action="http://forms.example.org/f/abc")
    result = build_booking_sample(tmp_path, overrides={"BOOKING": booking}, check=False)
    assert result.returncode == 1
    lines = [line for line in result.log.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.log
    assert "booking: [booking] request_form_action: must be an https:// URL" in lines[0]
    assert not (result.output / "book").exists()


def test_script_is_small_own_and_writes_no_markup():
    from plugins.site_extras.assets import published

    source = SCRIPT.read_text("utf-8")
    # As the site serves it (comments and layout whitespace removed); its
    # words come from the page. tests/browser/test_booking_grid.py weighs it too.
    served = published("js/booking.js", SCRIPT.read_bytes())
    assert len(served) <= 8 * 1024
    assert len(served) < len(SCRIPT.read_bytes()) * 0.9  # the minifier ran
    for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert forbidden not in source
    for network in ("XMLHttpRequest", "sendBeacon", "WebSocket", "localStorage"):
        assert network not in source
    # One request, on the site itself, when the zone menu is first used:
    # the countries of the zones (book/zones.json).
    assert re.findall(r"fetch\([^)]*\)", source) == ["fetch(box.dataset.zones)"]
    assert not re.search(r"https?://", source)  # no third-party origin


def test_every_article_links_to_the_booking_pages(site):
    """book/ from the main navigation and the call to action, which also leads
    straight to the discovery session's times."""
    articles = sorted((site / "articles").glob("*/index.html"))
    assert len(articles) >= 5
    for article in articles:
        links = read_page(article).links
        assert links.count("/book/") == 2, article  # navigation + call to action
        assert "/book/discovery/" in links, article


# --- intake questions, consent, the request code and the manage page ---

QUESTIONS = """
BOOKING["request_form_action"] = "https://forms.example.org/f/abc"
BOOKING["consent_page"] = "about/"
BOOKING["self_service_cutoff_hours"] = 12
BOOKING["sessions"][0]["questions"] = [
    {"label": "Quis role", "type": "choice", "options": ["Dolor", "Amet <b>"], "required": True},
    {"label": "Ipsum & field"},
    {"label": "Sit primum", "type": "checkbox"},
]
"""


class _Fields(HTMLParser):
    """Every form control of a page: (tag, attributes), in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.controls: list[tuple[str, dict]] = []
        self.trap_open = 0
        self.trapped: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: v if v is not None else "" for k, v in attrs}
        if "form-trap" in a.get("class", "").split():
            self.trap_open = 1
        if tag in ("input", "textarea", "select"):
            self.controls.append((tag, a))
            if self.trap_open:
                self.trapped.append(a.get("name", ""))

    def handle_endtag(self, tag):
        if tag == "p":
            self.trap_open = 0


@pytest.fixture(scope="module")
def questions_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("questions")
    return build_fixture_site(root, extra_languages=("fr",), lines=QUESTIONS).output


def _first(site: Path, prefix: str = "") -> Path:
    return sorted((site / prefix / "book/decouverte").glob("2*/index.html"))[0]


def test_the_form_asks_each_question_with_its_field(questions_site):
    path = _first(questions_site)
    page = path.read_text("utf-8")
    parser = _Fields()
    parser.feed(page)
    named = {}
    for _, a in parser.controls:
        named.setdefault(a.get("name"), []).append(a)
    radios = named["q1"]
    assert [(r["type"], r["value"], "required" in r) for r in radios] == [
        ("radio", "Dolor", True),
        ("radio", "Amet <b>", True),
    ]
    assert re.search(r'<fieldset class="booking-choice">\s*<legend>Quis role</legend>', page)
    assert "Amet &lt;b&gt;" in page and "Amet <b>" not in page  # the coach's words, escaped
    [text] = named["q2"]
    assert "type" not in text and "required" not in text
    assert '<label for="request-q2">Ipsum &amp; field (optional)</label>' in page
    [checkbox] = named["q3"]
    assert (checkbox["type"], checkbox["value"], "required" in checkbox) == (
        "checkbox",
        "yes",
        False,
    )
    [consent] = named["consent"]
    assert (consent["type"], consent["value"], "required" in consent) == ("checkbox", "yes", True)
    assert re.search(
        r'id="request-consent"[^>]*> <span>I agree to the <a href="/about/">privacy notice</a>\.',
        page,
    )


def test_the_form_carries_the_code_the_subject_and_a_honeypot(questions_site):
    path = _first(questions_site)
    page = path.read_text("utf-8")
    parser = _Fields()
    parser.feed(page)
    hidden = {a["name"]: a["value"] for _, a in parser.controls if a.get("type") == "hidden"}
    slot_id = hidden["slot"]
    assert hidden["token"] == f"[[book {slot_id} en]]"
    assert tokens.find(hidden["token"]) == tokens.Token(tokens.BOOK, slot_id, "en")
    assert hidden["_subject"] == f"Booking request: {hidden['time']} {hidden['token']}"
    # The honeypot: inside an element the stylesheet hides, out of the tab order.
    assert parser.trapped == ["_gotcha"]
    [trap] = [a for _, a in parser.controls if a.get("name") == "_gotcha"]
    assert (trap["tabindex"], trap["autocomplete"]) == ("-1", "off")
    assert "aria-hidden" not in page.split('class="form-trap"')[1].split("</p>")[0]
    css = next((questions_site / "theme/css").glob("site.*.css")).read_text("utf-8")
    assert re.search(r"\.form-trap ?\{ ?display: ?none;? ?\}", css)
    french = dict(
        (a["name"], a["value"])
        for _, a in _parsed(_first(questions_site, "fr")).controls
        if a.get("type") == "hidden"
    )
    assert french["token"] == f"[[book {slot_id} fr]]"


def _parsed(path: Path) -> _Fields:
    parser = _Fields()
    parser.feed(path.read_text("utf-8"))
    return parser


def test_the_manage_page_exists_in_every_language_edition(questions_site):
    for prefix, lang in (("", "en"), ("fr/", "fr")):
        path = questions_site / prefix / "book/manage/index.html"
        page = path.read_text("utf-8")
        assert f'<html lang="{lang}">' in page
        assert '<meta name="robots" content="noindex">' in page
        root = re.search(r'<div class="stack booking" id="booking-manage"[^>]*>', page).group(0)
        assert f'data-email="{COACH_EMAIL}"' in root
        assert f'data-slots="/{prefix}book/"' in root and 'data-cutoff-hours="12"' in root
        scripts = re.findall(r"<script[^>]*>", page)
        assert scripts == [
            re.search(r'<script src="/theme/js/booking_manage\.[0-9a-f]{10}\.js" defer>', page)[0]
        ]
        assert '<p id="manage-nojs">' in page  # what a visitor without JavaScript reads
        for hidden in ("manage-invalid", "manage-cancel", "manage-move", "manage-late"):
            assert re.search(rf'id="{hidden}"[^>]*hidden>', page), hidden
        assert f'href="/{prefix}book/"' in page
    sitemap = (questions_site / "sitemap.xml").read_text("utf-8")
    assert "book/manage/" in sitemap  # the fixture does not exclude it; the sample does


def test_pages_with_questions_and_the_manage_pages_are_valid_html(questions_site, vnu_jar):
    pages = [
        _first(questions_site),
        _first(questions_site, "fr"),
        questions_site / "book/manage/index.html",
        questions_site / "fr/book/manage/index.html",
    ]
    assert vnu_errors(vnu_jar, pages) == []


def test_the_manage_page_is_left_out_of_the_samples_sitemap(sample):
    sitemap = (sample / "sitemap.xml").read_text("utf-8")
    assert (sample / "book/manage/index.html").is_file()
    assert "book/manage/" not in sitemap and "book/discovery/" in sitemap


def test_manage_script_is_small_writes_no_markup_and_has_no_words_of_its_own():
    source = MANAGE_SCRIPT.read_text("utf-8")
    assert len(MANAGE_SCRIPT.read_bytes()) < 6000
    for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert forbidden not in source
    for network in ("XMLHttpRequest", "sendBeacon", "WebSocket", "localStorage"):
        assert network not in source
    assert source.count("fetch(") == 1  # the session's own slots.json, nothing else
    assert not re.search(r"https?://", source)
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", source, flags=re.S)
    # Its words come from the page: no literal holds two words in a row
    # (class lists such as "link-list booking-slots" are names, not words).
    literals = set(re.findall(r"'([^'\n]*)'", code)) - {"use strict"}
    prose = re.compile(r"(?<![\w-])[^\W\d_]{2,}\s+[^\W\d_]{2,}(?![\w-])")
    assert "data-text-" in literals and [t for t in literals if prose.search(t)] == []
