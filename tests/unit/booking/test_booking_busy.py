"""Busy calendars -> busy intervals, and every way a busy source can fail."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from plugins.booking import busy, busy_ical
from plugins.booking.errors import BusySourceError
from plugins.booking.model import Interval
from tests.support.booking_settings import utc
from tests.support.ics_text import event, ics

NY = ZoneInfo("America/New_York")
START, END = datetime(2026, 11, 1, tzinfo=UTC), datetime(2027, 2, 1, tzinfo=UTC)


def intervals(data: bytes, zone: ZoneInfo = NY) -> list[tuple[str, str]]:
    found = []
    for calendar in busy_ical.parse(data, "test.ics"):
        found += busy_ical.intervals(calendar, zone, START, END, "test.ics")
    return [
        (
            datetime.fromtimestamp(i.start, UTC).strftime("%Y-%m-%dT%H:%M"),
            datetime.fromtimestamp(i.end, UTC).strftime("%Y-%m-%dT%H:%M"),
        )
        for i in sorted(found)
    ]


def test_weekly_series_with_exdate_and_a_moved_instance():
    data = ics(
        event(
            "DTSTART;TZID=America/New_York:20261103T100000",
            "DTEND;TZID=America/New_York:20261103T110000",
            "RRULE:FREQ=WEEKLY;COUNT=5",
            "EXDATE;TZID=America/New_York:20261110T100000",
            uid="series@test",
        ),
        event(
            "RECURRENCE-ID;TZID=America/New_York:20261117T100000",
            "DTSTART;TZID=America/New_York:20261116T150000",
            "DTEND;TZID=America/New_York:20261116T160000",
            uid="series@test",
        ),
    )
    assert intervals(data) == [
        ("2026-11-03T15:00", "2026-11-03T16:00"),
        ("2026-11-16T20:00", "2026-11-16T21:00"),  # moved from Tuesday to Monday 15:00
        ("2026-11-24T15:00", "2026-11-24T16:00"),
        ("2026-12-01T15:00", "2026-12-01T16:00"),
    ]


def test_rdate_adds_occurrences():
    data = ics(
        event(
            "DTSTART:20261201T150000Z",
            "DTEND:20261201T160000Z",
            "RDATE:20261203T150000Z,20261205T150000Z",
        )
    )
    assert [i[0] for i in intervals(data)] == [
        "2026-12-01T15:00",
        "2026-12-03T15:00",
        "2026-12-05T15:00",
    ]


def test_all_day_multi_day_event_blocks_whole_local_days_in_the_coachs_zone():
    data = ics(event("DTSTART;VALUE=DATE:20261210", "DTEND;VALUE=DATE:20261213"))
    # Tokyo midnight is 15:00 UTC the day before; DTEND is exclusive.
    assert intervals(data, ZoneInfo("Asia/Tokyo")) == [("2026-12-09T15:00", "2026-12-12T15:00")]
    assert intervals(data, NY) == [("2026-12-10T05:00", "2026-12-13T05:00")]


def test_all_day_event_with_duration_or_no_end():
    with_duration = ics(event("DTSTART;VALUE=DATE:20261210", "DURATION:P2D"))
    assert intervals(with_duration) == [("2026-12-10T05:00", "2026-12-12T05:00")]
    one_day = ics(event("DTSTART;VALUE=DATE:20261210"))
    assert intervals(one_day) == [("2026-12-10T05:00", "2026-12-11T05:00")]


def test_all_day_event_across_a_dst_change_uses_local_midnights():
    data = ics(event("DTSTART;VALUE=DATE:20261031", "DTEND;VALUE=DATE:20261102"))
    # EDT midnight at the start, EST midnight at the end: 49 real hours.
    assert intervals(data) == [("2026-10-31T04:00", "2026-11-02T05:00")]


def test_timed_event_with_duration():
    data = ics(event("DTSTART:20261201T150000Z", "DURATION:PT90M"))
    assert intervals(data) == [("2026-12-01T15:00", "2026-12-01T16:30")]


def test_floating_times_are_in_the_coachs_zone():
    data = ics(event("DTSTART:20261203T140000", "DTEND:20261203T150000"))
    assert intervals(data, NY) == [("2026-12-03T19:00", "2026-12-03T20:00")]
    assert intervals(data, ZoneInfo("Asia/Kathmandu")) == [("2026-12-03T08:15", "2026-12-03T09:15")]


def test_tzid_and_utc_times_are_absolute_whatever_the_coachs_zone():
    data = ics(
        event(
            "DTSTART;TZID=Europe/Berlin:20261203T100000", "DTEND;TZID=Europe/Berlin:20261203T110000"
        ),
        event("DTSTART:20261204T100000Z", "DTEND:20261204T110000Z", uid="e2@test"),
    )
    expected = [("2026-12-03T09:00", "2026-12-03T10:00"), ("2026-12-04T10:00", "2026-12-04T11:00")]
    assert intervals(data, NY) == expected
    assert intervals(data, ZoneInfo("Pacific/Chatham")) == expected


def test_custom_vtimezone_is_honoured():
    data = ics(
        "\n".join(
            [
                "BEGIN:VTIMEZONE",
                "TZID:Coach Standard Time",
                "BEGIN:STANDARD",
                "DTSTART:19700101T000000",
                "TZOFFSETFROM:+0300",
                "TZOFFSETTO:+0300",
                "END:STANDARD",
                "END:VTIMEZONE",
            ]
        ),
        event(
            "DTSTART;TZID=Coach Standard Time:20261203T100000",
            "DTEND;TZID=Coach Standard Time:20261203T110000",
        ),
    )
    assert intervals(data) == [("2026-12-03T07:00", "2026-12-03T08:00")]


def test_transparent_and_cancelled_events_do_not_block():
    data = ics(
        event("DTSTART:20261201T150000Z", "DTEND:20261201T160000Z", "TRANSP:TRANSPARENT"),
        event("DTSTART:20261202T150000Z", "DTEND:20261202T160000Z", "STATUS:CANCELLED", uid="2"),
        event("DTSTART:20261203T150000Z", "DTEND:20261203T160000Z", "STATUS:TENTATIVE", uid="3"),
    )
    assert intervals(data) == [("2026-12-03T15:00", "2026-12-03T16:00")]


def test_a_cancelled_instance_of_a_series_does_not_block():
    data = ics(
        event("DTSTART:20261201T150000Z", "DTEND:20261201T160000Z", "RRULE:FREQ=DAILY;COUNT=3"),
        event(
            "RECURRENCE-ID:20261202T150000Z",
            "DTSTART:20261202T150000Z",
            "DTEND:20261202T160000Z",
            "STATUS:CANCELLED",
        ),
    )
    assert [i[0] for i in intervals(data)] == ["2026-12-01T15:00", "2026-12-03T15:00"]


def test_vfreebusy_blocks_unless_free():
    data = ics(
        "\n".join(
            [
                "BEGIN:VFREEBUSY",
                "UID:fb@test",
                "DTSTAMP:20261101T000000Z",
                "FREEBUSY:20261202T150000Z/20261202T160000Z,20261202T170000Z/PT30M",
                "FREEBUSY;FBTYPE=BUSY-TENTATIVE:20261203T150000Z/PT1H",
                "FREEBUSY;FBTYPE=BUSY-UNAVAILABLE:20261204T150000Z/PT1H",
                "FREEBUSY;FBTYPE=FREE:20261205T150000Z/PT1H",
                "END:VFREEBUSY",
            ]
        )
    )
    assert intervals(data) == [
        ("2026-12-02T15:00", "2026-12-02T16:00"),
        ("2026-12-02T17:00", "2026-12-02T17:30"),
        ("2026-12-03T15:00", "2026-12-03T16:00"),
        ("2026-12-04T15:00", "2026-12-04T16:00"),
    ]


def test_only_busy_times_leave_the_module():
    data = ics(event("DTSTART:20261201T150000Z", "DTEND:20261201T160000Z", "SUMMARY:Secret"))
    found = busy_ical.intervals(busy_ical.parse(data, "t")[0], NY, START, END, "t")
    assert found == [
        Interval(int(utc("2026-12-01T15:00").timestamp()), int(utc("2026-12-01T16:00").timestamp()))
    ]
    assert all(type(v) is int for interval in found for v in interval)


# --- failures: one line, naming the source ---------------------------------


def _load(entries, content: Path, timeout: float = 2.0):
    return busy.load(entries, content, NY, START, END, timeout)


def test_relative_paths_are_inside_the_content_folder(tmp_path):
    (tmp_path / "calendars").mkdir()
    (tmp_path / "calendars/busy.ics").write_bytes(
        ics(event("DTSTART:20261201T150000Z", "DTEND:20261201T160000Z"))
    )
    assert len(_load(["calendars/busy.ics"], tmp_path)) == 1


def test_missing_file(tmp_path):
    with pytest.raises(BusySourceError) as caught:
        _load(["calendars/nope.ics"], tmp_path)
    assert str(caught.value) == (
        "busy calendar [booking] busy_calendars, item 1 (calendars/nope.ics): "
        "file not found in the content folder (PATH)"
    )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "not valid iCalendar"),
        (b"this is not a calendar\n", "not valid iCalendar"),
        (b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:X\r\nEND:VCARD\r\n", "no BEGIN:VCALENDAR"),
        (
            ics(event("DTSTART:20261201T150000Z", "DTEND:tomorrow")),
            "VEVENT 1: DTEND cannot be read",
        ),
        (ics(event("DTSTART;VALUE=DATE:2026-12-01")), "VEVENT 1: DTSTART cannot be read"),
    ],
    ids=["empty", "text", "vcard", "bad DTEND", "bad DATE"],
)
def test_invalid_icalendar_names_the_file_and_the_problem(tmp_path, content, problem):
    (tmp_path / "busy.ics").write_bytes(content)
    with pytest.raises(BusySourceError) as caught:
        _load(["busy.ics"], tmp_path)
    message = str(caught.value)
    assert "busy.ics" in message and problem in message
    assert "\n" not in message


def test_fail_closed_a_later_bad_source_fails_the_whole_load(tmp_path):
    (tmp_path / "good.ics").write_bytes(
        ics(event("DTSTART:20261201T150000Z", "DTEND:20261201T160000Z"))
    )
    with pytest.raises(BusySourceError) as caught:
        _load(["good.ics", "missing.ics"], tmp_path)
    assert "busy_calendars, item 2" in str(caught.value)


@pytest.mark.parametrize(
    "entry",
    ["../../../../etc/passwd", "/etc/passwd", "/proc/self/environ", "/dev/zero", "../secret.ics"],
)
def test_files_outside_the_content_folder_are_refused_unread(tmp_path, entry):
    content = tmp_path / "content"
    content.mkdir()
    (tmp_path / "secret.ics").write_bytes(b"PRIVATE NOTES")
    with pytest.raises(BusySourceError) as caught:
        _load([entry], content)
    message = str(caught.value)
    assert "outside the content folder" in message and "\n" not in message
    assert "PRIVATE" not in message and "root:" not in message


def test_a_link_out_of_the_content_folder_is_refused(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "busy.ics").symlink_to("/dev/zero")
    with pytest.raises(BusySourceError, match="outside the content folder"):
        _load(["busy.ics"], content)


def test_a_folder_is_not_a_calendar(tmp_path):
    (tmp_path / "calendars").mkdir()
    with pytest.raises(BusySourceError, match="not a regular file"):
        _load(["calendars"], tmp_path)
