"""The picker's month grid and zone menu in a real Chromium, on a site
offering 90 days of times: day grouping across midnight in zones with odd
offsets (Chatham +13:45, Kathmandu +05:45, St John's -03:30) and in a zone
chosen from the menu, the same times on the slot pages, the WAI-ARIA grid's
keys, the whole flow in three activations, the byte budgets (never time) and
screenshots.

Expected times come from slots.json converted with zoneinfo; the browser
only words them (tests/support/booking.py FORMAT_JS)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import pytest

from sitetools.server import serve_in_thread
from tests.support.booking import (
    FORMAT_JS,
    KB,
    PICKER,
    READ_GRID_JS,
    READ_SLOTS_JS,
    new_page,
    page_weight,
    query,
    slots_document,
    utc,
)
from tests.support.booking_sample import build_booking_sample
from tests.support.browser import axe_violations
from tests.support.site import sample_settings

pytestmark = pytest.mark.browser

PICKER_BUDGET = 45 * KB  # HTML + CSS + JS, 90 days of times
SCRIPT_BUDGET = 8 * KB  # booking.js as shipped: unminified, comments included
ODD_ZONES = [
    ("Pacific/Chatham", "fr-FR"),
    ("Asia/Kathmandu", "de-DE"),
    ("America/St_Johns", "en-CA"),
]


@pytest.fixture(scope="module")
def site90(tmp_path_factory):
    booking = dict(sample_settings().BOOKING, horizon_days=90)
    return build_booking_sample(
        tmp_path_factory.mktemp("grid"), overrides={"BOOKING": booking}
    ).output


@pytest.fixture(scope="module")
def url90(site90):
    server, url = serve_in_thread(site90)
    yield url
    server.shutdown()


def _local(slot: dict, zone: str) -> datetime:
    return utc(slot["start"]).astimezone(ZoneInfo(zone))


def _open_days(page) -> list[dict]:
    """Every open day of every month, paging with the grid's own buttons."""
    days = page.evaluate(READ_GRID_JS)
    while page.locator("#booking-picker button.next").is_enabled():
        page.locator("#booking-picker button.next").click()
        days += page.evaluate(READ_GRID_JS)
    return days


def _check_zone(page, slots: list[dict], zone: str, locale: str) -> None:
    """The grid's days, their counts and names, and each day's times, as
    zoneinfo has them in `zone`."""
    counts = Counter(str(_local(s, zone).date()) for s in slots)
    days = _open_days(page)
    assert [d["day"] for d in days] == sorted(counts)
    long_dates = page.evaluate(
        "days => days.map(d => new Intl.DateTimeFormat('en', {dateStyle: 'full', "
        "timeZone: 'UTC'}).format(new Date(d + 'T00:00Z')))",
        sorted(counts),
    )
    for day, date in zip(days, long_dates, strict=True):
        n = counts[day["day"]]
        assert day["label"] == f"{date}, {n} time{'s' if n > 1 else ''} available"
    # The sections (one per day, the chosen one shown): the visitor's dates.
    local = [_local(s, zone) for s in slots]
    values = [[t.year, t.month, t.day, t.hour, t.minute] for t in local]
    labels = page.evaluate(FORMAT_JS, [values, locale])
    shown = page.evaluate(READ_SLOTS_JS)
    assert [len(s["slots"]) for s in shown] == [counts[d] for d in sorted(counts)]
    flat = [slot for section in shown for slot in section["slots"]]
    assert [s["start"] for s in flat] == [s["start"] for s in slots]
    for slot, label, t in zip(flat, labels, local, strict=True):
        assert slot["time"] == label["time"]
        assert slot["hidden"] == f"{label['day']}, "
        assert slot["text"].startswith(f"{label['day']}, {label['time']} "), t


@pytest.mark.parametrize(("zone", "locale"), ODD_ZONES)
def test_days_and_times_follow_zones_with_odd_offsets(browser, site90, url90, zone, locale):
    slots = slots_document(site90)["slots"]
    context, page, origins = new_page(browser, timezone_id=zone, locale=locale)
    page.goto(url90 + PICKER)
    _check_zone(page, slots, zone, locale)
    # Across midnight: a time that is one day for the coach and the next (or
    # the previous) for the visitor sits under the visitor's day.
    moved = [s for s in slots if str(_local(s, zone).date()) != s["date"]]
    assert bool(moved) == (zone != "America/St_Johns")
    if zone == "Pacific/Chatham":
        coach = ZoneInfo("America/New_York")
        tuesday = next(s for s in moved if utc(s["start"]).astimezone(coach).weekday() == 1)
        assert _local(tuesday, zone).weekday() == 2  # Wednesday here: grouped there above
    # The slot page of a moved time names the same local time.
    slot = (moved or slots)[0]
    t = _local(slot, zone)
    [label] = page.evaluate(FORMAT_JS, [[[t.year, t.month, t.day, t.hour, t.minute]], locale])
    page.goto(url90 + "/" + slot["url"])
    shown = page.locator("#booking-visitor-time time").text_content()
    assert shown.startswith(f"{label['day']}, {label['time']} ")
    assert origins == {url90}
    context.close()


