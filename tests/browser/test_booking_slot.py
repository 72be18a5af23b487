"""A slot page (book/<slug>/<stamp>/) in a real Chromium: the time in the
visitor's zone, the .ics download, the add-to-calendar links (never
followed), the request email, the request form posting to a local test
server, a slot that expired after the build, accessibility and weight."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

import pytest

from sitetools.server import serve_in_thread
from tests.support.booking import (
    FIRST,
    FIRST_STAMP,
    FORMAT_JS,
    KB,
    PICKER,
    form_receiver,
    new_page,
    page_weight,
    query,
    utc,
    without_booking_script,
)
from tests.support.booking_sample import build_booking_sample
from tests.support.browser import axe_violations
from tests.support.site import sample_settings

pytestmark = pytest.mark.browser

# The slot page loads the picker's script and the site's stylesheet too.
SLOT_BUDGET = 34 * KB
TITLE = "Complimentary 30-minute discovery session"
FULL = "Monday, November 23, 2026, 9:00 AM Eastern Time"
START, END = "2026-11-23T14:00:00Z", "2026-11-23T14:30:00Z"
EXPECTED_BODY = (
    "Hello Dr. Eleanor Hart,\r\n\r\n"
    f"I would like to book the {TITLE} on {FULL} ({START}).\r\n\r\n"
    "My time zone:{visitor}\r\n"
    "My name:\r\nAnything you would like to know beforehand:\r\n\r\n"
    "Thank you.\r\n\r\n"
    "Please keep this code: it tells the booking desk which time you chose.\r\n"
    f"[[book discovery-{FIRST_STAMP} en]]"
)
SUBJECT = f"Booking request: {FULL} [[book discovery-{FIRST_STAMP} en]]"


def _mailto(href: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(href)
    assert parts.scheme == "mailto"
    assert " " not in href and "+" not in href
    return unquote(parts.path), query(href)


def _visitor_label(page, zone: str) -> str:
    """The slot's start in `zone` (zoneinfo), worded by the browser in English."""
    t = utc(START).astimezone(ZoneInfo(zone))
    [label] = page.evaluate(FORMAT_JS, [[[t.year, t.month, t.day, t.hour, t.minute]], "en"])
    return f"{label['day']}, {label['time']}"


def test_the_time_is_shown_in_the_coachs_and_the_visitors_zone(browser, site_url):
    context, page, origins = new_page(browser, timezone_id="Asia/Kolkata", locale="de-DE")
    page.goto(site_url + FIRST)
    assert page.locator("h1").text_content() == f"You picked {FULL}"
    mine = page.locator("#booking-visitor-time")
    assert mine.is_visible()
    t = utc(START).astimezone(ZoneInfo("Asia/Kolkata"))
    [label] = page.evaluate(FORMAT_JS, [[[t.year, t.month, t.day, t.hour, t.minute]], "de-DE"])
    shown = mine.locator("time")
    assert shown.text_content().startswith(f"{label['day']}, {label['time']} ")
    assert shown.get_attribute("lang") == "de-DE"
    assert shown.get_attribute("datetime") == START
    assert origins == {site_url}
    context.close()


def test_a_visitor_in_the_coachs_zone_gets_no_second_line(browser, site_url):
    context, page, _ = new_page(browser, timezone_id="America/New_York")
    page.goto(site_url + FIRST)
    assert page.locator("#booking-visitor-time").is_hidden()
    context.close()


def test_the_ics_download_is_the_generated_file(browser, site, site_url):
    context, page, origins = new_page(browser, accept_downloads=True)
    page.goto(site_url + FIRST)
    link = page.get_by_role(
        "link",
        name=f"Add to calendar (.ics file for Apple Calendar, Outlook and others): {FULL}",
        exact=True,
    )
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == f"{FIRST_STAMP}.ics"
    assert (
        Path(download.path()).read_bytes()
        == (site / f"book/discovery/{FIRST_STAMP}.ics").read_bytes()
    )
    assert origins == {site_url}
    context.close()


