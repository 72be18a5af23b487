"""`invoke inbox` against a real IMAP server (Dovecot) and SMTP sink (aiosmtpd):
requests, the coach's yes and no, clients' cancel and move links, calendar
declines, limits, and what a run leaves when a server is down."""

from __future__ import annotations

import pytest

from plugins.booking import tokens
from tests.support.desk import build_project, slot_ids
from tests.support.desk_sample import FREE
from tests.support.mailflow import (
    COACH,
    VISITOR,
    calendar_reply,
    calendar_text,
    change_request,
    email,
    links,
    mail_world,
    reply,
)


def request_email(
    slot: str,
    *,
    sender: str = VISITOR,
    name: str = "Zoë O'Brien",
    lang: str = "en",
    zone: str = "Europe/Paris",
):
    code = tokens.request_token(slot, lang)
    body = (
        "Hello Dr. Hart,\n\nI would like to book this time.\n\n"
        f"My name: {name}\nMy time zone: {zone} (for me: Monday)\n"
        "Anything you would like to know beforehand: I am changing careers.\n\n"
        f"Please keep this code: it tells the booking desk which time you chose.\n{code}\n"
    )
    return email(
        sender=sender, to=COACH, subject=f"Booking request: Monday {code}", body=body, name=name
    )


def test_coach_policy_summary_then_yes_confirms_with_a_video_room(tmp_path):
    with mail_world(tmp_path) as world:
        world.imap.append(request_email(FREE[0]).as_bytes())
        first = world.desk("inbox")
        assert first.returncode == 0, first.stderr
        [summary] = world.outgoing()
        assert summary["To"].addresses[0].addr_spec == COACH
        assert "Zoë O'Brien" in summary.get_content()
        assert "I am changing careers" in summary.get_content()
        assert world.imap.messages() == []
        assert len(world.imap.messages("Bookings/Done")) == 1
        world.imap.append(reply(summary, sender=COACH, text="Yes").as_bytes())
        second = world.desk("inbox")
        assert second.returncode == 0, second.stderr
        [invitation] = world.outgoing(1)
        assert invitation["To"].addresses[0].addr_spec == VISITOR
        body = invitation.get_body(("plain",)).get_content()
        assert "https://meet.example.org/discovery-" in body
        assert set(links(invitation)) == {"cancel", "move"}
        entry = world.ledger().find(FREE[0])
        assert entry.confirmed and entry.video.startswith("https://meet.example.org/")


def confirmed_by_coach(world, slot: str = FREE[0]):
    """Request, summary, the coach's yes: the invitation the client got."""
    world.imap.append(request_email(slot).as_bytes())
    assert world.desk("inbox").returncode == 0
    summary = world.outgoing()[-1]
    world.imap.append(reply(summary, sender=COACH, text="yes, see you then").as_bytes())
    before = len(world.sent)
    result = world.desk("inbox")
    assert result.returncode == 0, result.stderr
    [invitation] = world.outgoing(before)
    return invitation


def test_the_clients_cancel_link_cancels_and_the_time_is_offered_again(tmp_path):
    with mail_world(tmp_path) as world:
        invitation = confirmed_by_coach(world)
        output = tmp_path / "booked"
        build_project(world.project, output)
        assert FREE[0] not in slot_ids(output)
        world.imap.append(change_request(links(invitation)["cancel"]).as_bytes())
        before = len(world.sent)
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        assert "at their request" in result.stdout
        cancellation, notice = world.outgoing(before)
        assert cancellation["To"].addresses[0].addr_spec == VISITOR
        assert "METHOD:CANCEL" in calendar_text(cancellation)
        assert notice["To"].addresses[0].addr_spec == COACH
        assert not world.ledger().find(FREE[0]).confirmed
        output = tmp_path / "free"
        build_project(world.project, output)
        assert FREE[0] in slot_ids(output)


