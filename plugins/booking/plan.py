"""Everything a build needs, computed before anything is written.

`make_plan` takes validated settings, reads every busy source and computes
every session's slots; it raises on the first problem, so a failed plan
means nothing is published (fail closed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

from ..common.memo import Memo
from ..config.booking import BookingSettings, Session, name
from ..config.errors import ConfigError
from . import busy, busy_caldav
from .model import Booking, Interval, Slot
from .slots import candidate_count, offered_slots

# Far more than any picker can show (a 90-day horizon at 5-minute steps over
# eight hours a day is about 6,000 before weekends); 756,588 slot files from
# interval_minutes=1 over ten years is a typo, not a practice.
MAX_SLOTS_PER_SESSION = 5000


@dataclass(frozen=True)
class SessionPlan:
    session: Session
    slots: tuple[Slot, ...]


@dataclass(frozen=True)
class BookingPlan:
    settings: BookingSettings
    sessions: tuple[SessionPlan, ...]
    now: datetime  # aware, UTC


def in_language(plan: BookingPlan, code: str) -> BookingPlan:
    """The same times, with each session in her words for `code`."""
    sessions = tuple(replace(sp, session=sp.session.in_language(code)) for sp in plan.sessions)
    settings = replace(plan.settings, sessions=tuple(sp.session for sp in sessions))
    return replace(plan, settings=settings, sessions=sessions)


def make_plan(
    settings: BookingSettings,
    *,
    content_path: str | Path,
    now: datetime,
    bookings: Iterable[Booking] = (),
    reader: Callable[[busy.BusySource, float], bytes] = busy.read,
    # BOOKING["caldav"] busy time; the desk passes one that skips a booking it moves.
    caldav_busy: Callable[[BookingSettings, datetime, datetime], list[Interval]] = (
        busy_caldav.read_busy
    ),
    memo: Memo | None = None,
) -> BookingPlan:
    bookings = tuple(bookings)
    _refuse_too_many_slots(settings, now)
    # Busy time is only needed from the earliest buffer to the furthest horizon.
    longest = max(s.horizon_days for s in settings.sessions)
    padding = timedelta(
        minutes=max(
            s.duration_minutes + s.buffer_before_minutes + s.buffer_after_minutes
            for s in settings.sessions
        )
    )
    busy_time = busy.load(
        settings.busy_calendars,
        content_path,
        settings.zone,
        now - padding,
        now + timedelta(days=longest) + padding,
        settings.busy_timeout_seconds,
        reader,
        memo,
    )
    busy_time += caldav_busy(settings, now - padding, now + timedelta(days=longest) + padding)
    busy_time += busy.from_bookings(bookings, settings.sessions)
    plans = tuple(
        SessionPlan(
            session,
            offered_slots(session, settings.hours, settings.zone, busy_time, now, bookings),
        )
        for session in settings.sessions
    )
    return BookingPlan(settings, plans, now)


def _refuse_too_many_slots(settings: BookingSettings, now: datetime) -> None:
    for i, session in enumerate(settings.sessions):
        earliest = now.timestamp() + session.minimum_notice_hours * 3600
        latest = now.timestamp() + session.horizon_days * 86400
        count = candidate_count(session, settings.hours, settings.zone, earliest, latest)
        if count > MAX_SLOTS_PER_SESSION:
            raise ConfigError(
                name("sessions", i),
                f"would offer up to {count:,} times, more than {MAX_SLOTS_PER_SESSION:,}; "
                "raise interval_minutes or lower horizon_days",
            )
