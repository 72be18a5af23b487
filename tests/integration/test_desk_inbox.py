"""`invoke inbox` against a real IMAP server (Dovecot) and SMTP sink (aiosmtpd):
requests, the coach's yes and no, clients' cancel and move links, calendar
declines, limits, and what a run leaves when a server is down."""

from __future__ import annotations

from plugins.booking import tokens
from tests.support.desk import build_project, slot_ids
from tests.support.desk_sample import FREE
from tests.support.mailflow import (
    COACH,
    VISITOR,
    calendar_reply,
    change_request,
    email,
    links,
    mail_world,
    reply,
)


def request_email(slot: str, *, sender: str = VISITOR, name: str = "Zoë O'Brien", lang: str = "en"):
    code = tokens.request_token(slot, lang)
    body = (
        "Hello Dr. Hart,\n\nI would like to book this time.\n\n"
        f"My name: {name}\nMy time zone: Europe/Paris (for me: Monday)\n"
        "Anything you would like to know beforehand: I am changing careers.\n\n"
        f"Please keep this code: it tells the booking desk which time you chose.\n{code}\n"
    )
    return email(sender=sender, to=COACH, subject=f"Booking request: Monday {code}", body=body, name=name)


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
