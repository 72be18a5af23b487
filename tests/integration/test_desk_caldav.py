"""CalDAV against real servers (Radicale with password auth, and the stricter
Xandikos, both on 127.0.0.1): busy
time means exactly what it means in a busy .ics file, the desk writes and
removes its booking events, and every failure is one line that names the
server or the variable, never the password."""

from __future__ import annotations

from datetime import timedelta

import pytest

from plugins.booking import busy, busy_caldav, ledger_format
from plugins.booking.busy_caldav import CalDavError
from plugins.booking.desk import calendar_sync, commands, ledger, work
from plugins.config.booking import parse_settings
from tests.support.desk import PASSWORD_ENV, free_port, radicale
from tests.support.desk_sample import FREE, NOW, make_desk, sample_booking
from tests.support.xandikos import Xandikos, xandikos

# Every kind of busy data the engine understands, in the coach's zone.
BUSY_ICS = """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:weekly@test
DTSTAMP:20261101T000000Z
DTSTART;TZID=America/New_York:20261123T130000
DTEND;TZID=America/New_York:20261123T140000
RRULE:FREQ=WEEKLY;COUNT=4
EXDATE;TZID=America/New_York:20261130T130000
SUMMARY:Private weekly supervision
END:VEVENT
BEGIN:VEVENT
UID:weekly@test
DTSTAMP:20261101T000000Z
RECURRENCE-ID;TZID=America/New_York:20261207T130000
DTSTART;TZID=America/New_York:20261207T150000
DTEND;TZID=America/New_York:20261207T160000
SUMMARY:Moved supervision
END:VEVENT
END:VCALENDAR
"""
OTHERS = [
    "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\nBEGIN:VEVENT\nUID:allday@test\n"
    "DTSTAMP:20261101T000000Z\nDTSTART;VALUE=DATE:20261201\nDTEND;VALUE=DATE:20261202\n"
    "SUMMARY:Conference\nEND:VEVENT\nEND:VCALENDAR\n",
    "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\nBEGIN:VEVENT\nUID:free@test\n"
    "DTSTAMP:20261101T000000Z\nDTSTART:20261123T150000Z\nDTEND:20261123T160000Z\n"
    "TRANSP:TRANSPARENT\nSUMMARY:Reminder only\nEND:VEVENT\nEND:VCALENDAR\n",
    "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\nBEGIN:VEVENT\nUID:off@test\n"
    "DTSTAMP:20261101T000000Z\nDTSTART:20261123T170000Z\nDTEND:20261123T180000Z\n"
    "STATUS:CANCELLED\nSUMMARY:Called off\nEND:VEVENT\nEND:VCALENDAR\n",
    # Floating time: 10:00 in the coach's zone.
    "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\nBEGIN:VEVENT\nUID:floating@test\n"
    "DTSTAMP:20261101T000000Z\nDTSTART:20261124T100000\nDTEND:20261124T103000\n"
    "SUMMARY:Floating\nEND:VEVENT\nEND:VCALENDAR\n",
]


SERVERS = {"radicale": radicale, "xandikos": xandikos}


@pytest.fixture(scope="module", params=sorted(SERVERS))
def server(request, tmp_path_factory):
    with SERVERS[request.param](tmp_path_factory.mktemp(request.param)) as running:
        yield running


def _path(server, name: str) -> str:
    """A calendar's path as the coach would paste it into `calendars`."""
    return server.path(name) if isinstance(server, Xandikos) else f"/coach/{name.lower()}/"


def _env(server) -> dict[str, str]:
    return {PASSWORD_ENV: server.password}


def _desk(tmp_path, server, *calendars, environ=None):
    return make_desk(
        tmp_path,
        caldav=server.settings(*calendars),
        environ=_env(server) if environ is None else environ,
    )


def test_busy_time_is_the_same_as_from_a_busy_file(tmp_path, server):
    work, home = server.calendar("Work"), server.calendar("Home")
    work.add_event(BUSY_ICS)
    for text in OTHERS:
        home.add_event(text)
    settings = parse_settings(sample_booking(caldav=server.settings("Work", "Home")))
    start, end = NOW - timedelta(hours=2), NOW + timedelta(days=29)
    got = busy_caldav.read_busy(settings, start, end, environ=_env(server))
    files = {f"{i}.ics": t.encode() for i, t in enumerate([BUSY_ICS, *OTHERS])}
    expected = busy.load(
        list(files), ".", settings.zone, start, end, 10, reader=lambda s, _: files[s.entry]
    )
    assert sorted(got) == sorted(expected)
    # Three weekly occurrences (one excluded, one moved), the all-day block, the floating one.
    assert len(got) == 5


