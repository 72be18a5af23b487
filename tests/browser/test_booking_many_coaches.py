"""A program's "any" session over 50 coaches in five zones offers every half
hour of four weeks (about 1,000 times): its booking page takes the day form
(plugins/booking/compact.py) and stays within the page budget, the picker
shows every time the plan offers, in the visitor's zone, and a visitor
without JavaScript reaches every time through the day pages.

Expected times come from slots.json (the plan's list), converted with
zoneinfo; the browser only words them (tests/support/booking.py FORMAT_JS)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sitetools.server import serve_in_thread
from tests.support.booking import (
    BUILD_NOW,
    FORMAT_JS,
    KB,
    READ_GRID_JS,
    READ_SLOTS_JS,
    new_page,
    page_weight,
    slots_document,
    utc,
    without_booking_script,
)
from tests.support.browser import axe_violations
from tests.support.program import build_program, write_program
from tests.support.validators import vnu_errors

pytestmark = pytest.mark.browser

PAGE_BUDGET = 45 * KB  # HTML + CSS + JS, as tests/browser/test_booking_grid.py
COACHES = 50
SESSION = "first-meeting"
PAGE = f"/book/{SESSION}/"


@pytest.fixture(scope="module")
def program(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("program")
    project = write_program(root / "project", COACHES)
    return build_program(project, root / "output")


@pytest.fixture(scope="module")
def url(program):
    server, base = serve_in_thread(program)
    yield base
    server.shutdown()


@pytest.fixture(scope="module")
def slots(program) -> list[dict]:
    return slots_document(program, SESSION)["slots"]


def _day_links(page) -> list[dict]:
    return page.evaluate(
        "[...document.querySelectorAll('#booking-slots a')]"
        ".map(a => ({href: a.pathname, text: a.textContent, times: a.dataset.times}))"
    )


def test_the_page_stays_within_budget_with_a_thousand_times(browser, program, url, slots):
    assert len(slots) > 900  # every half hour, or nearly, of four weeks
    context, page, _ = new_page(browser)
    weight = page_weight(page, program, url + PAGE)
    assert weight <= PAGE_BUDGET, weight
    # The page lists days (one link and its times' runs each), not times.
    days = Counter(s["date"] for s in slots)
    html = (program / f"book/{SESSION}/index.html").read_bytes()
    assert html.count(b"data-times=") == len(days) <= 29
    assert html.count(b"<a ") < 60
    context.close()


@pytest.mark.parametrize(
    ("zone", "locale"), [("Asia/Kathmandu", "en-GB"), ("America/Los_Angeles", "de-DE")]
)
def test_the_picker_shows_every_time_the_plan_offers_in_the_visitors_zone(
    browser, url, slots, zone, locale
):
    context, page, origins = new_page(browser, timezone_id=zone, locale=locale)
    page.goto(url + PAGE)
    shown = page.evaluate(READ_SLOTS_JS)
    flat = [slot for section in shown for slot in section["slots"]]
    assert len(flat) == len(slots)
    assert [s["href"] for s in flat] == ["/" + s["url"] for s in slots]
    assert [s["start"] for s in flat] == [s["start"] for s in slots]
    # Grouped by the visitor's date, worded in the visitor's zone.
    local = [utc(s["start"]).astimezone(ZoneInfo(zone)) for s in slots]
    counts = Counter(str(t.date()) for t in local)
    assert [len(s["slots"]) for s in shown] == [counts[d] for d in sorted(counts)]
    labels = page.evaluate(
        FORMAT_JS, [[[t.year, t.month, t.day, t.hour, t.minute] for t in local], locale]
    )
    assert [s["time"] for s in flat] == [label["time"] for label in labels]
    assert page.evaluate(READ_GRID_JS)[0]["day"] == min(counts)
    assert origins == {url}
    context.close()


def test_in_the_coachs_zone_the_picker_names_each_time_as_the_build_does(browser, url, slots):
    """The day form carries no words for the times: the script words them
    in the program's zone, and they read as the slot pages name them."""
    context, page, _ = new_page(browser, timezone_id="America/Chicago", locale="en-US")
    page.goto(url + PAGE)
    shown = page.evaluate(READ_SLOTS_JS)
    assert [s["text"] for section in shown for s in section["slots"]] == [
        s["full_label"] for s in slots
    ]
    assert page.locator("#booking-slots").get_attribute("lang") is None
    context.close()


