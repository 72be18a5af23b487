"""Poison mail never stops the desk (real Dovecot and aiosmtpd): a message it
cannot read or act on is set aside in unreadable_folder with one line naming
its Message-ID, nothing is recorded for it, and every other message of the
same run is handled; the run exits 0. And the coach's unclear reply is
asked about again, never read as a decline."""

from __future__ import annotations

import itertools
import re

from hypothesis import HealthCheck, example, given, settings

from tests.integration.test_desk_inbox import confirmed_by_coach, request_email
from tests.support.desk_sample import FREE
from tests.support.junk_mail import JUNK, deliverable
from tests.support.mailflow import COACH, VISITOR, change_request, links, mail_world, reply

UNREADABLE = "Bookings/Unreadable"


def nested(depth: int, message_id: str) -> bytes:
    """A booking request under 1 MB whose body is `depth` multiparts deep."""
    head = (
        f"From: Mallory <mallory@example.net>\r\nTo: {COACH}\r\n"
        f"Subject: Booking request [[book {FREE[1]}]]\r\nMessage-ID: {message_id}\r\n"
        "MIME-Version: 1.0\r\n"
    )
    opening = "".join(
        f'Content-Type: multipart/mixed; boundary="b{i}"\r\n\r\n--b{i}\r\n' for i in range(depth)
    )
    closing = "".join(f"\r\n--b{i}--\r\n" for i in reversed(range(depth)))
    return (head + opening + "Content-Type: text/plain\r\n\r\nhello\r\n" + closing).encode()


def raw_messages(world, folder: str) -> list[bytes]:
    """The folder's messages as bytes (the poison is not for `email` to parse)."""
    with world.imap.connect() as client:
        client.select_folder(folder, readonly=True)
        uids = sorted(client.search("ALL"))
        fetched = client.fetch(uids, ["BODY.PEEK[]"]) if uids else {}
    return [fetched[uid][b"BODY[]"] for uid in uids]


def set_aside_lines(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if line.startswith("Set aside ")]


def summaries_for(world, address: str, since: int = 0) -> list:
    return [
        m
        for m in world.outgoing(since)
        if m["To"].addresses[0].addr_spec == COACH and address in m.get_content()
    ]


def test_a_request_nested_1200_parts_deep_is_set_aside_and_the_next_is_answered(tmp_path):
    poison = nested(1200, "<deep.1@example.net>")
    assert len(poison) < 1_000_000
    with mail_world(tmp_path) as world:
        world.imap.append(poison)
        world.imap.append(request_email(FREE[0]).as_bytes())
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        [line] = set_aside_lines(result.stdout)
        assert line.startswith(f"Set aside <deep.1@example.net> in {UNREADABLE}: ")
        assert "hello" not in line and "mallory" not in line.lower()
        assert result.stdout.rstrip().endswith(f"set aside 1 in {UNREADABLE}.")
        [summary] = world.outgoing()
        assert VISITOR in summary.get_content()
        assert raw_messages(world, UNREADABLE) == [poison]
        assert world.imap.messages() == []
        assert [i.id for i in world.ledger().items] == [
            m["Message-ID"] for m in world.imap.messages("Bookings/Done")
        ]
        again = world.desk("inbox")  # set aside once: never read again
        assert again.returncode == 0 and set_aside_lines(again.stdout) == []


def test_a_header_with_a_thousand_nested_comments_is_set_aside(tmp_path):
    with mail_world(tmp_path) as world:
        poison = request_email(FREE[1], sender="mallory@example.net").as_bytes()
        poison = poison.replace(b"From: ", b"From: " + b"(" * 1000 + b")" * 1000 + b" ", 1).replace(
            b"Message-ID: <", b"Message-ID: <comments.", 1
        )
        world.imap.append(poison)
        world.imap.append(request_email(FREE[0]).as_bytes())
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        [line] = set_aside_lines(result.stdout)
        assert line.startswith("Set aside <comments.")
        assert len(summaries_for(world, VISITOR)) == 1
        assert raw_messages(world, UNREADABLE) == [poison]


def test_a_signed_move_link_to_a_time_that_does_not_exist_is_set_aside(tmp_path):
    with mail_world(tmp_path) as world:
        invitation = confirmed_by_coach(world)
        before = len(world.sent)
        move = change_request(links(invitation)["move"], to_slot="discovery-20261340T256099Z")
        world.imap.append(move.as_bytes())
        world.imap.append(request_email(FREE[2], sender="ada@example.org", name="Ada").as_bytes())
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        [line] = set_aside_lines(result.stdout)
        assert line == (
            f"Set aside {move['Message-ID']} in {UNREADABLE}: "
            "its booking code names a time that does not exist."
        )
        assert len(summaries_for(world, "ada@example.org", before)) == 1
        assert len(world.outgoing(before)) == 1  # nothing to the client about the move
        book = world.ledger()
        assert book.find(FREE[0]).confirmed and book.find(FREE[0]).sequence == 0
        assert book.item(move["Message-ID"]) is None


