"""The slot picker (book/<slug>/) in a real Chromium: the visitor's own zone
and language, the switch back to the coach's zone, times that expire while
the page is open, no JavaScript at all, keyboard-only booking, accessibility,
privacy and screenshots. The month grid, the zone menu and the 90-day budgets:
tests/browser/test_booking_grid.py.

Every page's clock is fixed at the build time unless a test moves it, so the
results do not depend on when the suite runs."""

from __future__ import annotations

import urllib.request
from datetime import timedelta
from itertools import groupby
from zoneinfo import ZoneInfo

import pytest

from tests.support.booking import (
    BUILD_NOW,
    FIRST,
    FORMAT_JS,
    PICKER,
    READ_LIST_JS,
    READ_SLOTS_JS,
    VISITORS,
    ZONE_NAMES_JS,
    new_page,
    slots_document,
    utc,
    without_booking_script,
)
from tests.support.browser import axe_violations

pytestmark = pytest.mark.browser

NOTICE = timedelta(hours=24)  # the sample's minimum_notice_hours


def _expected_sections(page, slots: list[dict], zone: str, locale: str) -> list[dict]:
    """slots.json converted with zoneinfo, grouped by the visitor's own date."""
    local = [utc(s["start"]).astimezone(ZoneInfo(zone)) for s in slots]
    values = [[t.year, t.month, t.day, t.hour, t.minute] for t in local]
    labels = page.evaluate(FORMAT_JS, [values, locale])
    names = page.evaluate(ZONE_NAMES_JS, [[s["start"] for s in slots], zone, locale])
    rows = [
        {"date": t.date(), "day": label["day"], "time": label["time"], "zone": name, "slot": s}
        for t, label, name, s in zip(local, labels, names, slots, strict=True)
    ]
    sections = []
    for _, group in groupby(rows, key=lambda r: r["date"]):
        group = list(group)
        sections.append(
            {
                "heading": group[0]["day"],
                "slots": [
                    {
                        "href": "/" + r["slot"]["url"],
                        "start": r["slot"]["start"],
                        "hidden": f"{r['day']}, ",
                        "time": r["time"],
                        "text": f"{r['day']}, {r['time']} {r['zone']}",
                    }
                    for r in group
                ],
            }
        )
    return sections


def _coach_sections(slots: list[dict], zone_label: str) -> list[dict]:
    """What the server rendered: the coach's own dates and labels."""
    sections = []
    for _, group in groupby(slots, key=lambda s: s["date"]):
        group = list(group)
        first = group[0]
        day = first["full_label"].removesuffix(f", {first['time_label']} {zone_label}")
        sections.append(
            {
                "heading": day,
                "slots": [
                    {
                        "href": "/" + s["url"],
                        "start": s["start"],
                        "hidden": f"{day}, ",
                        "time": s["time_label"],
                        "text": f"{day}, {s['time_label']} {zone_label}",
                    }
                    for s in group
                ],
            }
        )
    return sections


@pytest.mark.parametrize(("zone", "locale"), VISITORS)
def test_times_and_days_follow_the_visitors_zone_and_language(
    browser, site, site_url, zone, locale
):
    document = slots_document(site)
    slots = document["slots"]
    context, page, origins = new_page(browser, timezone_id=zone, locale=locale)
    page.goto(site_url + PICKER)
    shown = page.evaluate(READ_SLOTS_JS)
    assert shown == _expected_sections(page, slots, zone, locale)
    assert sum(len(s["slots"]) for s in shown) == len(slots) > 50
    # Day groups are the visitor's dates: evening times in New York are the
    # next morning in Kolkata and Chatham, and are grouped under that day.
    moved = [
        s for s in slots if str(utc(s["start"]).astimezone(ZoneInfo(zone)).date()) != s["date"]
    ]
    assert bool(moved) == (zone in ("Asia/Kolkata", "Pacific/Chatham"))
    # The re-rendered list is marked as being in the visitor's language.
    assert page.locator("#booking-slots").get_attribute("lang") == locale
    # The zone is named and the switch back to the coach's zone is offered.
    status = page.locator("#booking-status").text_content()
    assert status.startswith("Times are shown in your time zone, ")
    assert "Eastern" not in status
    assert page.locator("#booking-zone").is_visible()
    assert page.locator("#booking-coach-note").is_hidden()
    # A link's accessible name carries the full date, time and zone.
    first = shown[0]["slots"][0]
    link = page.get_by_role("link", name=first["text"], exact=True)
    assert link.get_attribute("href") == first["href"]
    assert origins == {site_url}
    context.close()


