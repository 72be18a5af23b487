"""Busy calendars with many events side by side: fast series bounded by
COUNT, UNTIL and INTERVAL; a fast series after other events; FREE and BUSY
periods in one VFREEBUSY; events at the range's far edge; transparent and
cancelled fast series, which never block and are never expanded."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from plugins.booking.busy_ical import MAX_STEPS, _fast_recurrences, calendar_intervals, parse
from plugins.booking.errors import BusySourceError
from tests.support.ics_text import event, ics

ZONE = ZoneInfo("Europe/Paris")
START, END = datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC)
FIRST = int(datetime(2026, 11, 2, 9, tzinfo=UTC).timestamp())


def busy(*components: str, end: datetime = END) -> list[tuple[int, int]]:
    return sorted(calendar_intervals(ics(*components), "test.ics", ZONE, START, end))


def fast(rule: str, uid: str, extra: tuple[str, ...] = ()) -> str:
    """A back-to-back series of one-minute meetings (more than MAX_STEPS of them)."""
    return event("DTSTART:20261102T090000Z", "DURATION:PT1M", rule, *extra, uid=uid)


def test_count_until_and_interval_bound_a_fast_series():
    count = MAX_STEPS + 1000
    assert busy(fast(f"RRULE:FREQ=MINUTELY;COUNT={count}", "c")) == [(FIRST, FIRST + count * 60)]
    assert busy(fast("RRULE:FREQ=MINUTELY;UNTIL=20261110T090000Z", "u")) == [
        (FIRST, FIRST + 8 * 86400 + 60)
    ]
    every_two = event(
        "DTSTART:20261102T090000Z",
        "DURATION:PT2M",
        f"RRULE:FREQ=MINUTELY;INTERVAL=2;COUNT={count}",
        uid="i",
    )
    assert busy(every_two) == [(FIRST, FIRST + (count - 1) * 120 + 120)]


def test_a_fast_series_after_other_events_is_still_bounded():
    plain = event("DTSTART:20261103T100000Z", "DTEND:20261103T110000Z", uid="p")
    daily = event("DTSTART:20261104T100000Z", "DURATION:PT1H", "RRULE:FREQ=DAILY;COUNT=2", uid="d")
    endless = fast("RRULE:FREQ=MINUTELY", "f")
    found = busy(plain, daily, endless)
    day = 86400
    # The endless series: busy from its start to the end of the range read
    # (the range plus two days' margin), its last minute included.
    assert (FIRST, int(END.timestamp()) + 2 * day + 60) in found
    assert (FIRST + day + 3600, FIRST + day + 7200) in found  # the plain event, kept
    assert (FIRST + 2 * day + 3600, FIRST + 2 * day + 7200) in found  # the daily one
    assert (FIRST + 3 * day + 3600, FIRST + 3 * day + 7200) in found
    assert len(found) == 4


def test_free_periods_do_not_hide_busy_ones_in_the_same_vfreebusy():
    freebusy = "\n".join(
        [
            "BEGIN:VFREEBUSY",
            "UID:fb@test",
            "DTSTAMP:20261101T000000Z",
            "FREEBUSY;FBTYPE=FREE:20261105T080000Z/20261105T090000Z",
            "FREEBUSY;FBTYPE=BUSY:20261105T100000Z/PT1H",
            "FREEBUSY:20261106T100000Z/20261106T110000Z,20261107T100000Z/20261107T103000Z",
            "END:VFREEBUSY",
        ]
    )
    at = int(datetime(2026, 11, 5, 10, tzinfo=UTC).timestamp())
    day = 86400
    assert busy(freebusy) == [
        (at, at + 3600),
        (at + day, at + day + 3600),
        (at + 2 * day, at + 2 * day + 1800),
    ]


def test_events_in_the_last_days_of_the_range_are_kept():
    near_end = event("DTSTART:20261130T200000Z", "DTEND:20261130T210000Z", uid="late")
    weekly = event("DTSTART:20261103T200000Z", "DURATION:PT1H", "RRULE:FREQ=WEEKLY", uid="w")
    found = busy(near_end, weekly)
    last = int(datetime(2026, 11, 30, 20, tzinfo=UTC).timestamp())
    assert (last, last + 3600) in found
    # The weekly series on 24 November and 1 December (in the margin after the range).
    assert (last - 6 * 86400, last - 6 * 86400 + 3600) in found
    assert (last + 86400, last + 86400 + 3600) in found


def test_transparent_and_cancelled_fast_series_never_block_and_are_not_expanded():
    components = (
        fast("RRULE:FREQ=SECONDLY", "t", ("TRANSP:TRANSPARENT",)),
        fast("RRULE:FREQ=SECONDLY", "x", ("STATUS:CANCELLED",)),
        event("DTSTART:20261103T100000Z", "DTEND:20261103T110000Z", uid="real"),
    )
    assert busy(*components) == [(FIRST + 86400 + 3600, FIRST + 86400 + 7200)]
    # Removed before the library would step through a month of seconds.
    [calendar] = parse(ics(*components), "test.ics")
    assert _fast_recurrences(calendar, ZONE, START, END, "test.ics") == []
    assert [str(c["UID"]) for c in calendar.walk("VEVENT")] == ["real"]


def test_a_vfreebusy_with_one_period_or_none():
    one = "\n".join(
        [
            "BEGIN:VFREEBUSY",
            "UID:one@test",
            "DTSTAMP:20261101T000000Z",
            "FREEBUSY:20261105T100000Z/PT1H",
            "END:VFREEBUSY",
            "BEGIN:VFREEBUSY",
            "UID:none@test",
            "DTSTAMP:20261101T000000Z",
            "END:VFREEBUSY",
        ]
    )
    at = int(datetime(2026, 11, 5, 10, tzinfo=UTC).timestamp())
    assert busy(one) == [(at, at + 3600)]


def test_a_fast_series_of_exactly_max_steps_is_left_to_the_library():
    # MAX_STEPS steps after the first start (and 30 s more): the library expands it.
    until = datetime.fromtimestamp(FIRST + MAX_STEPS * 60 + 30, UTC).strftime("%Y%m%dT%H%M%SZ")
    gaps = event("DTSTART:20261102T090000Z", "DURATION:PT30S", f"RRULE:FREQ=MINUTELY;UNTIL={until}")
    found = busy(gaps)
    assert len(found) == MAX_STEPS + 1
    assert found[0] == (FIRST, FIRST + 30) and found[-1][0] == FIRST + MAX_STEPS * 60


def test_a_fast_series_without_an_end_is_not_back_to_back():
    # No DTEND, no DURATION: instants, with gaps between them; too many to expand.
    instants = event("DTSTART:20261102T090000Z", "RRULE:FREQ=SECONDLY")
    with pytest.raises(BusySourceError, match="repeats every 1 s"):
        busy(instants)