def _menu_options(page) -> list[list[str]]:
    """The zone menu's options once zones.json has given them their countries."""
    page.locator("#booking-tz").focus()
    # Polled from here: wait_for_function's predicate is compiled in the
    # page, which the site's CSP (no 'unsafe-eval') rightly refuses.
    for _ in range(100):
        options = page.evaluate(
            "[...document.querySelectorAll('#booking-tzs option')]"
            ".map(o => [o.value, o.textContent])"
        )
        if any("," in text for _, text in options):
            return options
        page.wait_for_timeout(100)
    raise AssertionError("zones.json never gave the zone menu its countries")


@pytest.mark.parametrize(
    ("typed", "zone", "locale", "label"),
    [
        ("nepal", "Asia/Kathmandu", "en-GB", "Kathmandu, Nepal"),
        ("Kolkata", "Asia/Kolkata", "en-GB", "Kolkata, India"),
        # The site's language names the countries, whatever the browser's.
        ("JAPAN", "Asia/Tokyo", "fr-FR", "Tokyo, Japan"),
    ],
)
def test_the_zone_menu_finds_a_country_or_a_renamed_city_in_the_visitors_words(
    browser, url90, typed, zone, locale, label
):
    """Browsers still list some zones by an old name ("Asia/Katmandu",
    "Asia/Calcutta"): the menu shows and finds the current one, and a
    country with one zone is found by its name in the page's language."""
    context, page, origins = new_page(browser, timezone_id="Europe/Berlin", locale=locale)
    page.goto(url90 + PICKER)
    options = _menu_options(page)
    found = [v for v, t in options if t.startswith(label + " – ")]
    assert len(found) == 1, [o for o in options if zone.split("/")[1][:4] in o[0]]
    value = found[0]
    assert ZoneInfo(value).utcoffset(datetime(2026, 12, 1)) == ZoneInfo(zone).utcoffset(
        datetime(2026, 12, 1)
    )
    menu = page.locator("#booking-tz")
    menu.fill(typed)
    menu.press("Enter")
    assert menu.input_value() == value
    assert page.evaluate("sessionStorage.getItem('booking-tz')") == value
    assert origins == {url90}
    context.close()


def test_a_zone_chosen_from_the_menu_applies_to_the_picker_and_the_slot_pages(
    browser, site90, url90
):
    slots = slots_document(site90)["slots"]
    context, page, origins = new_page(browser, timezone_id="Europe/Berlin", locale="en-GB")
    page.goto(url90 + PICKER)
    menu = page.locator("#booking-tz")
    assert menu.input_value() == "Europe/Berlin"
    # Searchable by city (the id's last part), country and the zone's name
    # in the site's language: the options carry all three.
    options = _menu_options(page)
    assert len(options) > 300
    assert ["Asia/Tokyo", "Tokyo, Japan – Japan Standard Time"] in options
    assert any(v == "America/St_Johns" and t.startswith("St Johns, Canada – ") for v, t in options)
    # Typing a city and confirming picks its zone.
    menu.fill("tokyo")
    menu.press("Enter")
    assert menu.input_value() == "Asia/Tokyo"
    assert page.evaluate("sessionStorage.getItem('booking-tz')") == "Asia/Tokyo"
    assert page.evaluate("document.cookie") == ""
    assert page.evaluate("localStorage.length") == 0
    status = page.locator("#booking-status").text_content()
    assert status == "Times are shown in Japan Standard Time (Asia/Tokyo)."
    _check_zone(page, slots, "Asia/Tokyo", "en-GB")
    # The choice holds for the visit: reloading keeps it...
    page.reload()
    assert menu.input_value() == "Asia/Tokyo"
    # ...and the slot page shows the same time in Tokyo, in its line and in
    # the request email's zone line.
    first = page.locator("#booking-slots section:not([hidden]) a").first
    href = first.get_attribute("href")
    slot = next(s for s in slots if "/" + s["url"] == href)
    t = _local(slot, "Asia/Tokyo")
    [label] = page.evaluate(FORMAT_JS, [[[t.year, t.month, t.day, t.hour, t.minute]], "en-GB"])
    assert first.locator("time").text_content() == label["time"]
    first.click()
    assert page.url == url90 + href
    page.locator("#booking-visitor-time").wait_for(state="visible")  # booking.js has run
    visitor = page.locator("#booking-visitor-time time").text_content()
    assert visitor.startswith(f"{label['day']}, {label['time']} ")
    body = unquote(query(page.locator("#booking-request").get_attribute("href"))["body"])
    line = next(line for line in body.splitlines() if line.startswith("My time zone:"))
    # (the email is in the site's words and formats)
    [words] = page.evaluate(FORMAT_JS, [[[t.year, t.month, t.day, t.hour, t.minute]], "en"])
    assert (
        line
        == f"My time zone: Asia/Tokyo (for me: {words['day']}, {words['time']} Japan Standard Time)"
    )
    # Back to the coach's zone: one button; the slot page then adds nothing.
    page.goto(url90 + PICKER)
    page.locator("#booking-tz-coach").click()
    assert page.evaluate("sessionStorage.getItem('booking-tz')") == "America/New_York"
    page.goto(url90 + "/" + slots[0]["url"])
    assert page.locator("#booking-visitor-time").is_hidden()
    assert origins == {url90}
    context.close()