def test_calendar_links_decode_to_the_slot_and_are_not_followed(browser, site_url):
    context, page, origins = new_page(browser, timezone_id="Asia/Kolkata")
    page.goto(site_url + FIRST)
    links = {}
    for service in ["Google Calendar", "Outlook.com", "Office 365", "Yahoo Calendar"]:
        link = page.get_by_role("link", name=f"{service} (add {FULL})", exact=True)
        links[service] = link.get_attribute("href")
        assert link.get_attribute("rel") == "noreferrer"
    google = query(links["Google Calendar"])
    assert links["Google Calendar"].startswith("https://calendar.google.com/calendar/render?")
    assert google["action"] == "TEMPLATE"
    assert google["text"] == TITLE
    assert google["dates"] == "20261123T140000Z/20261123T143000Z"
    for service, host in [
        ("Outlook.com", "outlook.live.com"),
        ("Office 365", "outlook.office.com"),
    ]:
        assert links[service].startswith(f"https://{host}/calendar/0/deeplink/compose?")
        outlook = query(links[service])
        assert outlook["path"] == "/calendar/action/compose"
        assert outlook["rru"] == "addevent"
        assert (outlook["startdt"], outlook["enddt"]) == (START, END)
        assert outlook["subject"] == TITLE
    yahoo = query(links["Yahoo Calendar"])
    assert links["Yahoo Calendar"].startswith("https://calendar.yahoo.com/?")
    assert yahoo["v"] == "60"
    assert (yahoo["title"], yahoo["st"], yahoo["et"]) == (
        TITLE,
        "20261123T140000Z",
        "20261123T143000Z",
    )
    for url in links.values():
        # Percent-encoded throughout: no raw space, "+", "/" or ":" in any value.
        assert not re.search(r"[ +]|=[^&]*[/:]", urlsplit(url).query), url
        assert "Request it: http://127.0.0.1:8000/book/discovery/20261123T140000Z/" in "".join(
            query(url).values()
        )
    assert origins == {site_url}
    context.close()


def test_the_request_email_without_javascript(browser, site_url):
    context, page, _ = new_page(browser, java_script_enabled=False)
    page.goto(site_url + FIRST)
    request = page.get_by_role(
        "link", name=f"Request this time ({FULL}), by email to Dr. Eleanor Hart", exact=True
    )
    to, fields = _mailto(request.get_attribute("href"))
    assert to == "hello@hartcoaching.example"
    assert fields == {
        "subject": SUBJECT,
        "body": EXPECTED_BODY.format(visitor=""),
    }
    assert page.locator("#booking-visitor-time").is_hidden()
    context.close()


@pytest.mark.parametrize("zone", ["Asia/Kolkata", "Pacific/Chatham"])
def test_the_request_email_carries_the_visitors_time(browser, site_url, zone):
    context, page, _ = new_page(browser, timezone_id=zone, locale="fr-FR")
    page.goto(site_url + FIRST)
    to, fields = _mailto(page.locator("#booking-request").get_attribute("href"))
    assert to == "hello@hartcoaching.example"
    assert fields["subject"] == SUBJECT
    visitor = re.search(r"My time zone:(.*)\r\n", fields["body"]).group(1)
    assert fields["body"] == EXPECTED_BODY.format(visitor=visitor)
    # " <IANA name> (for me: <date>, <time> <zone name>)"; Chromium may use an
    # older alias of the IANA name (Asia/Calcutta), so only its shape is checked.
    match = re.fullmatch(r" ([A-Za-z_]+/[A-Za-z_]+) \(for me: (.+)\)", visitor)
    assert match, visitor
    assert match.group(2).startswith(_visitor_label(page, zone) + " ")
    context.close()


def test_an_expired_slot_says_so_and_links_back(browser, site_url, axe_source):
    viewed = utc(START) - timedelta(hours=23)  # inside the 24-hour notice
    context, page, _ = new_page(browser, at=viewed, timezone_id="Europe/London")
    page.goto(site_url + FIRST)
    expired = page.locator("#booking-expired")
    assert expired.is_visible()
    assert "no longer available" in expired.text_content()
    assert page.locator("#booking-actions").is_hidden()
    assert axe_violations(page, axe_source) == []
    expired.get_by_role("link", name="Choose another time").click()
    assert page.url == site_url + PICKER
    context.close()


