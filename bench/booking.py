"""Benchmark the booking engine against the floor any engine pays.

    python bench/booking.py [--events 2000,20000] [--days 365] [--runs 5]

Slots for a 365-day horizon at a 5-minute interval against a busy calendar of
N events (a quarter of them weekly series, some with EXDATEs and moved
instances), for each N of --events. Engine (read + parse + expand + slots)
and floor (parse + expand with recurring-ical-events alone, over the
horizon) alternate in the same run; it prints their medians, the ratio, and
microseconds per busy occurrence, which stays flat when growth is linear.
Targets: ratio <= 1.2 and total under 1 s at 2,000 events. Exit 1 if missed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from plugins.booking import plan as plan_module
from plugins.booking.plan import make_plan
from plugins.config.booking import parse_settings

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
ZONE = "America/New_York"


def busy_calendar(events: int, days: int, seed: int = 7) -> bytes:
    """A deterministic calendar: 75% one-off meetings, 25% weekly series."""
    rng = random.Random(seed)
    zone = ZoneInfo(ZONE)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN"]
    for n in range(events):
        day = NOW.date() + timedelta(days=rng.randrange(-30, days))
        start = datetime(day.year, day.month, day.day, rng.randrange(7, 19), rng.choice((0, 30)))
        minutes = rng.choice((30, 45, 60, 90, 120))
        stamp = start.strftime("%Y%m%dT%H%M%S")
        end = (start + timedelta(minutes=minutes)).strftime("%Y%m%dT%H%M%S")
        lines += ["BEGIN:VEVENT", f"UID:bench-{n}@bench.example", "DTSTAMP:20261101T000000Z"]
        if n % 4 == 0:
            lines += [
                f"DTSTART;TZID={ZONE}:{stamp}",
                f"DTEND;TZID={ZONE}:{end}",
                f"RRULE:FREQ=WEEKLY;COUNT={rng.randrange(4, 30)}",
            ]
            if n % 8 == 0:
                skipped = (start + timedelta(weeks=2)).strftime("%Y%m%dT%H%M%S")
                lines.append(f"EXDATE;TZID={ZONE}:{skipped}")
            lines += [f"SUMMARY:Series {n}", "END:VEVENT"]
            if n % 16 == 0:
                moved = start + timedelta(weeks=1)
                lines += [
                    "BEGIN:VEVENT",
                    f"UID:bench-{n}@bench.example",
                    "DTSTAMP:20261101T000000Z",
                    f"RECURRENCE-ID;TZID={ZONE}:{moved.strftime('%Y%m%dT%H%M%S')}",
                    f"DTSTART;TZID={ZONE}:{(moved + timedelta(hours=1)).strftime('%Y%m%dT%H%M%S')}",
                    f"DTEND;TZID={ZONE}:{(moved + timedelta(hours=2)).strftime('%Y%m%dT%H%M%S')}",
                    "END:VEVENT",
                ]
        else:
            utc_start = start.replace(tzinfo=zone).astimezone(UTC)
            utc_end = utc_start + timedelta(minutes=minutes)
            lines += [
                f"DTSTART:{utc_start.strftime('%Y%m%dT%H%M%SZ')}",
                f"DTEND:{utc_end.strftime('%Y%m%dT%H%M%SZ')}",
                f"SUMMARY:Meeting {n}",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def settings(days: int) -> dict:
    return {
        "timezone": ZONE,
        "weekly_hours": {
            day: ["08:00-12:00", "13:00-18:00"] for day in ("mon", "tue", "wed", "thu", "fri")
        },
        "busy_calendars": ["busy.ics"],
        "minimum_notice_hours": 24,
        "horizon_days": days,
        "interval_minutes": 5,
        "buffer_after_minutes": 10,
        "organizer": {"name": "Bench Coach", "email": "coach@bench.example"},
        "sessions": [{"slug": "discovery", "title": "Discovery", "duration_minutes": 30}],
    }


def floor(data: bytes, days: int) -> int:
    calendar = icalendar.Calendar.from_ical(data)
    events = recurring_ical_events.of(calendar).between(NOW, NOW + timedelta(days=days))
    return sum(1 for _ in events)


def engine(data: bytes, days: int) -> int:
    # A year at 5-minute steps is about 28,000 times, past the cap a site has
    # (plan.MAX_SLOTS_PER_SESSION); the benchmark measures the engine beyond it.
    plan_module.MAX_SLOTS_PER_SESSION = 10**6
    plan = make_plan(
        parse_settings(settings(days)), content_path=".", now=NOW, reader=lambda *_: data
    )
    return sum(len(sp.slots) for sp in plan.sessions)


def measure(events: int, days: int = 365, runs: int = 5) -> dict:
    """Medians of `runs` alternating floor / engine runs on one calendar."""
    data = busy_calendar(events, days)
    floors, engines, occurrences, slots = [], [], 0, 0
    engine(data, days)  # first-use costs (imports, zone data) are no part of either
    for _ in range(runs):
        started = time.perf_counter()
        occurrences = floor(data, days)
        floors.append(time.perf_counter() - started)
        started = time.perf_counter()
        slots = engine(data, days)
        engines.append(time.perf_counter() - started)
    floor_s, engine_s = statistics.median(floors), statistics.median(engines)
    return {
        "events": events,
        "occurrences": occurrences,
        "slots": slots,
        "floor_s": floor_s,
        "engine_s": engine_s,
        "ratio": engine_s / floor_s,
        "us_per_occurrence": engine_s / occurrences * 1e6,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", default="2000,20000", help="comma-separated sizes")
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rows = [measure(int(n), args.days, args.runs) for n in args.events.split(",")]
    print(f"{args.days}-day horizon, 5-minute interval; medians of {args.runs} alternating runs")
    print(
        f"{'events':>7} {'occurrences':>11} {'slots':>6} {'engine ms':>10} "
        f"{'floor ms':>9} {'ratio':>6} {'us/occurrence':>13}"
    )
    for r in rows:
        print(
            f"{r['events']:>7} {r['occurrences']:>11} {r['slots']:>6} "
            f"{r['engine_s'] * 1000:>10.1f} {r['floor_s'] * 1000:>9.1f} {r['ratio']:>6.2f} "
            f"{r['us_per_occurrence']:>13.1f}"
        )
    missed = [r for r in rows if r["ratio"] > 1.2]
    missed += [r for r in rows if r["events"] <= 2000 and r["engine_s"] >= 1]
    if missed:
        print("Target missed (ratio <= 1.2; under 1 s at 2,000 events)")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
