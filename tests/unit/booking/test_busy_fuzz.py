"""The busy-calendar reader against calendars hypothesis mutates: truncated,
with bad values, wild recurrences and odd TZIDs. It returns busy intervals
or raises one BusySourceError line naming the calendar; never another
exception, never the calendar's private words, always within seconds."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plugins.booking import busy_ical
from plugins.booking.errors import BusySourceError
from plugins.booking.model import Interval

NY = ZoneInfo("America/New_York")
START, END = datetime(2026, 11, 22, tzinfo=UTC), datetime(2027, 2, 22, tzinfo=UTC)
SECRET = "Xq7 sertraline"
BASE = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//fuzz//EN",
    "BEGIN:VEVENT",
    "UID:fuzz@test",
    "DTSTAMP:20261101T000000Z",
    "DTSTART;TZID=America/New_York:20261201T100000",
    "DTEND;TZID=America/New_York:20261201T110000",
    "RRULE:FREQ=WEEKLY;COUNT=10",
    f"SUMMARY:{SECRET}",
    f"DESCRIPTION:{SECRET} notes",
    "END:VEVENT",
    "END:VCALENDAR",
]
RULES = [
    "FREQ=SECONDLY",
    "FREQ=MINUTELY;INTERVAL=7",
    "FREQ=HOURLY;BYMINUTE=0,30",
    "FREQ=DAILY;COUNT=0",
    "FREQ=YEARLY;BYDAY=-53MO",
    "FREQ=WEEKLY;UNTIL=19000101T000000Z",
    "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=2000000000",
    "FREQ=NOPE",
    "",
]
TZIDS = ["Mars/Olympus", '"(UTC+01:00) Amsterdam, Berlin"', "W. Europe Standard Time", ""]
VALUES = ["20261301T250000", "tomorrow", "", "99999999T999999Z", SECRET, "20261201"]

mutation = st.one_of(
    st.tuples(st.just("rule"), st.sampled_from(RULES)),
    st.tuples(st.just("tzid"), st.sampled_from(TZIDS)),
    st.tuples(st.just("value"), st.sampled_from(VALUES)),
    st.tuples(st.just("cut"), st.integers(0, 2000)),
    st.tuples(st.just("drop"), st.integers(0, len(BASE) - 1)),
    st.tuples(st.just("junk"), st.text(max_size=40)),
)


def _mutated(changes: list[tuple[str, object]]) -> bytes:
    lines = list(BASE)
    for kind, value in changes:
        if kind == "rule":
            lines = [f"RRULE:{value}" if x.startswith("RRULE") else x for x in lines]
        elif kind == "tzid":
            lines = [
                x.replace("TZID=America/New_York", f"TZID={value}") if x.startswith("DT") else x
                for x in lines
            ]
        elif kind == "value":
            lines = [x.split(":")[0] + f":{value}" if x.startswith("DTSTART") else x for x in lines]
        elif kind == "drop" and value < len(lines):
            del lines[value]
        elif kind == "junk":
            lines.insert(5, f"X-JUNK:{value}" if value else SECRET)
    data = ("\r\n".join(lines) + "\r\n").encode("utf-8", "replace")
    for kind, value in changes:
        if kind == "cut":
            data = data[: int(value)]
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutation, max_size=4))
def test_the_reader_publishes_busy_time_or_stops_in_one_line(changes):
    data = _mutated(changes)
    started = time.monotonic()
    try:
        found = [
            interval
            for calendar in busy_ical.parse(data, "[booking] busy_calendars, item 1 (busy.ics)")
            for interval in busy_ical.intervals(calendar, NY, START, END, "busy.ics")
        ]
    except BusySourceError as error:
        message = str(error)
        assert "\n" not in message and "sertraline" not in message
        assert message.startswith("busy calendar ")
    else:
        assert all(isinstance(i, Interval) for i in found)
    assert time.monotonic() - started < 5
