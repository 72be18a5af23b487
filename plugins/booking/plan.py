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
from ..config.booking import WITH, BookingSettings, Session, name
from ..config.coaches import TeamCoach
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
    if settings.coaches:
        window = (now - padding, now + timedelta(days=longest) + padding)
        plans = _program(settings, busy_time, window, content_path, now, bookings, reader, memo)
        return BookingPlan(settings, plans, now)
    busy_time += busy.from_bookings(bookings, settings.sessions)
    plans = tuple(
        SessionPlan(
            session,
            offered_slots(session, settings.hours, settings.zone, busy_time, now, bookings),
        )
        for session in settings.sessions
    )
    return BookingPlan(settings, plans, now)


def for_coach(session: Session, coach: TeamCoach) -> Session:
    """The session under her own rules (notice, buffers, max_per_day)."""
    return replace(session, **coach.rules) if coach.rules else session


def _program(
    settings: BookingSettings,
    shared_busy: list[Interval],
    window: tuple[datetime, datetime],
    content_path: str | Path,
    now: datetime,
    bookings: tuple[Booking, ...],
    reader: Callable[[busy.BusySource, float], bytes],
    memo: Memo | None,
) -> tuple[SessionPlan, ...]:
    """A program's sessions: each coach's free starts computed once, in her
    zone, from her hours, her busy time and her bookings; then an "any"
    session offers their union and an "all" session their intersection.
    The cost grows linearly with the number of coaches."""
    by_slug = {s.slug: s for s in settings.sessions}
    free: dict[tuple[str, str], tuple[Slot, ...]] = {}
    for coach in settings.coaches:
        own = busy.load(
            coach.busy_calendars,
            content_path,
            coach.zone,
            *window,
            settings.busy_timeout_seconds,
            reader,
            memo,
            setting=coach.namer()("busy_calendars"),
        )
        hers = [
            b for b in bookings if b.session in by_slug and coach.slug in by_slug[b.session].coaches
        ]
        rules = [for_coach(s, coach) for s in settings.sessions]
        coach_busy = [*shared_busy, *own, *busy.from_bookings(hers, rules)]
        for session in settings.sessions:
            if coach.slug in session.coaches and not (session.shared and session.assign == "any"):
                free[session.slug, coach.slug] = offered_slots(
                    for_coach(session, coach), coach.hours, coach.zone, coach_busy, now, hers
                )
    plans = []
    for session in settings.sessions:
        if session.shared and session.assign == "any":
            # Its editions (<slug>-with-<coach>) are what the desk books.
            each = [free[f"{session.slug}{WITH}{c}", c] for c in session.coaches]
            starts = set().union(*({s.start for s in slots} for slots in each))
        else:
            each = [free[session.slug, c] for c in session.coaches]
            starts = set.intersection(*({s.start for s in slots} for slots in each))
        length = timedelta(minutes=session.duration_minutes)
        zone = settings.zone
        slots = tuple(
            Slot(start, start + length, session.slug, start.astimezone(zone).date())
            for start in sorted(starts)
        )
        plans.append(SessionPlan(session, slots))
    return tuple(plans)


def _refuse_too_many_slots(settings: BookingSettings, now: datetime) -> None:
    """Each coach's times of each session (a program's), or the session's."""
    for i, session in enumerate(settings.sessions):
        if session.parent:
            continue  # counted as its session's, whose index names the setting
        earliest = now.timestamp() + session.minimum_notice_hours * 3600
        latest = now.timestamp() + session.horizon_days * 86400
        places = [(c.hours, c.zone) for c in settings.coaches if c.slug in session.coaches]
        count = max(
            candidate_count(session, hours, zone, earliest, latest)
            for hours, zone in places or [(settings.hours, settings.zone)]
        )
        if count > MAX_SLOTS_PER_SESSION:
            raise ConfigError(
                name("sessions", i),
                f"would offer up to {count:,} times, more than {MAX_SLOTS_PER_SESSION:,}; "
                "raise interval_minutes or lower horizon_days",
            )