def test_the_grid_follows_the_aria_grid_pattern(browser, site90, url90):
    context, page, _ = new_page(browser, timezone_id="America/New_York", locale="en-US")
    page.goto(url90 + PICKER)
    grid = page.locator("#booking-picker table")
    assert grid.get_attribute("role") == "grid"
    assert grid.get_attribute("aria-labelledby") == "booking-month"
    assert page.locator("#booking-month").text_content() == "November 2026"
    assert page.locator("#booking-picker th").all_text_contents()[:2] == ["Sun", "Mon"]
    days = page.evaluate(READ_GRID_JS)
    # One day in the tab order (the chosen one: the first open day); closed
    # days are not focusable and say so.
    assert [d["tabindex"] for d in days].count("0") == 1
    assert days[0] == {
        "day": "2026-11-23",
        "label": days[0]["label"],
        "tabindex": "0",
        "selected": "true",
    }
    assert days[0]["label"].startswith("Monday, November 23, 2026, ")
    assert page.locator("#booking-picker td[aria-disabled=true][tabindex]").count() == 0
    assert page.locator("#booking-picker td[aria-disabled=true]").count() > 10
    page.locator("#booking-picker td[tabindex='0']").focus()

    def focused():
        return page.evaluate("document.activeElement.dataset.day")

    open_days = {d["day"] for d in days}
    page.keyboard.press("ArrowRight")  # Tue 24: open
    assert focused() == "2026-11-24"
    page.keyboard.press("ArrowRight")  # Wed 25 closed: the next open day
    assert focused() == "2026-11-26" and "2026-11-25" not in open_days
    page.keyboard.press("ArrowDown")  # a week later
    assert focused() == "2026-12-03"
    assert page.locator("#booking-month").text_content() == "December 2026"
    page.keyboard.press("Home")  # the week's first open day (Sunday is closed)
    assert focused() == "2026-11-30"
    assert page.locator("#booking-month").text_content() == "November 2026"
    page.keyboard.press("End")
    assert focused() == "2026-12-03"
    page.keyboard.press("ArrowUp")
    assert focused() == "2026-11-26"
    page.keyboard.press("PageDown")  # a month later: Saturday 26 December is closed
    assert focused() == "2026-12-28"
    page.keyboard.press("PageUp")
    assert focused() == "2026-11-30"
    # Moving does not choose; Enter (or Space) does, and shows that day's times.
    assert page.evaluate(READ_GRID_JS)[0]["selected"] == "true"
    page.keyboard.press("Enter")
    assert page.locator("#booking-picker td[aria-selected=true]").get_attribute("data-day") == (
        "2026-11-30"
    )
    visible = page.locator("#booking-slots section:not([hidden])")
    assert visible.count() == 1
    assert visible.locator("h2").text_content() == "Monday, November 30, 2026"
    # The time's name carries date, time and zone; the zone is shown once.
    link = visible.locator("a").first
    assert link.text_content() == "Monday, November 30, 2026, 9:00 AM Eastern Time"
    assert link.locator("time").text_content() == "9:00 AM"
    assert link.locator(".visually-hidden").all_text_contents() == [
        "Monday, November 30, 2026, ",
        " Eastern Time",
    ]
    # A click chooses too.
    page.locator("#booking-picker td[data-day='2026-11-24']").click()
    assert visible.locator("h2").text_content() == "Tuesday, November 24, 2026"
    context.close()


