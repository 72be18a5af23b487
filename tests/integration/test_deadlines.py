"""busy_timeout_seconds (and the desk's SMTP timeout) bound the whole
exchange by the wall clock, against servers on 127.0.0.1 that answer one
byte at a time; a redirect away from http(s) is refused."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import pytest

from plugins.booking import busy, busy_caldav
from plugins.booking.busy_caldav import CalDavError
from plugins.booking.desk import mail
from plugins.booking.desk.mail import MailError
from plugins.booking.errors import BusySourceError
from plugins.config.booking import parse_settings
from plugins.config.desk import SmtpSettings
from tests.support.booking_settings import booking
from tests.support.drip_server import dripping
from tests.support.ics_text import event, ics

START, END = datetime(2026, 11, 1, tzinfo=UTC), datetime(2027, 2, 1, tzinfo=UTC)
CALENDAR = ics(event("DTSTART:20261201T150000Z", "DTEND:20261201T160000Z"))
HEADERS = b"HTTP/1.1 200 OK\r\nContent-Type: text/calendar\r\nContent-Length: %d\r\n\r\n"
TIMEOUT = 1.0
# The bound plus what a thread and a socket need to notice it.
SLACK = 1.5


def _load(url: str) -> list:
    zone = ZoneInfo("America/New_York")
    return busy.load([url], ".", zone, START, END, TIMEOUT)


@pytest.mark.parametrize(
    "answer",
    [
        HEADERS % len(CALENDAR) + CALENDAR,  # the headers drip
        b"",  # nothing at all after the request
    ],
    ids=["dripping headers", "silent"],
)
def test_a_dripping_busy_url_is_given_up_in_time(answer):
    with dripping(answer or b" " * 1000, every=0.3) as port:
        started = time.monotonic()
        with pytest.raises(BusySourceError) as caught:
            _load(f"http://127.0.0.1:{port}/private/token/busy.ics")
        elapsed = time.monotonic() - started
    assert elapsed < TIMEOUT + SLACK
    assert "no complete answer within 1 s (busy_timeout_seconds)" in str(caught.value)
    assert "token" not in str(caught.value)


def test_a_body_that_drips_is_given_up_in_time():
    body = CALENDAR * 20
    with dripping(HEADERS % len(body) + body, every=0.001) as port:
        started = time.monotonic()
        with pytest.raises(BusySourceError, match="no complete answer within 1 s"):
            _load(f"http://127.0.0.1:{port}/busy.ics")
        assert time.monotonic() - started < TIMEOUT + SLACK


def test_a_redirect_to_ftp_is_refused():
    answer = b"HTTP/1.1 302 Found\r\nLocation: ftp://files.example.org/busy.ics\r\n"
    answer += b"Content-Length: 0\r\n\r\n"
    with dripping(answer, every=0) as port, pytest.raises(BusySourceError) as caught:
        _load(f"http://127.0.0.1:{port}/busy.ics")
    assert "redirected to a ftp:// address; only http(s)" in str(caught.value)


def test_a_dripping_caldav_server_is_given_up_in_time():
    answer = b"HTTP/1.1 207 Multi-Status\r\nContent-Type: application/xml\r\n"
    answer += b"Content-Length: 5000\r\n\r\n" + b"<" * 5000
    with dripping(answer, every=0.2) as port:
        caldav = {
            "url": f"http://127.0.0.1:{port}/dav/",
            "username": "coach",
            "password_env": "CALDAV_TEST_PASSWORD",
            "calendars": ["/dav/coach/work/"],
        }
        settings = parse_settings(booking(caldav=caldav, busy_timeout_seconds=TIMEOUT))
        started = time.monotonic()
        with pytest.raises(CalDavError) as caught:
            busy_caldav.read_busy(
                settings, START, END, environ={"CALDAV_TEST_PASSWORD": "secret-pw"}
            )
        elapsed = time.monotonic() - started
    assert elapsed < TIMEOUT + SLACK
    assert "no complete answer within 1 s" in str(caught.value)
    assert "secret-pw" not in str(caught.value)


def test_an_smtp_server_that_drips_its_greeting_is_given_up_in_time():
    with dripping(b"220 mail.example.org ESMTP ready\r\n", every=0.3, speaks_first=True) as port:
        smtp = SmtpSettings("127.0.0.1", port, "none", None, None, None)
        msg = EmailMessage()
        msg["To"], msg["From"], msg["Subject"] = "a@example.org", "c@example.org", "x"
        msg.set_content("x")
        started = time.monotonic()
        with pytest.raises(MailError) as caught:
            mail.send(msg, smtp, {}, timeout=TIMEOUT)
        elapsed = time.monotonic() - started
    assert elapsed < TIMEOUT + SLACK
    assert "no complete answer within 1 s" in str(caught.value)
