"""The build clock, the atomic writers, and the start of every calendar."""

from __future__ import annotations

from datetime import UTC, datetime

import icalendar
import pytest

from plugins.common import files
from plugins.common.clock import ClockError, read_clock
from plugins.common.ical import PRODID, new_calendar, uid, uid_host


def test_the_clock_is_source_date_epoch_when_set():
    assert read_clock({"SOURCE_DATE_EPOCH": "1795348800"}) == datetime(2026, 11, 22, 12, tzinfo=UTC)


def test_without_source_date_epoch_the_clock_is_now():
    before = datetime.now(UTC)
    assert before <= read_clock({}) <= datetime.now(UTC)


@pytest.mark.parametrize("raw", ["", "-5", "1.5", "2026-11-22", "soon"])
def test_a_malformed_clock_is_one_line_naming_the_variable(raw):
    with pytest.raises(ClockError) as caught:
        read_clock({"SOURCE_DATE_EPOCH": raw})
    assert str(caught.value).startswith("SOURCE_DATE_EPOCH: ")
    assert "whole seconds since 1970" in str(caught.value) and "\n" not in str(caught.value)


def test_an_atomic_write_replaces_the_file_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "deep/folder/file.ics"
    files.write_atomically(path, b"one")
    files.write_atomically(path, b"two", durable=False)
    assert path.read_bytes() == b"two"
    assert [p.name for p in path.parent.iterdir()] == ["file.ics"]


def test_a_failed_replace_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "file.ics"
    files.write_atomically(path, b"old")

    def crash(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", crash)
    with pytest.raises(OSError):
        files.write_atomically(path, b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.ics"]


def test_write_if_changed_keeps_an_identical_file(tmp_path):
    path = tmp_path / "page.html"
    assert files.write_if_changed(path, b"<p>one</p>")
    stamp = path.stat().st_mtime_ns
    assert not files.write_if_changed(path, b"<p>one</p>")
    assert path.stat().st_mtime_ns == stamp
    assert files.write_if_changed(path, b"<p>two</p>")
    assert path.read_bytes() == b"<p>two</p>"


def test_every_calendar_starts_the_same_way():
    lines = new_calendar("REQUEST").to_ical().decode().split("\r\n")
    assert lines[:5] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:REQUEST",
    ]
    assert "METHOD" not in new_calendar()
    assert icalendar.Calendar.from_ical(new_calendar().to_ical())["VERSION"] == "2.0"


def test_uids_are_stable_and_on_the_coachs_domain():
    assert uid_host("https://Coach.Example.org/", "hello@other.example") == "coach.example.org"
    assert uid_host("", "hello@Hart.Example") == "hart.example"
    assert uid("discovery-20261124T140000Z", "coach.example.org") == (
        "discovery-20261124T140000Z@coach.example.org"
    )