def test_a_tampered_or_replayed_link_changes_nothing_and_says_so(tmp_path):
    with mail_world(tmp_path) as world:
        invitation = confirmed_by_coach(world)
        link = links(invitation)["cancel"]
        forged = link[:-1] + ("a" if link[-1] != "a" else "b")
        world.imap.append(change_request(forged).as_bytes())
        before = len(world.sent)
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        [line] = [line for line in result.stdout.splitlines() if "Refused" in line]
        assert "forged or altered" in line
        assert world.outgoing(before) == []
        assert world.ledger().find(FREE[0]).confirmed


def test_a_change_inside_the_cut_off_is_referred_to_the_coach(tmp_path):
    with mail_world(tmp_path, self_service_cutoff_hours=48) as world:
        invitation = confirmed_by_coach(world)  # FREE[0] is 26 hours away
        world.imap.append(change_request(links(invitation)["cancel"]).as_bytes())
        before = len(world.sent)
        result = world.desk("inbox")
        assert "Referred" in result.stdout
        [notice] = world.outgoing(before)
        assert notice["To"].addresses[0].addr_spec == COACH
        assert world.ledger().find(FREE[0]).confirmed


def test_the_clients_move_link_moves_the_booking_keeping_the_video_room(tmp_path):
    with mail_world(tmp_path) as world:
        invitation = confirmed_by_coach(world)
        room = world.ledger().find(FREE[0]).video
        world.imap.append(change_request(links(invitation)["move"], to_slot=FREE[2]).as_bytes())
        before = len(world.sent)
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        cancel, request, _notice = world.outgoing(before)
        assert "METHOD:CANCEL" in calendar_text(cancel)
        assert "METHOD:REQUEST" in calendar_text(request)
        book = world.ledger()
        assert not book.find(FREE[0]).confirmed
        assert book.find(FREE[2]).confirmed and book.find(FREE[2]).video == room
        assert room in request.get_body(("plain",)).get_content()


def test_no_declines_with_the_reason_and_three_open_times(tmp_path):
    with mail_world(tmp_path) as world:
        world.imap.append(request_email(FREE[0]).as_bytes())
        world.desk("inbox")
        summary = world.outgoing()[-1]
        world.imap.append(reply(summary, sender=COACH, text="No, I am away that week.").as_bytes())
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        [answer] = world.outgoing(1)
        body = answer.get_content()
        assert answer["To"].addresses[0].addr_spec == VISITOR
        assert "I am away that week" in body
        assert body.count("https://hartcoaching.example/book/discovery/2026") == 3
        assert world.ledger().find(FREE[0]) is None


def test_a_yes_from_another_address_confirms_nothing(tmp_path):
    with mail_world(tmp_path) as world:
        world.imap.append(request_email(FREE[0]).as_bytes())
        world.desk("inbox")
        summary = world.outgoing()[-1]
        world.imap.append(reply(summary, sender="mallory@example.net", text="yes").as_bytes())
        result = world.desk("inbox")
        assert "not from your address" in result.stdout
        assert world.outgoing(1) == []
        assert world.ledger().find(FREE[0]) is None


def test_auto_policy_confirms_the_first_and_offers_the_second_other_times(tmp_path):
    with mail_world(tmp_path, confirm="auto") as world:
        world.imap.append(request_email(FREE[0]).as_bytes())
        world.imap.append(request_email(FREE[0], sender="ada@example.org", name="Ada").as_bytes())
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        sent = world.outgoing()
        to = [(m["To"].addresses[0].addr_spec, m["Subject"]) for m in sent]
        assert [address for address, _ in to] == [VISITOR, COACH, "ada@example.org"]
        assert "METHOD:REQUEST" in calendar_text(sent[0])
        assert sent[2].get_content().count("/book/discovery/2026") == 3
        assert world.ledger().find(FREE[0]).email == VISITOR
        assert len(world.imap.messages("Bookings/Done")) == 2


