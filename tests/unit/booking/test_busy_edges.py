"""Busy calendars at the edges of what the reader handles: a folded Outlook
zone name, a zone that several EXDATE lines name differently, floating
times in fast series and in free/busy periods, a fast series after another
one, and the messages of the failures only the library itself notices."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from plugins.booking.busy_ical import MAX_STEPS, calendar_intervals
from plugins.booking.errors import BusySourceError
from plugins.booking.model import Interval
from tests.support.ics_text import event, ics

PARIS = ZoneInfo("Europe/Paris")
START, END = datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC)
LABEL = "[booking] busy_calendars, item 1 (busy.ics)"
OUTLOOK = "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna"


def busy(data: bytes, zone: ZoneInfo = PARIS) -> list[Interval]:
    return sorted(calendar_intervals(data, LABEL, zone, START, END))


def at(*parts: int, zone=UTC) -> int:
    return int(datetime(*parts, tzinfo=zone).timestamp())


def fold(line: str) -> str:
    """RFC 5545 folding: at most 75 octets a line, the rest after CRLF and a space."""
    return "\n ".join(line[i : i + 74] for i in range(0, len(line), 74))


def failure(data: bytes) -> str:
    with pytest.raises(BusySourceError) as caught:
        busy(data)
    assert caught.value.source == LABEL
    return caught.value.problem


def test_a_folded_outlook_zone_name_is_unfolded_and_read():
    start = fold(f'DTSTART;TZID="{OUTLOOK}":20261102T090000')
    end = fold(f'DTEND;TZID="{OUTLOOK}":20261102T100000')
    assert "\n " in start  # the name really is folded, as Outlook writes it
    assert busy(ics(event(start, end))) == [(at(2026, 11, 2, 8), at(2026, 11, 2, 9))]


def test_each_exdate_line_is_read_in_its_own_zone():
    # Three daily meetings; the second is cancelled by an EXDATE in an IANA
    # zone, the third by an EXDATE in Outlook's display name of the same zone.
    data = ics(
        event(
            "DTSTART;TZID=Europe/Berlin:20261102T090000",
            "DURATION:PT1H",
            "RRULE:FREQ=DAILY;COUNT=3",
            "EXDATE;TZID=Europe/Berlin:20261103T090000",
            f'EXDATE;TZID="{OUTLOOK}":20261104T090000',
        )
    )
    assert busy(data, ZoneInfo("America/New_York")) == [(at(2026, 11, 2, 8), at(2026, 11, 2, 9))]


def test_each_rdate_line_is_read_in_its_own_zone():
    # Extra dates of one meeting: the first in an IANA zone, the second in
    # Outlook's display name of the same zone; both at 09:00 in Berlin.
    data = ics(
        event(
            "DTSTART;TZID=Europe/Berlin:20261102T090000",
            "DURATION:PT1H",
            "RDATE;TZID=Europe/Berlin:20261103T090000",
            f'RDATE;TZID="{OUTLOOK}":20261104T090000',
        )
    )
    found = busy(data, ZoneInfo("America/New_York"))
    assert [i.start for i in found] == [at(2026, 11, day, 8) for day in (2, 3, 4)]


def test_a_zone_name_written_so_it_cannot_be_replaced_stops_in_one_line():
    data = ics(event(f'DTSTART;tzid="{OUTLOOK}":20261102T090000', "DURATION:PT1H"))
    assert failure(data) == "a TZID is written in a way that cannot be read"


def test_begin_and_end_lines_that_do_not_match_are_named_as_such():
    data = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    assert failure(data) == "not valid iCalendar (its BEGIN and END lines do not match)"


def test_a_rule_the_library_cannot_expand_is_named_by_its_kind_only():
    data = ics(event("DTSTART:20261102T090000Z", "DURATION:PT1H", "RRULE:FREQ=MONTHLY;BYSETPOS=0"))
    assert failure(data) == "cannot expand its events (BadRuleStringFormat)"


def test_a_fast_series_whose_start_is_a_period_stops_in_one_line():
    data = ics(event("DTSTART;VALUE=PERIOD:20261102T090000Z/PT1H", "RRULE:FREQ=MINUTELY"))
    assert failure(data) == "VEVENT 1: its RRULE cannot be read"


def test_a_floating_free_busy_period_is_her_wall_time():
    data = ics(
        "\n".join(
            [
                "BEGIN:VFREEBUSY",
                "UID:f@test",
                "DTSTAMP:20261101T000000Z",
                "FREEBUSY:20261103T090000/20261103T100000",
                "FREEBUSY:20261104T090000/PT30M",
                "END:VFREEBUSY",
            ]
        )
    )
    nine = datetime(2026, 11, 3, 9, tzinfo=PARIS)
    assert busy(data) == [
        (at(2026, 11, 3, 9, zone=PARIS), at(2026, 11, 3, 10, zone=PARIS)),
        (int((nine + timedelta(days=1)).timestamp()), at(2026, 11, 4, 9, 30, zone=PARIS)),
    ]


def test_a_free_busy_property_outside_a_vfreebusy_is_not_busy_time():
    data = ics(
        event(
            "DTSTART:20261102T090000Z",
            "DURATION:PT1H",
            "TRANSP:TRANSPARENT",
            "FREEBUSY:20261103T090000Z/20261103T100000Z",
        )
    )
    assert busy(data) == []


def test_a_floating_fast_series_is_bounded_in_her_zone():
    # Back-to-back minutes from 09:00 to 17:00 her time, written floating,
    # with DTEND: one interval, at her wall time, ending at UNTIL's minute.
    data = ics(
        event(
            "DTSTART:20261102T090000",
            "DTEND:20261102T090100",
            "RRULE:FREQ=MINUTELY;UNTIL=20261108T165900",
        )
    )
    assert (at(2026, 11, 8, 16, 59, zone=PARIS) - at(2026, 11, 2, 9, zone=PARIS)) // 60 > MAX_STEPS
    assert busy(data) == [(at(2026, 11, 2, 9, zone=PARIS), at(2026, 11, 8, 17, zone=PARIS))]


def test_every_fast_series_is_looked_at_not_only_the_first():
    transparent = event(
        "DTSTART:20261101T000000Z", "DURATION:PT1S", "RRULE:FREQ=SECONDLY", "TRANSP:TRANSPARENT"
    )
    short = event("DTSTART:20261102T090000Z", "DURATION:PT1H", "RRULE:FREQ=HOURLY;COUNT=2", uid="s")
    endless = event("DTSTART:20261120T000000Z", "DURATION:PT1M", "RRULE:FREQ=MINUTELY", uid="m")
    another = event(
        "DTSTART:20261125T000000Z", "DURATION:PT2M", "RRULE:FREQ=MINUTELY;INTERVAL=2", uid="t"
    )
    found = busy(ics(transparent, short, endless, another))
    assert found[:2] == [
        (at(2026, 11, 2, 9), at(2026, 11, 2, 10)),
        (at(2026, 11, 2, 10), at(2026, 11, 2, 11)),
    ]
    # Each endless series is one interval (bounded before the library would
    # step through it), from its start to past the window's end.
    assert len(found) == 4
    assert [i.start for i in found[2:]] == [at(2026, 11, 20), at(2026, 11, 25)]
    assert all(i.end >= at(2026, 12, 1) for i in found[2:])
