"""The ledger file: round trip, atomic writes with a backup, refusal of a
ledger that does not parse, the lock, and where it may live."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import icalendar
import pytest

from plugins.booking import busy_ical, ledger_format
from plugins.booking.desk import ledger, work
from plugins.booking.ledger_format import CANCELLED, CONFIRMED, Entry, Ledger, LedgerError
from plugins.booking.model import Booking
from plugins.common import files
from plugins.config.errors import ConfigError
from plugins.config.placement import check_private_paths
from tests.support.desk_sample import NOW


def entry(slot: str = "discovery-20261123T140000Z", **changes) -> Entry:
    start = NOW + timedelta(hours=26)
    values = {
        "uid": f"{slot}@hartcoaching.example",
        "slot_id": slot,
        "session": "discovery",
        "start": start,
        "end": start + timedelta(minutes=30),
        "status": CONFIRMED,
        "sequence": 0,
        "summary": "Discovery; session, with \\ and commas",
        "location": "Video call",
        "organizer_name": "Dr. Eleanor Hart",
        "organizer_email": "hello@hartcoaching.example",
        "name": "Zoë Ångström-Łukasiewicz",
        "email": "zoe@example.org",
        "note": "Bring questions.\nLine two.",
        "reason": "",
        "created": NOW,
        "modified": NOW,
    }
    values.update(changes)
    return Entry(**values)


def test_round_trip_keeps_every_field(tmp_path):
    path = tmp_path / "bookings.ics"
    one = entry()
    two = entry("discovery-20261123T150000Z", status=CANCELLED, sequence=3, reason="Ill")
    ledger.write(Ledger(path, (two, one)))
    back = work.read(path)
    assert back.entries == (one, two)  # sorted by start
    assert back.bookings() == [Booking("discovery", one.start, one.end)]
    assert back.bookings(without=one.slot_id) == []


def test_the_file_is_valid_icalendar_with_the_promised_properties(tmp_path):
    path = tmp_path / "bookings.ics"
    ledger.write(Ledger(path, (entry(),)))
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert [c.errors for c in calendar.walk() if c.errors] == []
    (event,) = calendar.walk("VEVENT")
    assert str(event["STATUS"]) == "CONFIRMED" and int(event["SEQUENCE"]) == 0
    assert str(event["UID"]) == "discovery-20261123T140000Z@hartcoaching.example"
    assert str(event["ORGANIZER"]) == "mailto:hello@hartcoaching.example"
    assert str(event["ATTENDEE"]) == "mailto:zoe@example.org"
    assert event["ATTENDEE"].params["CN"] == "Zoë Ångström-Łukasiewicz"
    assert str(event["X-BOOKING-SESSION"]) == "discovery"
    assert str(event["X-BOOKING-SLOT"]) == "discovery-20261123T140000Z"
    # The engine's own busy reader accepts it too (it is an ordinary calendar).
    assert busy_ical.parse(path.read_bytes(), "ledger")


def test_a_missing_ledger_is_empty(tmp_path):
    assert work.read(tmp_path / "none.ics").entries == ()


def test_writes_keep_the_previous_version_as_bak(tmp_path):
    path = tmp_path / "sub/bookings.ics"
    ledger.write(Ledger(path, (entry(),)))
    first = path.read_bytes()
    assert not path.with_name("bookings.ics.bak").exists()
    ledger.write(work.read(path).put(entry(sequence=1, status=CANCELLED)))
    assert path.with_name("bookings.ics.bak").read_bytes() == first
    assert path.read_bytes() != first
    assert sorted(p.name for p in path.parent.iterdir()) == ["bookings.ics", "bookings.ics.bak"]


def test_a_failed_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "bookings.ics"
    ledger.write(Ledger(path, (entry(),)))
    before = path.read_bytes()

    def crash(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", crash)
    with pytest.raises(LedgerError, match="No space left"):
        ledger.write(Ledger(path, (entry(), entry("discovery-20261123T150000Z"))))
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"this is not a calendar", "not valid iCalendar"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\n", "not valid iCalendar"),
        (
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nDTSTART:2026XX\r\n"
            b"END:VEVENT\r\nEND:VCALENDAR\r\n",
            "not valid iCalendar",
        ),
        (
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\n"
            b"DTSTART:20261123T140000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
            "has no",
        ),
    ],
)
def test_a_ledger_that_does_not_parse_is_refused_in_one_line(tmp_path, data, problem):
    path = tmp_path / "bookings.ics"
    path.write_bytes(data)
    with pytest.raises(LedgerError) as caught:
        work.read(path)
    assert problem in str(caught.value) and str(path) in str(caught.value)
    assert "\n" not in str(caught.value) and ".bak" in str(caught.value)


def test_the_same_slot_twice_is_refused(tmp_path):
    path = tmp_path / "bookings.ics"
    two = work.to_ical(Ledger(path, (entry(), entry("discovery-20261123T150000Z"))))
    path.write_bytes(
        two.replace(b"SLOT:discovery-20261123T150000Z", b"SLOT:discovery-20261123T140000Z")
    )
    with pytest.raises(LedgerError, match="appears twice"):
        work.read(path)


def test_relative_paths_start_at_the_project_folder(tmp_path):
    assert (
        ledger_format.resolve("bookings/bookings.ics", tmp_path)
        == tmp_path / "bookings/bookings.ics"
    )
    assert ledger_format.resolve(str(tmp_path / "x.ics"), "/elsewhere") == tmp_path / "x.ics"


@pytest.mark.parametrize("inside", ["content", "output"])
def test_the_ledger_may_not_live_where_the_site_is_read_or_written(tmp_path, inside):
    path = tmp_path / inside / "bookings.ics"
    with pytest.raises(ConfigError) as caught:
        check_private_paths("ledger", path, tmp_path / "content", tmp_path / "output")
    assert caught.value.setting == "[booking] ledger" and "could be published" in str(caught.value)
    check_private_paths("ledger", tmp_path / "x.ics", tmp_path / "content", tmp_path / "o")


def test_put_replaces_the_entry_of_the_same_slot(tmp_path):
    book = Ledger(tmp_path / "b.ics", (entry(),))
    again = book.put(replace(entry(), status=CANCELLED, sequence=1))
    assert len(again.entries) == 1 and again.entries[0].status == CANCELLED


def test_a_broken_ledger_is_named_by_line_never_by_its_text(tmp_path):
    path = tmp_path / "bookings.ics"
    ledger.write(Ledger(path, (entry(),)))
    text = path.read_text("utf-8").replace(
        "END:VEVENT", "Zoe Private Client 555 0199\r\nEND:VEVENT"
    )
    path.write_text(text, "utf-8")
    with pytest.raises(LedgerError) as caught:
        work.read(path)
    message = str(caught.value)
    assert "cannot be read" in message and "line " in message
    assert "Zoe" not in message and "555" not in message


def test_a_hand_edit_that_ends_before_it_starts_is_refused(tmp_path):
    path = tmp_path / "bookings.ics"
    one = entry()
    ledger.write(Ledger(path, (replace(one, end=one.start - timedelta(minutes=30)),)))
    with pytest.raises(LedgerError, match="DTEND is not after DTSTART"):
        work.read(path)
