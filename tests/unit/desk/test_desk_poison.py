"""Poison mail, in process: what read_message refuses (Unreadable) and what
it reads, the codes' times checked, a Message-ID safe to print, the
unreadable_folder setting, and a fuzz of read_message and decide over many
hostile messages."""

from __future__ import annotations

from dataclasses import replace
from email.message import EmailMessage

import pytest
from hypothesis import HealthCheck, given, settings

from plugins.booking import tokens
from plugins.booking.desk import commands, inbox, signing
from plugins.booking.desk.inbound import (
    MAX_PARTS,
    Unreadable,
    message_id_of,
    read_message,
)
from plugins.booking.desk.work import PENDING, Item, read
from plugins.config.desk import parse_desk
from tests.support.desk_sample import BOOKING, CLIENT_EMAIL, CLIENT_NAME, FREE, make_desk
from tests.support.junk_mail import junk

SECRET = "a-long-test-secret-for-signing-links"
# The booking the fixture below confirms, changed with correctly signed links.
_MOVE = signing.sign(SECRET.encode(), "move", FREE[0], 0)
_CANCEL = signing.sign(SECRET.encode(), "cancel", FREE[0], 0)
SIGNED = (
    f"[[move {FREE[0]} 0 {_MOVE} discovery-20261340T256099Z]]".encode(),
    f"[[move {FREE[0]} 0 {_MOVE} {FREE[1]}]]".encode(),
    f"[[cancel {FREE[0]} 0 {_CANCEL}]]".encode(),
)


def nested(depth: int) -> bytes:
    opening = "".join(
        f'Content-Type: multipart/mixed; boundary="b{i}"\r\n\r\n--b{i}\r\n' for i in range(depth)
    )
    closing = "".join(f"\r\n--b{i}--\r\n" for i in reversed(range(depth)))
    return (
        "From: a@example.org\r\nSubject: [[book discovery-20261123T140000Z]]\r\n"
        "Message-ID: <n@example.org>\r\n" + opening + "Content-Type: text/plain\r\n\r\nhi\r\n"
    ).encode() + closing.encode()


def test_a_message_nested_deeper_than_the_part_limit_is_unreadable_not_a_recursion():
    with pytest.raises(Unreadable, match=f"more than {MAX_PARTS} MIME parts"):
        read_message(nested(1200))
    assert read_message(nested(20)).token.slot_id == FREE[0]  # deep, but within bounds


def test_a_structured_header_with_deeply_nested_comments_is_unreadable():
    with pytest.raises(Unreadable, match="nests comments"):
        read_message(b"From: " + b"(" * 1000 + b")" * 1000 + b" a@example.org\r\n\r\nhi\r\n")
    # A subject is free text: parentheses there are words, not comments.
    assert read_message(b"Subject: " + b"(" * 1000 + b"\r\n\r\nhi\r\n").subject.startswith("((")
    # Quoted or escaped parentheses are not comments either.
    found = read_message(b'From: "Zo\\(e ((((((((((((" <zoe@example.org>\r\n\r\nhi\r\n')
    assert found.sender == "zoe@example.org"


@pytest.mark.parametrize(
    "code",
    [
        "[[book discovery-20261340T256099Z]]",
        "[[book discovery-20261131T140000Z]]",  # 31 November
        "[[book discovery-20261123T140060Z]]",  # second 60
        "[[move discovery-20261123T140000Z 0 aaaaaaaaaaaaaaaaaaaaaaaaaa "
        "discovery-20261340T256099Z]]",
        "[[cancel discovery-00001123T140000Z 0 aaaaaaaaaaaaaaaaaaaaaaaaaa]]",
    ],
)
def test_a_code_naming_a_time_that_does_not_exist_is_refused(code):
    with pytest.raises(tokens.CodeError):
        tokens.find(f"Please {code}")
    with pytest.raises(Unreadable, match="does not exist"):
        read_message(f"Subject: hi\r\n\r\n{code}\r\n".encode())


def test_a_manage_link_naming_a_time_that_does_not_exist_is_no_link():
    assert tokens.manage_fragment("#cancel.discovery-20261340T256099Z.0." + "a" * 26) is None
    assert tokens.manage_fragment("#cancel.discovery-20261123T140000Z.0." + "a" * 26) is not None


def test_the_message_id_in_a_line_is_printable_and_the_same_as_the_ledgers():
    assert message_id_of(b"Message-ID:\r\n  <a.b@example.org>\r\n\r\nx") == "<a.b@example.org>"
    hostile = b"Message-ID: <\x1b]0;owned\x07@example.org>\r\n\r\nx"
    assert message_id_of(hostile).endswith("@no-message-id>")
    assert message_id_of(hostile) == read_message(hostile).message_id
    assert message_id_of(b"no header at all") == message_id_of(b"no header at all")


def test_unreadable_folder_is_a_setting_of_its_own():
    inbox_keys = {"host": "127.0.0.1", "security": "none", "username": "u", "password_env": "P"}
    default = parse_desk({**BOOKING, "inbox": inbox_keys}).inbox
    assert default.unreadable_folder == "Bookings/Unreadable"
    mine = parse_desk({**BOOKING, "inbox": {**inbox_keys, "unreadable_folder": "Odd"}}).inbox
    assert mine.unreadable_folder == "Odd"
    for clash in ("INBOX", "Bookings/Done"):
        with pytest.raises(
            Exception, match=r"inbox\.unreadable_folder: must be a folder of its own"
        ):
            parse_desk({**BOOKING, "inbox": {**inbox_keys, "unreadable_folder": clash}})


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A desk with a confirmed booking (FREE[0]) and a request waiting for
    the coach (FREE[2]), so replies, changes and requests all reach deep."""
    desk = make_desk(tmp_path_factory.mktemp("desk"), environ={"BOOKING_LINK_SECRET": SECRET})
    desk = replace(
        desk, siteurl="https://hartcoaching.example", origin="https://hartcoaching.example"
    )
    commands.confirm(desk, FREE[0], CLIENT_NAME, CLIENT_EMAIL)
    book = read(desk.ledger_path).record(
        Item(
            id="<request.1@example.org>",
            kind="request",
            status=PENDING,
            created=desk.now,
            slot_id=FREE[2],
            name="Ada",
            email="ada@example.org",
            summary_id="<summary.0@example.org>",
        )
    )
    return desk, book


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(junk=junk(SIGNED))
def test_any_bytes_are_read_or_refused_and_any_message_read_is_decided(world, junk):
    desk, book = world
    try:
        inbound = read_message(junk)
    except Unreadable:
        return
    assert inbound.message_id.isprintable() and inbound.message_id.isascii()
    # Written by the coach as well as by a stranger: her replies go further.
    for sender in (inbound.sender, desk.settings.organizer.email):
        decision = inbox.decide(
            inbox.Context(desk, SECRET.encode()), book, replace(inbound, sender=sender)
        )
        for _name, msg in decision.messages:
            assert isinstance(msg, EmailMessage)
