"""The desk never writes for the coach to someone who did not write to her,
and forged or unvouched mail never changes a booking: against a real
Dovecot mailbox and aiosmtpd, with the coach's provider's verdict in each
message's Authentication-Results as real providers write it."""

from __future__ import annotations

from plugins.booking import tokens
from tests.integration.test_desk_inbox import confirmed_by_coach, request_email
from tests.support.desk_sample import FREE
from tests.support.mailflow import (
    COACH,
    VISITOR,
    calendar_reply,
    change_request,
    email,
    links,
    mail_world,
    provider_verdict,
    reply,
)

STRANGER = "victim@example.net"


def addressees(world, since: int = 0) -> list[str]:
    return [m["To"].addresses[0].addr_spec for m in world.outgoing(since)]


def test_a_reply_to_naming_someone_else_is_held_for_the_coach_and_never_answered(tmp_path):
    with mail_world(tmp_path, confirm="auto") as world:
        msg = request_email(FREE[0])
        msg["Reply-To"] = STRANGER
        world.imap.append(msg.as_bytes())
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        [summary] = world.outgoing()
        assert addressees(world) == [COACH]
        assert STRANGER in summary.get_content() and "only ever answers" in summary.get_content()
        assert world.ledger().find(FREE[0]) is None  # held, not booked
        world.imap.append(reply(summary, sender=COACH, text="Yes").as_bytes())
        assert world.desk("inbox").returncode == 0
        assert addressees(world, 1) == [VISITOR]  # the address that wrote, never the Reply-To


def test_an_address_typed_into_a_form_is_never_written_to_before_the_coach_says_yes(tmp_path):
    with mail_world(tmp_path, confirm="auto") as world:
        code = tokens.request_token(FREE[0])
        notification = email(
            sender="forms@formbackend.example",
            to=COACH,
            subject=f"New submission {code}",
            body=f"name: Ann Lee\nemail: {STRANGER}\ntoken: {code}\n",
        )
        world.imap.append(notification.as_bytes())
        assert world.desk("inbox").returncode == 0
        [summary] = world.outgoing()
        assert addressees(world) == [COACH]
        assert "typed into the request form" in summary.get_content()


def test_a_sender_the_provider_does_not_vouch_for_is_held_even_with_auto(tmp_path):
    with mail_world(tmp_path, confirm="auto") as world:
        msg = request_email(FREE[0])
        del msg["Authentication-Results"]  # a provider that checked nothing
        world.imap.append(msg.as_bytes())
        assert world.desk("inbox").returncode == 0
        assert addressees(world) == [COACH]
        assert "did not confirm" in world.outgoing()[0].get_content()


def test_with_confirm_coach_a_taken_time_is_told_to_the_coach_not_the_visitor(tmp_path):
    with mail_world(tmp_path) as world:
        confirmed_by_coach(world)  # FREE[0] is now booked by the visitor
        before = len(world.sent)
        world.imap.append(request_email(FREE[0], sender=STRANGER, name="Ann Lee").as_bytes())
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        [summary] = world.outgoing(before)
        assert addressees(world, before) == [COACH]
        assert "no longer free" in summary.get_content()
        world.imap.append(reply(summary, sender=COACH, text="yes").as_bytes())
        assert world.desk("inbox").returncode == 0
        [other_times] = world.outgoing(before + 1)
        assert addressees(world, before + 1) == [STRANGER]
        assert other_times.get_content().count("/book/discovery/2026") == 3


def test_a_name_that_is_no_name_never_opens_a_letter(tmp_path):
    with mail_world(tmp_path, confirm="auto") as world:
        spam = "Claim your prize at https://prize.example/x"
        world.imap.append(request_email(FREE[0], name=spam).as_bytes())
        assert world.desk("inbox").returncode == 0
        invitation, summary = world.outgoing()
        text = invitation.get_body(("plain",)).get_content()
        assert "prize" not in text and "prize" not in str(invitation["To"])
        assert text.splitlines()[0] == "Hello,"
        assert "ATTENDEE;CN" not in invitation.as_string()
        assert "prize.example" in summary.get_content()  # the coach still sees what was typed


