"""candidate_count (the plan's guard against a typo that would publish
millions of slots) agrees with the starts it stands for, from inside a
window too, and DST overlaps are the only way it can count more."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.booking.slots import candidate_count, candidate_starts
from plugins.config.booking import parse_settings
from tests.support.booking_settings import booking

NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)  # Monday 07:00 in New York


def _session(duration=30, interval=None, hours=None, zone="America/New_York"):
    raw = booking(
        timezone=zone,
        weekly_hours=hours or {"mon": ["06:00-12:00"], "tue": ["09:00-12:00"]},
        sessions=[
            {
                "slug": "s",
                "title": "S",
                "duration_minutes": duration,
                **({"interval_minutes": interval} if interval else {}),
            }
        ],
    )
    parsed = parse_settings(raw)
    return parsed.sessions[0], parsed.hours, parsed.zone


def test_from_inside_a_window_it_counts_the_starts_still_ahead():
    session, hours, zone = _session(duration=30, interval=15)
    # 07:00 New York, inside Monday's 06:00-12:00: 07:00 ... 11:30 (19), then
    # Tuesday 09:00 ... 11:30 (11).
    earliest, latest = NOW.timestamp(), (NOW + timedelta(days=2)).timestamp()
    starts = candidate_starts(session, hours, zone, earliest, latest)
    assert len(starts) == 30
    assert candidate_count(session, hours, zone, earliest, latest) == 30
    # From just after a step: the next step is the first.
    later = earliest + 60
    assert candidate_count(session, hours, zone, later, latest) == 29


@settings(max_examples=60, deadline=None)
@given(
    minutes=st.integers(0, 3 * 24 * 60),
    duration=st.sampled_from([15, 30, 45, 60]),
    interval=st.sampled_from([5, 10, 15, 30]),
    zone=st.sampled_from(["America/New_York", "Europe/Paris", "Asia/Kolkata"]),
)
def test_away_from_dst_it_counts_exactly_the_starts(minutes, duration, interval, zone):
    session, hours, tz = _session(duration, interval, zone=zone)
    earliest = (NOW + timedelta(minutes=minutes)).timestamp()
    latest = earliest + 5 * 86400
    starts = candidate_starts(session, hours, tz, earliest, latest)
    count = candidate_count(session, hours, tz, earliest, latest)
    # Outside DST changes the two are equal: these five days have none.
    assert count == len(starts)


def test_a_window_ending_at_midnight_ends_exactly_at_24_00():
    session, hours, zone = _session(
        duration=30, interval=1, hours={"mon": ["23:00-24:00"]}, zone="UTC"
    )
    earliest = datetime(2026, 11, 23, tzinfo=UTC).timestamp()
    starts = candidate_starts(session, hours, zone, earliest, earliest + 2 * 86400)
    last = datetime.fromtimestamp(starts[-1], UTC)
    assert (last.hour, last.minute) == (23, 30) and len(starts) == 31


def test_a_start_one_second_before_the_horizon_is_still_offered():
    session, hours, zone = _session(
        duration=30, interval=30, hours={"mon": ["09:00-12:00"]}, zone="UTC"
    )
    earliest = datetime(2026, 11, 23, tzinfo=UTC).timestamp()
    eleven = datetime(2026, 11, 23, 11, tzinfo=UTC).timestamp()
    starts = candidate_starts(session, hours, zone, earliest, eleven + 1)
    assert starts[-1] == eleven
    assert candidate_count(session, hours, zone, earliest, eleven + 1) == len(starts) == 5
    assert candidate_starts(session, hours, zone, earliest, eleven)[-1] == eleven - 1800


def test_a_start_exactly_at_the_horizon_is_not_counted_and_one_fitting_start_is():
    session, hours, zone = _session(
        duration=30, interval=30, hours={"mon": ["09:00-12:00"]}, zone="UTC"
    )
    earliest = datetime(2026, 11, 23, tzinfo=UTC).timestamp()
    eleven = datetime(2026, 11, 23, 11, tzinfo=UTC).timestamp()
    assert candidate_count(session, hours, zone, earliest, eleven) == 4  # 09:00 ... 10:30
    exact, hours2, zone2 = _session(
        duration=30, interval=30, hours={"mon": ["09:00-09:30"]}, zone="UTC"
    )
    assert candidate_count(exact, hours2, zone2, earliest, earliest + 86400) == 1
