"""Which coach takes an "any" booking: fair by weight, then priority, then
the one booked least recently.

Fairness is counted over the current month (in the program's zone). Each
booking assigned this month owes every coach of its session who had
joined by then her weighted share of it (weight / the sum of their
weights); a coach's *deficit* is what she is owed minus what she got. The
free coach with the largest deficit is chosen, so bookings follow the
weights (2:1:1 gives 6/3/3 of 12), and a coach who joins mid-month is owed
only a share of what came after her start: she is not flooded to catch up
with the month's earlier bookings (as Cal.com's weight adjustment avoids).
Ties go to the higher `priority`, then to the coach whose latest booking
was made longest ago (never booked: first), then to the order of
[[coaches]].

Pure: the desk passes the candidates free at the time (checked against
fresh busy data), the month's assigned bookings and the clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from ...config.coaches import TeamCoach


@dataclass(frozen=True)
class Assigned:
    """One booking given to a coach: who, when it was made, and the coaches
    of its session (those it owed a share to)."""

    coach: str
    made: datetime  # aware
    pool: tuple[str, ...]


@dataclass(frozen=True)
class Choice:
    coach: TeamCoach
    reason: str  # for the ledger: "assigned to ben: 3 bookings this month, ..."


def month_start(now: datetime, zone: ZoneInfo) -> datetime:
    local = now.astimezone(zone)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def choose(
    candidates: Sequence[TeamCoach],
    everyone: Sequence[TeamCoach],
    history: Iterable[Assigned],
    now: datetime,
    zone: ZoneInfo,
) -> Choice:
    """The coach among `candidates` (free at the time; at least one) who
    takes the booking. `everyone`: all coaches (weights and start dates of
    the pools); `history`: every assigned booking, of any month."""
    if not candidates:
        raise ValueError("no coach is free")
    by_slug = {c.slug: c for c in everyone}
    start = month_start(now, zone)
    owed = {c.slug: 0.0 for c in everyone}
    got = {c.slug: 0 for c in everyone}
    latest: dict[str, datetime] = {}
    for booking in history:
        if booking.coach in latest:
            latest[booking.coach] = max(latest[booking.coach], booking.made)
        else:
            latest[booking.coach] = booking.made
        if booking.made < start or booking.made > now:
            continue
        got[booking.coach] = got.get(booking.coach, 0) + 1
        sharing = [
            by_slug[s] for s in booking.pool if s in by_slug and _active(by_slug[s], booking.made)
        ]
        total = sum(c.weight for c in sharing)
        for coach in sharing:
            owed[coach.slug] += coach.weight / total
    order = {c.slug: i for i, c in enumerate(everyone)}

    def rank(coach: TeamCoach) -> tuple:
        deficit = owed.get(coach.slug, 0.0) - got.get(coach.slug, 0)
        last = latest.get(coach.slug)
        return (
            -round(deficit, 9),
            -coach.priority,
            last.timestamp() if last else float("-inf"),
            order.get(coach.slug, len(order)),
        )

    chosen = min(candidates, key=rank)
    return Choice(chosen, _reason(chosen, candidates, got, rank))


def _active(coach: TeamCoach, moment: datetime) -> bool:
    return coach.joined is None or coach.joined <= moment.date()


def _reason(chosen: TeamCoach, candidates: Sequence[TeamCoach], got: dict, rank) -> str:
    n = got.get(chosen.slug, 0)
    bookings = "1 booking" if n == 1 else f"{n} bookings"
    others = [c for c in candidates if c is not chosen]
    if not others:
        why = "the only coach free then"
    else:
        mine, runner = rank(chosen), min(rank(c) for c in others)
        if mine[0] < runner[0]:
            why = "furthest below her share"
        elif mine[1] < runner[1]:
            why = "higher priority"
        elif mine[2] < runner[2]:
            why = "booked least recently"
        else:
            why = "first in [[coaches]]"
    return (
        f"assigned to {chosen.slug}: {bookings} this month, weight {chosen.weight:g}, "
        f"{why} (free: {', '.join(c.slug for c in candidates)})"
    )