def test_control_characters_never_reach_the_ledger_or_the_coachs_terminal(tmp_path):
    with mail_world(tmp_path) as world:
        world.imap.append(request_email(FREE[0], name="Zo\x1b[2J\x07ë\u202e").as_bytes())
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        assert not {"\x1b", "\x07", "\u202e"} & set(result.stdout + result.stderr)
        ledger = (world.project / "bookings/bookings.ics").read_text("utf-8")
        assert not {"\x1b", "\x07", "\u202e"} & set(ledger)


def test_an_unvouched_cancel_link_changes_nothing_and_the_coach_is_told(tmp_path):
    with mail_world(tmp_path) as world:
        invitation = confirmed_by_coach(world)
        forged_sender = change_request(links(invitation)["cancel"])
        forged_sender.replace_header("Authentication-Results", provider_verdict(VISITOR, "fail"))
        world.imap.append(forged_sender.as_bytes())
        before = len(world.sent)
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        assert addressees(world, before) == [COACH]
        assert "Nothing was changed" in world.outgoing(before)[0].get_content()
        assert world.ledger().find(FREE[0]).confirmed


def test_a_cancel_link_sent_from_another_address_changes_nothing(tmp_path):
    with mail_world(tmp_path) as world:
        invitation = confirmed_by_coach(world)
        link = links(invitation)["cancel"]
        world.imap.append(change_request(link, sender="mallory@example.net").as_bytes())
        before = len(world.sent)
        assert world.desk("inbox").returncode == 0
        assert addressees(world, before) == [COACH]
        assert world.ledger().find(FREE[0]).confirmed


def test_an_unvouched_calendar_decline_changes_nothing(tmp_path):
    with mail_world(tmp_path) as world:
        invitation = confirmed_by_coach(world)
        decline = calendar_reply(invitation, sender=VISITOR)
        decline.replace_header(
            "Authentication-Results", "mx.hartcoaching.example; dmarc=fail header.from=example.org"
        )
        world.imap.append(decline.as_bytes())
        before = len(world.sent)
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        assert addressees(world, before) == [COACH]
        assert world.ledger().find(FREE[0]).confirmed


def test_a_flood_from_one_sender_never_holds_up_someone_else(tmp_path):
    with mail_world(tmp_path) as world:
        for i in range(60):
            slot = FREE[i % 3]
            world.imap.append(request_email(slot, sender="junk@spam.example").as_bytes())
        world.imap.append(request_email(FREE[1], sender="ada@example.org", name="Ada").as_bytes())
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        to_coach = [m for m in world.outgoing() if "Ada" in str(m["Subject"])]
        assert len(to_coach) == 1  # answered in the same run
        assert len(world.outgoing()) == 3  # junk: two waiting (pending_per_sender), then refused
        assert world.imap.messages() == []  # nothing left behind for later runs


def test_one_domain_beyond_its_hourly_share_waits_for_a_later_run(tmp_path):
    limits = {"requests_per_hour_per_domain": 3, "pending_per_sender": 1}
    with mail_world(tmp_path, limits=limits) as world:
        for i in range(4):
            world.imap.append(request_email(FREE[i % 3], sender=f"p{i}@big.example").as_bytes())
        world.imap.append(request_email(FREE[0], sender="ada@example.org").as_bytes())
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        assert "requests_per_hour_per_domain" in result.stdout
        assert len(world.outgoing()) == 4  # three from big.example, and Ada's
        assert len(world.imap.messages()) == 1  # the fourth from big.example, for later


def test_forged_links_beyond_a_few_are_set_aside_without_a_line_each(tmp_path):
    with mail_world(tmp_path) as world:
        invitation = confirmed_by_coach(world)
        link = links(invitation)["cancel"]
        for i in range(12):
            forged = link[:-3] + chr(ord("a") + i) * 3  # the signature's own alphabet
            world.imap.append(change_request(forged, sender="mallory@example.net").as_bytes())
        before = len(world.sent)
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        refused = [line for line in result.stdout.splitlines() if line.startswith("Refused")]
        assert len(refused) == 5
        assert world.outgoing(before) == []
        assert world.imap.messages() == []
        assert world.ledger().find(FREE[0]).confirmed
