"""Benchmark the booking engine against the floor any engine pays.

    python bench/booking.py [--events 2000] [--days 365] [--repeat 5]

Slots for a 365-day horizon at a 5-minute interval against a busy calendar of
2,000 events (a quarter of them weekly series, some with EXDATEs and moved
instances). Prints the engine total (read + parse + expand + slots), the
floor (parse + expand with recurring-ical-events alone) and their ratio.
Targets: ratio <= 1.5 and total under 1 s. Best of --repeat runs.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from plugins.booking.plan import make_plan

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
    plan = make_plan(settings(days), content_path=".", now=NOW, reader=lambda *_: data)
    return sum(len(sp.slots) for sp in plan.sessions)


def best(function, *args, repeat: int) -> tuple[float, int]:
    times, result = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        result = function(*args)
        times.append(time.perf_counter() - started)
    return min(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    data = busy_calendar(args.events, args.days)
    floor_s, occurrences = best(floor, data, args.days, repeat=args.repeat)
    total_s, slots = best(engine, data, args.days, repeat=args.repeat)
    ratio = total_s / floor_s
    print(f"busy calendar: {args.events} events, {occurrences} occurrences in {args.days} days")
    print(f"engine total:  {total_s * 1000:8.1f} ms  ({slots} slots at 5-minute steps)")
    print(f"parse+expand:  {floor_s * 1000:8.1f} ms  (recurring-ical-events alone)")
    print(f"ratio:         {ratio:8.2f}   (target <= 1.5; total target < 1000 ms)")
    return 0 if ratio <= 1.5 and total_s < 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
