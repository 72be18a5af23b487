"""Our own exceptions: each names the setting or file at fault in one line."""

from __future__ import annotations


class BookingError(Exception):
    """Base class; `str(error)` is a complete one-line message."""


class BookingConfigError(BookingError):
    """A BOOKING setting is missing, malformed or contradictory."""

    def __init__(self, setting: str, problem: str) -> None:
        self.setting = setting
        self.problem = problem
        super().__init__(f"{setting}: {problem}")


class BusySourceError(BookingError):
    """A busy calendar could not be read or is not valid iCalendar."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"busy calendar {source}: {problem}")
