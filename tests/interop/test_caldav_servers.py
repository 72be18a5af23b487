"""The desk's calendar sync against what real calendar apps leave on a
CalDAV server: the booking's event stored under the app's own name (not
`<uid>.ics`). Run against Xandikos, which enforces RFC 4791's one object
per UID with `412 no-uid-conflict`, and Radicale."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from icalendar import Calendar

from plugins.booking import ledger_format
from plugins.booking.busy_caldav import CalDavError
from plugins.booking.desk import calendar_sync, commands, work
from plugins.common.ical import new_calendar
from tests.support.desk import PASSWORD_ENV, radicale
from tests.support.desk_sample import FREE, make_desk
from tests.support.xandikos import xandikos

SERVERS = {"radicale": radicale, "xandikos": xandikos}
APP_NAME = "4F1C2B7E-APPLE-CALENDAR-ID.ics"


@pytest.fixture(scope="module", params=sorted(SERVERS))
def server(request, tmp_path_factory):
    with SERVERS[request.param](tmp_path_factory.mktemp(request.param)) as running:
        yield running


def _desk(tmp_path, server, name):
    return make_desk(
        tmp_path, caldav=server.settings(name), environ={PASSWORD_ENV: server.password}
    )


def _calendar_down(monkeypatch):
    def down(settings, *_args):
        raise CalDavError(settings.caldav, "unreachable (connection refused)")

    monkeypatch.setattr(calendar_sync, "sync", down)


def _app_stores(server, calendar, entry, *, shift=timedelta(0)) -> str:
    """What a calendar app does with an invitation it imports: PUT it under
    a name of its own (optionally after the coach moved it)."""
    shifted = replace(entry, start=entry.start + shift, end=entry.end + shift)
    body = new_calendar()
    body.add_component(ledger_format.event(shifted, private=False))
    url = f"{str(calendar.url).rstrip('/')}/{APP_NAME}"
    response = server.client().put(
        url, body.to_ical().decode(), {"Content-Type": "text/calendar; charset=utf-8"}
    )
    assert response.status in (201, 204), response.status
    return url


def _objects(calendar, uid):
    found = []
    for item in calendar.search(event=True):
        parsed = Calendar.from_ical(item.data)
        for vevent in parsed.walk("VEVENT"):
            if str(vevent["UID"]) == uid:
                found.append((str(item.url), vevent))
    return found


def _rebooked_behind_the_calendar(desk, monkeypatch):
    """Ada books FREE[0] (the app imports her invitation), cancels, and Bob
    books the same slot, all while the calendar was unreachable: the ledger
    is at SEQUENCE 2, the server holds the app's SEQUENCE 0 copy."""
    with monkeypatch.context() as patch:
        _calendar_down(patch)
        commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
        first = work.read(desk.ledger_path).find(FREE[0])
        yield first
        commands.cancel(desk, FREE[0])
        commands.confirm(desk, FREE[0], "Bob Booker", "bob@example.org")
    entry = work.read(desk.ledger_path).find(FREE[0])
    assert entry.sequence == 2
    yield entry


@pytest.mark.parametrize("moved", [False, True], ids=["same-time", "moved-by-the-app"])
def test_an_event_stored_under_the_apps_own_name_is_updated_in_place(
    tmp_path, server, monkeypatch, moved
):
    name = "Foreign" + ("Moved" if moved else "")
    calendar = server.calendar(name)
    desk = _desk(tmp_path, server, name)
    steps = _rebooked_behind_the_calendar(desk, monkeypatch)
    first = next(steps)
    # Moved by the coach in her app three weeks later: outside the range the desk searches.
    url = _app_stores(server, calendar, first, shift=timedelta(days=21) if moved else timedelta(0))
    entry = next(steps)

    lines = commands.sync_calendar(desk)

    assert lines[1:] == [f"  added {FREE[0]}"]
    ((href, vevent),) = _objects(calendar, entry.uid)  # one object with that UID
    assert href == url  # the app's own object, updated where it is
    assert int(vevent["SEQUENCE"]) == 2 and str(vevent["STATUS"]) == "CONFIRMED"
    assert "bob@example.org" in str(vevent["ATTENDEE"])
    assert vevent.decoded("DTSTART") == entry.start
    assert commands.sync_calendar(desk)[0].endswith("already matches the ledger.")


def test_cancelling_an_event_stored_under_the_apps_own_name_removes_it(
    tmp_path, server, monkeypatch
):
    calendar = server.calendar("ForeignCancel")
    desk = _desk(tmp_path, server, "ForeignCancel")
    with monkeypatch.context() as patch:
        _calendar_down(patch)
        commands.confirm(desk, FREE[2], "Ada Lovelace", "ada@example.org")
    entry = work.read(desk.ledger_path).find(FREE[2])
    _app_stores(server, calendar, entry)
    commands.sync_calendar(desk)  # nothing to write: the app's copy is current
    assert len(_objects(calendar, entry.uid)) == 1

    outcome = commands.cancel(desk, FREE[2])

    assert not outcome.calendar_problem
    assert _objects(calendar, entry.uid) == []


def test_a_refusal_names_the_http_status_and_the_servers_reason(tmp_path, tmp_path_factory):
    # The coach pasted her address book's path instead of her calendar's:
    # Xandikos refuses an iCalendar object there.
    with xandikos(tmp_path_factory.mktemp("xandikos-refusal")) as server:
        desk = _desk(tmp_path, server, "/user/contacts/addressbook/")
        with pytest.raises(CalDavError) as caught:
            commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    problem = str(caught.value)
    # Not "wrong username or password?", and not "(no reason)".
    assert "the server refused the request (HTTP 403 Forbidden: supported-report" in problem
    assert "not supported" in problem  # the server's own words
    assert "password" not in problem and "no reason" not in problem and "\n" not in problem
    assert not desk.ledger_path.exists()
