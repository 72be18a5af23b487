"""Plain values shared by the core modules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple


class Interval(NamedTuple):
    """A busy stretch in UTC epoch seconds, half-open: [start, end)."""

    start: int
    end: int


@dataclass(frozen=True)
class Booking:
    """A confirmed booking (supplied by the booking desk's ledger in a later issue)."""

    session: str  # the session's slug
    start: datetime  # timezone-aware
    end: datetime


@dataclass(frozen=True, order=True)
class Slot:
    start: datetime  # UTC
    end: datetime  # UTC
    session: str
    day: date  # the coach's local date of `start`

    @property
    def stamp(self) -> str:
        """YYYYMMDDTHHMMSSZ: the slot's file name and the second half of its id."""
        return self.start.strftime("%Y%m%dT%H%M%SZ")

    @property
    def id(self) -> str:
        return f"{self.session}-{self.stamp}"