def test_a_client_in_madrid_reads_her_own_time_first_in_confirmation_and_reminder(tmp_path):
    madrid = "Monday, November 23, 2026, 3:00 PM-3:30 PM Central European Time"
    coach = "Monday, November 23, 2026, 9:00 AM-9:30 AM Eastern Time"
    with mail_world(tmp_path, confirm="auto") as world:
        world.imap.append(request_email(FREE[0], zone="Europe/Madrid").as_bytes())
        assert world.desk("inbox").returncode == 0
        [confirmation, _summary] = world.outgoing()
        text = " ".join(confirmation.get_body(("plain",)).get_content().split())
        assert f"{madrid} ({coach})" in text
        assert world.ledger().find(FREE[0]).zone == "Europe/Madrid"
        before = len(world.sent)
        assert world.desk("remind", env=at("2026-11-22T20:00:00+00:00")).returncode == 0
        [reminder] = world.outgoing(before)
        assert f"{madrid} ({coach})" in " ".join(reminder.get_content().split())


def test_auto_policy_holds_a_sender_that_failed_dmarc_for_the_coach(tmp_path):
    with mail_world(tmp_path, confirm="auto") as world:
        msg = request_email(FREE[0])
        msg.replace_header(
            "Authentication-Results", "mx.example; dmarc=fail header.from=example.org; spf=pass"
        )
        world.imap.append(msg.as_bytes())
        world.desk("inbox")
        [summary] = world.outgoing()
        assert summary["To"].addresses[0].addr_spec == COACH
        assert "DMARC" in summary.get_content()
        assert world.ledger().find(FREE[0]) is None


def test_a_calendar_decline_cancels_the_booking(tmp_path):
    with mail_world(tmp_path) as world:
        invitation = confirmed_by_coach(world)
        world.imap.append(calendar_reply(invitation, sender=VISITOR).as_bytes())
        before = len(world.sent)
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        assert "METHOD:CANCEL" in calendar_text(world.outgoing(before)[0])
        assert not world.ledger().find(FREE[0]).confirmed


def test_mail_that_is_not_about_bookings_is_left_alone(tmp_path):
    with mail_world(tmp_path) as world:
        world.imap.append(
            email(
                sender="friend@example.org", to=COACH, subject="Lunch?", body="Thursday?"
            ).as_bytes()
        )
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        assert [m["Subject"] for m in world.imap.messages()] == ["Lunch?"]
        assert world.sent == []


def test_each_message_is_handled_once(tmp_path):
    with mail_world(tmp_path) as world:
        msg = request_email(FREE[0])
        world.imap.append(msg.as_bytes())
        world.desk("inbox")
        world.imap.append(msg.as_bytes())  # the same Message-ID delivered again
        world.desk("inbox")
        assert len(world.sent) == 1
        assert world.imap.messages() == []


def test_limits_per_sender_and_honeypot(tmp_path):
    with mail_world(tmp_path, limits={"pending_per_sender": 1}) as world:
        world.imap.append(request_email(FREE[0]).as_bytes())
        world.imap.append(request_email(FREE[1]).as_bytes())
        robot = email(
            sender="bot@example.net",
            to=COACH,
            subject=f"Booking request {tokens.request_token(FREE[2])}",
            body=f"name: Bot\nemail: bot@example.net\n_gotcha: http://spam.example\n"
            f"token: {tokens.request_token(FREE[2])}\n",
        )
        world.imap.append(robot.as_bytes())
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        assert len(world.sent) == 1  # one summary: the second request and the robot are refused
        assert "already wait" in result.stdout and "robot" in result.stdout


def at(moment: str) -> dict[str, str]:
    from datetime import datetime

    return {"SOURCE_DATE_EPOCH": str(int(datetime.fromisoformat(moment).timestamp()))}


