"""An in-process Desk on a fixture coach's settings and busy calendar
(tests/fixtures/calendars), at the suite's fixed clock."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from tests.support.site import DEFAULT_EPOCH, ROOT

NOW = datetime.fromtimestamp(DEFAULT_EPOCH, UTC)  # Sunday 22 November 2026, 12:00 UTC
# Monday, November 23, 2026 in New York: free in the sample busy calendar.
FREE = ["discovery-20261123T140000Z", "discovery-20261123T143000Z", "discovery-20261123T150000Z"]
BUSY = "discovery-20261124T140000Z"  # Tuesday 9:00: busy in tests/fixtures/calendars/busy.ics


# A physician coach's BOOKING, written out here so that a coach's edits to
# pelicanconf.py or content/ never change what these tests check.
BOOKING = {
    "timezone": "America/New_York",
    "weekly_hours": {
        "mon": ["09:00-12:00", "13:00-17:00"],
        "tue": ["09:00-12:00"],
        "thu": ["13:00-17:00"],
    },
    "date_overrides": {"2026-12-24": [], "2026-12-30": ["10:00-12:00"]},
    "busy_calendars": ["calendars/busy.ics"],
    "minimum_notice_hours": 24,
    "horizon_days": 28,
    "interval_minutes": 30,
    "buffer_before_minutes": 0,
    "buffer_after_minutes": 15,
    "organizer": {"name": "Dr. Eleanor Hart", "email": "hello@hartcoaching.example"},
    "sessions": [
        {
            "slug": "discovery",
            "title": "Complimentary 30-minute discovery session",
            "duration_minutes": 30,
            "description": "A free, no-obligation conversation about your career.",
            "location": "Video call; the link is sent when the time is confirmed",
            "price": 0,
            "max_per_day": 4,
        },
    ],
}
CALENDARS = ROOT / "tests/fixtures/calendars"


def sample_booking(**changes) -> dict:
    return {**BOOKING, **changes}


def make_desk(project: Path, *, now: datetime = NOW, environ=None, **changes):
    from plugins.booking.desk.commands import Desk

    content = project / "content"
    if not (content / "calendars").exists():
        shutil.copytree(CALENDARS, content / "calendars")
    return Desk(
        raw=sample_booking(**changes),
        content_path=content,
        output_path=project / "output",
        root=project,
        siteurl="",
        origin="http://127.0.0.1:8000",
        now=now,
        environ={} if environ is None else environ,
        lock_timeout=5,
    )


CLIENT_NAME = "Zoë O'Brien-Łukasiewicz, PhD"  # non-ASCII, a comma and a quote: escaping matters
CLIENT_EMAIL = "zoe.obrien@example.org"


def confirmed_then_cancelled(project: Path) -> Path:
    """Confirm FREE[0] for CLIENT_NAME, then cancel it; the outbox folder."""
    from plugins.booking.desk import commands

    desk = make_desk(project)
    commands.confirm(
        desk, FREE[0], CLIENT_NAME, CLIENT_EMAIL, "Video: https://video.example/room?id=1;x=2"
    )
    commands.cancel(desk, FREE[0], "I am unwell; sorry, let us find another time")
    return desk.outbox


def request_file(outbox: Path) -> Path:
    return outbox / f"{FREE[0]}-request-0.ics"


def cancel_file(outbox: Path) -> Path:
    return outbox / f"{FREE[0]}-cancel-1.ics"
