"""Property test: the engine agrees with an obviously-correct brute-force reference
over random zones, hours, overrides, buffers, busy sets, bookings and clocks."""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plugins.booking.model import Booking, Interval
from plugins.booking.slots import offered_slots
from plugins.common.zones import iana_zones
from plugins.config.booking import parse_settings
from plugins.config.schema import WEEKDAYS

# The IANA names the settings accept ("localtime" and "Factory" are refused).
ZONES = sorted(iana_zones() - {"Factory"})
BASE_TIME = datetime(2026, 1, 1, tzinfo=UTC)


@functools.cache
def transitions(key: str) -> tuple[datetime, ...]:
    """UTC instants in 2026-2027 where the zone's offset changes (DST and others)."""
    zone, found = ZoneInfo(key), []

    def offset(moment: datetime) -> timedelta | None:
        return moment.astimezone(zone).utcoffset()

    # A day at a time, then hour by hour through a day whose offset changed:
    # the first whole hour after each change, as an hourly walk finds it. (No
    # zone changes its offset twice in one day and back.)
    for day in range(730):
        begin = BASE_TIME + timedelta(days=day)
        if offset(begin) == offset(begin + timedelta(days=1)):
            continue
        for hour in range(1, 25):
            moment = begin + timedelta(hours=hour)
            if offset(moment) != offset(moment - timedelta(hours=1)):
                found.append(moment)
    return tuple(found)


def hhmm(quarter: int) -> str:
    return f"{quarter * 15 // 60:02d}:{quarter * 15 % 60:02d}"


# Sorted distinct quarter-hour marks, paired up: non-overlapping windows, 24:00 allowed.
windows = st.lists(st.integers(0, 96), unique=True, max_size=6).map(
    lambda marks: [
        f"{hhmm(a)}-{hhmm(b)}"
        for a, b in zip(sorted(marks)[::2], sorted(marks)[1::2], strict=False)
    ]
)


@st.composite
def scenarios(draw):
    zone = draw(st.sampled_from(ZONES))
    near = transitions(zone)
    if near and draw(st.booleans()):  # half the time, straddle an offset change
        now = draw(st.sampled_from(near)) - timedelta(minutes=draw(st.integers(0, 6 * 24 * 60)))
    else:
        now = BASE_TIME + timedelta(minutes=draw(st.integers(0, 700 * 24 * 60)))
    now += timedelta(seconds=draw(st.sampled_from([0, 0, 1, 59])))
    horizon = draw(st.integers(0, 8))
    today = now.astimezone(ZoneInfo(zone)).date()
    override_days = st.integers(-1, horizon + 1).map(
        lambda d: (today + timedelta(days=d)).isoformat()
    )
    duration = draw(st.sampled_from([15, 20, 30, 45, 60, 90]))
    session = {
        "slug": "s",
        "title": "S",
        "duration_minutes": duration,
        "interval_minutes": draw(st.sampled_from([5, 10, 15, 20, 30, 45, 60, duration])),
        "buffer_before_minutes": draw(st.sampled_from([0, 0, 5, 10, 30])),
        "buffer_after_minutes": draw(st.sampled_from([0, 0, 5, 15, 60])),
        "minimum_notice_hours": draw(st.sampled_from([0, 0.5, 1, 2, 24, 36])),
        "horizon_days": horizon,
        "max_per_day": draw(st.sampled_from([None, None, 1, 2])),
    }
    raw = {
        "timezone": zone,
        "weekly_hours": draw(st.dictionaries(st.sampled_from(WEEKDAYS), windows)),
        "date_overrides": draw(st.dictionaries(override_days, windows, max_size=3)),
        "organizer": {"name": "Coach", "email": "coach@example.org"},
        "sessions": [session],
    }
    span = int((horizon + 2) * 24 * 60)
    busy = [
        Interval(start, start + draw(st.integers(0, 240)) * 60)
        for start in (
            int(now.timestamp()) + draw(st.integers(-24 * 60, span)) * 60
            for _ in range(draw(st.integers(0, 12)))
        )
    ]
    bookings = [
        Booking(draw(st.sampled_from(["s", "other"])), at, at + timedelta(minutes=duration))
        for at in (
            now + timedelta(minutes=draw(st.integers(0, span)))
            for _ in range(draw(st.integers(0, 4)))
        )
    ]
    return raw, now, busy, bookings


def reference(raw: dict, now: datetime, busy, bookings) -> list[datetime]:
    """The issue's rules, read literally, checked one candidate at a time."""
    zone = ZoneInfo(raw["timezone"])
    s = raw["sessions"][0]
    duration = timedelta(minutes=s["duration_minutes"])
    step = timedelta(minutes=s["interval_minutes"])
    before = timedelta(minutes=s["buffer_before_minutes"])
    after = timedelta(minutes=s["buffer_after_minutes"])
    earliest = now + timedelta(hours=s["minimum_notice_hours"])
    latest = now + timedelta(days=s["horizon_days"])
    busy_dt = [(datetime.fromtimestamp(a, UTC), datetime.fromtimestamp(b, UTC)) for a, b in busy]

    def wall(day: date, text: str) -> datetime:
        h, m = map(int, text.split(":"))
        if h == 24:
            day, h = day + timedelta(days=1), 0
        return datetime(day.year, day.month, day.day, h, m, tzinfo=zone).astimezone(UTC)

    found: set[datetime] = set()
    day, last = now.astimezone(zone).date(), latest.astimezone(zone).date()
    while day <= last:
        hours = raw["date_overrides"].get(day.isoformat())
        if hours is None:
            hours = raw["weekly_hours"].get(WEEKDAYS[day.weekday()], [])
        for window in hours:
            first, end = (wall(day, t) for t in window.split("-"))
            k = 0
            while first + k * step + duration <= end:
                start = first + k * step
                k += 1
                low, high = start - before, start + duration + after
                # Overlap means a common instant; an empty busy interval has none.
                if earliest <= start < latest and not any(
                    max(low, b0) < min(high, b1) for b0, b1 in busy_dt
                ):
                    found.add(start)
        day += timedelta(days=1)
    if s["max_per_day"]:
        counts: dict[date, int] = {}
        for b in bookings:
            if b.session == "s":
                local = b.start.astimezone(zone).date()
                counts[local] = counts.get(local, 0) + 1
        found = {f for f in found if counts.get(f.astimezone(zone).date(), 0) < s["max_per_day"]}
    return sorted(found)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_engine_matches_the_reference(scenario):
    raw, now, busy, bookings = scenario
    parsed = parse_settings(raw)
    session = parsed.sessions[0]
    slots = offered_slots(session, parsed.hours, parsed.zone, busy, now, bookings)
    assert [s.start for s in slots] == reference(raw, now, busy, bookings)

    # And, spelled out, every offered slot satisfies every rule on its own.
    zone = ZoneInfo(raw["timezone"])
    for slot in slots:
        assert slot.start >= now + timedelta(hours=session.minimum_notice_hours)
        assert slot.start < now + timedelta(days=session.horizon_days)
        assert slot.end - slot.start == timedelta(minutes=session.duration_minutes)
        assert slot.day == slot.start.astimezone(zone).date()
        low = slot.start.timestamp() - session.buffer_before_minutes * 60
        high = slot.end.timestamp() + session.buffer_after_minutes * 60
        assert not any(max(low, a) < min(high, b) for a, b in busy)
    assert [s.start for s in slots] == sorted({s.start for s in slots})
