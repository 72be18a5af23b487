"""The busy reader takes start and end from recurring-ical-events' occurrences
without the component copy the library makes for each; it must give exactly
what the library's public `between()` gives, for every kind of event."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
import recurring_ical_events
from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.booking import busy, busy_ical
from plugins.booking.model import Interval
from plugins.booking.slots import free_starts, merge
from tests.support.ics_text import event, ics

START, END = datetime(2026, 11, 1, tzinfo=UTC), datetime(2027, 2, 1, tzinfo=UTC)

CALENDARS = {
    "series, EXDATE, moved instance": ics(
        event(
            "DTSTART;TZID=America/New_York:20261103T100000",
            "DTEND;TZID=America/New_York:20261103T110000",
            "RRULE:FREQ=WEEKLY;COUNT=10",
            "EXDATE;TZID=America/New_York:20261110T100000",
            uid="s@test",
        ),
        event(
            "RECURRENCE-ID;TZID=America/New_York:20261117T100000",
            "DTSTART;TZID=America/New_York:20261116T150000",
            "DTEND;TZID=America/New_York:20261116T160000",
            uid="s@test",
        ),
    ),
    "a cancelled and a transparent instance of a series": ics(
        event(
            "DTSTART:20261102T140000Z",
            "DURATION:PT1H",
            "RRULE:FREQ=DAILY;COUNT=20",
            uid="d@test",
        ),
        event(
            "RECURRENCE-ID:20261104T140000Z",
            "DTSTART:20261104T140000Z",
            "DURATION:PT1H",
            "STATUS:CANCELLED",
            uid="d@test",
        ),
        event(
            "RECURRENCE-ID:20261105T140000Z",
            "DTSTART:20261105T150000Z",
            "DURATION:PT1H",
            "TRANSP:TRANSPARENT",
            uid="d@test",
        ),
    ),
    "all-day, floating, no end, RDATE": ics(
        event("DTSTART;VALUE=DATE:20261124", "DTEND;VALUE=DATE:20261126", uid="a@test"),
        event("DTSTART:20261201T090000", "DTEND:20261201T100000", uid="f@test"),
        event("DTSTART:20261202T090000Z", uid="n@test"),
        event("DTSTART;VALUE=DATE:20261203", uid="nd@test"),
        event(
            "DTSTART:20261207T090000Z",
            "DTEND:20261207T093000Z",
            "RDATE:20261209T120000Z,20261211T120000Z",
            uid="r@test",
        ),
    ),
    "a series that began long ago and a reversed event": ics(
        event(
            "DTSTART;TZID=Europe/Berlin:20200106T080000",
            "DTEND;TZID=Europe/Berlin:20200106T083000",
            "RRULE:FREQ=WEEKLY;BYDAY=MO,TH",
            uid="old@test",
        ),
        event("DTSTART:20261210T100000Z", "DTEND:20261210T090000Z", uid="rev@test"),
    ),
}


def both(data: bytes, start: datetime = START, end: datetime = END) -> tuple[list, list]:
    calendar = icalendar.Calendar.from_ical(data)
    fast = busy_ical.occurrence_spans(calendar, start, end)
    reference = [
        # What the library's public path gives: a copy of each occurrence,
        # whose DTEND it computed (from DURATION if need be); icalendar's
        # `end` covers the rest (RFC 5545's defaults).
        (copy["DTSTART"].dt, copy.end if copy.get("DTEND") is None else copy["DTEND"].dt)
        for copy in recurring_ical_events.of(calendar).between(start, end)
        if not busy_ical._is_free(copy)
    ]
    return fast, reference


@pytest.mark.parametrize("data", CALENDARS.values(), ids=CALENDARS.keys())
def test_occurrences_give_what_the_library_gives(data):
    fast, reference = both(data)
    assert fast == reference
    assert fast  # each calendar has busy time in the window


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(-60, 120),  # start day from START
            st.integers(0, 95),  # quarter hour
            st.sampled_from([15, 30, 60, 90, 24 * 60]),  # minutes
            st.sampled_from(["", "DAILY", "WEEKLY"]),
            st.integers(1, 30),  # COUNT
            st.sampled_from(["Z", "America/New_York", "Pacific/Chatham", ""]),
        ),
        max_size=12,
    )
)
def test_random_series_agree_with_the_library(specs):
    events = []
    for n, (day, quarter, minutes, freq, count, zone) in enumerate(specs):
        begin = datetime(2026, 11, 1) + timedelta(days=day, minutes=15 * quarter)
        finish = begin + timedelta(minutes=minutes)

        def stamp(moment: datetime, zone: str = zone) -> str:
            text = moment.strftime("%Y%m%dT%H%M%S")
            if zone == "Z":
                return f":{text}Z"
            return f";TZID={zone}:{text}" if zone else f":{text}"

        lines = [f"DTSTART{stamp(begin)}", f"DTEND{stamp(finish)}"]
        if freq:
            lines.append(f"RRULE:FREQ={freq};COUNT={count}")
        events.append(event(*lines, uid=f"e{n}@test"))
    fast, reference = both(ics(*events))
    assert fast == reference


def brute_free(starts, busy_intervals, before, span):
    return [
        s for s in starts if all(b.end <= s - before or b.start >= s + span for b in busy_intervals)
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 500), max_size=40),
    st.lists(st.tuples(st.integers(0, 520), st.integers(0, 60)), max_size=20),
    st.integers(0, 30),
    st.integers(1, 60),
)
def test_free_starts_matches_checking_every_interval(starts, spans, before, span):
    starts = sorted(set(starts))
    intervals = merge(Interval(s, s + length) for s, length in spans)
    assert free_starts(starts, intervals, before, span) == brute_free(
        starts, intervals, before, span
    )


def test_the_cycle_collector_is_restored_after_a_calendar_even_a_bad_one():
    import gc
    from zoneinfo import ZoneInfo

    from plugins.booking.errors import BusySourceError

    zone = ZoneInfo("Europe/Paris")
    good = CALENDARS["series, EXDATE, moved instance"]
    assert busy.load(["a.ics"], ".", zone, START, END, 5, reader=lambda *_: good)
    assert gc.isenabled()
    with pytest.raises(BusySourceError):
        busy.load(["b.ics"], ".", zone, START, END, 5, reader=lambda *_: b"BEGIN:VCALENDAR\r\n")
    assert gc.isenabled()
    gc.disable()
    try:
        busy.load(["a.ics"], ".", zone, START, END, 5, reader=lambda *_: good)
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()
