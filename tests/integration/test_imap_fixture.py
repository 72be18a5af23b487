"""The Dovecot fixture (tests/support/imap.py) is a real IMAP server: mail
with a non-ASCII subject survives the round trip, a "Bookings/Done" folder
can be made and moved into, stop() really takes it down and start() brings
the same mailbox back, IDLE reports new mail, and each user has a mailbox
of their own behind their own password."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from imapclient import IMAPClient
from imapclient.exceptions import LoginError

from tests.support.imap import Dovecot, dovecot, require_dovecot

SUBJECT = "Réservation confirmée — Zoë, 5 déc."


def message(subject: str = SUBJECT, body: str = "À bientôt !\n") -> bytes:
    msg = EmailMessage()
    msg["From"] = "Zoë Client <zoe@example.org>"
    msg["To"] = "hello@hartcoaching.example"
    msg["Subject"] = subject
    msg.set_content(body)
    return msg.as_bytes()


@pytest.fixture
def imap(tmp_path: Path) -> Iterator[Dovecot]:
    require_dovecot()
    with dovecot(tmp_path / "imap") as server:
        yield server


def test_a_message_with_a_non_ascii_subject_round_trips(imap: Dovecot) -> None:
    assert imap.messages() == []
    imap.append(message())
    (received,) = imap.messages()
    assert received["Subject"] == SUBJECT
    assert received["From"].addresses[0].display_name == "Zoë Client"
    # IMAP stores lines ending in CRLF whatever was appended; so do real providers.
    assert received.get_content() == "À bientôt !\r\n"
    # Reading through the fixture leaves the message unseen for the code under test.
    with imap.connect() as client:
        client.select_folder("INBOX", readonly=True)
        assert client.search("UNSEEN") != []


def test_bookings_done_is_a_folder_that_mail_moves_into(imap: Dovecot) -> None:
    separator = imap.separator()
    assert separator == "/"
    done = f"Bookings{separator}Done"
    imap.append(message("First"))
    imap.append(message("Second"))
    with imap.connect() as client:
        client.create_folder(done)
        client.select_folder("INBOX")
        (first, _second) = sorted(client.search("ALL"))
        client.move([first], done)
    assert done in imap.folders()
    assert [m["Subject"] for m in imap.messages(done)] == ["First"]
    assert [m["Subject"] for m in imap.messages()] == ["Second"]


def test_stop_refuses_connections_and_start_brings_the_same_mail_back(imap: Dovecot) -> None:
    imap.append(message())
    port = imap.port
    imap.stop()
    with pytest.raises(OSError):  # ConnectionRefusedError is one
        socket.create_connection((imap.host, port), timeout=2).close()
    with pytest.raises(OSError):
        imap.messages()
    imap.start()
    assert imap.port == port
    assert [m["Subject"] for m in imap.messages()] == [SUBJECT]


def test_an_idle_client_hears_of_mail_another_connection_delivers(imap: Dovecot) -> None:
    with imap.connect() as client:
        assert b"IDLE" in client.capabilities()
        client.select_folder("INBOX")
        client.idle()
        try:
            # Deliver from another thread while this one waits, as a provider would.
            delivery = threading.Timer(0.3, imap.append, args=(message(),))
            delivery.start()
            responses: list[object] = []
            deadline = time.monotonic() + 5
            while (1, b"EXISTS") not in responses and time.monotonic() < deadline:
                responses += client.idle_check(timeout=max(deadline - time.monotonic(), 0.01))
            delivery.join()
        finally:
            client.idle_done()
    assert (1, b"EXISTS") in responses


def test_each_user_has_a_mailbox_of_their_own(tmp_path: Path) -> None:
    require_dovecot()
    with dovecot(tmp_path / "imap", {"coach": "secret", "assistant": "other"}) as server:
        assert (server.username, server.password) == ("coach", "secret")
        server.append(message())
        with server.connect("assistant") as client:
            client.select_folder("INBOX", readonly=True)
            assert client.search("ALL") == []
        with pytest.raises(LoginError), IMAPClient(server.host, server.port, ssl=False) as other:
            other.login("coach", "wrong")
