"""confirm / cancel / reschedule / listing, in process, on the sample coach's
settings and busy calendar at the suite's clock: what is recorded, what is
refused, and that a refusal changes nothing."""

from __future__ import annotations

import email
from dataclasses import replace
from datetime import timedelta
from email import policy
from pathlib import Path

import icalendar
import pytest

from plugins.booking import ledger_format
from plugins.booking.desk import commands, work
from plugins.booking.plan import make_plan
from plugins.config.errors import ConfigError
from tests.support.desk_sample import BOOKING, BUSY, FREE, NOW, make_desk


@pytest.fixture
def desk(tmp_path):
    return make_desk(tmp_path)


def _files(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def _offered_ids(desk) -> list[str]:
    plan = make_plan(
        desk.settings,
        content_path=desk.content_path,
        now=desk.now,
        bookings=work.read(desk.ledger_path).bookings(),
    )
    return [slot.id for sp in plan.sessions for slot in sp.slots]


def test_confirm_records_the_booking_and_writes_the_outbox(desk):
    outcome = commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org", "Bring notes")
    (entry,) = work.read(desk.ledger_path).entries
    assert desk.ledger_path == desk.root / "bookings/bookings.ics"
    assert (entry.slot_id, entry.status, entry.sequence) == (FREE[0], "CONFIRMED", 0)
    assert entry.uid == f"{FREE[0]}@hartcoaching.example"  # the published slot's UID
    assert (entry.name, entry.email, entry.note) == (
        "Ada Lovelace",
        "ada@example.org",
        "Bring notes",
    )
    assert sorted(_files(desk.outbox)) == [f"{FREE[0]}-request-0.eml", f"{FREE[0]}-request-0.ics"]
    text = "\n".join(outcome.lines)
    assert "Confirmed discovery-20261123T140000Z" in text and "Next:" in text
    assert "Monday, November 23, 2026, 9:00 AM-9:30 AM Eastern Time" in text
    assert "outbox/discovery-20261123T140000Z-request-0.eml" in text
    assert len(outcome.messages) == 1
    assert FREE[0] not in _offered_ids(desk)


def test_the_invitation_carries_the_session_location(desk):
    commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    ics = (desk.outbox / f"{FREE[0]}-request-0.ics").read_bytes()
    (event,) = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    assert str(event["LOCATION"]) == "Video call; the link is sent when the time is confirmed"


def test_confirming_the_same_slot_twice_is_refused_and_changes_nothing(desk):
    commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    before = (_files(desk.ledger_path.parent), _files(desk.outbox))
    with pytest.raises(commands.DeskError, match="already booked"):
        commands.confirm(desk, FREE[0], "Bob Booker", "bob@example.org")
    assert (_files(desk.ledger_path.parent), _files(desk.outbox)) == before


def test_a_slot_inside_another_bookings_buffer_is_refused(desk):
    # 15-minute buffer after each session: 9:30 is still in the rest after 9:00.
    commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    with pytest.raises(commands.DeskError, match=r"not offered any more.*overlaps busy time"):
        commands.confirm(desk, FREE[1], "Bob Booker", "bob@example.org")


def test_a_slot_that_became_busy_is_refused(desk):
    with pytest.raises(commands.DeskError) as caught:
        commands.confirm(desk, BUSY, "Ada Lovelace", "ada@example.org")
    assert "not offered any more" in str(caught.value) and "nothing was changed" in str(
        caught.value
    )
    assert not desk.ledger_path.exists() and not desk.outbox.exists()


def test_a_slot_made_busy_after_the_build_is_refused(tmp_path):
    desk = make_desk(tmp_path)
    assert FREE[2] in _offered_ids(desk)
    # The coach adds an appointment to the busy calendar after the site was built.
    busy = tmp_path / "content/calendars/busy.ics"
    busy.write_bytes(
        busy.read_bytes().replace(
            b"END:VCALENDAR",
            b"BEGIN:VEVENT\r\nUID:new@x\r\nDTSTAMP:20261122T000000Z\r\n"
            b"DTSTART:20261123T150000Z\r\nDTEND:20261123T153000Z\r\nEND:VEVENT\r\nEND:VCALENDAR",
        )
    )
    with pytest.raises(commands.DeskError, match="not offered any more"):
        commands.confirm(desk, FREE[2], "Ada Lovelace", "ada@example.org")


def test_too_soon_and_too_far_are_explained(tmp_path):
    desk = make_desk(tmp_path, now=NOW + timedelta(hours=10))
    with pytest.raises(commands.DeskError, match="less than 24 hours away"):
        commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    with pytest.raises(commands.DeskError, match="has passed"):
        commands.confirm(make_desk(tmp_path, now=NOW + timedelta(days=3)), FREE[0], "A", "a@b.co")
    with pytest.raises(commands.DeskError, match="more than 28 days ahead"):
        commands.confirm(desk, "discovery-20270301T150000Z", "A", "a@b.co")


def test_max_per_day_counts_ledger_bookings(tmp_path):
    sessions = [{**make_desk(tmp_path).raw["sessions"][0], "max_per_day": 2}]
    desk = make_desk(tmp_path, sessions=sessions)
    commands.confirm(desk, "discovery-20261123T140000Z", "A One", "a1@example.org")
    commands.confirm(desk, "discovery-20261123T180000Z", "A Two", "a2@example.org")
    assert not [s for s in _offered_ids(desk) if s.startswith("discovery-20261123")]
    with pytest.raises(commands.DeskError, match="max_per_day"):
        commands.confirm(desk, "discovery-20261123T200000Z", "A Three", "a3@example.org")


@pytest.mark.parametrize(
    ("slot", "problem"),
    [
        ("discovery", "expected <session>-YYYYMMDDTHHMMSSZ"),
        ("discovery-2026-11-23", "expected <session>-YYYYMMDDTHHMMSSZ"),
        ("coaching-20261123T140000Z", 'no session "coaching"'),
        ("discovery-20261332T140000Z", "is not a time"),
    ],
)
def test_unknown_slot_ids_are_refused(desk, slot, problem):
    with pytest.raises(commands.DeskError, match="unknown slot id") as caught:
        commands.confirm(desk, slot, "Ada Lovelace", "ada@example.org")
    assert problem in str(caught.value)
    assert not desk.ledger_path.exists()


def test_a_slot_page_url_is_accepted_as_a_slot_id(desk):
    url = "http://127.0.0.1:8000/book/discovery/20261123T140000Z/"
    commands.confirm(desk, url, "Ada Lovelace", "ada@example.org")
    assert work.read(desk.ledger_path).entries[0].slot_id == FREE[0]


@pytest.mark.parametrize(
    "address",
    ["", "ada", "ada@", "ada@example", "ada lovelace@example.org", "a@b.c", "<ada@example.org>"],
)
def test_malformed_emails_are_refused(desk, address):
    with pytest.raises(commands.DeskError, match="is not an email address"):
        commands.confirm(desk, FREE[0], "Ada Lovelace", address)
    assert not desk.ledger_path.exists()


@pytest.mark.parametrize("name", ["", "   ", "Ada\x07", "x" * 201])
def test_bad_names_are_refused(desk, name):
    with pytest.raises(commands.DeskError, match="--name"):
        commands.confirm(desk, FREE[0], name, "ada@example.org")


def test_a_name_with_a_line_break_cannot_inject_mail_headers(desk):
    commands.confirm(desk, FREE[0], "Ada\r\nBcc: evil@example.org", "ada@example.org")
    msg = email.message_from_bytes(
        (desk.outbox / f"{FREE[0]}-request-0.eml").read_bytes(), policy=policy.default
    )
    # Not a plain name: no header, and the letter greets them neutrally.
    assert msg["Bcc"] is None and msg["To"].addresses[0].display_name == ""


def test_a_corrupted_ledger_is_refused_nothing_written_backup_intact(desk):
    commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    commands.confirm(desk, FREE[2], "Bob Booker", "bob@example.org")
    backup = desk.ledger_path.with_name("bookings.ics.bak")
    assert backup.exists()
    desk.ledger_path.write_bytes(b"BEGIN:VCALENDAR\r\nthis got mangled\r\n")
    before = (_files(desk.ledger_path.parent), _files(desk.outbox))
    for command in (
        lambda: commands.confirm(desk, "discovery-20261123T180000Z", "C", "c@example.org"),
        lambda: commands.cancel(desk, FREE[0]),
        lambda: commands.reschedule(desk, FREE[0], "discovery-20261123T180000Z"),
        lambda: commands.listing(desk),
    ):
        with pytest.raises(ledger_format.LedgerError, match="not valid iCalendar"):
            command()
    assert (_files(desk.ledger_path.parent), _files(desk.outbox)) == before
    assert work.read(backup).entries[0].slot_id == FREE[0]  # the backup still parses


def test_cancel_bumps_sequence_and_the_slot_is_offered_again(desk):
    commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    assert FREE[0] not in _offered_ids(desk)
    outcome = commands.cancel(desk, FREE[0], "Unwell, sorry")
    (entry,) = work.read(desk.ledger_path).entries
    assert (entry.status, entry.sequence, entry.reason) == ("CANCELLED", 1, "Unwell, sorry")
    assert f"{FREE[0]}-cancel-1.eml" in _files(desk.outbox)
    assert "offered again" in "\n".join(outcome.lines)
    assert FREE[0] in _offered_ids(desk)


def test_rebooking_a_cancelled_slot_continues_its_sequence(desk):
    commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    commands.cancel(desk, FREE[0])
    commands.confirm(desk, FREE[0], "Bob Booker", "bob@example.org")
    (entry,) = work.read(desk.ledger_path).entries
    assert (entry.status, entry.sequence, entry.name) == ("CONFIRMED", 2, "Bob Booker")
    assert f"{FREE[0]}-request-2.ics" in _files(desk.outbox)


def test_cancel_refuses_what_is_not_booked(desk):
    with pytest.raises(commands.DeskError, match="not in the ledger"):
        commands.cancel(desk, FREE[0])
    commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    commands.cancel(desk, FREE[0])
    with pytest.raises(commands.DeskError, match="already cancelled"):
        commands.cancel(desk, FREE[0])


def test_reschedule_keeps_the_client_and_may_move_into_its_own_buffer(desk):
    commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org", "Video: https://v.example")
    # 9:30 is inside the 9:00 booking's buffer: only free because that booking moves.
    outcome = commands.reschedule(desk, FREE[0], FREE[1])
    old, new = work.read(desk.ledger_path).entries
    assert (old.slot_id, old.status, old.sequence) == (FREE[0], "CANCELLED", 1)
    assert (new.slot_id, new.status, new.sequence) == (FREE[1], "CONFIRMED", 0)
    assert (new.name, new.email, new.note) == ("Ada Lovelace", "ada@example.org", old.note)
    assert old.reason.startswith("Moved to Monday, November 23, 2026, 9:30 AM")
    assert {f"{FREE[0]}-cancel-1.eml", f"{FREE[1]}-request-0.eml"} <= set(_files(desk.outbox))
    assert len(outcome.messages) == 2
    assert FREE[1] not in _offered_ids(desk)


def test_reschedule_refuses_a_busy_target_and_changes_nothing(desk):
    commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    before = (_files(desk.ledger_path.parent), _files(desk.outbox))
    with pytest.raises(commands.DeskError, match="not offered any more"):
        commands.reschedule(desk, FREE[0], BUSY)
    with pytest.raises(commands.DeskError, match="same slot"):
        commands.reschedule(desk, FREE[0], FREE[0])
    assert (_files(desk.ledger_path.parent), _files(desk.outbox)) == before


def test_listing_shows_upcoming_bookings_in_the_coachs_zone(tmp_path):
    desk = make_desk(tmp_path)
    assert commands.listing(desk) == ["No upcoming bookings."]
    commands.confirm(desk, FREE[2], "Bob Booker", "bob@example.org")
    commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    commands.cancel(desk, FREE[2])
    lines = commands.listing(desk)
    assert lines[0] == "Upcoming bookings (Eastern Time):"
    assert lines[1:] == [
        "  Monday, November 23, 2026, 9:00 AM-9:30 AM  discovery-20261123T140000Z  "
        "Ada Lovelace <ada@example.org>"
    ]
    assert "[cancelled]" in "\n".join(commands.listing(desk, everything=True))
    later = make_desk(tmp_path, now=NOW + timedelta(days=2))
    assert commands.listing(later) == ["No upcoming bookings."]


def test_a_ledger_inside_the_content_folder_is_refused(tmp_path):
    desk = make_desk(tmp_path, ledger="content/bookings.ics")
    with pytest.raises(ConfigError, match="could be published"):
        commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")


def test_the_clock_follows_source_date_epoch():
    assert commands.clock({"SOURCE_DATE_EPOCH": "1795348800"}) == NOW
    with pytest.raises(commands.DeskError, match="SOURCE_DATE_EPOCH"):
        commands.clock({"SOURCE_DATE_EPOCH": "soon"})


def test_a_ledger_in_the_themes_static_folder_is_refused_by_the_desk(tmp_path):
    theme_static = tmp_path / "theme" / "static"
    desk = replace(
        make_desk(tmp_path, ledger=str(theme_static / "b.ics")), theme_static=(theme_static,)
    )
    with pytest.raises(ConfigError, match="theme's static folder"):
        commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    assert not (theme_static / "b.ics").exists()


@pytest.mark.parametrize("address", ["zoë@example.org", "ada@exämple.org"])
def test_an_address_mail_cannot_carry_is_refused_before_anything_is_written(desk, address):
    """Non-ASCII addresses would need SMTPUTF8, which the desk does not
    speak: refused up front instead of recorded and then crashing."""
    with pytest.raises(commands.DeskError, match="is not an email address"):
        commands.confirm(desk, FREE[0], "Zoë", address)
    assert not desk.ledger_path.exists() and not desk.outbox.exists()


def test_a_command_killed_after_recording_is_completed_by_the_next(desk, monkeypatch):
    """Killed between the ledger write and the outbox (SIGKILL, a full disk):
    the booking stays recorded as pending; the next command writes its
    invitation before doing its own work."""

    def killed(*_args):
        raise KeyboardInterrupt  # what a kill looks like from inside

    with monkeypatch.context() as patch:
        patch.setattr(commands, "_deliver", killed)
        with pytest.raises(KeyboardInterrupt):
            commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    (entry,) = work.read(desk.ledger_path).entries
    assert entry.pending and not desk.outbox.exists()

    outcome = commands.confirm(desk, FREE[2], "Bob Booker", "bob@example.org")
    entries = work.read(desk.ledger_path).entries
    assert [(e.slot_id, e.pending) for e in entries] == [(FREE[0], False), (FREE[2], False)]
    names = sorted(p.name for p in desk.outbox.iterdir())
    assert names == sorted(f"{s}-request-0.{x}" for s in (FREE[0], FREE[2]) for x in ("eml", "ics"))
    assert [m["To"] for m in outcome.messages] == [
        "Ada Lovelace <ada@example.org>",
        "Bob Booker <bob@example.org>",
    ]
    assert any(line.startswith(f"Completed {FREE[0]}") for line in outcome.lines)
    # The invitation carries none of the ledger's private bookkeeping.
    assert b"X-BOOKING" not in (desk.outbox / f"{FREE[0]}-request-0.ics").read_bytes()


def test_leftover_temporary_files_are_removed_by_the_next_command(desk):
    desk.ledger_path.parent.mkdir(parents=True)
    desk.outbox.mkdir()
    leftovers = [
        desk.ledger_path.parent / f".{desk.ledger_path.name}.4242.tmp",
        desk.ledger_path.parent / f".{desk.ledger_path.name}.bak.4242.tmp",
        desk.outbox / f".{FREE[0]}-request-0.eml.4242.tmp",
    ]
    for path in leftovers:
        path.write_text("ATTENDEE;CN=Ada Lovelace:mailto:ada@example.org")
    commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    assert not any(path.exists() for path in leftovers)


def test_a_booking_in_the_clients_language_carries_her_words_in_it(tmp_path):
    session = {
        **BOOKING["sessions"][0],
        "title": {"en": "Discovery session", "fr": "Séance découverte"},
        "location": {"en": "Video call", "fr": "Appel vidéo"},
    }
    desk = replace(make_desk(tmp_path, sessions=[session]), extra_langs=("fr",))
    commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org", lang="fr")
    (entry,) = work.read(desk.ledger_path).entries
    assert (entry.summary, entry.location, entry.language) == (
        "Séance découverte",
        "Appel vidéo",
        "fr",
    )
    ics = (desk.outbox / f"{FREE[0]}-request-0.ics").read_bytes()
    (event,) = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Séance découverte"
    commands.confirm(desk, FREE[-1], "Bob Booker", "bob@example.org")  # the site's language
    assert work.read(desk.ledger_path).find(FREE[-1]).summary == "Discovery session"


def _body(path: Path) -> str:
    return (
        email.message_from_bytes(path.read_bytes(), policy=policy.default)
        .get_body(("plain",))
        .get_content()
    )


def test_the_client_reads_her_own_time_first_then_the_coachs(tmp_path):
    from plugins.booking.desk import reminders

    desk = make_desk(tmp_path)
    commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org", client_zone="Europe/Madrid")
    (entry,) = work.read(desk.ledger_path).entries
    assert entry.zone == "Europe/Madrid"  # kept in the ledger, for every later email
    madrid = "Monday, November 23, 2026, 3:00 PM-3:30 PM Central European Time"
    coach = "Monday, November 23, 2026, 9:00 AM-9:30 AM Eastern Time"
    body = _body(desk.outbox / f"{FREE[0]}-request-0.eml")
    assert f"{madrid} ({coach})" in " ".join(body.split())
    ics = (desk.outbox / f"{FREE[0]}-request-0.ics").read_bytes()
    assert b"CLIENT-ZONE" not in ics and b"Europe/Madrid" not in ics  # hers, not the invite's
    later = replace(desk, now=entry.start - timedelta(hours=20))
    assert reminders.remind(later, report=lambda line: None, send=False) == 1
    (reminder,) = sorted(desk.outbox.rglob("*remind*.eml"))
    assert f"{madrid} ({coach})" in " ".join(_body(reminder).split())


def test_an_unknown_client_zone_is_refused_and_nothing_is_written(desk):
    with pytest.raises(commands.DeskError, match="--client-zone: unknown time zone 'Madrid'"):
        commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org", client_zone="Madrid")
    assert not desk.ledger_path.exists()
