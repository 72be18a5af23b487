"""The whole core in one call: settings -> busy sources -> slots, failing closed."""

from __future__ import annotations

from datetime import timedelta

import pytest

from plugins.booking.errors import BusySourceError
from plugins.booking.model import Booking
from plugins.booking.plan import make_plan
from plugins.config.booking import parse_settings
from plugins.config.errors import ConfigError
from tests.support.booking_settings import NOW, booking, utc

BUSY = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:x@t\r\n"
    b"DTSTAMP:20261101T000000Z\r\nDTSTART:20261123T140000Z\r\nDTEND:20261123T150000Z\r\n"
    b"END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def _plan(raw=None, reader=lambda *_: BUSY, bookings=()):
    raw = raw or booking(busy_calendars=["a.ics", "https://cal.example.org/b.ics"])
    return make_plan(
        parse_settings(raw), content_path=".", now=NOW, reader=reader, bookings=bookings
    )


def test_every_source_is_read_with_the_configured_timeout():
    seen = []
    _plan(
        booking(busy_calendars=["a.ics", "https://x.example/b.ics"], busy_timeout_seconds=3),
        reader=lambda source, timeout: seen.append((source.entry, timeout)) or BUSY,
    )
    assert seen == [("a.ics", 3), ("https://x.example/b.ics", 3)]


def test_busy_time_removes_slots():
    starts = [s.start for s in _plan().sessions[0].slots]
    assert utc("2026-11-23T14:00") not in starts and utc("2026-11-23T15:00") in starts


def test_one_unreadable_source_fails_the_whole_plan():
    def reader(source, _timeout):
        if source.is_url:
            raise BusySourceError(source.label, "unreachable (test)")
        return BUSY

    with pytest.raises(BusySourceError, match="unreachable"):
        _plan(reader=reader)


def test_settings_are_validated_before_any_source_is_read():
    def reader(*_):
        raise AssertionError("must not be read")

    with pytest.raises(ConfigError):
        _plan(booking(busy_calendars=["a.ics"], horizon_days=-1), reader=reader)


def test_bookings_are_busy_time_and_count_towards_the_daily_cap():
    raw = booking(buffer_after_minutes=15)
    raw["sessions"][0]["max_per_day"] = 2
    at = utc("2026-11-24T14:00")  # Tuesday 9:00 AM in New York
    one = [Booking("discovery", at, at + timedelta(minutes=30))]
    starts = [s.start for s in _plan(raw, bookings=one).sessions[0].slots]
    assert at not in starts and at + timedelta(minutes=30) not in starts  # booked + its buffer
    assert at + timedelta(minutes=60) in starts
    two = [*one, Booking("discovery", at + timedelta(hours=2), at + timedelta(hours=2, minutes=30))]
    days = {s.day.isoformat() for s in _plan(raw, bookings=two).sessions[0].slots}
    assert "2026-11-24" not in days and "2026-11-23" in days
