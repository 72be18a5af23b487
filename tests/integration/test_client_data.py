"""A client's rights over what the desk keeps: `export` shows all of it,
`forget` removes it from the ledger (and its .bak), the desk's work
records, the outbox and the CalDAV server (Radicale and Xandikos) while
the time stays booked, and bookings older than keep_client_data_days are
anonymised by the desk's own runs (clock moved past the limit)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest

from plugins.booking.desk import clients, commands, reminders, work
from plugins.common.sealed import new_key
from tests.support.desk import PASSWORD_ENV, radicale
from tests.support.desk_sample import FREE, NOW, make_desk
from tests.support.xandikos import xandikos

NAME = "Quillon Vexmarrow"
EMAIL = "quillon.vexmarrow@zarnby.example"
NOTE = "Brambleweft intake"
MARKERS = (NAME, EMAIL, NOTE, "Vexmarrow", "zarnby")
OTHER = ("Ada Lovelace", "ada@example.org")
KEY = "BOOKING_LEDGER_KEY"
SERVERS = {"radicale": radicale, "xandikos": xandikos}


@pytest.fixture(scope="module", params=sorted(SERVERS))
def server(request, tmp_path_factory):
    with SERVERS[request.param](tmp_path_factory.mktemp(request.param)) as running:
        yield running


def _everything(desk) -> str:
    """Every byte the desk keeps, opened with its key."""
    texts = []
    files = [desk.ledger_path, desk.ledger_path.with_name(desk.ledger_path.name + ".bak")]
    files += [p for p in desk.outbox.rglob("*") if p.is_file()] if desk.outbox.exists() else []
    for path in files:
        if path.is_file():
            texts.append(desk.vault.open(path.read_bytes(), path).decode("utf-8", "replace"))
    return "\n".join(texts)


def _book_both(desk) -> None:
    commands.confirm(desk, FREE[0], NAME, EMAIL, note=NOTE)
    commands.confirm(desk, FREE[2], *OTHER)
    commands.cancel(desk, FREE[2], reason="Moved abroad")  # a second write: the .bak
    commands.confirm(desk, FREE[2], *OTHER)


def test_export_shows_everything_kept_about_one_address(tmp_path):
    desk = make_desk(tmp_path)
    _book_both(desk)
    exported = json.loads(clients.export(desk, EMAIL.upper()))
    assert exported["address"] == EMAIL
    [booking] = exported["bookings"]
    assert (booking["name"], booking["email"], booking["note"]) == (NAME, EMAIL, NOTE)
    assert booking["slot"] == FREE[0] and booking["status"] == "CONFIRMED"
    assert exported["messages"] and all(EMAIL in m["to"] for m in exported["messages"])
    assert OTHER[1] not in json.dumps(exported)


def test_forget_removes_the_client_everywhere_and_the_time_stays_booked(tmp_path, server):
    calendar = server.calendar("Forget")
    environ = {PASSWORD_ENV: server.password, KEY: new_key()}
    desk = make_desk(
        tmp_path, caldav=server.settings("Forget"), environ=environ, ledger_key_env=KEY
    )
    _book_both(desk)
    assert NAME in "".join(str(item.data) for item in calendar.search(event=True))
    assert all(marker in _everything(desk) for marker in (NAME, EMAIL, NOTE))
    lines = clients.forget(desk, EMAIL)
    text = "\n".join(lines)
    assert "Anonymised 1 booking(s)" in text and "Rewrote 1 event(s)" in text
    assert "git history" in text and "your own mailbox" in text
    kept = _everything(desk)
    for marker in MARKERS:
        assert marker.lower() not in kept.lower(), marker
    on_server = "".join(str(item.data) for item in calendar.search(event=True))
    for marker in MARKERS:
        assert marker not in on_server, marker
    # The other client is untouched; the forgotten time is still booked.
    assert OTHER[0] in kept and OTHER[0] in on_server
    book = work.read(desk.ledger_path, desk.vault)
    assert book.find(FREE[0]).confirmed
    offered = {s.id for sp in commands.current_plan(desk, book).sessions for s in sp.slots}
    assert FREE[0] not in offered
    assert clients.forget(desk, EMAIL)[0] == f"Nothing is kept about {EMAIL}."


def test_a_forgotten_upcoming_booking_gets_no_reminder(tmp_path):
    desk = make_desk(tmp_path)
    commands.confirm(desk, FREE[0], NAME, EMAIL)
    clients.forget(desk, EMAIL)
    book = work.read(desk.ledger_path)
    later = FREE[0].rsplit("-", 1)[1]
    assert reminders.due(book, (24, 1), NOW + timedelta(hours=20)) == [], later


def test_bookings_past_the_retention_are_anonymised_by_a_desk_run(tmp_path):
    desk = make_desk(tmp_path, keep_client_data_days=30)
    _book_both(desk)
    # 29 days after the sessions: still kept.
    soon = replace(desk, now=NOW + timedelta(days=30))
    reminders.remind(soon, report=lambda line: None, send=False)
    assert NAME in _everything(soon)
    lines: list[str] = []
    late = replace(desk, now=NOW + timedelta(days=32))
    reminders.remind(late, report=lines.append, send=False)
    assert any("more than 30 days ago" in line for line in lines)
    book = work.read(desk.ledger_path)
    assert all(e.email == clients.ANONYMOUS for e in book.entries)
    assert len([e for e in book.entries if e.confirmed]) == 2  # still counted
    ledger_text = desk.ledger_path.read_text("utf-8")
    kept = _everything(late)  # the .bak too
    for marker in (NAME, EMAIL, NOTE, OTHER[0], OTHER[1]):
        assert marker not in ledger_text, marker
        assert marker not in kept, marker


def test_forget_also_empties_the_mailbox_folders_the_desk_files_into(tmp_path):
    from tests.integration.test_desk_inbox import request_email
    from tests.support.mailflow import VISITOR, mail_world

    with mail_world(tmp_path) as world:
        world.imap.append(request_email(FREE[0]).as_bytes())
        assert world.desk("inbox").returncode == 0
        assert len(world.imap.messages("Bookings/Done")) == 1
        exported = world.desk("export", VISITOR)
        assert exported.returncode == 0 and "Zoë O'Brien" in exported.stdout
        result = world.desk("forget", VISITOR)
        assert result.returncode == 0, result.stderr
        assert "Deleted 1 email(s) from the mailbox folders Bookings/Done" in result.stdout
        assert world.imap.messages("Bookings/Done") == []
        kept = (world.project / "bookings/bookings.ics").read_text("utf-8")
        assert "changing careers" in exported.stdout  # the intake answer, before
        for marker in ("Zoë", "O'Brien", VISITOR, "changing careers"):
            assert marker not in kept, marker
