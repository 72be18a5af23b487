"""A program's plan beside the property test: each coach's own busy
calendar (named as her entry in errors, read in her zone), the guard
against too many times counted per coach, and the editions' words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from plugins.booking.errors import BusySourceError
from plugins.booking.plan import MAX_SLOTS_PER_SESSION, in_language, make_plan
from plugins.config.errors import ConfigError
from plugins.config.load import from_tables

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)  # Sunday


def program(**session) -> dict:
    return {
        "site": {"language": "en", "extra_languages": ["fr"]},
        "coach": {"name": "Program", "email": "p@example.org", "timezone": "America/Chicago"},
        "coaches": [
            {
                "slug": "amara",
                "name": "Amara",
                "email": "a@example.org",
                "timezone": "America/Chicago",
                "weekly_hours": {"mon": ["09:00-10:00"]},
                "busy_calendars": ["amara.ics"],
            },
            {
                "slug": "ben",
                "name": "Ben",
                "email": "b@example.org",
                "timezone": "Europe/Paris",
                # Floating time: 09:00 in Paris is 08:00 UTC on 23 November.
                "weekly_hours": {"mon": ["09:00-10:00"]},
                "busy_calendars": ["ben.ics"],
            },
        ],
        "booking": {
            "minimum_notice_hours": 0,
            "horizon_days": 7,
            "sessions": [
                {
                    "slug": "first",
                    "title": {"en": "First", "fr": "Première"},
                    "duration_minutes": 30,
                    **session,
                }
            ],
        },
    }


def floating(start: str, end: str) -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:f@t\r\n"
        f"DTSTAMP:20261101T000000Z\r\nDTSTART:{start}\r\nDTEND:{end}\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


EMPTY = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nEND:VCALENDAR\r\n"


def plan(tables, calendars):
    settings = from_tables(tables).booking
    return make_plan(
        settings, content_path=".", now=NOW, reader=lambda source, _t: calendars[source.entry]
    )


def starts(result, slug):
    found = next(sp for sp in result.sessions if sp.session.slug == slug)
    return [s.start.strftime("%H:%M") for s in found.slots]


def test_each_coach_reads_her_own_calendar_in_her_own_zone():
    # A floating 09:00-09:30 blocks Ben's first half hour in Paris (08:00 UTC),
    # not Amara's (her calendar is empty).
    result = plan(
        program(), {"amara.ics": EMPTY, "ben.ics": floating("20261123T090000", "20261123T093000")}
    )
    assert starts(result, "first-with-ben") == ["08:30"]
    assert starts(result, "first-with-amara") == ["15:00", "15:30"]
    assert starts(result, "first") == ["08:30", "15:00", "15:30"]
    [slot] = [s for s in result.sessions[0].slots if s.start.hour == 8]
    assert slot.end - slot.start == timedelta(minutes=30)
    assert str(slot.day) == "2026-11-23"  # in the program's zone (Chicago): 02:30


def test_a_coach_s_unreadable_calendar_names_her_entry():
    with pytest.raises(BusySourceError) as caught:
        plan(program(), {"amara.ics": EMPTY, "ben.ics": b"not a calendar"})
    assert str(caught.value).startswith(
        "busy calendar [[coaches]] item 2, busy_calendars, item 1 (ben.ics): not valid"
    )


def test_too_many_times_is_counted_per_coach():
    tables = program(interval_minutes=1, duration_minutes=1)
    tables["booking"]["horizon_days"] = 3660
    for coach in tables["coaches"]:
        coach["weekly_hours"] = {"mon": ["00:00-24:00"]}
    with pytest.raises(ConfigError) as caught:
        plan(tables, {"amara.ics": EMPTY, "ben.ics": EMPTY})
    assert "[booking] sessions, item 1" in str(caught.value)
    assert f"more than {MAX_SLOTS_PER_SESSION:,}" in str(caught.value)
    # Two days ahead: one Monday, 1,440 starts for each coach, under the limit.
    tables["booking"]["horizon_days"] = 2
    plan(tables, {"amara.ics": EMPTY, "ben.ics": EMPTY})


def test_an_edition_speaks_the_page_s_language():
    result = plan(program(), {"amara.ics": EMPTY, "ben.ics": EMPTY})
    french = in_language(result, "fr")
    assert [sp.session.title for sp in french.sessions] == ["Première"] * 3
    assert [s.title for s in french.settings.sessions] == ["Première"] * 3
    assert [sp.slots for sp in french.sessions] == [sp.slots for sp in result.sessions]
    assert french.now == result.now


def test_busy_time_is_read_from_the_longest_session_s_reach():
    """Calendars are read from now minus the longest duration plus buffers (a
    meeting that ends just before now can still block the first time after
    it) to the horizon plus the same: the CalDAV reader is asked exactly that."""
    from plugins.config.booking import parse_settings
    from tests.support.booking_settings import booking

    settings = parse_settings(
        booking(
            minimum_notice_hours=0,
            horizon_days=3,
            buffer_before_minutes=10,
            buffer_after_minutes=20,
            sessions=[
                {"slug": "a", "title": "A", "duration_minutes": 30},
                {"slug": "b", "title": "B", "duration_minutes": 90},
            ],
        )
    )
    asked = []
    make_plan(
        settings,
        content_path=".",
        now=NOW,
        reader=lambda *_: EMPTY,
        caldav_busy=lambda s, start, end: asked.append((start, end)) or [],
    )
    reach = timedelta(minutes=90 + 10 + 20)
    assert asked == [(NOW - reach, NOW + timedelta(days=3) + reach)]


def test_a_coach_s_meeting_just_before_now_still_blocks_with_her_buffer():
    tables = program(buffer_before_minutes=30)
    tables["coaches"][0]["weekly_hours"] = {"sun": ["12:00-14:00"]}  # 18:00-20:00 UTC
    now = datetime(2026, 11, 22, 18, 10, tzinfo=UTC)
    # Amara's meeting ends at 18:10 UTC, as the clock reads: 18:30 is inside her
    # 30-minute break after it, 19:00 is not.
    meeting = floating("20261122T113000", "20261122T121000")  # in Chicago
    settings = from_tables(tables).booking
    result = make_plan(
        settings,
        content_path=".",
        now=now,
        reader=lambda source, _t: meeting if source.entry == "amara.ics" else EMPTY,
    )
    assert starts(result, "first-with-amara")[:2] == ["19:00", "19:30"]
