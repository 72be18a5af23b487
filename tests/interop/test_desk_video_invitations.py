"""A hands-free booking's invitation (video room, self-service links) as
icalendar, vobject and Mozilla's ical.js read it, and its email as Python's
`email` with policy default reads it."""

from __future__ import annotations

from dataclasses import replace
from email import message_from_bytes, policy

import icalendar
import pytest
import vobject

from plugins.booking.desk import commands
from tests.support.desk_sample import CLIENT_EMAIL, CLIENT_NAME, FREE, make_desk
from tests.support.ics_text import icaljs

SECRET = {"BOOKING_LINK_SECRET": "x" * 32}


@pytest.fixture(scope="module")
def invitation(tmp_path_factory):
    project = tmp_path_factory.mktemp("video")
    desk = make_desk(project, environ=SECRET, video={"rooms_at": "https://meet.example.org/"})
    desk = replace(desk, origin="https://hartcoaching.example")
    commands.confirm(desk, FREE[0], CLIENT_NAME, CLIENT_EMAIL)
    stem = desk.outbox / f"{FREE[0]}-request-0"
    return stem.with_suffix(".ics"), stem.with_suffix(".eml")


def test_icalendar_and_vobject_read_the_room_in_location_description_and_conference(invitation):
    ics, _ = invitation
    event = next(iter(icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")))
    room = str(event["CONFERENCE"])
    assert room.startswith("https://meet.example.org/discovery-") and len(room) > 50
    assert event["CONFERENCE"].params["FEATURE"] == "VIDEO"
    assert event["CONFERENCE"].params["VALUE"] == "URI"
    assert str(event["LOCATION"]) == room and room in str(event["DESCRIPTION"])
    assert "X-BOOKING-ANSWERS" not in event and "X-BOOKING-NOTE" not in event
    parsed = vobject.readOne(ics.read_text("utf-8"))
    assert parsed.vevent.conference.value == room
    assert parsed.vevent.location.value == room


@pytest.mark.node
def test_icaljs_reads_the_conference_property(invitation, node):
    ics, _ = invitation
    parsed, returncode, _ = icaljs(node, [ics])
    assert returncode == 0, parsed
    (event,) = parsed[str(ics)]["events"]
    (conference,) = event["conference"]
    assert conference["feature"] == "VIDEO"
    assert conference["value"] == event["location"]


def test_the_email_parses_and_carries_the_room_and_both_signed_links(invitation):
    _, eml = invitation
    msg = message_from_bytes(eml.read_bytes(), policy=policy.default)
    body = msg.get_body(("plain",)).get_content()
    event = next(
        iter(icalendar.Calendar.from_ical(eml.with_suffix(".ics").read_bytes()).walk("VEVENT"))
    )
    assert str(event["CONFERENCE"]) in body
    assert "https://hartcoaching.example/book/manage/#cancel.discovery-20261123T140000Z.0." in body
    assert "https://hartcoaching.example/book/manage/#move.discovery-20261123T140000Z.0." in body
    assert msg.defects == []
