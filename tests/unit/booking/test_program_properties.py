"""Property test for a program: an "any" session offers exactly the union
of each listed coach's free starts, an "all" session exactly their
intersection, each coach with her own zone, hours, busy calendar, buffers,
notice and cap, over random clocks near DST changes in different zones.
The oracle is the single-coach brute-force reference of
test_booking_properties.py, run per coach."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plugins.booking.model import Booking, Interval
from plugins.booking.plan import make_plan
from plugins.config.load import from_tables
from plugins.config.schema import WEEKDAYS
from tests.unit.booking.test_booking_properties import reference, transitions, windows

# Zones whose clocks change on different dates (and two that never do).
ZONES = (
    "America/New_York",
    "Europe/Paris",
    "Australia/Sydney",
    "America/Santiago",
    "Asia/Kolkata",
    "America/Mexico_City",
    "Pacific/Chatham",
)


def ics(intervals: list[Interval]) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"]
    for k, (a, b) in enumerate(intervals):
        lines += [
            "BEGIN:VEVENT",
            f"UID:e{k}@test",
            "DTSTAMP:20260101T000000Z",
            f"DTSTART:{datetime.fromtimestamp(a, UTC):%Y%m%dT%H%M%SZ}",
            f"DTEND:{datetime.fromtimestamp(b, UTC):%Y%m%dT%H%M%SZ}",
            "END:VEVENT",
        ]
    return ("\r\n".join([*lines, "END:VCALENDAR", ""])).encode()


@st.composite
def programs(draw):
    zones = draw(st.lists(st.sampled_from(ZONES), min_size=2, max_size=3))
    near = transitions(zones[0])
    if near and draw(st.booleans()):
        now = draw(st.sampled_from(near)) - timedelta(minutes=draw(st.integers(0, 5 * 24 * 60)))
    else:
        now = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(
            minutes=draw(st.integers(0, 700 * 24 * 60))
        )
    horizon = draw(st.integers(1, 6))
    duration = draw(st.sampled_from([30, 45, 60]))
    span = (horizon + 2) * 24 * 60
    coaches, busy = [], {}
    for i, zone in enumerate(zones):
        today = now.astimezone(ZoneInfo(zone)).date()
        entry = {
            "slug": f"c{i}",
            "name": f"Coach {i}",
            "email": f"c{i}@program.example",
            "timezone": zone,
            "weekly_hours": draw(st.dictionaries(st.sampled_from(WEEKDAYS), windows)),
            "date_overrides": draw(
                st.dictionaries(
                    st.integers(-1, horizon).map(
                        lambda d, t=today: (t + timedelta(days=d)).isoformat()
                    ),
                    windows,
                    max_size=2,
                )
            ),
            "busy_calendars": [f"calendars/c{i}.ics"],
        }
        for key, values in (
            ("minimum_notice_hours", [0, 1, 5, 24]),
            ("buffer_before_minutes", [0, 10]),
            ("buffer_after_minutes", [0, 15, 30]),
            ("max_per_day", [1, 2]),
        ):
            if draw(st.booleans()):
                entry[key] = draw(st.sampled_from(values))
        coaches.append(entry)
        busy[f"c{i}"] = [
            Interval(start, start + draw(st.integers(1, 180)) * 60)
            for start in (
                int(now.timestamp()) // 60 * 60 + draw(st.integers(-600, span)) * 60
                for _ in range(draw(st.integers(0, 6)))
            )
        ]
    booking = {
        "organizer": {"name": "Program", "email": "program@example.org"},
        "timezone": zones[0],
        "horizon_days": horizon,
        "minimum_notice_hours": draw(st.sampled_from([0, 2, 12])),
        "buffer_after_minutes": draw(st.sampled_from([0, 10])),
        "max_per_day": draw(st.sampled_from([None, 2, 3])),
        "interval_minutes": draw(st.sampled_from([15, 30])),
        "sessions": [
            {"slug": "any", "title": "Any", "duration_minutes": duration},
            {"slug": "all", "title": "All", "duration_minutes": duration, "assign": "all"},
        ],
    }
    slugs = [c["slug"] for c in coaches]
    bookings = [
        Booking(
            draw(st.sampled_from([*(f"any-with-{s}" for s in slugs), "all"])),
            at,
            at + timedelta(minutes=duration),
        )
        for at in (
            now + timedelta(minutes=15 * draw(st.integers(0, span // 15)))
            for _ in range(draw(st.integers(0, 4)))
        )
    ]
    return {"coach": {}, "coaches": coaches, "booking": booking}, now, busy, bookings


def alone(tables: dict, coach: dict, slug: str, session: dict) -> dict:
    """The single-coach settings the reference reads for one coach's session."""
    rules = {
        k: coach[k]
        for k in (
            "minimum_notice_hours",
            "buffer_before_minutes",
            "buffer_after_minutes",
            "max_per_day",
        )
        if k in coach
    }
    defaults = {k: v for k, v in tables["booking"].items() if k not in {"sessions"}}
    merged = {
        "slug": slug,
        "title": "S",
        "duration_minutes": session["duration_minutes"],
        "interval_minutes": defaults["interval_minutes"],
        "buffer_before_minutes": 0,
        "buffer_after_minutes": defaults["buffer_after_minutes"],
        "minimum_notice_hours": defaults["minimum_notice_hours"],
        "horizon_days": defaults["horizon_days"],
        "max_per_day": defaults["max_per_day"],
        **rules,
    }
    return {
        "timezone": coach["timezone"],
        "weekly_hours": coach["weekly_hours"],
        "date_overrides": coach["date_overrides"],
        "sessions": [merged],
    }


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_any_is_the_union_and_all_the_intersection(scenario):
    tables, now, busy, bookings = scenario
    parsed = from_tables(tables)
    plan = make_plan(
        parsed.booking,
        content_path=".",
        now=now,
        bookings=bookings,
        reader=lambda source, _timeout: ics(busy[source.entry.split("/")[1][:-4]]),
    )
    offered = {sp.session.slug: [s.start for s in sp.slots] for sp in plan.sessions}
    own: dict[str, dict[str, set[datetime]]] = {"any": {}, "all": {}}
    for coach in tables["coaches"]:
        c = coach["slug"]
        for name, booked_as in (("any", f"any-with-{c}"), ("all", "all")):
            raw = alone(tables, coach, "s", tables["booking"]["sessions"][0])
            rule = raw["sessions"][0]
            hers = [b for b in bookings if b.session in {f"any-with-{c}", "all"}]
            padded = [
                Interval(
                    int(b.start.timestamp()) - rule["buffer_before_minutes"] * 60,
                    int(b.end.timestamp()) + rule["buffer_after_minutes"] * 60,
                )
                for b in hers
            ]
            counted = [
                Booking("s" if b.session == booked_as else "other", b.start, b.end) for b in hers
            ]
            own[name][c] = set(reference(raw, now, busy[c] + padded, counted))
    for c, starts in own["any"].items():
        assert offered[f"any-with-{c}"] == sorted(starts)
    assert offered["any"] == sorted(set().union(*own["any"].values()))
    assert offered["all"] == sorted(set.intersection(*own["all"].values()))
    # Each slot whole: its session, its length, its day in the program's zone.
    program_zone = ZoneInfo(tables["booking"]["timezone"])
    for sp in plan.sessions:
        length = timedelta(minutes=sp.session.duration_minutes)
        for slot in sp.slots:
            assert slot.session == sp.session.slug and slot.end - slot.start == length
            if not sp.session.parent and sp.session.shared:
                assert slot.day == slot.start.astimezone(program_zone).date()
