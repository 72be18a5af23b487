"""The hands-free desk end to end, with a real browser, mailbox and SMTP sink:
a visitor's request written by the slot page (mailto, or the form through a
form-backend stand-in) lands in Dovecot; `invoke inbox` mails the coach a
summary; her "yes" confirms (invitation with a video room); the rebuilt
site no longer offers the time; the client's Cancel link, opened in
Chromium, writes the email that cancels it; the time is offered again."""

from __future__ import annotations

import pytest

from sitetools.server import serve_in_thread
from tests.support.booking import form_receiver, new_page
from tests.support.desk import build_project, slot_ids
from tests.support.desk_sample import FREE
from tests.support.mailflow import (
    COACH,
    PUBLIC_SITE,
    VISITOR,
    calendar_text,
    email,
    from_mailto,
    links,
    mail_world,
    reply,
    rewrite_booking,
)

pytestmark = pytest.mark.browser
SLOT_PAGE = "/book/discovery/20261123T140000Z/"


def served(output):
    server, url = serve_in_thread(output)
    return server, url


def test_request_yes_confirm_then_the_clients_cancel_link(browser, tmp_path):
    with mail_world(tmp_path) as world:
        output = tmp_path / "site"
        build_project(world.project, output)
        server, url = served(output)
        try:
            context, page, origins = new_page(browser, timezone_id="Europe/Paris")
            page.goto(url + SLOT_PAGE)
            href = page.locator("#booking-request").get_attribute("href")

            def fill(body: str) -> str:
                body = body.replace("My name:", "My name: Zoë O'Brien", 1)
                note = "Anything you would like to know beforehand:"
                return body.replace(note, f"{note} I work night shifts as a nurse.", 1)

            world.imap.append(from_mailto(href, edit=fill).as_bytes())
            assert world.desk("inbox").returncode == 0
            [summary] = world.outgoing()
            text = summary.get_content()
            assert "Zoë O'Brien" in text and "Europe/Paris" not in text  # worded, not raw
            assert "Central European" in text  # the client's time, in her zone

            world.imap.append(reply(summary, sender=COACH, text="yes").as_bytes())
            assert world.desk("inbox").returncode == 0
            [invitation] = world.outgoing(1)
            assert invitation["To"].addresses[0].addr_spec == VISITOR
            room = world.ledger().find(FREE[0]).video
            assert room.startswith("https://meet.example.org/discovery-")
            assert room in invitation.get_body(("plain",)).get_content()
            assert f"CONFERENCE;FEATURE=VIDEO;VALUE=URI:{room}" in calendar_text(invitation)

            build_project(world.project, output)
            assert FREE[0] not in slot_ids(output)
            assert "night shifts" in world.ledger().find(FREE[0]).answers
            published = b"".join(p.read_bytes() for p in output.rglob("*") if p.is_file())
            for private in ("night shifts", "Zoë", "Zo\\u00eb", VISITOR, room):
                assert private.encode() not in published

            cancel = links(invitation)["cancel"].replace(PUBLIC_SITE, url)
            page.goto(cancel)
            composed = page.locator("#manage-cancel-link").get_attribute("href")
            world.imap.append(from_mailto(composed).as_bytes())
            result = world.desk("inbox")
            assert result.returncode == 0, result.stderr
            cancellation, notice = world.outgoing(2)
            assert "METHOD:CANCEL" in calendar_text(cancellation)
            assert notice["To"].addresses[0].addr_spec == COACH
            build_project(world.project, output)
            assert FREE[0] in slot_ids(output)
            assert origins == {url}
            context.close()
        finally:
            server.shutdown()
        # In all: 3 emails in (request, yes, cancel), 4 out (summary,
        # invitation, cancellation, the coach's notice), 1 invitation, 1 CANCEL.
        assert len(world.imap.messages("Bookings/Done")) == 3
        assert len(world.sent) == 4


def test_the_form_through_a_backend_stand_in_waits_for_the_coachs_yes(browser, tmp_path):
    """Even with confirm = "auto": the address was typed into a form, so
    nobody has shown it is the visitor's; the coach says yes first."""
    with form_receiver() as (action, received), mail_world(tmp_path, confirm="auto") as world:
        rewrite_booking(world, confirm="auto", request_form_action=action)
        output = tmp_path / "site"
        build_project(world.project, output)
        server, url = served(output)
        try:
            context, page, _ = new_page(browser, timezone_id="America/Chicago")
            page.goto(url + SLOT_PAGE)
            page.fill("#request-name", "Ada Lovelace")
            page.fill("#request-email", "ada@example.org")
            page.fill("#request-note", "I lead a team of nurses.")
            page.click("#booking-form button[type=submit]")
            page.wait_for_url(action)
            context.close()
        finally:
            server.shutdown()
        [posted] = received
        # What a form backend emails on: the subject field, then "name: value" lines.
        fields = {k: v for k, v in posted.items() if not k.startswith("_path")}
        body = "\n".join(f"{key}: {value}" for key, value in fields.items())
        world.imap.append(
            email(
                sender="notifications@forms.example",
                to=COACH,
                subject=fields["_subject"],
                body=body,
                headers={"Reply-To": fields["email"]},
            ).as_bytes()
        )
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        [summary] = world.outgoing()
        assert summary["To"].addresses[0].addr_spec == COACH
        assert "typed into the request form" in summary.get_content()
        assert "I lead a team of nurses." in summary.get_content()
        assert "Central" in summary.get_content()  # the visitor's zone from visitor_time
        assert world.ledger().find(FREE[0]) is None
        world.imap.append(reply(summary, sender=COACH, text="Yes").as_bytes())
        assert world.desk("inbox").returncode == 0
        [invitation] = world.outgoing(1)
        assert invitation["To"].addresses[0].addr_spec == "ada@example.org"
        assert world.ledger().find(FREE[0]).email == "ada@example.org"