def test_a_slot_still_bookable_hides_the_notice(browser, site_url):
    viewed = utc(START) - timedelta(hours=24, seconds=1)
    context, page, _ = new_page(browser, at=viewed)
    page.goto(site_url + FIRST)
    assert page.locator("#booking-expired").is_hidden()
    assert page.locator("#booking-actions").is_visible()
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_no_axe_violations(browser, site_url, axe_source, javascript):
    context, page, origins = new_page(browser, timezone_id="Asia/Kolkata", locale="de-DE")
    if not javascript:
        without_booking_script(page)
    page.goto(site_url + FIRST)
    assert page.locator("#booking-visitor-time").is_visible() == javascript
    assert axe_violations(page, axe_source) == []
    assert origins == {site_url}
    context.close()


def test_slot_page_weight(browser, site, site_url):
    context, page, _ = new_page(browser)
    weight = page_weight(page, site, site_url + FIRST)
    assert weight < SLOT_BUDGET, weight
    context.close()


# --- request_form_action: a plain form posting to the coach's form backend ---


@pytest.fixture(scope="module")
def form_site(tmp_path_factory):
    """The booking sample built with request_form_action pointing at a local
    receiver; yields (site URL, receiver URL, what the receiver got, output folder)."""
    pelicanconf = sample_settings()

    with form_receiver() as (action, received):
        booking = {**pelicanconf.BOOKING, "request_form_action": action}
        root = tmp_path_factory.mktemp("booking-form")
        output = build_booking_sample(root, overrides={"BOOKING": booking}).output
        server, url = serve_in_thread(output)
        yield url, action, received, output
        server.shutdown()


def test_the_request_form_posts_the_slot_to_the_form_backend(browser, form_site, axe_source):
    url, action, received, _ = form_site
    context, page, origins = new_page(browser, timezone_id="Asia/Kolkata", locale="de-DE")
    page.goto(url + FIRST)
    assert page.locator("#booking-request").count() == 0  # the form replaces the email
    form = page.locator("#booking-form")
    assert form.get_attribute("action") == action
    assert form.get_attribute("method") == "post"
    assert axe_violations(page, axe_source) == []
    assert received == []  # nothing is sent before the visitor acts
    # Keyboard only: Tab to the name field, type, Tab on, submit with Enter.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "request-name":
            break
    page.keyboard.type("Dr. Ana Ruiz")
    page.keyboard.press("Tab")
    page.keyboard.type("ana@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("Night shifts this month.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").startswith("Request this time (")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == action
    [post] = received
    visitor = post.pop("visitor_time")
    assert post == {
        "_path": "/requests",
        "slot": f"discovery-{FIRST_STAMP}",
        "session": TITLE,
        "start": START,
        "time": FULL,
        "name": "Dr. Ana Ruiz",
        "email": "ana@example.org",
        "note": "Night shifts this month.",
        "token": f"[[book discovery-{FIRST_STAMP} en]]",
        "_subject": SUBJECT,
        "_gotcha": "",  # the honeypot: hidden, so nobody but a bot fills it
    }
    assert visitor.startswith("Asia/") and _visitor_label(page, "Asia/Kolkata") in visitor
    assert origins == {url, action.rsplit("/", 1)[0]}
    context.close()


def test_the_request_form_needs_a_name_and_an_email(browser, form_site):
    url, _, received, _ = form_site
    before = len(received)
    context, page, _ = new_page(browser)
    page.goto(url + FIRST)
    page.get_by_role("button", name=f"Request this time ({FULL})", exact=True).click()
    assert page.url == url + FIRST  # the browser's own validation stops it
    assert page.evaluate("document.activeElement.id") == "request-name"
    assert len(received) == before
    context.close()


def test_the_form_page_is_light_and_allowed_to_post(browser, form_site):
    url, action, _, output = form_site
    context, page, _ = new_page(browser)
    weight = page_weight(page, output, url + FIRST)
    assert weight < SLOT_BUDGET, weight
    csp = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert f"form-action 'self' mailto: {action.rsplit('/', 1)[0]}" in csp
    context.close()