def test_reminders_a_day_and_an_hour_before_once_each_never_after(tmp_path):
    with mail_world(tmp_path) as world:
        invitation = confirmed_by_coach(world)  # FREE[0]: Monday 23 November 14:00 UTC
        before = len(world.sent)
        assert (
            "No reminders are due"
            in world.desk("remind", env=at("2026-11-22T13:30:00+00:00")).stdout
        )
        late = world.desk("remind", env=at("2026-11-22T20:00:00+00:00"))  # a scheduled run 6 h late
        assert late.returncode == 0, late.stderr
        [day_before] = world.outgoing(before)
        assert day_before["Subject"].startswith("Reminder:")
        body = day_before.get_content()
        assert world.ledger().find(FREE[0]).video in body
        assert links(day_before) == links(invitation)
        world.desk("remind", env=at("2026-11-22T21:00:00+00:00"))
        assert len(world.sent) == before + 1  # not twice
        world.desk("remind", env=at("2026-11-23T13:15:00+00:00"))
        [hour_before] = world.outgoing(before + 1)
        assert hour_before["Message-ID"] != day_before["Message-ID"]
        world.desk("remind", env=at("2026-11-23T14:05:00+00:00"))
        assert len(world.sent) == before + 2  # never after the start


def test_imap_down_changes_nothing_and_says_so_in_one_line(tmp_path):
    with mail_world(tmp_path) as world:
        world.imap.append(request_email(FREE[0]).as_bytes())
        world.imap.stop()
        result = world.desk("inbox")
        assert result.returncode == 1
        [line] = result.stderr.strip().splitlines()
        assert line.startswith("booking desk: [booking] inbox <127.0.0.1:")
        assert not (world.project / "bookings/bookings.ics").exists()
        world.imap.start()
        assert world.desk("inbox").returncode == 0
        assert len(world.sent) == 1


def test_smtp_down_mid_run_keeps_the_rest_queued_and_a_rerun_finishes_without_duplicates(tmp_path):
    from tests.support.desk import smtp_sink
    from tests.support.mailflow import rewrite_booking

    with mail_world(tmp_path, confirm="auto") as world:
        world.imap.append(request_email(FREE[0]).as_bytes())
        with smtp_sink(accept=1) as (_host, port, refused):
            rewrite_booking(
                world, confirm="auto", smtp={"host": "127.0.0.1", "port": port, "security": "none"}
            )
            first = world.desk("inbox")
        assert first.returncode == 1
        assert "could not send" in first.stderr or "refused" in first.stderr
        assert len(refused) == 1  # the invitation went; the coach's summary did not
        assert len(world.imap.messages()) == 1  # not moved: the work is not finished
        assert world.ledger().find(FREE[0]).confirmed  # the time is held all the same
        rewrite_booking(world, confirm="auto")
        second = world.desk("inbox")
        assert second.returncode == 0, second.stderr
        [summary] = world.outgoing()
        assert summary["To"].addresses[0].addr_spec == COACH
        assert world.imap.messages() == []
        assert world.desk("inbox").returncode == 0
        assert len(world.sent) == 1


class Killed(BaseException):
    """What a kill -9 leaves: the process stops between two steps."""


@pytest.mark.parametrize("step", ["before-recording", "before-sending", "before-moving"])
def test_a_run_killed_between_steps_is_finished_by_the_next_without_duplicates(
    tmp_path, monkeypatch, step
):
    from plugins.booking.desk import imap, inbox, ledger, outgoing
    from plugins.booking.desk.cli import load_desk
    from tests.support.desk import SETTINGS_NAME

    with mail_world(tmp_path, confirm="auto") as world:
        world.imap.append(request_email(FREE[0]).as_bytes())
        monkeypatch.chdir(world.project)

        def kill(*args, **kwargs):
            raise Killed

        target = {
            "before-recording": (ledger, "write"),
            "before-sending": (outgoing, "flush"),
            "before-moving": (imap.Mailbox, "move"),
        }[step]
        with monkeypatch.context() as patch:
            patch.setattr(*target, kill)
            with pytest.raises(Killed):
                inbox.run(load_desk(SETTINGS_NAME, world.env), report=lambda line: None)
        assert len(world.sent) == (2 if step == "before-moving" else 0)
        inbox.run(load_desk(SETTINGS_NAME, world.env), report=lambda line: None)
        sent = world.outgoing()
        assert sorted(m["To"].addresses[0].addr_spec for m in sent) == [COACH, VISITOR]
        assert world.imap.messages() == []
        assert outgoing.waiting(world.project / "outbox") == []
        book = world.ledger()
        assert [e.slot_id for e in book.entries if e.confirmed] == [FREE[0]]
        assert len(book.items) == 1


