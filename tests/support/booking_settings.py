"""Helpers shared by the booking tests: a small valid BOOKING dict, the
suite's clock, and slots straight from the pure engine."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.support.dicts import replaced

# Sunday 22 November 2026, 12:00 UTC (07:00 in New York): the suite's build clock.
NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)

BASE = {
    "timezone": "America/New_York",
    "weekly_hours": {"mon": ["09:00-12:00", "13:00-17:00"], "tue": ["09:00-12:00"]},
    "minimum_notice_hours": 24,
    "horizon_days": 28,
    "organizer": {"name": "Dr. Eleanor Hart", "email": "hello@hartcoaching.example"},
    "sessions": [{"slug": "discovery", "title": "Discovery session", "duration_minutes": 30}],
}


def booking(**changes) -> dict:
    return replaced(BASE, **changes)


def offered(raw: dict, now: datetime = NOW, busy=(), bookings=(), session: int = 0):
    """Slots of one session straight from the pure engine."""
    from plugins.booking.slots import offered_slots
    from plugins.config.booking import parse_settings

    settings = parse_settings(raw)
    return offered_slots(
        settings.sessions[session], settings.hours, settings.zone, busy, now, bookings
    )


def utc(text: str) -> datetime:
    """'2026-11-23T14:00' -> an aware UTC datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def starts(slots) -> list[str]:
    return [s.start.strftime("%Y-%m-%dT%H:%M") for s in slots]


def local_times(slots, zone: str) -> list[str]:
    from zoneinfo import ZoneInfo

    return [s.start.astimezone(ZoneInfo(zone)).strftime("%m-%d %H:%M%z") for s in slots]


def one_day(zone: str, day: str, windows: list[str], duration=30, **extra) -> dict:
    """A coach open only on `day` (an override), every other day closed."""
    return booking(
        timezone=zone,
        weekly_hours={},
        date_overrides={day: windows},
        minimum_notice_hours=0,
        sessions=[{"slug": "s", "title": "S", "duration_minutes": duration, **extra}],
    )
