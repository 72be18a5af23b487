"""Each way a busy calendar fails, as the one line the coach reads: the
calendar's name from her settings, the component by position, what to do;
never the calendar's text."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from plugins.booking.busy_ical import calendar_intervals
from plugins.booking.errors import BusySourceError
from tests.support.ics_text import event, ics

LABEL = "[booking] busy_calendars, item 2 (work.ics)"
HEAD = f"busy calendar {LABEL}: "
FAST = (
    "VEVENT 1 repeats every 60 s (MINUTELY) more than 5,000 times up to the booking "
    "horizon; the build cannot know its busy time in time (end or thin out that series "
    "in your calendar)"
)
CASES = {
    "no calendar": (
        b"BEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n",
        "not valid iCalendar (no BEGIN:VCALENDAR ... END:VCALENDAR)",
    ),
    "a date that is none": (
        ics(
            event("DTSTART:20261102T090000Z", "DTEND:20261102T100000Z", uid="a"),
            event("DTSTART:notadate", "DTEND:20261102T100000Z", uid="b"),
        ),
        "not valid iCalendar: VEVENT 2: DTSTART cannot be read",
    ),
    "an unknown zone": (
        ics(event("DTSTART;TZID=Mars/Olympus:20261102T090000", "DURATION:PT1H")),
        "VEVENT 1: DTSTART names a time zone (TZID) that is neither an IANA nor a Windows "
        "zone and has no VTIMEZONE; export the calendar again, or ask its app to include "
        "time zones",
    ),
    "an unreadable rule": (
        ics(event("DTSTART:20261102T090000Z", "DURATION:PT1M", "RRULE:FREQ=MINUTELY;INTERVAL=x")),
        "not valid iCalendar: VEVENT 1: RRULE cannot be read",
    ),
    "a thinned fast series": (
        ics(event("DTSTART:20261102T090000Z", "DURATION:PT1M", "RRULE:FREQ=MINUTELY;BYSECOND=0")),
        FAST,
    ),
    "a fast series with gaps": (
        ics(event("DTSTART:20261102T090000Z", "DURATION:PT30S", "RRULE:FREQ=MINUTELY")),
        FAST,
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_failure_is_one_exact_line(case):
    data, problem = CASES[case]
    with pytest.raises(BusySourceError) as caught:
        calendar_intervals(
            data,
            LABEL,
            ZoneInfo("Europe/Paris"),
            datetime(2026, 11, 1, tzinfo=UTC),
            datetime(2026, 12, 1, tzinfo=UTC),
        )
    assert str(caught.value) == HEAD + problem
    assert (caught.value.source, caught.value.problem) == (LABEL, problem)


def test_a_windows_zone_name_is_read_as_its_iana_zone():
    windows = ics(
        event(
            'DTSTART;TZID="W. Europe Standard Time":20261102T090000',
            'DTEND;TZID="W. Europe Standard Time":20261102T100000',
        )
    )
    found = calendar_intervals(
        windows,
        LABEL,
        ZoneInfo("America/New_York"),
        datetime(2026, 11, 1, tzinfo=UTC),
        datetime(2026, 12, 1, tzinfo=UTC),
    )
    start = int(datetime(2026, 11, 2, 8, tzinfo=UTC).timestamp())  # 09:00 in Berlin
    assert found == [(start, start + 3600)]
