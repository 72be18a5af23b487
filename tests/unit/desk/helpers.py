"""An in-process Desk on the sample coach's settings, at the suite's fixed clock."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from tests.support.site import DEFAULT_EPOCH, ROOT

NOW = datetime.fromtimestamp(DEFAULT_EPOCH, UTC)  # Sunday 22 November 2026, 12:00 UTC
# Monday 23 November 2026 in New York: free in the sample busy calendar.
FREE = ["discovery-20261123T140000Z", "discovery-20261123T143000Z", "discovery-20261123T150000Z"]
BUSY = "discovery-20261124T140000Z"  # Tuesday 9:00: busy in content/calendars/busy.ics


def sample_booking(**changes) -> dict:
    import pelicanconf

    return {**pelicanconf.BOOKING, **changes}


def make_desk(project: Path, *, now: datetime = NOW, environ=None, **changes):
    from plugins.booking.desk import Desk

    content = project / "content"
    if not (content / "calendars").exists():
        shutil.copytree(ROOT / "content/calendars", content / "calendars")
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