def test_the_whole_flow_takes_three_activations_from_the_keyboard(browser, site90, url90):
    slots = slots_document(site90)["slots"]
    context, page, origins = new_page(browser, timezone_id="Asia/Kathmandu", locale="en-US")
    page.goto(url90 + "/book/")
    activations = 0

    def tab_until(script: str, limit: int = 40) -> int:
        for n in range(1, limit):
            page.keyboard.press("Tab")
            if page.evaluate(script):
                return n
        raise AssertionError(script)

    def activate():
        nonlocal activations
        activations += 1
        page.keyboard.press("Enter")

    # 1: open the picker.
    tab_until("document.activeElement.getAttribute('href') === '/book/discovery/'")
    with page.expect_navigation():
        activate()
    assert page.url == url90 + PICKER
    # Tab lands in the grid on the chosen (first open) day; an arrow moves.
    tab_until("document.activeElement.closest('#booking-picker td') !== null")
    first_day = str(_local(slots[0], "Asia/Kathmandu").date())
    assert page.evaluate("document.activeElement.dataset.day") == first_day
    page.keyboard.press("ArrowRight")
    day = page.evaluate("document.activeElement.dataset.day")
    assert day > first_day
    # 2: choose the day; one Tab reaches its first time.
    activate()
    assert tab_until("document.activeElement.closest('#booking-slots a') !== null") == 1
    expected = next(s for s in slots if str(_local(s, "Asia/Kathmandu").date()) == day)
    assert page.evaluate("document.activeElement.getAttribute('href')") == "/" + expected["url"]
    # 3: the slot page.
    with page.expect_navigation():
        activate()
    assert page.url == url90 + "/" + expected["url"]
    assert activations == 3
    assert origins == {url90}
    context.close()


def test_the_next_open_time_is_one_step_from_the_top(browser, site90, url90):
    slots = slots_document(site90)["slots"]
    context, page, _ = new_page(browser, timezone_id="Asia/Kathmandu", locale="en-US")
    page.goto(url90 + PICKER)
    page.locator("main").focus()  # where the skip link leads
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "[document.activeElement.getAttribute('href'), document.activeElement.textContent]"
    )
    t = _local(slots[0], "Asia/Kathmandu")
    [label] = page.evaluate(FORMAT_JS, [[[t.year, t.month, t.day, t.hour, t.minute]], "en-US"])
    assert focused[0] == "/" + slots[0]["url"]
    assert focused[1].startswith(f"Next open time: {label['day']}, {label['time']} ")
    context.close()


def test_budgets_in_bytes(browser, site90, url90):
    """45 KB for the page (HTML + CSS + JS) with 90 days of times; 8 KB for
    the script. The no-JavaScript list is the data: it stays small."""
    assert len(slots_document(site90)["slots"]) > 250
    context, page, _ = new_page(browser)
    weight = page_weight(page, site90, url90 + PICKER)
    assert weight <= PICKER_BUDGET, weight
    [script] = (site90 / "theme/js").glob("booking.*.js")
    assert script.stat().st_size <= SCRIPT_BUDGET, script.stat().st_size
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_no_axe_violations_with_90_days(browser, url90, axe_source, javascript):
    from tests.support.booking import without_booking_script

    context, page, _ = new_page(browser, timezone_id="Pacific/Chatham", locale="fr-FR")
    if not javascript:
        without_booking_script(page)
    page.goto(url90 + PICKER)
    assert page.locator("#booking-picker").is_visible() == javascript
    assert axe_violations(page, axe_source) == []
    if javascript:
        page.locator("#booking-picker button.next").click()
        page.locator("#booking-tz").focus()
        assert axe_violations(page, axe_source) == []
    context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots(browser, url90, artifacts, width):
    context, page, _ = new_page(
        browser, viewport={"width": width, "height": 900}, timezone_id="Europe/Berlin"
    )
    page.goto(url90 + PICKER)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(artifacts / f"picker-month-{width}.png"), full_page=True)
    if width == 375:
        menu = page.locator("#booking-tz")
        menu.fill("tokyo")
        menu.press("Enter")
        menu.focus()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(artifacts / "picker-zone-menu-375.png"), full_page=True)
    context.close()
