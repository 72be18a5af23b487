"""The build clock: SOURCE_DATE_EPOCH when set, else the current time.

The build (every plugin) and the desk read it the same way, so `confirm`
checks a slot against the same clock the site was built with, and two
builds with the same SOURCE_DATE_EPOCH are byte-identical."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from .errors import SiteError

# 3000-01-01T00:00:00Z: far enough for any build, near enough that adding a
# ten-year booking horizon never overflows a datetime.
LATEST = 32503680000


class ClockError(SiteError):
    """SOURCE_DATE_EPOCH is not a time the build can use."""

    def __init__(self, problem: str) -> None:
        super().__init__(f"SOURCE_DATE_EPOCH: {problem}")


def read_clock(environ: Mapping[str, str]) -> datetime:
    """Aware UTC "now"; ClockError when the variable is not whole seconds."""
    raw = environ.get("SOURCE_DATE_EPOCH")
    if raw is None:
        return datetime.now(UTC)
    if not raw.strip().isdigit():
        raise ClockError(f"must be whole seconds since 1970 (UTC), not {raw!r}")
    if int(raw) > LATEST:
        raise ClockError(f"{raw} is after the year 3000; use `date +%s`")
    return datetime.fromtimestamp(int(raw), UTC)