def test_a_time_busy_in_caldav_is_refused(tmp_path, server):
    calendar = server.calendar("Refuse")
    calendar.add_event(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//EN\nBEGIN:VEVENT\nUID:r@test\n"
        "DTSTAMP:20261101T000000Z\nDTSTART:20261123T140000Z\nDTEND:20261123T141000Z\n"
        "END:VEVENT\nEND:VCALENDAR\n"
    )
    desk = _desk(tmp_path, server, "Refuse")
    with pytest.raises(commands.DeskError, match="not offered any more"):
        commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    assert not desk.ledger_path.exists()


def test_confirm_writes_the_event_cancel_removes_it(tmp_path, server):
    calendar = server.calendar("Bookings")
    server.calendar("Work")  # xdist may run this test before the one that creates it
    desk = _desk(tmp_path, server, "Bookings", "Work")
    outcome = commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    assert 'Calendar "Bookings"' in "\n".join(outcome.lines)
    (item,) = calendar.search(event=True)
    event = item.icalendar_component
    assert str(event["UID"]) == f"{FREE[0]}@hartcoaching.example"
    assert str(event["STATUS"]) == "CONFIRMED"
    # The desk sends its own invitation: the server must not send another.
    assert event["ATTENDEE"].params["SCHEDULE-AGENT"] == "CLIENT"
    with pytest.raises(commands.DeskError, match="already booked"):
        commands.confirm(desk, FREE[0], "Bob Booker", "bob@example.org")
    commands.cancel(desk, FREE[0])
    assert calendar.search(event=True) == []


def test_the_calendar_event_carries_the_video_room_and_no_private_answers(tmp_path, server):
    from dataclasses import replace

    calendar = server.calendar("Video")
    desk = make_desk(
        tmp_path,
        caldav=server.settings("Video"),
        environ=_env(server),
        video={"rooms_at": "https://meet.example.org/"},
    )
    commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    with ledger.locked(desk.ledger_path):
        book = work.read(desk.ledger_path)
        entry = replace(book.find(FREE[0]), answers="Your role: Attending")
        ledger.write(book.put(entry))
    commands.reschedule(desk, FREE[0], FREE[2])
    (item,) = calendar.search(event=True)
    event = item.icalendar_component
    room = str(event["CONFERENCE"])
    assert room.startswith("https://meet.example.org/discovery-")
    assert event["CONFERENCE"].params["FEATURE"] == "VIDEO"
    assert str(event["LOCATION"]) == room and room in str(event["DESCRIPTION"])
    assert room == work.read(desk.ledger_path).find(FREE[2]).video  # kept when moved
    assert "X-BOOKING-ANSWERS" not in event and "Attending" not in item.data


def test_reschedule_moves_the_event_even_onto_its_own_time(tmp_path, server):
    calendar = server.calendar("Moves")
    desk = _desk(tmp_path, server, "Moves")
    commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    # 9:30 overlaps the 9:00 booking's buffer, and its calendar event is still
    # there while the move is decided: neither may block the move.
    commands.reschedule(desk, FREE[0], FREE[1])
    uids = [str(i.icalendar_component["UID"]) for i in calendar.search(event=True)]
    assert uids == [f"{FREE[1]}@hartcoaching.example"]


def test_wrong_credentials_fail_in_one_line_without_the_password(tmp_path, server):
    if isinstance(server, Xandikos):
        pytest.skip("Xandikos checks no password on plain HTTP")
    desk = _desk(tmp_path, server, "Work", environ={PASSWORD_ENV: "not-the-password-31337"})
    with pytest.raises(CalDavError) as caught:
        commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    message = str(caught.value)
    assert "refused user 'coach'" in message and PASSWORD_ENV in message
    assert "not-the-password-31337" not in message and "\n" not in message
    assert message.startswith(f"[booking] caldav <http://127.0.0.1:{server.url.split(':')[2]}")
    assert not desk.ledger_path.exists()


def test_an_unreachable_server_fails_in_one_line(tmp_path, server):
    settings = {**server.settings("Work"), "url": f"http://127.0.0.1:{free_port()}/"}
    desk = make_desk(tmp_path, caldav=settings, environ=_env(server))
    with pytest.raises(CalDavError, match="unreachable") as caught:
        commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    assert "\n" not in str(caught.value)


def test_a_missing_password_variable_is_named(tmp_path, server):
    desk = _desk(tmp_path, server, "Work", environ={})
    with pytest.raises(CalDavError) as caught:
        commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    assert f"environment variable {PASSWORD_ENV} (password_env) is not set" in str(caught.value)


def test_an_unknown_calendar_lists_the_ones_found(tmp_path, server):
    server.calendar("Work")
    desk = _desk(tmp_path, server, "Wrok")
    with pytest.raises(CalDavError, match=r'no calendar named "Wrok".*"Work"'):
        commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")


