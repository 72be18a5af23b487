"""A Dublin coach open through the night the clocks go back (25 October
2026): the build names 00:00Z and 01:00Z, both 1:00 AM on her wall clock,
apart everywhere a slot is named: slots.json, the slot pages, the request
email's subject and the list on the picker page."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from html import unescape
from urllib.parse import unquote

from tests.support.booking_sample import build_booking_sample
from tests.support.site import sample_settings

BUILT = datetime(2026, 10, 20, 12, tzinfo=UTC)
FIRST, SECOND = "2026-10-25T00:00:00Z", "2026-10-25T01:00:00Z"


def test_the_two_passes_of_the_repeated_hour_are_named_apart(tmp_path):
    booking = {
        **sample_settings().BOOKING,
        "timezone": "Europe/Dublin",
        "weekly_hours": {},
        "date_overrides": {"2026-10-25": ["00:30-02:30"]},
        "busy_calendars": [],
        "minimum_notice_hours": 0,
        "buffer_after_minutes": 0,
    }
    output = build_booking_sample(
        tmp_path, epoch=int(BUILT.timestamp()), overrides={"BOOKING": booking}
    ).output
    slots = json.loads((output / "book/discovery/slots.json").read_text("utf-8"))["slots"]
    by_start = {slot["start"]: slot for slot in slots}
    first, second = by_start[FIRST], by_start[SECOND]
    assert (first["time_label"], second["time_label"]) == ("1:00 AM GMT+1", "1:00 AM GMT+0")
    for key in ("time_label", "full_label", "request_subject"):
        assert len({slot[key] for slot in slots}) == len(slots), key
    assert first["full_label"] == "Sunday, October 25, 2026, 1:00 AM GMT+1 Ireland Time"
    assert first["request_subject"].startswith(f"Booking request: {first['full_label']} [[")
    # Times outside the repeated hour keep their plain label.
    assert by_start["2026-10-25T02:00:00Z"]["time_label"] == "2:00 AM"
    assert by_start["2026-10-24T23:30:00Z"]["time_label"] == "12:30 AM"
    for slot in (first, second):
        page = unescape((output / slot["url"] / "index.html").read_text("utf-8"))
        other = second if slot is first else first
        assert slot["full_label"] in page and other["full_label"] not in page
        assert f"subject={slot['request_subject']}" in unquote(page)
    picker = unescape((output / "book/discovery/index.html").read_text("utf-8"))
    assert ">1:00 AM GMT+1<" in picker and ">1:00 AM GMT+0<" in picker
