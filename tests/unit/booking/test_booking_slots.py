"""The exact slot semantics: candidates, notice, horizon, buffers, cap, order."""

from __future__ import annotations

from datetime import timedelta

from plugins.booking.busy import from_bookings
from plugins.booking.model import Booking, Interval
from plugins.booking.slots import free_starts, merge
from plugins.config.booking import parse_settings
from tests.support.booking_settings import NOW, booking, offered, one_day, starts, utc


def ts(text: str) -> int:
    return int(utc(text).timestamp())


def test_candidates_step_by_interval_from_the_window_start_while_the_session_fits():
    raw = one_day("UTC", "2026-11-24", ["09:10-11:00"], duration=45, interval_minutes=20)
    assert starts(offered(raw)) == [
        "2026-11-24T09:10",
        "2026-11-24T09:30",
        "2026-11-24T09:50",
        "2026-11-24T10:10",  # 10:10 + 45 min = 10:55 fits; 10:30 + 45 would not
    ]


def test_interval_defaults_to_the_duration():
    raw = one_day("UTC", "2026-11-24", ["09:00-11:00"], duration=40)
    assert starts(offered(raw)) == ["2026-11-24T09:00", "2026-11-24T09:40", "2026-11-24T10:20"]


def test_minimum_notice_is_inclusive():
    raw = one_day("UTC", "2026-11-23", ["11:30-13:00"])
    raw["minimum_notice_hours"] = 24  # now + 24 h = 2026-11-23T12:00Z exactly
    assert starts(offered(raw)) == ["2026-11-23T12:00", "2026-11-23T12:30"]


def test_fractional_notice_hours():
    raw = one_day("UTC", "2026-11-22", ["12:00-14:00"])
    raw["minimum_notice_hours"] = 1.5
    assert starts(offered(raw)) == ["2026-11-22T13:30"]


def test_horizon_is_exclusive_and_counted_from_now():
    raw = booking(
        timezone="UTC",
        weekly_hours={"sun": ["11:00-13:00"]},
        minimum_notice_hours=0,
        horizon_days=7,
    )
    # now + 7 days = 2026-11-29T12:00Z: 12:00 that Sunday is outside, 11:30 inside.
    assert starts(offered(raw)) == [
        "2026-11-22T12:00",
        "2026-11-22T12:30",
        "2026-11-29T11:00",
        "2026-11-29T11:30",
    ]


def test_zero_horizon_offers_nothing():
    assert offered(booking(horizon_days=0, minimum_notice_hours=0)) == ()


def test_windows_start_from_today_in_the_coachs_zone():
    # 12:00Z on Sunday 22 Nov is already Monday 23 Nov 01:00 in Auckland.
    raw = booking(
        timezone="Pacific/Auckland",
        weekly_hours={"mon": ["09:00-10:00"]},
        minimum_notice_hours=0,
        horizon_days=1,
    )
    assert starts(offered(raw)) == ["2026-11-22T20:00", "2026-11-22T20:30"]
    assert [s.day.isoformat() for s in offered(raw)] == ["2026-11-23", "2026-11-23"]


def _buffered(busy):
    raw = one_day(
        "UTC", "2026-11-24", ["10:00-10:30"], buffer_before_minutes=10, buffer_after_minutes=15
    )
    return starts(offered(raw, busy=busy))


def test_busy_touching_the_buffers_does_not_block():
    # The candidate needs [09:50, 10:45) free; half-open intervals that touch do not overlap.
    assert _buffered([Interval(ts("2026-11-24T09:00"), ts("2026-11-24T09:50"))]) == [
        "2026-11-24T10:00"
    ]
    assert _buffered([Interval(ts("2026-11-24T10:45"), ts("2026-11-24T12:00"))]) == [
        "2026-11-24T10:00"
    ]


def test_busy_one_second_inside_a_buffer_blocks():
    assert _buffered([Interval(ts("2026-11-24T09:00"), ts("2026-11-24T09:50") + 1)]) == []
    assert _buffered([Interval(ts("2026-11-24T10:45") - 1, ts("2026-11-24T12:00"))]) == []


