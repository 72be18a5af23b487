"""Busy calendars read as iCalendar: parse, expand, and keep only start and end.

The only module that parses and expands busy calendars, and the build's only
user of recurring-ical-events (busy.py imports it when a calendar is not in
the build's memo); icalendar is also used by ledger_format.py (the ledger's
own files) and ics.py (the calendars the build writes). Messages name a
calendar and a position or line number, never its text.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

from ..common.ical import first_bad_line
from .availability import wall_instant
from .errors import BusySourceError
from .model import Interval
from .tzids import display_name_zone


def calendar_intervals(
    data: bytes, label: str, zone: ZoneInfo, start: datetime, end: datetime
) -> list[Interval]:
    """Busy intervals of every VCALENDAR in `data` that may touch [start, end)."""
    found: list[Interval] = []
    with _collector_paused():
        for calendar in parse(data, label):
            found.extend(intervals(calendar, zone, start, end, label))
    return found


def parse(data: bytes, label: str) -> list[icalendar.Calendar]:
    """Every VCALENDAR in `data`; any property icalendar could not parse is an error.

    Messages name the calendar and a line number or a component's position,
    never the text of the calendar: the library's own messages quote the bad
    line, and build logs are often public."""
    calendars = _checked(data, label)
    renamed = _unknown_tzids(calendars, label)
    if renamed:
        data = re.sub(rb"\r?\n[ \t]", b"", data)  # unfold: a long TZID is often folded
        for tzid, zone in renamed.items():
            data = data.replace(f'TZID="{tzid}"'.encode(), f"TZID={zone}".encode())
            data = data.replace(f"TZID={tzid}".encode(), f"TZID={zone}".encode())
        calendars = _checked(data, label)
        if _unknown_tzids(calendars, label):
            raise BusySourceError(label, "a TZID is written in a way that cannot be read")
    return calendars


def _checked(data: bytes, label: str) -> list[icalendar.Calendar]:
    calendars = _from_ical(data, label)
    if not calendars or any(c.name != "VCALENDAR" for c in calendars):
        raise BusySourceError(label, "not valid iCalendar (no BEGIN:VCALENDAR ... END:VCALENDAR)")
    for calendar in calendars:
        for position, component in _positions(calendar):
            if component.errors:
                prop = component.errors[0][0]
                line = first_bad_line(data) if prop is None else None
                what = f"line {line}" if line else (prop or "a line")
                raise BusySourceError(
                    label, f"not valid iCalendar: {position}: {what} cannot be read"
                )
    return calendars


def _from_ical(data: bytes, label: str) -> list[icalendar.Calendar]:
    try:
        return icalendar.Calendar.from_ical(data, multiple=True)
    except (ValueError, IndexError, KeyError):
        line = first_bad_line(data)
        where = f"line {line} cannot be read" if line else "its BEGIN and END lines do not match"
        raise BusySourceError(label, f"not valid iCalendar ({where})") from None


# Property and parameter names as RFC 5545 spells them, named once:
# icalendar reads them in any case, so these are the only spellings here.
DTSTART = "DTSTART"
DTEND = "DTEND"
DURATION = "DURATION"
RRULE = "RRULE"
RECURRENCE_ID = "RECURRENCE-ID"
FREQ = "FREQ"
INTERVAL = "INTERVAL"
UNTIL = "UNTIL"
COUNT = "COUNT"
TRANSP = "TRANSP"
STATUS = "STATUS"
VFREEBUSY = "VFREEBUSY"
FREEBUSY = "FREEBUSY"
FBTYPE = "FBTYPE"
TZID = "TZID"
_TIMED = (DTSTART, DTEND, "DUE", RECURRENCE_ID, "EXDATE", "RDATE")


def _unknown_tzids(calendars: list[icalendar.Calendar], label: str) -> dict[str, str]:
    """TZIDs icalendar could not resolve (it then reads the time as floating,
    i.e. as the coach's wall time) -> the IANA zone they mean. One that
    means nothing stops the build: its busy hour would be offered."""
    renamed: dict[str, str] = {}
    for calendar in calendars:
        for position, component in _positions(calendar):
            for key in _TIMED:
                for prop in _as_list(component.get(key)):
                    tzid = prop.params.get(TZID)
                    if tzid is None or not _has_floating_value(prop):
                        continue
                    zone = display_name_zone(str(tzid))
                    if zone is None:
                        raise BusySourceError(
                            label,
                            f"{position}: {key} names a time zone (TZID) that is neither an "
                            "IANA nor a Windows zone and has no VTIMEZONE; export the "
                            "calendar again, or ask its app to include time zones",
                        )
                    renamed[str(tzid)] = zone
    return renamed


def _as_list(value: object) -> list:
    return [] if value is None else value if isinstance(value, list) else [value]


def _has_floating_value(prop: object) -> bool:
    # icalendar 7 gives every date property `dts` (a list of one for DTSTART).
    return any(isinstance(d.dt, datetime) and d.dt.tzinfo is None for d in prop.dts)


def _positions(calendar: icalendar.Calendar) -> Iterable[tuple[str, icalendar.cal.Component]]:
    """("VEVENT 3", component) for every component: the third VEVENT."""
    counts: dict[str, int] = {}
    for component in calendar.walk():
        counts[component.name] = counts.get(component.name, 0) + 1
        yield f"{component.name} {counts[component.name]}", component


def intervals(
    calendar: icalendar.Calendar, zone: ZoneInfo, start: datetime, end: datetime, label: str
) -> list[Interval]:
    """Busy intervals of one calendar that may touch [start, end) (aware datetimes).

    VEVENTs are expanded with recurring-ical-events (RRULE, RDATE, EXDATE,
    RECURRENCE-ID); transparent and cancelled ones are skipped. DATE values
    block whole local days in `zone`, floating times are read in `zone`.
    VFREEBUSY periods block unless FBTYPE=FREE. Recurrences faster than
    daily are bounded first (see `_fast_recurrences`).
    """
    # Floating and all-day times are compared by the library in the query's
    # zone; two days' margin each side keeps every relevant occurrence.
    margin = timedelta(days=2)
    found = _fast_recurrences(calendar, zone, start - margin, end + margin, label)
    try:
        spans = occurrence_spans(calendar, start - margin, end + margin)
    except Exception as exc:  # recurring-ical-events and icalendar raise many kinds
        # The type only: the library's message may quote the calendar's text.
        raise BusySourceError(label, f"cannot expand its events ({type(exc).__name__})") from None
    found += [Interval(_instant(begin, zone), _instant(finish, zone)) for begin, finish in spans]
    found.extend(_freebusy(calendar, zone))
    return found


def occurrence_spans(calendar: icalendar.Calendar, start: datetime, end: datetime) -> list:
    """(start, end) of every busy VEVENT occurrence from `start` to `end`.

    What `recurring_ical_events.of(calendar).between(start, end)` gives, read
    from its occurrences before it copies each into a component of its own
    (that copy is most of the library's time, and we need two values of it).
    The component it would copy carries TRANSP and STATUS, and the copy's
    DTSTART and DTEND are the occurrence's start and end. This leans on the
    library's internals, so requirements.txt pins its version and a unit test
    (tests/unit/booking/test_busy_occurrences.py) holds this to exactly what
    the public `between()` gives: a new version that changed them fails it
    before it could reach a coach's build."""
    query = recurring_ical_events.of(calendar)  # VEVENTs only: their end is DTEND
    found = query._occurrences_between(query.to_datetime(start), query.to_datetime(end))
    return [(o.start, o.end) for o in found if not _is_free(o._adapter._component)]


# Seconds per step of the rules that repeat within a day.
_SUB_DAILY = {"SECONDLY": 1, "MINUTELY": 60, "HOURLY": 3600}
# recurring-ical-events (through dateutil) steps from DTSTART to the end of
# the window: 5,000 steps take about a quarter of a second; an unbounded
# FREQ=SECONDLY from an old DTSTART would take hours and gigabytes.
MAX_STEPS = 5_000


def _fast_recurrences(
    calendar: icalendar.Calendar, zone: ZoneInfo, start: datetime, end: datetime, label: str
) -> list[Interval]:
    """Sub-daily recurring events the library could not expand in time.

    One whose occurrences touch or overlap (DURATION at least the step) and
    that no BY-rule thins out is busy without a gap: it becomes one interval
    from its first occurrence (or the window's start) to its last (or the
    window's end), and is removed from `calendar`. Any other that would take
    more than MAX_STEPS steps stops the build with one line naming its
    position (fail closed: its busy time cannot be known in time). The rest
    are left to the library, which expands them exactly."""
    found: list[Interval] = []
    handled: set[int] = set()
    for position, event in _positions(calendar):
        if event.name != "VEVENT" or RRULE not in event or RECURRENCE_ID in event:
            continue
        rule = event[RRULE]
        freq = str((rule.get(FREQ) or [""])[0]).upper()
        if freq not in _SUB_DAILY or DTSTART not in event:
            continue
        if _is_free(event):
            # Never busy: removed before the library would step through it
            # (an endless transparent SECONDLY series would take hours).
            handled.add(id(event))
            continue
        try:
            step, first, last, length = _span(event, rule, freq, zone, end)
        except (KeyError, ValueError, TypeError, AttributeError, OverflowError):
            raise BusySourceError(label, f"{position}: its RRULE cannot be read") from None
        if (last - first) // step <= MAX_STEPS:
            continue
        thinned = any(key.upper().startswith("BY") for key in rule)
        if length >= step and not thinned:
            found.append(Interval(max(first, int(start.timestamp())), last + length))
            handled.add(id(event))
            continue
        raise BusySourceError(
            label,
            f"{position} repeats every {step:,} s ({freq}) more than {MAX_STEPS:,} times up "
            "to the booking horizon; the build cannot know its busy time in time "
            "(end or thin out that series in your calendar)",
        )
    if handled:
        calendar.subcomponents = [c for c in calendar.subcomponents if id(c) not in handled]
    return found


def _span(event, rule, freq: str, zone: ZoneInfo, end: datetime) -> tuple[int, int, int, int]:
    """(step, first start, last start, length) in seconds, bounded by `end`."""
    step = _SUB_DAILY[freq] * max(1, int((rule.get(INTERVAL) or [1])[0]))
    first = _instant(event[DTSTART].dt, zone)
    last = int(end.timestamp())
    if rule.get(UNTIL):
        last = min(last, _instant(rule[UNTIL][0], zone))
    if rule.get(COUNT):
        last = min(last, first + (int(rule[COUNT][0]) - 1) * step)
    return step, first, last, _length(event, zone)


def _length(event: icalendar.cal.Component, zone: ZoneInfo) -> int:
    """Seconds from DTSTART to DTEND (or DURATION); 0 when it has neither."""
    if DTEND in event:
        return _instant(event[DTEND].dt, zone) - _instant(event[DTSTART].dt, zone)
    duration = event.get(DURATION)
    return int(duration.dt.total_seconds()) if duration is not None else 0


def _is_free(event: icalendar.cal.Component) -> bool:
    transparent = str(event.get(TRANSP)).upper() == "TRANSPARENT"
    return transparent or str(event.get(STATUS)).upper() == "CANCELLED"


def _freebusy(calendar: icalendar.Calendar, zone: ZoneInfo) -> Iterable[Interval]:
    for component in calendar.walk(VFREEBUSY):
        periods = component.get(FREEBUSY, [])
        for period in periods if isinstance(periods, list) else [periods]:
            if str(period.params.get(FBTYPE)).upper() == "FREE":
                continue
            begin, finish = period.dt
            if isinstance(finish, timedelta):
                finish = begin + finish
            yield Interval(_instant(begin, zone), _instant(finish, zone))


def _instant(value: date | datetime, zone: ZoneInfo) -> int:
    if not isinstance(value, datetime):
        return wall_instant(value, 0, zone)
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return int(value.timestamp())


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Parsing and expanding a calendar makes hundreds of thousands of small
    objects and no garbage cycles to speak of; Python's cycle collector would
    walk them again and again (a fifth of the time at 2,000 events). Paused
    for one calendar (at most MAX_BYTES), then restored as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
