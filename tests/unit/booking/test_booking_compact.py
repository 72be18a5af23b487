"""A session page's form (plugins/booking/compact.py): the list while it is
small, else one link a day carrying the day's times as runs of steps."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from plugins.booking.compact import LIST_BYTES, day_times, lists_times
from plugins.booking.model import Slot
from plugins.booking.plan import make_plan
from plugins.booking.views import booking_view
from plugins.config.booking import parse_settings
from tests.support.booking_settings import NOW, booking
from tests.support.languages import ENGLISH


def _slots(*starts: str) -> list[Slot]:
    times = [datetime.fromisoformat(s).replace(tzinfo=UTC) for s in starts]
    return [Slot(t, t + timedelta(minutes=30), "s", date(2026, 11, 23)) for t in times]


def _decode(text: str) -> list[str]:
    """What js/booking.js makes of data-times (the test's own reading)."""
    first, *runs = text.split()
    t = datetime.strptime(first, "%Y%m%dT%H%M%SZ")
    out = [t]
    for run in runs:
        step, _, count = run.partition("*")
        for _ in range(int(count or 1)):
            out.append(out[-1] + timedelta(minutes=int(step)))
    return [f"{t:%Y%m%dT%H%M%SZ}" for t in out]


def test_a_day_is_its_first_stamp_then_runs_of_equal_steps():
    slots = _slots("2026-11-23T09:00", "2026-11-23T09:30", "2026-11-23T10:00", "2026-11-23T10:30")
    slots += _slots("2026-11-23T11:00", "2026-11-23T14:00", "2026-11-23T14:45")
    assert day_times(slots) == "20261123T090000Z 30*4 180 45"
    assert _decode(day_times(slots)) == [s.stamp for s in slots]
    assert day_times(slots[:1]) == "20261123T090000Z"


def test_a_full_day_costs_the_same_bytes_as_a_short_one():
    """Every half hour of a day (48 times) or of six hours (12): one run each."""
    start = datetime(2026, 11, 23, 6, tzinfo=UTC)
    day = date(2026, 11, 23)
    full = [Slot(start + timedelta(minutes=30 * k), start, "s", day) for k in range(48)]
    assert day_times(full) == "20261123T060000Z 30*47"
    assert len(day_times(full)) == len(day_times(full[:12]))
    assert _decode(day_times(full)) == [s.stamp for s in full]


def test_the_list_form_is_kept_while_it_fits():
    assert lists_times(90, 12)  # the sample's 28 days
    assert lists_times(160, 20)  # one coach of a program
    assert not lists_times(277, 38)  # the sample with 90 days
    assert not lists_times(970, 24)  # a program's "any" session over 50 coaches
    assert not lists_times(LIST_BYTES, 0)


def _view(raw):
    plan = make_plan(parse_settings(raw), content_path=".", now=NOW)
    return booking_view(plan, ENGLISH, prefix="fr/")[0]


def test_a_small_session_lists_its_times_and_a_large_one_links_its_days():
    small = _view(booking())
    assert not small["day_pages"]
    assert all("url" not in day and "times" not in day for day in small["days"])
    large = _view(booking(interval_minutes=5))
    assert large["day_pages"]
    for day in large["days"]:
        assert day["url"] == f"fr/book/discovery/{day['date']}/"
        assert _decode(day["times"]) == [s["stamp"] for s in day["slots"]]
