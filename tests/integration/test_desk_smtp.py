"""Optional sending through SMTP, against an aiosmtpd sink on 127.0.0.1."""

from __future__ import annotations

import email
from email import policy

import pytest

from plugins.booking.desk import commands
from plugins.booking.desk.mail import MailError
from tests.support.desk import smtp_sink
from tests.support.desk_sample import FREE, make_desk

SECRET = "s3cret-smtp-pass-Q7"


def test_confirm_and_cancel_are_sent_to_the_client(tmp_path):
    with smtp_sink() as (host, port, received):
        smtp = {"host": host, "port": port, "security": "none", "from": "desk@hartcoaching.example"}
        desk = make_desk(tmp_path, smtp=smtp)
        outcome = commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
        assert commands.send(desk, outcome) == [
            f"Sent to Ada Lovelace <ada@example.org> through {host}."
        ]
        commands.send(desk, commands.cancel(desk, FREE[0], "Unwell"))
    assert [(sender, to) for sender, to, _ in received] == [
        ("desk@hartcoaching.example", ["ada@example.org"]),
        ("desk@hartcoaching.example", ["ada@example.org"]),
    ]
    methods = []
    for _, _, data in received:
        msg = email.message_from_bytes(data, policy=policy.default)
        (calendar,) = [p for p in msg.walk() if p.get_content_type() == "text/calendar"]
        methods.append(calendar.get_param("method"))
        # The coach's own address stays the one replies go to.
        assert msg["Reply-To"].addresses[0].addr_spec == "hello@hartcoaching.example"
    assert methods == ["REQUEST", "CANCEL"]
    # What was sent is exactly what sits in the outbox.
    sent = email.message_from_bytes(received[0][2], policy=policy.default)
    saved = email.message_from_bytes(
        (desk.outbox / f"{FREE[0]}-request-0.eml").read_bytes(), policy=policy.default
    )
    assert sent["Message-ID"] == saved["Message-ID"]


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_login_uses_the_password_from_the_environment(tmp_path):
    with smtp_sink(username="coach", password=SECRET) as (host, port, received):
        smtp = {
            "host": host,
            "port": port,
            "security": "none",
            "username": "coach",
            "password_env": "DESK_SMTP_PASSWORD",
        }
        desk = make_desk(tmp_path, smtp=smtp, environ={"DESK_SMTP_PASSWORD": SECRET})
        commands.send(desk, commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org"))
        assert len(received) == 1

    # Only the server saw the password: it is in no file the desk wrote.
    assert not [p for p in desk.outbox.iterdir() if SECRET.encode() in p.read_bytes()]


def test_a_missing_password_variable_is_named(tmp_path):
    smtp = {"host": "127.0.0.1", "security": "none", "username": "c", "password_env": "NOPE_PW"}
    desk = make_desk(tmp_path, smtp=smtp, environ={})
    outcome = commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    with pytest.raises(MailError) as caught:
        commands.send(desk, outcome)
    assert "NOPE_PW" in str(caught.value) and "is not set" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_an_unreachable_server_is_one_line(tmp_path):
    from tests.support.desk import free_port

    desk = make_desk(tmp_path, smtp={"host": "127.0.0.1", "port": free_port(), "security": "none"})
    outcome = commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    with pytest.raises(MailError, match="could not send") as caught:
        commands.send(desk, outcome)
    assert "\n" not in str(caught.value)
    # The booking stands and its message waits in the outbox.
    assert (desk.outbox / f"{FREE[0]}-request-0.eml").exists()


def test_a_reschedule_whose_second_message_fails_says_the_first_was_sent(tmp_path):
    with smtp_sink(accept=1) as (host, port, received):
        desk = make_desk(tmp_path, smtp={"host": host, "port": port, "security": "none"})
        commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
        moved = commands.reschedule(desk, FREE[0], FREE[2])
        shown = []
        with pytest.raises(MailError, match="could not send"):
            commands.send(desk, moved, report=shown.append)
    assert shown == [f"Sent to Ada Lovelace <ada@example.org> through {host}."]
    (only,) = received
    sent = email.message_from_bytes(only[2], policy=policy.default)
    assert sent["Subject"].startswith("Cancelled:")
