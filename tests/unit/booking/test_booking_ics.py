"""The .ics files: required properties, UTC times, CRLF, folding, escaping, UIDs."""

from __future__ import annotations

from datetime import UTC, date, datetime

import icalendar
import pytest

from plugins.booking.ics import availability_feed, slot_invite
from plugins.booking.model import Slot
from plugins.common.ical import PRODID, uid_host
from plugins.config.booking import parse_settings
from tests.support.booking_settings import NOW, booking
from tests.support.languages import ENGLISH

ORIGIN = "https://coach.example.org"


def _slot(hour: int = 14) -> Slot:
    return Slot(
        datetime(2026, 11, 24, hour, tzinfo=UTC),
        datetime(2026, 11, 24, hour, 30, tzinfo=UTC),
        "discovery",
        date(2026, 11, 24),
    )


def _invite(raw=None, slot=None) -> bytes:
    settings = parse_settings(raw or booking())
    return slot_invite(
        slot or _slot(),
        settings.sessions[0],
        settings.organizer,
        ORIGIN,
        "coach.example.org",
        NOW,
        ENGLISH,
    )


def lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    return data[:-2].split(b"\r\n")


def unfolded(data: bytes) -> str:
    return data.decode().replace("\r\n ", "")


def test_invite_has_every_required_property():
    text = unfolded(_invite())
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "METHOD:PUBLISH",
        "UID:discovery-20261124T140000Z@coach.example.org",
        "DTSTAMP:20261122T120000Z",
        "DTSTART:20261124T140000Z",
        "DTEND:20261124T143000Z",
        "SEQUENCE:0",
        "SUMMARY:Discovery session",
        "STATUS:TENTATIVE",
        f"URL:{ORIGIN}/book/discovery/20261124T140000Z/",
        'ORGANIZER;CN="Dr. Eleanor Hart":mailto:hello@hartcoaching.example',
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "TRIGGER:-PT30M",
    ]:
        assert f"\r\n{line}\r\n" in f"\r\n{text}", line
    assert "ATTENDEE" not in text
    assert "TZID" not in text and "VTIMEZONE" not in text
    assert text.count("BEGIN:VEVENT") == 1


def test_description_says_what_how_it_is_confirmed_and_how_to_reach_the_coach():
    event = icalendar.Calendar.from_ical(_invite()).walk("VEVENT")[0]
    description = str(event["DESCRIPTION"])
    assert "Dr. Eleanor Hart" in description
    assert "confirms it by email" in description
    assert "hello@hartcoaching.example" in description
    assert f"{ORIGIN}/book/discovery/20261124T140000Z/" in description
    assert str(event.walk("VALARM")[0]["DESCRIPTION"]) == "Soon: Discovery session"


def test_parses_cleanly_and_round_trips_instants():
    calendar = icalendar.Calendar.from_ical(_invite())
    assert all(not c.errors for c in calendar.walk())
    event = calendar.walk("VEVENT")[0]
    assert event["DTSTART"].dt == _slot().start
    assert event["DTEND"].dt == _slot().end


def test_text_is_escaped_and_long_utf8_lines_fold_at_75_octets_between_characters():
    raw = booking()
    raw["sessions"][0].update(
        title="Séance découverte — 30 minutes, gratuite; sans engagement 😀 " * 3,
        location="Visio; lien envoyé, une fois l'horaire confirmé\\ à Zürich",
        description="Première ligne\nDeuxième ligne — ünïcödé " * 4,
    )
    data = _invite(raw)
    for line in lines(data):
        assert len(line) <= 75
        line.decode("utf-8")  # a fold never splits a multi-byte character
    text = unfolded(data)
    assert "Visio\\; lien envoyé\\, une fois l'horaire confirmé\\\\ à Zürich" in text
    assert "Première ligne\\nDeuxième" in text
    event = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    assert str(event["LOCATION"]) == raw["sessions"][0]["location"]
    assert str(event["SUMMARY"]) == raw["sessions"][0]["title"].strip()


def test_every_line_ends_with_crlf_and_no_bare_lf():
    data = _invite()
    assert data.count(b"\n") == data.count(b"\r\n")


def test_uid_depends_only_on_session_start_and_host():
    later = parse_settings(booking())
    again = slot_invite(
        _slot(),
        later.sessions[0],
        later.organizer,
        ORIGIN,
        "coach.example.org",
        datetime(2027, 1, 1, tzinfo=UTC),
        ENGLISH,
    )
    uid = b"UID:discovery-20261124T140000Z@coach.example.org"
    assert uid in _invite() and uid in again
    assert b"UID:discovery-20261124T150000Z@" in _invite(slot=_slot(15))


@pytest.mark.parametrize(
    ("siteurl", "email", "host"),
    [
        ("https://coach.example.org", "hello@hartcoaching.example", "coach.example.org"),
        ("https://Coach.Example.org:8443/sub/path", "x@y.example", "coach.example.org"),
        ("", "hello@HartCoaching.example", "hartcoaching.example"),
    ],
)
def test_uid_host_is_siteurl_host_else_the_organizers_domain(siteurl, email, host):
    assert uid_host(siteurl, email) == host


def test_availability_feed_lists_every_slot_transparent_without_alarms():
    settings = parse_settings(booking())
    slots = [_slot(14), _slot(15), _slot(16)]
    data = availability_feed(
        slots, settings.sessions[0], settings.organizer, ORIGIN, "coach.example.org", NOW, ENGLISH
    )
    calendar = icalendar.Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    assert [e["DTSTART"].dt for e in events] == [s.start for s in slots]
    assert {str(e["TRANSP"]) for e in events} == {"TRANSPARENT"}
    assert calendar.walk("VALARM") == []
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert len({str(e["UID"]) for e in events}) == 3
    assert all(str(e["UID"]).endswith("-open@coach.example.org") for e in events)
    assert all(len(line) <= 75 for line in lines(data))