def test_switching_to_the_coachs_zone_keeps_focus_and_announces_it(browser, site, site_url):
    document = slots_document(site)
    context, page, _ = new_page(browser, timezone_id="Asia/Kolkata", locale="de-DE")
    page.goto(site_url + PICKER)
    visitor_view = page.evaluate(READ_SLOTS_JS)
    # Keyboard only: Tab reaches the coach's zone button, Enter switches.
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "booking-tz-coach":
            break
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "booking-tz-coach"
    assert page.locator("#booking-tz").input_value() == "America/New_York"
    assert page.locator("#booking-slots").get_attribute("lang") is None
    assert page.evaluate(READ_SLOTS_JS) == _coach_sections(
        document["slots"], document["zone_label"]
    )
    status = page.locator("#booking-status")
    assert status.get_attribute("role") == "status"
    assert status.text_content() == "Times are in Eastern Time, where Dr. Eleanor Hart works."
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "booking-tz-mine"
    page.keyboard.press("Enter")
    assert page.evaluate(READ_SLOTS_JS) == visitor_view
    assert status.text_content().startswith("Times are shown in your time zone, ")
    context.close()


def test_a_visitor_in_the_coachs_zone_sees_the_coachs_times_named_once(browser, site, site_url):
    document = slots_document(site)
    context, page, _ = new_page(browser, timezone_id="America/New_York", locale="de-DE")
    page.goto(site_url + PICKER)
    assert page.evaluate(READ_SLOTS_JS) == _coach_sections(
        document["slots"], document["zone_label"]
    )
    # The menu is still offered (another zone may be chosen); the zone is
    # named once, by the status line, which then says what the note said.
    assert page.locator("#booking-zone").is_visible()
    assert page.locator("#booking-coach-note").is_hidden()
    assert page.locator("#booking-status").text_content() == (
        "Times are in Eastern Time, where Dr. Eleanor Hart works."
    )
    context.close()


def test_without_javascript_every_time_is_listed_in_the_coachs_zone(browser, site, site_url):
    document = slots_document(site)
    context, page, origins = new_page(
        browser, java_script_enabled=False, timezone_id="Pacific/Chatham", locale="fr-FR"
    )
    page.goto(site_url + PICKER)
    shown = page.evaluate(READ_LIST_JS)
    # The build's list: the coach's dates, each with its times (the zone is
    # named once, by the note above the list).
    assert shown == [
        {
            "heading": section["heading"],
            "slots": [{"href": s["href"], "text": s["time"]} for s in section["slots"]],
        }
        for section in _coach_sections(document["slots"], document["zone_label"])
    ]
    assert page.locator("#booking-zone").is_hidden()
    assert page.locator("#booking-picker").is_hidden()
    assert page.locator("#booking-empty").is_hidden()
    assert page.locator("#booking-coach-note").is_visible()
    assert "Eastern Time" in page.locator("#booking-coach-note").text_content()
    # Every link works: each slot page exists and names its own time.
    starts = {"/" + s["url"]: s["start"] for s in document["slots"]}
    for section in shown:
        for slot in section["slots"]:
            with urllib.request.urlopen(site_url + slot["href"]) as response:
                assert response.status == 200
                html = response.read().decode("utf-8")
            assert f'You picked <time datetime="{starts[slot["href"]]}">' in html
    # ...and so does every other same-origin link on the page.
    others = page.evaluate(
        "[...document.querySelectorAll('a[href^=\"/\"]')].map(a => a.getAttribute('href'))"
        ".filter(h => !h.match(/^\\/book\\/discovery\\/\\d{8}T\\d{6}Z\\/$/))"
    )
    assert "/book/discovery/availability.ics" in others and "/book/" in others
    for href in others:
        with urllib.request.urlopen(site_url + href) as response:
            assert response.status == 200, href
    page.get_by_role("link", name=shown[0]["slots"][0]["text"], exact=True).first.click()
    assert page.url == site_url + FIRST
    assert page.locator("h1").text_content().startswith("You picked Monday, November 23, 2026")
    assert origins == {site_url}
    context.close()


def test_times_that_expire_after_the_build_disappear(browser, site, site_url):
    slots = slots_document(site)["slots"]
    viewed = BUILD_NOW + timedelta(days=1)  # Monday 23 Nov 12:00Z: its times are too close
    context, page, _ = new_page(browser, at=viewed, timezone_id="Europe/London", locale="fr-FR")
    page.goto(site_url + PICKER)
    shown = [s["start"] for section in page.evaluate(READ_SLOTS_JS) for s in section["slots"]]
    expected = [s["start"] for s in slots if utc(s["start"]) >= viewed + NOTICE]
    assert shown == expected
    assert 0 < len(expected) < len(slots)
    assert not any(s["date"] == "2026-11-23" for s in slots if s["start"] in shown)
    assert page.locator("#booking-empty").is_hidden()
    context.close()


def test_when_every_time_has_expired_the_empty_state_shows(browser, site, site_url):
    last = utc(slots_document(site)["slots"][-1]["start"])
    context, page, _ = new_page(
        browser, at=last - NOTICE + timedelta(seconds=1), timezone_id="Asia/Kolkata"
    )
    page.goto(site_url + PICKER)
    assert page.locator("#booking-slots a").count() == 0
    empty = page.locator("#booking-empty")
    assert empty.is_visible()
    text = " ".join(empty.text_content().split())
    assert text.startswith("No open times in the next 28 days. Write to Dr. Eleanor Hart")
    assert empty.get_by_role("link").get_attribute("href") == "mailto:hello@hartcoaching.example"
    assert page.locator("#booking-zone").is_hidden()
    context.close()


