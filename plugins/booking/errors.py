"""The engine's own exceptions; each names the setting or file at fault in one line.

Configuration mistakes raise the shared `ConfigError` (plugins.common.config),
re-exported here so engine code has one place to import its errors from."""

from __future__ import annotations

from ..common.errors import SiteError
from ..config.errors import ConfigError

__all__ = ["BookingError", "BusySourceError", "ConfigError"]


class BookingError(SiteError):
    """Base class of the booking engine's and the desk's errors."""


class BusySourceError(BookingError):
    """A busy calendar could not be read or is not valid iCalendar."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"busy calendar {source}: {problem}")
