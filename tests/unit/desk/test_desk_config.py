"""BOOKING's keys for the desk (ledger, outbox and caldav, read by the engine
too; smtp, the desk's own): defaults, and one line naming the key for every
bad value, whichever parser owns the key."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from plugins.config.booking import DEFAULT_LEDGER, DEFAULT_OUTBOX
from plugins.config.desk import parse_desk
from plugins.config.errors import ConfigError
from tests.support.desk_sample import sample_booking

SMTP = {"host": "smtp.example.org", "username": "coach", "password_env": "SMTP_PASSWORD"}
CALDAV = {
    "url": "https://caldav.example.org/dav/",
    "username": "coach",
    "password_env": "CALDAV_PASSWORD",
    "calendars": ["Work", "Family"],
}


def _desk(raw: dict) -> SimpleNamespace:
    parsed = parse_desk(raw)
    booking = parsed.booking
    return SimpleNamespace(
        ledger=booking.ledger, outbox=booking.outbox, caldav=booking.caldav, smtp=parsed.smtp
    )


def test_defaults_keep_the_desk_local():
    desk = _desk(sample_booking())
    assert (
        (desk.ledger, desk.outbox)
        == (DEFAULT_LEDGER, DEFAULT_OUTBOX)
        == (
            "bookings/bookings.ics",
            "outbox",
        )
    )
    assert desk.smtp is None and desk.caldav is None


def test_full_settings_parse():
    desk = _desk(sample_booking(ledger="private/b.ics", outbox="mail", smtp=SMTP, caldav=CALDAV))
    assert desk.ledger == "private/b.ics" and desk.outbox == "mail"
    assert (desk.smtp.host, desk.smtp.port, desk.smtp.security) == (
        "smtp.example.org",
        587,
        "starttls",
    )
    assert desk.smtp.sender is None
    assert desk.caldav.calendars == ("Work", "Family")
    assert desk.caldav.label == "[booking] caldav <https://caldav.example.org/…>"


def test_ssl_defaults_to_port_465():
    smtp = _desk(sample_booking(smtp={**SMTP, "security": "ssl"})).smtp
    assert smtp.port == 465


@pytest.mark.parametrize(
    ("changes", "setting", "problem"),
    [
        ({"ledger": ""}, "[booking] ledger", "non-empty text"),
        ({"ledger": 3}, "[booking] ledger", "non-empty text"),
        ({"outbox": "https://x.example/o"}, "[booking] outbox", "local path"),
        ({"smtp": "smtp.example.org"}, "[booking] smtp", "must be a dict"),
        ({"smtp": {"username": "c"}}, "[booking] smtp.host", "missing"),
        ({"smtp": {**SMTP, "port": "25"}}, "[booking] smtp.port", "port number"),
        ({"smtp": {**SMTP, "port": 70000}}, "[booking] smtp.port", "port number"),
        ({"smtp": {**SMTP, "security": "tls"}}, "[booking] smtp.security", '"starttls"'),
        ({"smtp": {**SMTP, "pasword_env": "X"}}, "[booking] smtp.pasword_env", "did you"),
        (
            {"smtp": {"host": "h.example", "username": "c"}},
            "[booking] smtp.password_env",
            "missing",
        ),
        (
            {"smtp": {**SMTP, "password_env": "hunter2!"}},
            "[booking] smtp.password_env",
            "not an environment variable name",
        ),
        (
            {"smtp": {"host": "h.example", "password_env": "X"}},
            "[booking] smtp.username",
            "password_env needs it",
        ),
        (
            {"smtp": {**SMTP, "security": "none"}},
            "[booking] smtp.security",
            "unencrypted",
        ),
        ({"smtp": {**SMTP, "from": "not-an-address"}}, "[booking] smtp.from", "not an email"),
        ({"caldav": ["Work"]}, "[booking] caldav", "must be a dict"),
        ({"caldav": {**CALDAV, "url": "ftp://x.example/"}}, "[booking] caldav.url", "https"),
        (
            {"caldav": {**CALDAV, "url": "http://caldav.example.org/"}},
            "[booking] caldav.url",
            "unencrypted",
        ),
        (
            {"caldav": {**CALDAV, "url": "https://me:pw@caldav.example.org/"}},
            "[booking] caldav.url",
            "must not contain",
        ),
        ({"caldav": {**CALDAV, "calendars": []}}, "[booking] caldav.calendars", "list"),
        ({"caldav": {**CALDAV, "calendars": "Work"}}, "[booking] caldav.calendars", "list"),
        (
            {"caldav": {**CALDAV, "calendars": ["Work", ""]}},
            "[booking] caldav.calendars, item 2",
            "",
        ),
        (
            {"caldav": {k: v for k, v in CALDAV.items() if k != "password_env"}},
            "[booking] caldav.password_env",
            "missing",
        ),
        ({"caldav": {**CALDAV, "password": "x"}}, "[booking] caldav.password", "unknown"),
    ],
)
def test_bad_values_name_the_key_in_one_line(changes, setting, problem):
    with pytest.raises(ConfigError) as caught:
        parse_desk(sample_booking(**changes))
    assert caught.value.setting == setting
    assert problem in caught.value.problem
    assert "\n" not in str(caught.value)


def test_plain_connections_are_allowed_to_this_machine_only():
    local = {**CALDAV, "url": "http://127.0.0.1:5232/"}
    smtp = {**SMTP, "host": "localhost", "security": "none"}
    desk = _desk(sample_booking(caldav=local, smtp=smtp))
    assert desk.caldav.url.startswith("http://") and desk.smtp.port == 25
