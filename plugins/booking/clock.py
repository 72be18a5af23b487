"""The booking engine's "now": SOURCE_DATE_EPOCH when set, else the current time.

The build and the desk read it the same way, so `confirm` checks a slot
against the same clock the site was built with (tests pin it)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime


def read_clock(environ: Mapping[str, str]) -> datetime:
    """Raises ValueError with a one-line message when the variable is malformed."""
    raw = environ.get("SOURCE_DATE_EPOCH")
    if raw is None:
        return datetime.now(UTC)
    if not raw.strip().isdigit():
        raise ValueError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {raw!r}")
    return datetime.fromtimestamp(int(raw), UTC)
