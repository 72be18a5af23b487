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

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from fractions import Fraction
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
    return datetime(local.year, local.month, 1, tzinfo=zone)


# Before any booking: a coach never booked was booked least recently.
_NEVER = datetime.min.replace(tzinfo=UTC)


def choose(
    candidates: Sequence[TeamCoach],
    everyone: Sequence[TeamCoach],
    history: Iterable[Assigned],
    now: datetime,
    zone: ZoneInfo,
) -> Choice:
    """The coach among `candidates` (free at the time; at least one) who
    takes the booking. `everyone`: all coaches (weights and start dates of
    the pools); `history`: every assigned booking, of any month. Shares are
    exact fractions: no rounding decides between two coaches."""
    if not candidates:
        raise ValueError("no coach is free")
    by_slug = {c.slug: c for c in everyone}
    start = month_start(now, zone)
    owed: Counter[str] = Counter()
    got: Counter[str] = Counter()
    latest: dict[str, datetime] = {}
    for booking in history:
        latest[booking.coach] = max(latest.get(booking.coach, _NEVER), booking.made)
        if not start <= booking.made <= now:
            continue
        got[booking.coach] += 1
        sharing = [
            by_slug[s] for s in booking.pool if s in by_slug and _active(by_slug[s], booking.made)
        ]
        total = sum(Fraction(c.weight) for c in sharing)
        for coach in sharing:
            owed[coach.slug] += Fraction(coach.weight) / total
    order = {c.slug: i for i, c in enumerate(everyone)}

    def rank(coach: TeamCoach) -> tuple:
        return (
            got[coach.slug] - owed[coach.slug],  # the furthest below her share first
            -coach.priority,
            latest.get(coach.slug, _NEVER),
            order[coach.slug],
        )

    chosen = min(candidates, key=rank)
    return Choice(chosen, _reason(chosen, candidates, got[chosen.slug], rank))


def _active(coach: TeamCoach, moment: datetime) -> bool:
    return coach.joined is None or coach.joined <= moment.date()


_WHY = ("furthest below her share", "higher priority", "booked least recently")


def _reason(chosen: TeamCoach, candidates: Sequence[TeamCoach], n: int, rank) -> str:
    others = [rank(c) for c in candidates if c is not chosen]
    if not others:
        why = "the only coach free then"
    else:
        mine, runner = rank(chosen), min(others)
        # The first part of the ranking where she comes before the runner-up.
        why = next(
            (text for i, text in enumerate(_WHY) if mine[i] != runner[i]),
            "first in [[coaches]]",
        )
    bookings = "1 booking" if n == 1 else f"{n} bookings"
    return (
        f"assigned to {chosen.slug}: {bookings} this month, weight {chosen.weight:g}, "
        f"{why} (free: {', '.join(c.slug for c in candidates)})"
    )