def test_an_unexpected_failure_deciding_one_message_sets_it_aside_and_records_nothing(
    tmp_path, monkeypatch
):
    """The last resort: whatever goes wrong with one message (here a fault
    injected into deciding a request from one sender) sets it aside."""
    from plugins.booking.desk import inbox
    from plugins.booking.desk.cli import load_desk
    from tests.support.desk import SETTINGS_NAME

    with mail_world(tmp_path) as world:
        bad = request_email(FREE[1], sender="mallory@example.net")
        world.imap.append(bad.as_bytes())
        world.imap.append(request_email(FREE[0]).as_bytes())
        monkeypatch.chdir(world.project)
        real = inbox._request

        def failing(ctx, book, msg, token, item):
            if msg.sender == "mallory@example.net":
                raise KeyError("mallory's own words")
            return real(ctx, book, msg, token, item)

        monkeypatch.setattr(inbox, "_request", failing)
        lines: list[str] = []
        report = inbox.run(load_desk(SETTINGS_NAME, world.env), report=lines.append)
        assert (report.handled, report.set_aside) == (1, 1)
        [line] = set_aside_lines("\n".join(lines))
        assert line == (
            f"Set aside {bad['Message-ID']} in {UNREADABLE}: the desk could not read or answer "
            "it (KeyError); nothing was recorded."
        )
        assert [i.email for i in world.ledger().items] == [VISITOR]
        assert len(summaries_for(world, VISITOR)) == 1
        assert [m["Message-ID"] for m in world.imap.messages(UNREADABLE)] == [bad["Message-ID"]]


def test_arbitrary_bytes_beside_a_valid_request_never_stop_the_run(tmp_path):
    with mail_world(tmp_path) as world:
        run = itertools.count()

        @settings(
            max_examples=6,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow],
        )
        @given(junk=JUNK)
        @example(junk=nested(1200, "<fuzz.1@example.net>"))
        def one_run(junk: bytes) -> None:
            n = next(run)
            sender = f"visitor{n}@example.org"
            before = len(world.sent)
            world.imap.append(deliverable(junk))
            world.imap.append(request_email(FREE[n % 3], sender=sender).as_bytes())
            result = world.desk("inbox")
            assert result.returncode == 0, result.stderr
            assert len(summaries_for(world, sender, before)) == 1, result.stdout
            for line in set_aside_lines(result.stdout):
                assert re.fullmatch(
                    r"Set aside <[!-;=?-~]+> in Bookings/Unreadable: [^\x1b]+\.", line
                )

        one_run()


def test_an_unclear_reply_asks_the_coach_again_once_and_tells_the_client_nothing(tmp_path):
    with mail_world(tmp_path) as world:
        world.imap.append(request_email(FREE[0]).as_bytes())
        assert world.desk("inbox").returncode == 0
        [summary] = world.outgoing()
        world.imap.append(reply(summary, sender=COACH, text="Hmm, let me think").as_bytes())
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        assert "asked you again" in result.stdout
        [question] = world.outgoing(1)
        assert question["To"].addresses[0].addr_spec == COACH
        assert question["Subject"].startswith("Yes or no? Zoë O'Brien, ")
        assert "does not say clearly yes or no" in question.get_content()
        assert question["In-Reply-To"] == summary["Message-ID"]
        assert world.ledger().find(FREE[0]) is None
        world.imap.append(question.as_bytes())  # sent to her own address, so it lands here
        assert world.desk("inbox").returncode == 0
        assert len(world.sent) == 2  # asked once per reply, never about its own question
        assert [m["Message-ID"] for m in world.imap.messages()] == [question["Message-ID"]]
        world.imap.append(reply(question, sender=COACH, text="Yes").as_bytes())
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        [invitation] = world.outgoing(2)
        assert invitation["To"].addresses[0].addr_spec == VISITOR
        assert world.ledger().find(FREE[0]).confirmed


def test_no_problem_see_you_then_confirms_rather_than_declines(tmp_path):
    with mail_world(tmp_path) as world:
        world.imap.append(request_email(FREE[0]).as_bytes())
        assert world.desk("inbox").returncode == 0
        [summary] = world.outgoing()
        world.imap.append(reply(summary, sender=COACH, text="No problem, see you then!").as_bytes())
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        [invitation] = world.outgoing(1)
        assert invitation["To"].addresses[0].addr_spec == VISITOR
        assert "METHOD:REQUEST" in invitation.as_string()
        assert world.ledger().find(FREE[0]).confirmed


def test_two_inbox_runs_at_once_both_finish_and_handle_each_email_once(tmp_path):
    """An always-on `inbox --watch` and the hourly `desk-run` overlap: the
    second run waits for the ledger, then finds the first already moved what
    it had fetched (IMAP EXPUNGEISSUED), which is no failure."""
    import subprocess

    from tests.support.desk import desk_command

    with mail_world(tmp_path) as world:
        for i in range(6):
            world.imap.append(request_email(FREE[i % 3], sender=f"c{i}@example.org").as_bytes())
        runs = [
            subprocess.Popen(
                desk_command("inbox"),
                cwd=world.project,
                env=world.env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for _ in range(2)
        ]
        outputs = [run.communicate(timeout=120)[0] for run in runs]
        for run, output in zip(runs, outputs, strict=True):
            assert run.returncode == 0, output
            assert "EXPUNGE" not in output and "Traceback" not in output, output
        assert len(world.outgoing()) == 6  # one summary each, never two
        assert world.imap.messages() == []
        assert len(world.imap.messages("Bookings/Done")) == 6