def test_zero_length_busy_blocks_nothing():
    instant = ts("2026-11-24T10:10")
    assert _buffered([Interval(instant, instant)]) == ["2026-11-24T10:00"]


def test_busy_covering_the_whole_window_blocks_everything():
    assert _buffered([Interval(ts("2026-11-01T00:00"), ts("2026-12-01T00:00"))]) == []


def _capped(bookings, cap=2):
    raw = one_day("America/New_York", "2026-11-24", ["09:00-11:00"], max_per_day=cap)
    return offered(raw, bookings=bookings)


def test_max_per_day_closes_a_local_date_once_reached():
    def booked(at):
        return Booking("s", utc(at), utc(at) + timedelta(minutes=30))

    assert len(_capped([booked("2026-11-24T20:00")])) == 4  # one booking, cap 2
    # 23:30 on the 24th in New York is the 25th in UTC: still counts for the 24th.
    assert _capped([booked("2026-11-24T20:00"), booked("2026-11-25T04:30")]) == ()
    # Bookings of another session or another local date do not count.
    other = Booking("other", utc("2026-11-24T18:00"), utc("2026-11-24T19:00"))
    assert len(_capped([booked("2026-11-24T20:00"), other])) == 4
    assert len(_capped([booked("2026-11-25T05:30"), booked("2026-11-25T06:00")])) == 4


def test_bookings_become_busy_padded_by_their_sessions_buffers():
    settings = parse_settings(booking(buffer_before_minutes=5, buffer_after_minutes=15))
    booked = Booking("discovery", utc("2026-11-24T14:00"), utc("2026-11-24T14:30"))
    unknown = Booking("retired", utc("2026-11-24T16:00"), utc("2026-11-24T16:30"))
    assert from_bookings([booked, unknown], settings.sessions) == [
        Interval(ts("2026-11-24T13:55"), ts("2026-11-24T14:45")),
        Interval(ts("2026-11-24T16:00"), ts("2026-11-24T16:30")),
    ]


def test_slots_are_sorted_unique_and_deterministic():
    # After the spring-forward gap, 02:30-02:45 and 03:00-04:00 overlap in real time.
    raw = one_day("America/New_York", "2027-03-14", ["02:30-02:45", "03:00-04:00"], duration=15)
    first = offered(raw, now=utc("2027-03-13T00:00"))
    assert starts(first) == sorted(set(starts(first)))
    assert starts(first) == [
        "2027-03-14T07:00",
        "2027-03-14T07:15",
        "2027-03-14T07:30",
        "2027-03-14T07:45",
    ]
    assert offered(raw, now=utc("2027-03-13T00:00")) == first


def test_slot_ids_and_stamps():
    slot = offered(booking(minimum_notice_hours=0))[0]
    assert slot.start == utc("2026-11-23T14:00")
    assert slot.stamp == "20261123T140000Z"
    assert slot.id == "discovery-20261123T140000Z"
    assert slot.end - slot.start == timedelta(minutes=30)
    assert slot.start.utcoffset() == timedelta(0)


def test_merge_sorts_and_coalesces():
    assert merge(
        [Interval(5, 9), Interval(1, 3), Interval(2, 4), Interval(9, 10), Interval(7, 7)]
    ) == [
        Interval(1, 4),
        Interval(5, 10),
    ]


def test_free_starts_sweeps_once():
    busy = merge([Interval(10, 20), Interval(40, 50)])
    assert free_starts(range(0, 60, 5), busy, before=0, span=5) == [0, 5, 20, 25, 30, 35, 50, 55]
    assert free_starts(range(0, 60, 5), busy, before=5, span=10) == [0, 25, 30, 55]


def test_now_is_passed_in_not_read():
    raw = booking(minimum_notice_hours=0)
    later = offered(raw, now=NOW + timedelta(days=7))
    assert later[0].start == utc("2026-11-30T14:00")
