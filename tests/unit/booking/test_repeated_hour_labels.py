"""The hour the clocks go back happens twice: its two passes must never get
the same label (Europe/Dublin, 25 October 2026: 00:00Z and 01:00Z were both
"1:00 AM"). Every other time keeps its plain label."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.booking.desk.invitations import when
from plugins.booking.labels import time_label, time_range
from tests.support.languages import ENGLISH, language

ZONES = sorted(available_timezones())
CODES = ["en", "fr", "de", "es", "pt", "nl", "it"]


@cache
def _backward_changes(key: str, year: int) -> tuple[tuple[datetime, timedelta], ...]:
    """(instant, how far the clocks went back) for each time the zone's
    offset fell during `year`, to the minute."""
    zone, found = ZoneInfo(key), []
    step = timedelta(hours=6)
    t = datetime(year, 1, 1, tzinfo=UTC)
    while t.year == year:
        before, after = t.astimezone(zone).utcoffset(), (t + step).astimezone(zone).utcoffset()
        if after < before:
            lo, hi = t, t + step  # the change is in (lo, hi]
            while hi - lo > timedelta(minutes=1):
                mid = lo + (hi - lo) / 2
                mid = mid.replace(second=0, microsecond=0)
                if mid <= lo:
                    break
                lo, hi = (mid, hi) if mid.astimezone(zone).utcoffset() == before else (lo, mid)
            found.append((hi, before - after))
        t += step
    return tuple(found)


@settings(max_examples=150, deadline=None)
@given(
    key=st.sampled_from(ZONES),
    year=st.integers(1990, 2037),
    where=st.floats(0, 1, exclude_max=True),
    gap=st.integers(1, 24 * 60 - 1),
    code=st.sampled_from(CODES),
)
def test_two_different_times_on_one_day_never_share_a_label(key, year, where, gap, code):
    zone, lang = ZoneInfo(key), language(code)
    changes = _backward_changes(key, year)
    if changes:
        # Both passes through one wall time of a repeated hour.
        change, back = changes[int(where * len(changes))]
        first = (change - back + timedelta(minutes=int(where * back.total_seconds() / 60))).replace(
            second=0, microsecond=0
        )
        second = first + back
    else:
        first = datetime(year, 1, 1, tzinfo=UTC) + timedelta(minutes=int(where * 525_000))
        second = first + timedelta(minutes=gap)
    a, b = first.astimezone(zone), second.astimezone(zone)
    if a.date() != b.date():
        return
    assert time_label(a, lang) != time_label(b, lang), (key, a, b)


def test_dublin_when_the_clocks_go_back():
    dublin = ZoneInfo("Europe/Dublin")
    first = datetime(2026, 10, 25, 0, tzinfo=UTC).astimezone(dublin)
    second = datetime(2026, 10, 25, 1, tzinfo=UTC).astimezone(dublin)
    assert time_label(first, ENGLISH) == "1:00 AM GMT+1"
    assert time_label(second, ENGLISH) == "1:00 AM GMT+0"
    assert time_label(first, language("fr")) == "01:00 UTC+1"
    # Outside the repeated hour nothing changes.
    before = datetime(2026, 10, 24, 23, 59, tzinfo=UTC).astimezone(dublin)
    after = datetime(2026, 10, 25, 2, tzinfo=UTC).astimezone(dublin)
    assert time_label(before, ENGLISH) == "12:59 AM"
    assert time_label(after, ENGLISH) == "2:00 AM"
    end = datetime(2026, 10, 25, 1, 30, tzinfo=UTC).astimezone(dublin)
    assert time_range(first, end, ENGLISH) == "1:00 AM GMT+1-1:30 AM GMT+0"


@pytest.mark.parametrize(
    ("key", "utc", "label"),
    [
        ("America/New_York", datetime(2026, 11, 1, 5, 30, tzinfo=UTC), "1:30 AM GMT-4"),
        ("America/New_York", datetime(2026, 11, 1, 6, 30, tzinfo=UTC), "1:30 AM GMT-5"),
        ("Australia/Lord_Howe", datetime(2026, 4, 4, 14, 45, tzinfo=UTC), "1:45 AM GMT+11"),
        ("Australia/Lord_Howe", datetime(2026, 4, 4, 15, 15, tzinfo=UTC), "1:45 AM GMT+10:30"),
        # Clocks going forward skip an hour: nothing is repeated, nothing added.
        ("Europe/Dublin", datetime(2026, 3, 29, 1, 0, tzinfo=UTC), "2:00 AM"),
        ("America/New_York", datetime(2026, 11, 23, 14, tzinfo=UTC), "9:00 AM"),
    ],
)
def test_repeated_times_carry_their_offset_and_others_do_not(key, utc, label):
    assert time_label(utc.astimezone(ZoneInfo(key)), ENGLISH) == label


def test_the_desks_letters_name_the_two_passes_apart():
    first = datetime(2026, 10, 25, 0, tzinfo=UTC)
    second = datetime(2026, 10, 25, 1, tzinfo=UTC)
    a = when(first, first + timedelta(minutes=30), "Europe/Dublin", ENGLISH)
    b = when(second, second + timedelta(minutes=30), "Europe/Dublin", ENGLISH)
    assert a != b
    assert a == "Sunday, October 25, 2026, 1:00 AM GMT+1-1:30 AM GMT+1 Ireland Time"
