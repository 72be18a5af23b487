"""What a build takes from its memo is what it would have made: the slot
calendars byte for byte at any clock, and the busy time of a calendar
expanded earlier the same day gives the same slots."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.booking import busy
from plugins.booking.ics import availability_feed, memo_version, slot_invite
from plugins.booking.model import Slot
from plugins.booking.plan import make_plan
from plugins.common.memo import Memo
from plugins.config.booking import parse_settings
from tests.support.booking_settings import NOW, booking
from tests.support.ics_text import event, ics
from tests.support.languages import ENGLISH

ORIGIN = "https://coach.example.org"
HOST = "coach.example.org"


def _slot(start: datetime) -> Slot:
    return Slot(start, start + timedelta(minutes=30), "discovery", start.date())


moments = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
)
texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=120).filter(
    str.strip
)


@settings(max_examples=40, deadline=None)
@given(made=moments, used=moments, title=texts, description=texts)
def test_a_memo_gives_the_bytes_a_fresh_build_makes_at_any_clock(
    tmp_path_factory, made, used, title, description
):
    raw = booking(
        sessions=[
            {
                "slug": "discovery",
                "title": title,
                "duration_minutes": 30,
                "description": description,
            }
        ]
    )
    config = parse_settings(raw)
    session, organizer = config.sessions[0], config.organizer
    slots = [_slot(datetime(2026, 11, 24, 14, tzinfo=UTC) + timedelta(hours=h)) for h in range(3)]
    path = tmp_path_factory.mktemp("memo") / "calendars.pickle"

    def both(now: datetime, memo: Memo | None) -> list[bytes]:
        invites = [
            slot_invite(s, session, organizer, ORIGIN, HOST, now, ENGLISH, memo=memo) for s in slots
        ]
        feed = availability_feed(slots, session, organizer, ORIGIN, HOST, now, ENGLISH, memo=memo)
        return [*invites, feed]

    first = Memo(path, memo_version())
    both(made, first)
    first.save()
    warm = Memo(path, memo_version())
    assert both(used, warm) == both(used, None)
    assert warm.made == 0


RECURRING = ics(
    event(
        "DTSTART;TZID=America/New_York:20261102T100000",
        "DTEND;TZID=America/New_York:20261102T110000",
        "RRULE:FREQ=DAILY;COUNT=60",
        uid="daily@test",
    ),
    event("DTSTART;VALUE=DATE:20261126", "DTEND;VALUE=DATE:20261127", uid="thanksgiving@test"),
    event("DTSTART:20261124T140000", "DTEND:20261124T153000", uid="floating@test"),
)


def _plan(content: Path, now: datetime, memo: Memo | None):
    config = parse_settings(booking(busy_calendars=["busy.ics"], minimum_notice_hours=2))
    return make_plan(config, content_path=content, now=now, memo=memo)


@settings(max_examples=25, deadline=None)
@given(
    # From 01:00: the window opens a session's length (30 min) before now,
    # and the memo keeps one expansion per UTC day of that opening.
    warmed=st.integers(min_value=60, max_value=23 * 60 + 59),
    later=st.integers(min_value=60, max_value=23 * 60 + 59),
)
def test_busy_time_from_the_memo_gives_the_slots_of_a_fresh_expansion(
    tmp_path_factory, warmed, later
):
    content = tmp_path_factory.mktemp("content")
    (content / "busy.ics").write_bytes(RECURRING)
    day = datetime(2026, 11, 22, tzinfo=UTC)
    path = content / "busy.pickle"
    first = Memo(path, busy.memo_version())
    _plan(content, day + timedelta(minutes=warmed), first)
    first.save()
    now = day + timedelta(minutes=later)
    warm = Memo(path, busy.memo_version())
    assert _plan(content, now, warm).sessions == _plan(content, now, None).sessions
    assert warm.made == 0


def test_a_changed_calendar_is_expanded_again(tmp_path):
    (tmp_path / "busy.ics").write_bytes(RECURRING)
    path = tmp_path / "busy.pickle"
    memo = Memo(path, busy.memo_version())
    before = _plan(tmp_path, NOW, memo)
    memo.save()
    moved = RECURRING.replace(b"T100000", b"T150000")
    (tmp_path / "busy.ics").write_bytes(moved)
    again = Memo(path, busy.memo_version())
    after = _plan(tmp_path, NOW, again)
    assert again.made == 1
    assert after.sessions == _plan(tmp_path, NOW, None).sessions
    assert after.sessions != before.sessions


def test_a_series_the_wider_window_cannot_expand_falls_back_to_the_builds_own(tmp_path):
    """A minutely series that ends a day after the horizon: within the build's
    window it has fewer steps than the limit, within the memo's whole-day
    window more. The build still gets its busy time, and nothing is kept."""
    config = parse_settings(booking(busy_calendars=["busy.ics"]))
    # The build expands to the horizon plus the session's length, plus the
    # two days' margin busy_ical keeps for floating and all-day times.
    horizon_end = NOW + timedelta(days=config.sessions[0].horizon_days + 2, minutes=30)
    start = horizon_end - timedelta(minutes=busy_ical_max_steps() - 10)
    (tmp_path / "busy.ics").write_bytes(
        ics(
            event(
                f"DTSTART:{start:%Y%m%dT%H%M%SZ}",
                "DURATION:PT10S",
                f"RRULE:FREQ=MINUTELY;UNTIL={horizon_end + timedelta(days=1):%Y%m%dT%H%M%SZ}",
            )
        )
    )
    memo = Memo(tmp_path / "busy.pickle", busy.memo_version())
    with_memo = _plan_of(config, tmp_path, memo)
    assert with_memo.sessions == _plan_of(config, tmp_path, None).sessions
    memo.save()
    assert not (tmp_path / "busy.pickle").exists()


def busy_ical_max_steps() -> int:
    from plugins.booking.busy_ical import MAX_STEPS

    return MAX_STEPS


def _plan_of(config, content: Path, memo: Memo | None):
    return make_plan(config, content_path=content, now=NOW, memo=memo)
