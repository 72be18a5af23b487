"""The invitations the desk writes: the same three parsers as the slot files
(Python icalendar, Mozilla ical.js, vobject), the RFC 5546 rules for REQUEST
and CANCEL, and the .eml shape mail programs turn into Accept buttons."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

import icalendar
import pytest
import vobject

from tests.support.desk_sample import (
    CLIENT_EMAIL,
    CLIENT_NAME,
    FREE,
    cancel_file,
    confirmed_then_cancelled,
    make_desk,
    request_file,
    sample_booking,
)

NAME, EMAIL, UID = CLIENT_NAME, CLIENT_EMAIL, f"{FREE[0]}@hartcoaching.example"


@pytest.fixture(scope="module")
def outbox(tmp_path_factory) -> Path:
    return confirmed_then_cancelled(tmp_path_factory.mktemp("desk"))


def _event(path: Path) -> tuple[icalendar.Calendar, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert [(c.name, c.errors) for c in calendar.walk() if c.errors] == []
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def test_crlf_lines_of_at_most_75_octets(outbox):
    for path in (request_file(outbox), cancel_file(outbox)):
        data = path.read_bytes()
        assert data.endswith(b"\r\n") and data.count(b"\n") == data.count(b"\r\n")
        assert max(len(line) for line in data.split(b"\r\n")) <= 75
        data.decode("utf-8")


def test_request_follows_rfc_5546(outbox):
    calendar, event = _event(request_file(outbox))
    assert str(calendar["METHOD"]) == "REQUEST" and str(calendar["VERSION"]) == "2.0"
    assert "PRODID" in calendar
    # RFC 5546 3.2.2: REQUEST needs ATTENDEE, DTSTAMP, DTSTART, ORGANIZER, SEQUENCE, SUMMARY, UID.
    for name in ("ATTENDEE", "DTSTAMP", "DTSTART", "DTEND", "ORGANIZER", "SEQUENCE", "SUMMARY"):
        assert name in event, name
    assert str(event["UID"]) == UID and int(event["SEQUENCE"]) == 0
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["ORGANIZER"]) == "mailto:hello@hartcoaching.example"
    assert event["ORGANIZER"].params["CN"] == "Dr. Eleanor Hart"
    attendee = event["ATTENDEE"]
    assert str(attendee) == f"mailto:{EMAIL}"
    assert attendee.params["CN"] == NAME and attendee.params["RSVP"] == "TRUE"
    assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"
    assert event["DTSTART"].dt.utcoffset().total_seconds() == 0
    assert str(event["LOCATION"]).startswith("Video call")
    assert "https://video.example/room?id=1;x=2" in str(event["DESCRIPTION"])
    # Nothing private to the ledger leaks into what the client receives.
    assert not [k for k in event if k.startswith("X-BOOKING")]


def test_cancel_keeps_the_uid_and_bumps_the_sequence(outbox):
    _, request = _event(request_file(outbox))
    calendar, cancel = _event(cancel_file(outbox))
    assert str(calendar["METHOD"]) == "CANCEL"
    for name in ("ATTENDEE", "DTSTAMP", "ORGANIZER", "SEQUENCE", "UID"):  # RFC 5546 3.2.5
        assert name in cancel, name
    assert str(cancel["UID"]) == str(request["UID"]) == UID
    assert int(cancel["SEQUENCE"]) > int(request["SEQUENCE"])
    assert str(cancel["STATUS"]) == "CANCELLED"
    assert str(cancel["ATTENDEE"]) == f"mailto:{EMAIL}"
    assert "RSVP" not in cancel["ATTENDEE"].params
    assert str(cancel["COMMENT"]) == "I am unwell; sorry, let us find another time"
    assert cancel["DTSTART"].dt == request["DTSTART"].dt


def test_vobject_reads_both(outbox):
    request = vobject.readOne(request_file(outbox).read_text("utf-8"))
    cancel = vobject.readOne(cancel_file(outbox).read_text("utf-8"))
    assert request.method.value == "REQUEST" and cancel.method.value == "CANCEL"
    assert request.vevent.uid.value == cancel.vevent.uid.value == UID
    assert request.vevent.attendee.params["CN"] == [NAME]
    assert request.vevent.attendee.value == f"mailto:{EMAIL}"
    assert int(cancel.vevent.sequence.value) == 1
    assert request.vevent.dtstart.value == cancel.vevent.dtstart.value


@pytest.mark.parametrize(("kind", "method"), [("request-0", "REQUEST"), ("cancel-1", "CANCEL")])
def test_the_eml_parses_and_carries_the_method(outbox, kind, method):
    raw = (outbox / f"{FREE[0]}-{kind}.eml").read_bytes()
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert msg.defects == [] and all(not part.defects for part in msg.walk())
    assert msg["To"].addresses[0].addr_spec == EMAIL
    assert msg["To"].addresses[0].display_name == NAME
    assert msg["From"].addresses[0].addr_spec == "hello@hartcoaching.example"
    assert msg["Date"] is not None and msg["Message-ID"].endswith("@hartcoaching.example>")
    assert msg.get_content_type() == "multipart/mixed"
    alternative = next(p for p in msg.walk() if p.get_content_type() == "multipart/alternative")
    plain, calendar = alternative.get_payload()
    assert plain.get_content_type() == "text/plain"
    assert calendar.get_content_type() == "text/calendar"
    assert calendar.get_param("method") == method
    assert calendar.get_content_charset() == "utf-8"
    assert NAME in plain.get_content()
    inline = icalendar.Calendar.from_ical(calendar.get_content())
    attached = next(p for p in msg.walk() if p.get_filename() == "invite.ics")
    assert attached.get_content_type() == "application/ics"
    assert attached.get_content() == (outbox / f"{FREE[0]}-{kind}.ics").read_bytes()
    assert str(inline["METHOD"]) == method
    assert str(inline.walk("VEVENT")[0]["UID"]) == UID
    # 7-bit clean: any SMTP server relays it without 8BITMIME.
    assert max(raw) < 128 and b"\r\n" in raw


def test_the_request_body_says_when_in_the_coachs_zone(outbox):
    msg = email.message_from_bytes(
        (outbox / f"{FREE[0]}-request-0.eml").read_bytes(), policy=policy.default
    )
    assert msg["Subject"] == (
        "Confirmed: Complimentary 30-minute discovery session, "
        "Monday, November 23, 2026, 9:00 AM-9:30 AM Eastern Time"
    )
    body = msg.get_body(("plain",)).get_content()
    assert "14:00-14:30 UTC" in body and "Video: https://video.example/room?id=1;x=2" in body
    cancel = email.message_from_bytes(
        (outbox / f"{FREE[0]}-cancel-1.eml").read_bytes(), policy=policy.default
    )
    text = cancel.get_body(("plain",)).get_content()
    # Desk run against the local preview: no link the client could not open.
    assert "is cancelled" in text and "127.0.0.1" not in text and "To choose" not in text


def test_a_cancellation_links_to_the_public_booking_page(tmp_path):
    from dataclasses import replace

    from plugins.booking.desk import commands

    desk = replace(make_desk(tmp_path), origin="https://hartcoaching.example")
    commands.confirm(desk, FREE[0], "Ada", "ada@example.org")
    commands.cancel(desk, FREE[0])
    cancel = email.message_from_bytes(
        (desk.outbox / f"{FREE[0]}-cancel-1.eml").read_bytes(), policy=policy.default
    )
    text = cancel.get_body(("plain",)).get_content()
    assert "To choose another time: https://hartcoaching.example/book/discovery/" in text


def test_a_message_linking_to_this_computer_is_never_sent(tmp_path):
    from dataclasses import replace

    from plugins.booking.desk import commands

    raw = {**sample_booking(), "smtp": {"host": "127.0.0.1", "port": 9, "security": "none"}}
    desk = replace(make_desk(tmp_path), raw=raw)
    outcome = commands.confirm(
        desk, FREE[0], "Ada", "ada@example.org", "Room: http://localhost:8000/room"
    )
    with pytest.raises(commands.DeskError) as error:
        commands.send(desk, outcome)  # refused before any connection to port 9
    assert str(error.value).startswith(
        "not sent: the email links to http://localhost:8000/room, this computer's own address"
    )
