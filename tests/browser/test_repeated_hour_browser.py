"""The hour the clocks go back, in a real Chromium: a visitor in Dublin on
25 October 2026 sees 00:00Z and 01:00Z both at 1:00 AM on her wall clock;
the picker and the slot page must tell them apart (with the UTC offset)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sitetools.server import serve_in_thread
from tests.support.booking import READ_SLOTS_JS, new_page
from tests.support.booking_sample import build_booking_sample
from tests.support.site import sample_settings

pytestmark = pytest.mark.browser

BUILT = datetime(2026, 10, 20, 12, tzinfo=UTC)  # five days before the change
FIRST_PASS, SECOND_PASS = "20261025T000000Z", "20261025T010000Z"


def _site(root, zone: str, windows: dict[str, list[str]]):
    booking = {
        **sample_settings().BOOKING,
        "timezone": zone,
        "weekly_hours": {},
        "date_overrides": windows,
        "busy_calendars": [],
        "minimum_notice_hours": 0,
        "horizon_days": 14,
        "buffer_after_minutes": 0,
    }
    return build_booking_sample(
        root, epoch=int(BUILT.timestamp()), overrides={"BOOKING": booking}
    ).output


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """(New York coach: the picker converts; Dublin coach: the build labels)."""
    new_york = _site(
        tmp_path_factory.mktemp("ny"), "America/New_York", {"2026-10-24": ["19:30-22:30"]}
    )
    dublin = _site(
        tmp_path_factory.mktemp("dublin"), "Europe/Dublin", {"2026-10-25": ["00:30-02:30"]}
    )
    servers = [serve_in_thread(output) for output in (new_york, dublin)]
    yield [url for _, url in servers]
    for server, _ in servers:
        server.shutdown()


def _times(page, url) -> dict[str, str]:
    page.goto(url + "/book/discovery/")
    page.wait_for_selector("#booking-slots section")
    sections = page.evaluate(READ_SLOTS_JS)
    return {slot["start"]: slot["time"] for section in sections for slot in section["slots"]}


@pytest.mark.parametrize("coach", ["America/New_York", "Europe/Dublin"])
def test_the_picker_names_both_passes_of_the_repeated_hour_apart(browser, sites, coach):
    url = sites[0] if coach == "America/New_York" else sites[1]
    context, page, _ = new_page(browser, at=BUILT, timezone_id="Europe/Dublin", locale="en-US")
    times = _times(page, url)
    context.close()
    first, second = times["2026-10-25T00:00:00Z"], times["2026-10-25T01:00:00Z"]
    assert first != second
    assert first == "1:00 AM GMT+1" and second == "1:00 AM GMT+0"
    # Every label on the day is different, and times outside the hour are plain.
    assert len(set(times.values())) == len(times)
    assert times["2026-10-25T02:00:00Z"] == "2:00 AM"


def test_the_slot_page_shows_the_visitors_repeated_hour_with_its_offset(browser, sites):
    context, page, _ = new_page(browser, at=BUILT, timezone_id="Europe/Dublin", locale="en-US")
    seen = []
    for stamp in (FIRST_PASS, SECOND_PASS):
        page.goto(f"{sites[0]}/book/discovery/{stamp}/")
        seen.append(page.locator("#booking-visitor-time time").text_content())
    context.close()
    assert seen == [
        "Sunday, October 25, 2026, 1:00 AM GMT+1 Irish Standard Time",
        "Sunday, October 25, 2026, 1:00 AM GMT+0 Greenwich Mean Time",
    ]


def test_the_manage_pages_move_list_names_both_passes_apart(browser, sites):
    # A Dublin booking at 00:30 local being moved: the open times include both 1:00 AMs.
    signature = "abcdefghijklmnopqrst234567"
    context, page, _ = new_page(browser, at=BUILT, timezone_id="Europe/Dublin", locale="en-US")
    page.goto(f"{sites[1]}/book/manage/#move.discovery-20261024T233000Z.0.{signature}")
    page.locator("#manage-times a").first.wait_for()
    labels = page.locator("#manage-times a").all_text_contents()
    context.close()
    assert len(labels) == len(set(labels)) == 5
    assert "Sunday, October 25, 2026, 1:00 AM GMT+1" in labels
    assert "Sunday, October 25, 2026, 1:00 AM GMT+0" in labels