def test_focus_is_kept_when_times_expire_while_the_page_is_open(browser, site, site_url):
    slots = slots_document(site)["slots"]
    first, second, third = (utc(s["start"]) for s in slots[:3])
    context = browser.new_context(timezone_id="Asia/Kolkata")
    page = context.new_page()
    page.clock.install(time=first - NOTICE - timedelta(seconds=30))
    page.goto(site_url + PICKER)
    links = page.locator("#booking-slots a")
    assert links.count() == len(slots)
    # The focused time stays focused when another one expires...
    links.nth(1).focus()
    page.clock.run_for(61_000)
    assert links.count() == len(slots) - 1
    assert page.evaluate("document.activeElement.getAttribute('href')") == "/" + slots[1]["url"]
    # ...and when the focused time itself expires, focus moves to the next one.
    page.clock.run_for(int((second - first).total_seconds() * 1000))
    assert links.count() == len(slots) - 2
    assert third > second
    assert page.evaluate("document.activeElement.getAttribute('href')") == "/" + slots[2]["url"]
    context.close()


def test_switching_zones_right_after_a_time_expired_shows_the_remaining_times(
    browser, site, site_url
):
    slots = slots_document(site)["slots"]
    context = browser.new_context(timezone_id="Asia/Kolkata")
    page = context.new_page()
    page.clock.install(time=utc(slots[0]["start"]) - NOTICE - timedelta(seconds=10))
    page.goto(site_url + PICKER)
    assert page.locator("#booking-slots a").count() == len(slots)
    page.clock.fast_forward(20_000)  # the first time expires; no re-check has run yet
    page.locator("#booking-tz-coach").click()
    hrefs = page.locator("#booking-slots a").evaluate_all("l => l.map(a => a.getAttribute('href'))")
    assert hrefs == ["/" + s["url"] for s in slots[1:]]
    context.close()


def test_keyboard_only_from_the_picker_to_the_request(browser, site, site_url):
    context, page, origins = new_page(browser, timezone_id="America/Los_Angeles", locale="es-MX")
    page.goto(site_url + PICKER)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('#booking-slots a')"):
            break
    focused = page.evaluate(
        "(() => { const e = document.activeElement, s = getComputedStyle(e);"
        " return {href: e.getAttribute('href'), outline: s.outlineStyle,"
        " width: parseFloat(s.outlineWidth)}; })()"
    )
    assert focused["href"] == FIRST
    assert focused["outline"] != "none" and focused["width"] >= 2
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == site_url + FIRST
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent").startswith("Request this time"):
            break
    request = page.locator("#booking-request")
    assert page.evaluate("document.activeElement.id") == "booking-request"
    href = request.get_attribute("href")
    assert href.startswith("mailto:hello@hartcoaching.example?subject=")
    # Headless Chromium hands mailto: to the system and logs that it did.
    with page.expect_console_message(lambda m: "external handler for 'mailto:" in m.text) as msg:
        page.keyboard.press("Enter")
    assert msg.value.text == f"Launched external handler for '{href}'."
    assert origins == {site_url}
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("path", ["/book/", PICKER])
def test_no_axe_violations(browser, site_url, axe_source, path, javascript):
    context, page, origins = new_page(browser, timezone_id="Pacific/Chatham", locale="de-DE")
    if not javascript:
        without_booking_script(page)
    page.goto(site_url + path)
    if path == PICKER:
        assert page.locator("#booking-zone").is_visible() == javascript
    assert axe_violations(page, axe_source) == []
    if javascript and path == PICKER:
        page.locator("#booking-tz-coach").click()
        assert axe_violations(page, axe_source) == []
    assert origins == {site_url}
    context.close()


@pytest.mark.parametrize("path", [PICKER, FIRST])
def test_dark_scheme_has_no_axe_violations(browser, site_url, axe_source, path):
    context, page, _ = new_page(browser, color_scheme="dark", timezone_id="Asia/Kolkata")
    page.goto(site_url + path)
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    assert axe_violations(page, axe_source) == []
    context.close()


def test_empty_state_has_no_axe_violations(browser, site, site_url, axe_source):
    last = utc(slots_document(site)["slots"][-1]["start"])
    context, page, _ = new_page(browser, at=last)
    page.goto(site_url + PICKER)
    assert page.locator("#booking-empty").is_visible()
    assert axe_violations(page, axe_source) == []
    context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_and_no_horizontal_scroll(browser, site_url, artifacts, width):
    context, page, _ = new_page(
        browser, viewport={"width": width, "height": 900}, timezone_id="Asia/Kolkata"
    )
    for name, path in [("book", "/book/"), ("picker", PICKER), ("slot", FIRST)]:
        page.goto(site_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        page.screenshot(path=str(artifacts / f"booking-{name}-{width}.png"), full_page=True)
    context.close()
