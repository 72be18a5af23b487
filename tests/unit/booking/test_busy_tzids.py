"""TZIDs as calendar apps write them. A busy hour in an Outlook display-name
zone is busy at the right instant; a TZID that names nothing stops the build
(read as the coach's own wall time, its busy hour would be offered)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from plugins.booking import busy_ical
from plugins.booking.errors import BusySourceError
from plugins.booking.tzids import display_name_zone
from tests.support.ics_text import ics

NY = ZoneInfo("America/New_York")
START, END = datetime(2026, 11, 22, tzinfo=UTC), datetime(2027, 1, 22, tzinfo=UTC)


def _event_in(tzid: str) -> bytes:
    quoted = f'"{tzid}"' if any(c in tzid for c in ",:;") else tzid
    return ics(
        "\n".join(
            [
                "BEGIN:VEVENT",
                "UID:t@test",
                "DTSTAMP:20261101T000000Z",
                f"DTSTART;TZID={quoted}:20261201T100000",
                f"DTEND;TZID={quoted}:20261201T110000",
                "END:VEVENT",
            ]
        )
    )


def _busy(data: bytes):
    return [
        i
        for c in busy_ical.parse(data, "busy.ics")
        for i in busy_ical.intervals(c, NY, START, END, "x")
    ]


@pytest.mark.parametrize(
    ("tzid", "utc_hour"),
    [
        ("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", 9),
        ("(UTC-05:00) Eastern Time (US & Canada)", 15),
        ("(UTC-06:00) Guadalajara, Mexico City, Monterrey", 16),
        ("W. Europe Standard Time", 9),  # a Windows zone ID: icalendar's own table
        ("Europe/Berlin", 9),
    ],
)
def test_the_busy_hour_is_at_the_right_instant(tzid, utc_hour):
    (interval,) = _busy(_event_in(tzid))
    assert interval.start == int(datetime(2026, 12, 1, utc_hour, tzinfo=UTC).timestamp())
    assert interval.end - interval.start == 3600


@pytest.mark.parametrize("tzid", ["Mars/Olympus", "(UTC+01:00) Atlantis", "My Zone"])
def test_a_tzid_that_names_nothing_stops_in_one_line(tzid):
    with pytest.raises(BusySourceError) as caught:
        busy_ical.parse(_event_in(tzid), "[booking] busy_calendars, item 1 (busy.ics)")
    message = str(caught.value)
    assert "VEVENT 1: DTSTART names a time zone (TZID)" in message and "\n" not in message


def test_display_names_need_a_matching_offset():
    assert display_name_zone("(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi") == "Asia/Kolkata"
    assert display_name_zone("(UTC+09:00) Amsterdam") is None  # the city, but not its offset