def test_watch_confirms_a_request_as_it_arrives_and_survives_the_server_restarting(tmp_path):
    import subprocess
    import time

    from tests.support.desk import desk_command

    with mail_world(tmp_path, confirm="auto") as world:
        log = tmp_path / "watch.log"
        watcher = subprocess.Popen(
            desk_command("inbox", "--watch"),
            cwd=world.project,
            env=world.env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:

            def wait_for(count: int) -> None:
                deadline = time.monotonic() + 60
                while len(world.sent) < count and time.monotonic() < deadline:
                    assert watcher.poll() is None, log.read_text()
                    time.sleep(0.05)
                assert len(world.sent) >= count, log.read_text()

            time.sleep(1)  # connected and idling
            world.imap.append(request_email(FREE[0]).as_bytes())
            wait_for(2)  # the invitation and the coach's copy
            world.imap.stop()
            time.sleep(0.5)
            world.imap.start()
            world.imap.append(request_email(FREE[2], sender="ada@example.org").as_bytes())
            wait_for(4)
        finally:
            watcher.terminate()
            watcher.wait(timeout=30)
        output = log.read_text()
        assert "trying again in" in output  # it saw the server go and came back
        assert {e.slot_id for e in world.ledger().entries if e.confirmed} == {FREE[0], FREE[2]}


def test_the_summary_in_the_coachs_own_mailbox_is_hers_not_a_new_request(tmp_path):
    with mail_world(tmp_path) as world:
        world.imap.append(request_email(FREE[0]).as_bytes())
        world.desk("inbox")
        [summary] = world.outgoing()
        world.imap.append(summary.as_bytes())  # sent to her own address, so it lands here
        without_reference = reply(summary, sender=COACH, text="yes")
        del without_reference["In-Reply-To"], without_reference["References"]
        world.imap.append(without_reference.as_bytes())
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        assert len(world.sent) == 1  # no second summary, no confirmation
        assert "reply to its summary" in result.stdout
        assert [m["Message-ID"] for m in world.imap.messages()] == [summary["Message-ID"]]
        assert world.ledger().find(FREE[0]) is None


def test_with_auto_one_address_cannot_take_every_open_time(tmp_path):
    with mail_world(tmp_path, confirm="auto", limits={"pending_per_sender": 1}) as world:
        world.imap.append(request_email(FREE[0]).as_bytes())
        world.imap.append(request_email(FREE[2]).as_bytes())
        result = world.desk("inbox")
        assert "or are booked" in result.stdout
        assert [e.slot_id for e in world.ledger().entries] == [FREE[0]]


def test_missing_settings_and_secrets_are_one_line_each(tmp_path):
    from tests.support.desk import desk_env, make_project, run_desk

    bare = make_project(tmp_path / "bare")
    result = run_desk(bare, "inbox")
    assert (result.returncode, result.stdout) == (1, "")
    expected = "[booking] inbox is not set: add your mailbox's IMAP settings (docs/desk.md)"
    assert result.stderr == f"booking desk: {expected}\n"
    with mail_world(tmp_path / "mail") as world:
        env = {k: v for k, v in world.env.items() if k != "BOOKING_LINK_SECRET"}
        result = run_desk(world.project, "inbox", env=env)
        assert result.returncode == 1
        [line] = result.stderr.splitlines()
        assert "BOOKING_LINK_SECRET" in line and "secrets.token_urlsafe" in line
        typo = make_project(tmp_path / "typo", inbox={"host": "imap.example.org", "usernme": "x"})
        result = run_desk(typo, "inbox", env=desk_env())
        assert result.stderr.startswith("booking desk: [booking] inbox.usernme: unknown setting")
