"""Settings a coach can get wrong by a slip of the finger: control characters,
huge or impossible numbers, names that only look like zones or currencies.
Each is one line naming the setting, never a traceback or a silent accept."""

from __future__ import annotations

import time

import pytest

from plugins.booking.plan import MAX_SLOTS_PER_SESSION, make_plan
from plugins.booking.slots import candidate_count
from plugins.common.clock import ClockError, read_clock
from plugins.config.booking import parse_settings
from plugins.config.errors import ConfigError
from tests.support.booking_settings import NOW, booking


def session(**changes) -> dict:
    return booking(sessions=[{"slug": "s", "title": "S", "duration_minutes": 30, **changes}])


BAD = {
    "CR in a title": (session(title="Intro\rX-INJECTED:1"), "sessions, item 1, title", "U+000D"),
    "LF in a title": (session(title="Intro\nBcc: x@example.org"), "title", "U+000A"),
    "CR in a description": (session(description="a\rb"), "description", "U+000D"),
    "tab in a location": (session(location="Room\t1"), "location", "U+0009"),
    "LF in the coach's name": (
        booking(organizer={"name": "Ada\nLovelace", "email": "a@example.org"}),
        "organizer.name",
        "U+000A",
    ),
    "a day-long duration times a billion": (
        session(duration_minutes=10**18),
        "duration_minutes",
        "at most 1,440",
    ),
    "an endless timeout": (
        booking(busy_timeout_seconds=1e308),
        "busy_timeout_seconds",
        "at most",
    ),
    "a buffer of a week": (
        booking(buffer_after_minutes=10080),
        "buffer_after_minutes",
        "at most",
    ),
    "localtime is not an IANA name": (booking(timezone="localtime"), "timezone", "unknown"),
    "a zone file path": (booking(timezone="/etc/localtime"), "timezone", "unknown"),
    "a made-up currency": (booking(currency="ZZZ"), "currency", "ISO 4217"),
    "an unclosed IPv6 bracket": (
        booking(busy_calendars=["http://[::1/x"]),
        "busy_calendars, item 1",
        "not a URL",
    ),
}


@pytest.mark.parametrize(("raw", "setting", "problem"), BAD.values(), ids=BAD.keys())
def test_refused_in_one_line_naming_the_setting(raw, setting, problem):
    with pytest.raises(ConfigError) as caught:
        parse_settings(raw)
    assert caught.value.setting.endswith(setting), caught.value.setting
    assert problem in caught.value.problem
    assert "\n" not in str(caught.value)


def test_a_description_may_have_line_breaks():
    settings = parse_settings(session(description="First paragraph.\nSecond paragraph."))
    assert settings.sessions[0].description == "First paragraph.\nSecond paragraph."


def test_real_currencies_and_zones_still_pass():
    settings = parse_settings(booking(currency="EUR", timezone="Europe/Paris"))
    assert (settings.currency, settings.timezone) == ("EUR", "Europe/Paris")


def test_a_clock_past_the_year_3000_is_refused():
    with pytest.raises(ClockError, match="after the year 3000"):
        read_clock({"SOURCE_DATE_EPOCH": "253402300799"})  # 9999-12-31


def test_too_many_slots_are_refused_before_any_is_made():
    raw = session(interval_minutes=1, horizon_days=3660)
    raw["weekly_hours"] = {d: ["00:00-24:00"] for d in ("mon", "tue", "wed", "thu", "fri")}
    started = time.monotonic()
    with pytest.raises(ConfigError) as caught:
        make_plan(parse_settings(raw), content_path=".", now=NOW)
    assert time.monotonic() - started < 5  # refused from a count, not after making them
    assert caught.value.setting == "[booking] sessions, item 1"
    assert f"more than {MAX_SLOTS_PER_SESSION:,}" in caught.value.problem
    assert "interval_minutes" in caught.value.problem


def test_the_count_matches_the_slots_it_stands_for():
    settings = parse_settings(session(interval_minutes=15))
    plan = make_plan(settings, content_path=".", now=NOW)
    s = settings.sessions[0]
    earliest = NOW.timestamp() + s.minimum_notice_hours * 3600
    latest = NOW.timestamp() + s.horizon_days * 86400
    count = candidate_count(s, settings.hours, settings.zone, earliest, latest)
    assert count == len(plan.sessions[0].slots) > 0
