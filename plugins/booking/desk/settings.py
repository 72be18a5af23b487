"""The desk's own part of BOOKING: SMTP. Everything else comes from the engine.

`parse_desk` validates the whole BOOKING setting with the engine's parser
(hours, sessions, ledger, outbox, CalDAV), then the keys only the desk uses,
so a typo stops every desk command with one line naming the key. No secret
is ever a setting: `password_env` names the environment variable that holds
the password.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ...common import validate
from ...common.config import ConfigError
from ..settings import BookingSettings, name, parse_settings

SECURITY_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
SMTP_KEYS = {"host", "port", "security", "username", "password_env", "from"}


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str  # "starttls", "ssl" or "none"
    username: str | None
    password_env: str | None
    sender: str | None  # the From address; None: the organizer's


@dataclass(frozen=True)
class DeskSettings:
    booking: BookingSettings
    smtp: SmtpSettings | None = None


def parse_desk(raw: object) -> DeskSettings:
    booking = parse_settings(raw)  # refuses anything but a dict
    smtp = raw.get("smtp") if isinstance(raw, Mapping) else None
    return DeskSettings(booking, None if smtp is None else _smtp(smtp))


def _smtp(raw: object) -> SmtpSettings:
    if not isinstance(raw, Mapping):
        raise ConfigError(
            name("smtp"), 'must be a dict like {"host": ..., "username": ..., "password_env": ...}'
        )
    validate.known_keys(raw, SMTP_KEYS, lambda key: name("smtp", key))
    host = validate.text(validate.required(raw, "host", name("smtp", "host")), name("smtp", "host"))
    security = raw.get("security", "starttls")
    if security not in SECURITY_PORTS:
        raise ConfigError(
            name("smtp", "security"), f'must be "starttls", "ssl" or "none", not {security!r}'
        )
    port = raw.get("port", SECURITY_PORTS[security])
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
        raise ConfigError(name("smtp", "port"), f"must be a port number, not {port!r}")
    username = raw.get("username")
    password_env = raw.get("password_env")
    if username is not None:
        username = validate.text(username, name("smtp", "username"))
        password_env = validate.env_name(
            validate.required(raw, "password_env", name("smtp", "password_env")),
            name("smtp", "password_env"),
        )
        # A password sent without TLS can be read on the way; only a relay on
        # this very machine is exempt.
        if security == "none" and not validate.is_loopback(host):
            raise ConfigError(
                name("smtp", "security"),
                '"none" would send your password unencrypted; use "starttls" or "ssl"',
            )
    elif password_env is not None:
        raise ConfigError(name("smtp", "username"), "missing (password_env needs it)")
    sender = raw.get("from")
    if sender is not None:
        sender = validate.email(sender, name("smtp", "from"))
    return SmtpSettings(host, port, security, username, password_env, sender)