def test_a_calendar_given_by_path_works(tmp_path, server):
    server.calendar("Paths")
    desk = _desk(tmp_path, server, _path(server, "Paths"))
    commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    assert work.read(desk.ledger_path).entries[0].status == "CONFIRMED"
    assert len(server.calendar("Paths").search(event=True)) == 1


# --- the ledger is the authority: ledger first, then outbox, then the calendar ---


def _fail_ledger_writes(monkeypatch):
    def refuse(book):
        raise ledger_format.LedgerError(book.path, "cannot write it: No space left on device")

    monkeypatch.setattr(ledger, "write", refuse)


def _uids(calendar) -> list[str]:
    return sorted(str(i.icalendar_component["UID"]) for i in calendar.search(event=True))


def _state(desk, calendar):
    book = work.read(desk.ledger_path)
    outbox = sorted(p.name for p in desk.outbox.iterdir()) if desk.outbox.exists() else []
    return [(e.slot_id, e.status, e.sequence) for e in book.entries], outbox, _uids(calendar)


def test_a_cancel_whose_ledger_write_fails_changes_nothing(tmp_path, server, monkeypatch):
    calendar = server.calendar("FailCancel")
    desk = _desk(tmp_path, server, "FailCancel")
    commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    before = _state(desk, calendar)
    assert before[2] == [f"{FREE[0]}@hartcoaching.example"]
    _fail_ledger_writes(monkeypatch)
    with pytest.raises(ledger_format.LedgerError, match="No space left"):
        commands.cancel(desk, FREE[0])
    # Ledger, outbox and calendar all still say: booked.
    assert _state(desk, calendar) == before


def test_a_reschedule_whose_ledger_write_fails_changes_nothing(tmp_path, server, monkeypatch):
    calendar = server.calendar("FailMove")
    desk = _desk(tmp_path, server, "FailMove")
    commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    before = _state(desk, calendar)
    _fail_ledger_writes(monkeypatch)
    with pytest.raises(ledger_format.LedgerError):
        commands.reschedule(desk, FREE[0], FREE[2])
    assert _state(desk, calendar) == before
    assert before[0] == [(FREE[0], "CONFIRMED", 0)]


def test_a_calendar_that_fails_after_the_ledger_is_caught_up_by_sync(tmp_path, server, monkeypatch):
    calendar = server.calendar("CatchUp")
    desk = _desk(tmp_path, server, "CatchUp")

    def down(settings, *_args):
        raise CalDavError(settings.caldav, "unreachable (connection refused)")

    with monkeypatch.context() as patch:
        patch.setattr(calendar_sync, "sync", down)
        outcome = commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    # Recorded and the invitation written; the calendar is behind, and the
    # coach is told how to catch it up.
    assert "invoke sync-calendar" in outcome.calendar_problem
    ledger_rows, outbox, uids = _state(desk, calendar)
    assert ledger_rows == [(FREE[0], "CONFIRMED", 0)] and len(outbox) == 2 and uids == []
    lines = commands.sync_calendar(desk)
    assert lines[1:] == [f"  added {FREE[0]}"]
    assert _uids(calendar) == [f"{FREE[0]}@hartcoaching.example"]
    assert commands.sync_calendar(desk)[0].endswith("already matches the ledger.")


def test_sync_restores_a_deleted_event_and_removes_a_cancelled_one(tmp_path, server):
    calendar = server.calendar("Repair")
    desk = _desk(tmp_path, server, "Repair")
    commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    commands.confirm(desk, FREE[2], "Bob Booker", "bob@example.org")
    stale = calendar.event_by_uid(f"{FREE[2]}@hartcoaching.example").data
    commands.cancel(desk, FREE[2])
    assert _uids(calendar) == [f"{FREE[0]}@hartcoaching.example"]
    # Someone deletes one booking's event by hand; a calendar app that had
    # the cancelled booking cached puts it back.
    calendar.event_by_uid(f"{FREE[0]}@hartcoaching.example").delete()
    calendar.add_event(stale)
    assert _uids(calendar) == [f"{FREE[2]}@hartcoaching.example"]
    lines = commands.sync_calendar(desk)
    assert sorted(lines[1:]) == [f"  added {FREE[0]}", f"  removed {FREE[2]}"]
    assert _uids(calendar) == [f"{FREE[0]}@hartcoaching.example"]
    entries = work.read(desk.ledger_path).entries
    assert [(e.slot_id, e.status) for e in entries] == [
        (FREE[0], "CONFIRMED"),
        (FREE[2], "CANCELLED"),
    ]


def test_sync_without_caldav_is_one_line(tmp_path):
    desk = make_desk(tmp_path)
    with pytest.raises(commands.DeskError, match=r"\[booking\] caldav is not set"):
        commands.sync_calendar(desk)
