"""Named daylight-saving regressions: each wall time is resolved in its own zone."""

from __future__ import annotations

from tests.support.booking_settings import booking, local_times, offered, one_day, starts, utc


def _sundays_at_nine(zone: str, now: str):
    raw = booking(
        timezone=zone,
        weekly_hours={"sun": ["09:00-09:30"]},
        minimum_notice_hours=0,
        horizon_days=14,
    )
    return offered(raw, now=utc(now))


def test_new_york_spring_forward_keeps_nine_oclock_local():
    slots = _sundays_at_nine("America/New_York", "2027-03-06T00:00")
    assert starts(slots) == ["2027-03-07T14:00", "2027-03-14T13:00"]
    assert local_times(slots, "America/New_York") == ["03-07 09:00-0500", "03-14 09:00-0400"]


def test_new_york_fall_back_keeps_nine_oclock_local():
    slots = _sundays_at_nine("America/New_York", "2026-10-24T00:00")
    assert starts(slots) == ["2026-10-25T13:00", "2026-11-01T14:00"]


def test_london_spring_forward_keeps_nine_oclock_local():
    slots = _sundays_at_nine("Europe/London", "2027-03-20T00:00")
    assert starts(slots) == ["2027-03-21T09:00", "2027-03-28T08:00"]


def test_london_fall_back_keeps_nine_oclock_local():
    slots = _sundays_at_nine("Europe/London", "2026-10-17T00:00")
    assert starts(slots) == ["2026-10-18T08:00", "2026-10-25T09:00"]


def test_new_york_spring_forward_night_has_one_hour_less():
    raw = one_day("America/New_York", "2027-03-14", ["00:00-04:00"], duration=60)
    slots = offered(raw, now=utc("2027-03-13T00:00"))
    # 00:00-04:00 local is three real hours that night: 02:00 does not exist.
    assert local_times(slots, "America/New_York") == [
        "03-14 00:00-0500",
        "03-14 01:00-0500",
        "03-14 03:00-0400",
    ]


def test_new_york_fall_back_night_steps_in_real_time_through_the_repeated_hour():
    raw = one_day("America/New_York", "2026-11-01", ["00:00-04:00"], duration=60)
    slots = offered(raw, now=utc("2026-10-31T00:00"))
    assert local_times(slots, "America/New_York") == [
        "11-01 00:00-0400",
        "11-01 01:00-0400",
        "11-01 01:00-0500",
        "11-01 02:00-0500",
        "11-01 03:00-0500",
    ]


def test_window_starting_in_the_repeated_hour_takes_its_first_occurrence():
    raw = one_day("America/New_York", "2026-11-01", ["01:30-02:00"])
    slots = offered(raw, now=utc("2026-10-31T00:00"))
    # 01:30 first occurs at 05:30Z (EDT); 02:00 EST is 07:00Z: 90 real minutes.
    assert starts(slots) == ["2026-11-01T05:30", "2026-11-01T06:00", "2026-11-01T06:30"]


def test_lord_howe_half_hour_spring_forward():
    raw = one_day("Australia/Lord_Howe", "2026-10-04", ["01:00-04:00"])
    slots = offered(raw, now=utc("2026-10-01T00:00"))
    assert local_times(slots, "Australia/Lord_Howe") == [
        "10-04 01:00+1030",
        "10-04 01:30+1030",
        "10-04 02:30+1100",
        "10-04 03:00+1100",
        "10-04 03:30+1100",
    ]


def test_lord_howe_window_starting_in_the_skipped_half_hour_lands_after_it():
    raw = one_day("Australia/Lord_Howe", "2026-10-04", ["02:00-03:00"])
    slots = offered(raw, now=utc("2026-10-01T00:00"))
    assert local_times(slots, "Australia/Lord_Howe") == ["10-04 02:30+1100"]
    assert starts(slots) == ["2026-10-03T15:30"]


def test_lord_howe_half_hour_fall_back():
    raw = one_day("Australia/Lord_Howe", "2026-04-05", ["01:00-03:00"])
    slots = offered(raw, now=utc("2026-04-01T00:00"))
    assert local_times(slots, "Australia/Lord_Howe") == [
        "04-05 01:00+1100",
        "04-05 01:30+1100",
        "04-05 01:30+1030",
        "04-05 02:00+1030",
        "04-05 02:30+1030",
    ]


def test_santiago_window_starting_at_a_midnight_that_does_not_exist():
    # Chile springs forward at 00:00 on 6 September 2026: the clock goes to 01:00.
    raw = one_day("America/Santiago", "2026-09-06", ["00:00-02:00"])
    slots = offered(raw, now=utc("2026-09-01T00:00"))
    assert local_times(slots, "America/Santiago") == ["09-06 01:00-0300", "09-06 01:30-0300"]
    assert starts(slots) == ["2026-09-06T04:00", "2026-09-06T04:30"]
    assert {s.day.isoformat() for s in slots} == {"2026-09-06"}


def test_santiago_window_ending_at_24_00_before_the_missing_midnight():
    raw = one_day("America/Santiago", "2026-09-05", ["23:00-24:00"])
    slots = offered(raw, now=utc("2026-09-01T00:00"))
    # 24:00 on the 5th is the instant the clock jumps: 04:00Z, one real hour later.
    assert starts(slots) == ["2026-09-06T03:00", "2026-09-06T03:30"]
    assert {s.day.isoformat() for s in slots} == {"2026-09-05"}


def test_kathmandu_quarter_hour_offset():
    raw = one_day("Asia/Kathmandu", "2026-11-24", ["09:00-10:00"])
    slots = offered(raw, now=utc("2026-11-20T00:00"))
    assert starts(slots) == ["2026-11-24T03:15", "2026-11-24T03:45"]
    assert local_times(slots, "Asia/Kathmandu") == ["11-24 09:00+0545", "11-24 09:30+0545"]
