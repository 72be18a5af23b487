"""Windows minus busy time minus the session's rules -> offered slots.

Pure and linear: candidates come out of each window already in order, busy
intervals are sorted and merged once, and each gap between them takes its
run of candidates by bisection (no candidate-by-interval scan).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from ..config.booking import Session
from ..config.hours import Hours
from .availability import local_date, utc, windows_between
from .model import Booking, Interval, Slot


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, disjoint intervals covering the same instants; empty ones dropped."""
    merged: list[Interval] = []
    for start, end in sorted(i for i in intervals if i[1] > i[0]):
        if merged and start <= merged[-1].end:
            merged[-1] = Interval(merged[-1].start, max(end, merged[-1].end))
        else:
            merged.append(Interval(start, end))
    return merged


def candidate_starts(
    session: Session, hours: Hours, zone: ZoneInfo, earliest: float, latest: float
) -> list[int]:
    """Sorted unique starts in [earliest, latest) that fit their window."""
    duration = session.duration_minutes * 60
    step = session.interval_minutes * 60
    first = local_date(math.floor(earliest), zone)
    last = local_date(math.ceil(latest), zone)
    starts: list[int] = []
    for window in windows_between(hours, zone, first, last):
        # Stepping always begins at the window start; skip whole steps before `earliest`.
        k = max(0, math.ceil((earliest - window.start) / step))
        start = window.start + k * step
        stop = min(window.end - duration, math.ceil(latest) - 1)
        starts.extend(range(start, stop + 1, step))
    # Windows can overlap in UTC around DST gaps, so order and uniqueness are restored here.
    return sorted(set(starts))


def candidate_count(
    session: Session, hours: Hours, zone: ZoneInfo, earliest: float, latest: float
) -> int:
    """How many starts candidate_starts would give (at most; DST overlaps are
    counted twice), without making them: a plan checks it before building
    millions of slots from a typo."""
    duration = session.duration_minutes * 60
    step = session.interval_minutes * 60
    first = local_date(math.floor(earliest), zone)
    last = local_date(math.ceil(latest), zone)
    count = 0
    for window in windows_between(hours, zone, first, last):
        start = window.start + max(0, math.ceil((earliest - window.start) / step)) * step
        stop = min(window.end - duration, math.ceil(latest) - 1)
        if stop >= start:
            count += (stop - start) // step + 1
    return count


def free_starts(
    starts: Sequence[int], busy: Sequence[Interval], before: int, span: int
) -> list[int]:
    """Starts whose [s - before, s + span) misses every interval of sorted, disjoint `busy`.

    A start is free when it lies in a gap: after the end of one busy interval
    (plus `before`) and `span` before the start of the next. Each gap takes
    its run of sorted starts with two bisections, so the work grows with the
    number of busy intervals, not of candidates."""
    free: list[int] = []
    lo, n = 0, len(starts)
    # The gaps: before the first interval, between each two, after the last.
    edges = [None, *(edge for i in busy for edge in (i.start - span, i.end + before)), None]
    for k in range(0, len(edges), 2):
        gap_lo, gap_hi = edges[k], edges[k + 1]
        first = lo if gap_lo is None else bisect_left(starts, gap_lo, lo)
        last = n if gap_hi is None else bisect_right(starts, gap_hi, first)
        free.extend(starts[first:last])
        lo = last
        if lo == n:
            break  # every start placed: the later gaps have none
    return free


def offered_slots(
    session: Session,
    hours: Hours,
    zone: ZoneInfo,
    busy: Iterable[Interval],
    now: datetime,
    bookings: Iterable[Booking] = (),
) -> tuple[Slot, ...]:
    """The slots of `session` open at `now` (an aware datetime), sorted by start.

    `busy` holds every busy interval (calendars and booked sessions); `bookings`
    only feed `max_per_day`, counted per local date of the booking's start.
    """
    now_ts = now.timestamp()
    earliest = now_ts + session.minimum_notice_hours * 3600
    latest = now_ts + timedelta(days=session.horizon_days).total_seconds()
    duration = session.duration_minutes * 60
    starts = free_starts(
        candidate_starts(session, hours, zone, earliest, latest),
        merge(busy),
        before=session.buffer_before_minutes * 60,
        span=duration + session.buffer_after_minutes * 60,
    )
    full_days = _full_days(session, bookings, zone)
    slots = []
    for start in starts:
        day = local_date(start, zone)
        if day not in full_days:
            slots.append(Slot(utc(start), utc(start + duration), session.slug, day))
    return tuple(slots)


def _full_days(session: Session, bookings: Iterable[Booking], zone: ZoneInfo) -> set:
    if session.max_per_day is None:
        return set()
    per_day = Counter(
        b.start.astimezone(zone).date() for b in bookings if b.session == session.slug
    )
    return {day for day, count in per_day.items() if count >= session.max_per_day}
