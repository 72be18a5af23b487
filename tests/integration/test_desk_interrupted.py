"""What a killed command leaves is finished by the next desk command, not
only by `confirm`: a booking recorded without its invitation gets the
invitation from `inbox` and `remind` (and so from `desk-run`, which runs
them), and never a reminder first; temporary files of a killed write
anywhere under the outbox are removed. Against Dovecot and aiosmtpd."""

from __future__ import annotations

import pytest

from tests.support.desk_sample import FREE
from tests.support.mailflow import VISITOR, mail_world


class Killed(BaseException):
    """What a kill -9 leaves: the process stops between two steps."""


def killed_confirm(world, monkeypatch, slot: str = FREE[0]) -> None:
    """`invoke confirm` killed after the ledger recorded the booking (pending)
    and before its invitation reached the outbox."""
    from plugins.booking.desk import commands
    from plugins.booking.desk.cli import load_desk
    from tests.support.desk import SETTINGS_NAME

    def kill(*_args, **_kwargs):
        raise Killed

    with monkeypatch.context() as patch:
        patch.chdir(world.project)
        patch.setattr(commands, "_deliver", kill)
        with pytest.raises(Killed):
            commands.confirm(load_desk(SETTINGS_NAME, world.env), slot, "Zoë", VISITOR)
    entry = world.ledger().find(slot)
    assert entry.confirmed and entry.pending
    assert not (world.project / "outbox").exists()


def at(moment: str) -> dict[str, str]:
    from datetime import datetime

    return {"SOURCE_DATE_EPOCH": str(int(datetime.fromisoformat(moment).timestamp()))}


def kinds(world, since: int = 0) -> list[str]:
    """What each sent message is: the invitation (REQUEST) or a reminder."""
    found = []
    for msg in world.outgoing(since):
        calendar = [p for p in msg.walk() if p.get_content_type() == "text/calendar"]
        found.append(calendar[0].get_param("method") if calendar else msg["Subject"].split(":")[0])
    return found


def test_remind_sends_the_missing_invitation_before_any_reminder(tmp_path, monkeypatch):
    with mail_world(tmp_path) as world:
        killed_confirm(world, monkeypatch)
        result = world.desk("remind", env=at("2026-11-22T20:00:00+00:00"))  # the day-before one
        assert result.returncode == 0, result.stderr
        assert f"Completed {FREE[0]}" in result.stdout
        assert kinds(world) == ["REQUEST", "Reminder"]
        assert {m["To"].addresses[0].addr_spec for m in world.outgoing()} == {VISITOR}
        assert not world.ledger().find(FREE[0]).pending
        again = world.desk("remind", env=at("2026-11-22T21:00:00+00:00"))
        assert again.returncode == 0, again.stderr
        assert len(world.sent) == 2  # each once


def test_inbox_sends_the_missing_invitation(tmp_path, monkeypatch):
    with mail_world(tmp_path) as world:
        killed_confirm(world, monkeypatch)
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        assert kinds(world) == ["REQUEST"]
        assert world.outgoing()[0]["To"].addresses[0].addr_spec == VISITOR
        assert not world.ledger().find(FREE[0]).pending
        assert (world.project / f"outbox/{FREE[0]}-request-0.ics").is_file()
        assert world.desk("inbox").returncode == 0
        assert world.desk("remind", env=at("2026-11-22T13:00:00+00:00")).returncode == 0
        assert len(world.sent) == 1  # never twice, and no reminder was due yet


@pytest.mark.parametrize("command", ["inbox", "remind"])
def test_temporary_files_anywhere_under_the_outbox_are_removed(tmp_path, command):
    with mail_world(tmp_path) as world:
        outbox = world.project / "outbox"
        leftovers = [
            outbox / ".discovery-20261123T140000Z-request-0.eml.4242.tmp",
            outbox / "queue" / ".summary-abc.eml.4242.tmp",
            outbox / "sent" / ".x.eml.4242.tmp",
        ]
        for path in leftovers:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("Zoë O'Brien <zoe.obrien@example.org>: half a message")
        result = world.desk(command)
        assert result.returncode == 0, result.stderr
        assert [p for p in leftovers if p.exists()] == []
