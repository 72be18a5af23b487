"""Busy calendars as an attacker (or a broken app) writes them: recurrences
that never end, and private words in lines that do not parse. The build
publishes correct busy time or stops with one line naming the calendar and a
line or position, in seconds, and never repeats a calendar's text."""

from __future__ import annotations

import resource
import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from plugins.booking import busy_ical
from plugins.booking.errors import BusySourceError
from plugins.booking.model import Interval
from tests.support.ics_text import event, ics

NY = ZoneInfo("America/New_York")
# The widest window a build asks for: a 365-day horizon.
START, END = datetime(2026, 11, 22, tzinfo=UTC), datetime(2027, 11, 22, tzinfo=UTC)
PRIVATE = "meds: sertraline 100mg"
# Without a colon a line is no content line at all: icalendar refuses the calendar.
PRIVATE_LINE = "Patient Jane Doe HIV result positive sertraline 100mg"


def _intervals(data: bytes) -> list[Interval]:
    found = []
    for calendar in busy_ical.parse(data, "busy.ics"):
        found += busy_ical.intervals(calendar, NY, START, END, "busy.ics")
    return found


def _quick(data: bytes) -> tuple[list[Interval] | BusySourceError, float]:
    started = time.monotonic()
    try:
        result: list[Interval] | BusySourceError = _intervals(data)
    except BusySourceError as error:
        result = error
    return result, time.monotonic() - started


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=SECONDLY",
        "FREQ=SECONDLY;COUNT=2000000000",
        "FREQ=MINUTELY",
        "FREQ=MINUTELY;INTERVAL=1;UNTIL=20991231T000000Z",
    ],
)
def test_back_to_back_sub_daily_repeats_are_one_busy_span_in_an_instant(rule):
    data = ics(event("DTSTART:20200101T000000Z", "DURATION:PT1M", f"RRULE:{rule}"))
    before = _peak_mib()
    found, seconds = _quick(data)
    assert seconds < 2 and _peak_mib() - before < 100
    # Busy without a gap over the whole window: no slot can be offered.
    assert found == [Interval(int(START.timestamp()) - 2 * 86400, found[0].end)]
    assert found[0].end >= int(END.timestamp())


def test_a_sparse_endless_repeat_stops_the_build_in_one_line():
    data = ics(
        event("DTSTART:20200101T000000Z", "DTEND:20200101T000001Z", "RRULE:FREQ=MINUTELY"),
        event(f"SUMMARY:{PRIVATE}", uid="e2@test"),
    )
    found, seconds = _quick(data)
    assert seconds < 2
    assert isinstance(found, BusySourceError)
    message = str(found)
    assert "VEVENT 1 repeats every 60 s (MINUTELY) more than 5,000 times" in message
    assert PRIVATE not in message and "\n" not in message


def test_a_sub_daily_repeat_that_ends_soon_is_expanded_exactly():
    data = ics(
        event(
            "DTSTART:20261201T150000Z",
            "DTEND:20261201T151500Z",
            "RRULE:FREQ=HOURLY;INTERVAL=2;COUNT=3",
        )
    )
    found, _ = _quick(data)
    starts = sorted(i.start for i in found)
    first = int(datetime(2026, 12, 1, 15, tzinfo=UTC).timestamp())
    assert starts == [first, first + 7200, first + 14400]
    assert all(i.end - i.start == 900 for i in found)


@pytest.mark.parametrize(
    ("lines", "where"),
    [
        (["BEGIN:VCALENDAR", "VERSION:2.0", PRIVATE_LINE, "END:VCALENDAR"], "line 3"),
        (
            [
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                "BEGIN:VEVENT",
                "UID:a",
                "DESCRIPTION:x",
                f" continued {PRIVATE}",
                PRIVATE_LINE,
                "END:VEVENT",
                "END:VCALENDAR",
            ],
            "line 7",
        ),
        (
            [
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                "BEGIN:VEVENT",
                "UID:a",
                f"DTSTART:2026XX {PRIVATE}",
                "END:VEVENT",
                "END:VCALENDAR",
            ],
            "VEVENT 1: DTSTART cannot be read",
        ),
        (["<html><body>Please log in", PRIVATE_LINE, "</body></html>"], "line 1"),
    ],
    ids=["a line without a colon", "after a folded line", "a bad value", "a login page"],
)
def test_parse_errors_name_the_line_never_the_text(lines, where):
    data = "\r\n".join(lines).encode() + b"\r\n"
    with pytest.raises(BusySourceError) as caught:
        busy_ical.parse(data, "[booking] busy_calendars, item 1 (busy.ics)")
    message = str(caught.value)
    assert where in message
    assert PRIVATE not in message and "sertraline" not in message and "log in" not in message
