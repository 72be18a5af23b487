"""Weekly hours and date overrides -> concrete windows as UTC instants.

Each local wall time is built directly in the coach's zone with `zoneinfo`
(fold=0) and converted; we never add UTC offsets ourselves, which is how
other booking engines end up an hour off around DST changes. With fold=0 a
wall time skipped by a DST jump lands after the jump, and a repeated wall
time means its first occurrence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from ..config.hours import Hours
from ..config.schema import DAY_MINUTES


@dataclass(frozen=True)
class LocalWindow:
    """A window of one local date, as UTC epoch seconds."""

    start: int
    end: int


def wall_instant(day: date, minute: int, zone: ZoneInfo) -> int:
    """UTC epoch seconds of `minute` past local midnight on `day`; 1440 is 24:00."""
    if minute == DAY_MINUTES:
        day, minute = day + timedelta(days=1), 0
    hour, minute = divmod(minute, 60)
    return int(datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone).timestamp())


def local_date(instant: int, zone: ZoneInfo) -> date:
    return datetime.fromtimestamp(instant, zone).date()


def utc(instant: int) -> datetime:
    return datetime.fromtimestamp(instant, UTC)


def windows_between(hours: Hours, zone: ZoneInfo, first: date, last: date) -> list[LocalWindow]:
    """Every window of every local date from `first` to `last` inclusive, in date order."""
    found: list[LocalWindow] = []
    day = first
    while day <= last:
        for window in hours.windows_on(day):
            start = wall_instant(day, window.start, zone)
            end = wall_instant(day, window.end, zone)
            # A window that starts inside a DST gap can end up empty or reversed.
            if end > start:
                found.append(LocalWindow(start, end))
        day += timedelta(days=1)
    return found
