"""Fair assignment of "any" bookings: weights, priority, least recently
booked, a coach who joins mid-month, and the reason recorded."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from plugins.booking.desk.assignment import Assigned, choose, month_start
from plugins.config.coaches import TeamCoach
from plugins.config.hours import Hours

CHICAGO = ZoneInfo("America/Chicago")
NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
HOURS = Hours(weekly=((),) * 7, overrides={})


def coach(slug: str, **extra) -> TeamCoach:
    return TeamCoach(slug, slug.title(), f"{slug}@program.example", "UTC", HOURS, **extra)


def run(coaches, requests: int, free=None, start=NOW, step=timedelta(hours=1)):
    """`requests` bookings one after another; `free(k)`: who is free for the k-th."""
    history: list[Assigned] = []
    pool = tuple(c.slug for c in coaches)
    for k in range(requests):
        now = start + k * step
        candidates = [c for c in coaches if free is None or c.slug in free(k)]
        choice = choose(candidates, coaches, history, now, CHICAGO)
        history.append(Assigned(choice.coach.slug, now, pool))
    return Counter(a.coach for a in history), history


def test_equal_weights_share_twelve_bookings_four_each():
    counts, history = run([coach("amara"), coach("ben"), coach("chen")], 12)
    assert counts == {"amara": 4, "ben": 4, "chen": 4}
    # Round robin: nobody gets a second booking before everyone has one.
    assert {a.coach for a in history[:3]} == {"amara", "ben", "chen"}


def test_weights_two_one_one_give_six_three_three():
    coaches = [coach("amara", weight=2), coach("ben"), coach("chen")]
    counts, _ = run(coaches, 12)
    assert counts == {"amara": 6, "ben": 3, "chen": 3}


def test_weights_hold_at_every_step_within_one_booking():
    coaches = [coach("amara", weight=3), coach("ben", weight=1)]
    _, history = run(coaches, 40)
    for k in range(1, 41):
        got = Counter(a.coach for a in history[:k])
        assert abs(got["amara"] - k * 3 / 4) <= 1, (k, got)


def test_only_a_free_coach_is_chosen():
    coaches = [coach("amara"), coach("ben"), coach("chen")]
    counts, _ = run(coaches, 9, free=lambda k: {"ben", "chen"})
    assert "amara" not in counts
    assert counts == {"ben": 5, "chen": 4} or counts == {"ben": 4, "chen": 5}


def test_the_one_who_missed_out_while_busy_catches_up_in_the_same_month():
    coaches = [coach("amara"), coach("ben")]
    free = lambda k: {"ben"} if k < 4 else {"amara", "ben"}  # noqa: E731
    _, history = run(coaches, 8, free=free)
    assert [a.coach for a in history[4:]] == ["amara"] * 4


def test_priority_breaks_a_tie_then_least_recently_booked():
    coaches = [coach("amara"), coach("ben", priority=1)]
    first = choose(coaches, coaches, [], NOW, CHICAGO)
    assert first.coach.slug == "ben"
    assert "higher priority" in first.reason
    # Equal shares and priority: the one whose last booking is older.
    equal = [coach("amara"), coach("ben")]
    history = [
        Assigned("ben", NOW - timedelta(hours=2), ("amara", "ben")),
        Assigned("amara", NOW - timedelta(hours=1), ("amara", "ben")),
    ]
    choice = choose(equal, equal, history, NOW, CHICAGO)
    assert choice.coach.slug == "ben"
    assert "booked least recently" in choice.reason


def test_a_coach_who_joins_mid_month_is_not_flooded():
    veterans = [coach("amara"), coach("ben")]
    # Twenty bookings in the first half of November between the two.
    _, history = run(veterans, 20, start=datetime(2026, 11, 2, 15, tzinfo=UTC))
    joiner = coach("chen", joined=date(2026, 11, 16))
    everyone = [*veterans, joiner]
    pool = ("amara", "ben", "chen")
    history = [Assigned(a.coach, a.made, pool) for a in history]
    got = Counter()
    now = datetime(2026, 11, 16, 15, tzinfo=UTC)
    for k in range(9):
        choice = choose(everyone, everyone, history, now + timedelta(hours=k), CHICAGO)
        history.append(Assigned(choice.coach.slug, now + timedelta(hours=k), pool))
        got[choice.coach.slug] += 1
    # From her start on, a third each: not all nine to catch up with the month.
    assert got == {"amara": 3, "ben": 3, "chen": 3}


def test_last_months_bookings_do_not_count():
    coaches = [coach("amara"), coach("ben")]
    october = [Assigned("amara", datetime(2026, 10, 30, tzinfo=UTC), ("amara", "ben"))] * 5
    choice = choose(coaches, coaches, october, NOW, CHICAGO)
    # Equal this month; amara booked more recently, so ben.
    assert choice.coach.slug == "ben"
    assert choice.reason.startswith("assigned to ben: 0 bookings this month, weight 1")


def test_the_month_starts_in_the_programs_zone():
    # 1 December 03:00 UTC is still 30 November in Chicago.
    assert month_start(datetime(2026, 12, 1, 3, tzinfo=UTC), CHICAGO).month == 11
    late = [Assigned("amara", datetime(2026, 11, 30, 20, tzinfo=UTC), ("amara", "ben"))]
    coaches = [coach("amara"), coach("ben")]
    choice = choose(coaches, coaches, late, datetime(2026, 12, 1, 3, tzinfo=UTC), CHICAGO)
    assert choice.reason.startswith("assigned to ben: 0 bookings this month")
    assert "furthest below her share" in choice.reason


def test_the_reason_names_who_was_free():
    coaches = [coach("amara"), coach("ben")]
    only = choose(coaches[1:], coaches, [], NOW, CHICAGO)
    assert only.reason == (
        "assigned to ben: 0 bookings this month, weight 1, the only coach free then (free: ben)"
    )


def test_the_month_starts_at_local_midnight_on_the_first():
    start = month_start(datetime(2026, 11, 22, 12, tzinfo=UTC), CHICAGO)
    assert start == datetime(2026, 11, 1, tzinfo=CHICAGO)
    assert start.utcoffset() == timedelta(hours=-5)  # after the DST change of 1 November


def test_bookings_at_the_edges_of_the_month_and_of_now_count():
    coaches = [coach("amara"), coach("ben")]
    pool = ("amara", "ben")
    first_instant = datetime(2026, 11, 1, tzinfo=CHICAGO)
    history = [
        Assigned("amara", datetime(2026, 10, 31, 23, 59, tzinfo=CHICAGO), pool),  # October
        Assigned("ben", first_instant, pool),  # the month's first instant: counts
        Assigned("ben", NOW, pool),  # made at this very moment: counts
    ]
    choice = choose(coaches, coaches, history, NOW, CHICAGO)
    assert choice.coach.slug == "amara"
    assert choice.reason == (
        "assigned to amara: 0 bookings this month, weight 1, furthest below her share "
        "(free: amara, ben)"
    )


def test_each_reason_names_what_decided():
    equal = [coach("amara"), coach("ben"), coach("chen")]
    first = choose(equal, equal, [], NOW, CHICAGO)
    assert first.coach.slug == "amara"
    assert first.reason == (
        "assigned to amara: 0 bookings this month, weight 1, first in [[coaches]] "
        "(free: amara, ben, chen)"
    )
    once = [Assigned("amara", NOW - timedelta(hours=1), ("amara",))]
    alone = choose(equal[:1], equal, once, NOW, CHICAGO)
    assert alone.reason == (
        "assigned to amara: 1 booking this month, weight 1, the only coach free then (free: amara)"
    )
    heavy = [coach("amara", weight=2.5), coach("ben")]
    assert "weight 2.5" in choose(heavy[:1], heavy, [], NOW, CHICAGO).reason


def test_nobody_free_says_so():
    with pytest.raises(ValueError, match=r"^no coach is free$"):
        choose([], [coach("amara")], [], NOW, CHICAGO)


def test_shares_are_exact_with_thirds():
    # Three equal coaches: after 3 bookings each is owed exactly 1; no float drift
    # decides between them, the order of [[coaches]] does.
    coaches = [coach("amara"), coach("ben"), coach("chen")]
    pool = ("amara", "ben", "chen")
    history = [Assigned(c, NOW - timedelta(hours=3 - i), pool) for i, c in enumerate(pool)]
    later = choose(coaches, coaches, history, NOW, CHICAGO)
    assert later.coach.slug == "amara"
    assert "booked least recently" in later.reason


def test_counts_and_recency_do_not_depend_on_the_history_s_order():
    coaches = [coach("amara"), coach("ben")]
    pool = ("amara", "ben")
    month = datetime(2026, 11, 1, tzinfo=CHICAGO)
    # Newest first: ben's latest booking is the one at NOW, not the one listed last.
    history = [
        Assigned("ben", NOW, pool),
        Assigned("amara", NOW - timedelta(hours=1), pool),
        Assigned("ben", month, pool),
        Assigned("amara", month + timedelta(hours=1), pool),
    ]
    choice = choose(coaches, coaches, history, NOW, CHICAGO)
    assert choice.coach.slug == "amara"  # equal shares; amara booked less recently
    assert "booked least recently" in choice.reason
    only_ben = choose(coaches[1:], coaches, history, NOW, CHICAGO)
    # The month's first instant and this very moment both count.
    assert only_ben.reason.startswith("assigned to ben: 2 bookings this month")