def test_without_javascript_every_time_is_two_links_away(browser, program, url, slots):
    context, page, _ = new_page(browser, java_script_enabled=False)
    page.goto(url + PAGE)
    days = _day_links(page)
    by_day = Counter(s["date"] for s in slots)
    assert [d["href"] for d in days] == [f"{PAGE}{day}/" for day in sorted(by_day)]
    for day, link in zip(sorted(by_day), days, strict=True):
        n = by_day[day]
        assert re.fullmatch(rf"\w+day, \w+ \d+, 2026, {n} times? available", link["text"])
    # Each day's page lists that day's times; together, every time.
    reached = []
    for link in days:
        page.goto(url + link["href"])
        heading = page.locator("main h2").text_content()
        assert page.title().startswith(f"First coaching meeting: {heading} · ")
        reached += page.evaluate(
            "[...document.querySelectorAll('main ul a')].map(a => [a.pathname, a.textContent])"
        )
    assert [href for href, _ in reached] == ["/" + s["url"] for s in slots]
    assert [text for _, text in reached] == [s["time_label"] for s in slots]
    # And a click from the session page reaches a slot page.
    page.goto(url + PAGE)
    page.locator("#booking-slots a").nth(1).click()
    page.locator("main ul a").first.click()
    first = next(s for s in slots if s["date"] == sorted(by_day)[1])
    assert page.url == f"{url}/{first['url']}"
    assert page.locator("h1").text_content() == f"You picked {first['full_label']}"
    context.close()


def test_the_day_pages_are_noindex_and_left_out_of_the_sitemap(program):
    day = next((program / f"book/{SESSION}").glob("2026-*/index.html"))
    assert '<meta name="robots" content="noindex">' in day.read_text("utf-8")
    sitemap = (program / "sitemap.xml").read_text("utf-8")
    assert f"/book/{SESSION}/" in sitemap
    assert not re.search(rf"/book/{SESSION}/\d{{4}}-\d\d-\d\d/", sitemap)


def test_the_pages_are_valid_html(program, vnu_jar):
    pages = [program / f"book/{SESSION}/index.html"]
    pages += sorted((program / f"book/{SESSION}").glob("2026-*/index.html"))[:3]
    assert vnu_errors(vnu_jar, pages) == []


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_no_axe_violations(browser, url, axe_source, javascript):
    context, page, _ = new_page(browser, timezone_id="Asia/Tokyo", locale="ja-JP")
    if not javascript:
        without_booking_script(page)
    page.goto(url + PAGE)
    assert page.locator("#booking-picker").is_visible() == javascript
    assert axe_violations(page, axe_source) == []
    if not javascript:
        # The day page loaded with its stylesheet, before axe measures its targets.
        with page.expect_navigation(wait_until="load"):
            page.locator("#booking-slots a").first.click()
        assert axe_violations(page, axe_source) == []
    context.close()


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_screenshots(browser, url, artifacts, width, javascript):
    context, page, _ = new_page(
        browser,
        at=BUILD_NOW,
        viewport={"width": width, "height": 900},
        timezone_id="Europe/Berlin",
        java_script_enabled=javascript,
    )
    page.goto(url + PAGE)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    name = f"many-coaches-{'js' if javascript else 'no-js'}-{width}.png"
    page.screenshot(path=str(artifacts / name), full_page=True)
    if not javascript:
        with page.expect_navigation(wait_until="load"):  # measured and shown styled
            page.locator("#booking-slots a").nth(1).click()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(artifacts / f"many-coaches-day-{width}.png"), full_page=True)
    context.close()
