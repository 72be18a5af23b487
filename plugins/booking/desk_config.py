"""The booking desk's part of BOOKING: ledger and outbox paths, SMTP, CalDAV.

Validated with the rest of BOOKING (settings.parse_settings calls
`parse_desk`), so a typo stops the build and every desk command with one
line naming the key. No secret is ever a setting: `password_env` names the
environment variable that holds the password.
"""

from __future__ import annotations

import difflib
import ipaddress
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from .errors import BookingConfigError

DESK_KEYS = {"ledger", "outbox", "smtp", "caldav"}
DEFAULT_LEDGER = "bookings/bookings.ics"
DEFAULT_OUTBOX = "outbox"
SECURITY_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
SMTP_KEYS = {"host", "port", "security", "username", "password_env", "from"}
CALDAV_KEYS = {"url", "username", "password_env", "calendars"}
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_EMAIL = re.compile(r"[^@\s<>\"]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?\.[A-Za-z]{2,}")


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str  # "starttls", "ssl" or "none"
    username: str | None
    password_env: str | None
    sender: str | None  # the From address; None: the organizer's


@dataclass(frozen=True)
class CalDavSettings:
    url: str
    username: str
    password_env: str
    calendars: tuple[str, ...]  # display names, collection names or URLs; [0] gets bookings

    @property
    def label(self) -> str:
        """How errors name the server: the path is left out, as it often holds
        the account name and build logs are often public."""
        parts = urlsplit(self.url)
        port = f":{parts.port}" if parts.port else ""
        return f'BOOKING["caldav"] <{parts.scheme}://{parts.hostname}{port}/…>'


@dataclass(frozen=True)
class DeskSettings:
    ledger: str = DEFAULT_LEDGER  # relative paths: from the project folder (the build's cwd)
    outbox: str = DEFAULT_OUTBOX
    smtp: SmtpSettings | None = None
    caldav: CalDavSettings | None = None


def _name(*keys: str | int) -> str:
    return "BOOKING" + "".join(f'["{k}"]' if isinstance(k, str) else f"[{k}]" for k in keys)


def parse_desk(raw: Mapping) -> DeskSettings:
    return DeskSettings(
        ledger=_path(raw.get("ledger", DEFAULT_LEDGER), "ledger"),
        outbox=_path(raw.get("outbox", DEFAULT_OUTBOX), "outbox"),
        smtp=None if raw.get("smtp") is None else _smtp(raw["smtp"]),
        caldav=None if raw.get("caldav") is None else _caldav(raw["caldav"]),
    )


def _text(value: object, *path: str | int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise BookingConfigError(_name(*path), f"must be non-empty text, not {value!r}")
    return value.strip()


def _path(value: object, key: str) -> str:
    text = _text(value, key)
    if "://" in text:
        raise BookingConfigError(_name(key), f"must be a local path, not {text!r}")
    return text


def _known(raw: object, keys: set[str], key: str, shape: str) -> Mapping:
    if not isinstance(raw, Mapping):
        raise BookingConfigError(_name(key), f"must be a dict like {shape}")
    for item in raw:
        if item not in keys:
            close = difflib.get_close_matches(str(item), sorted(keys), n=1)
            hint = f' (did you mean "{close[0]}"?)' if close else ""
            raise BookingConfigError(_name(key, str(item)), f"unknown setting{hint}")
    return raw


def _required(raw: Mapping, *path: str) -> object:
    if path[-1] not in raw:
        raise BookingConfigError(_name(*path), "missing (it is required)")
    return raw[path[-1]]


def _env_name(value: object, *path: str) -> str:
    text = _text(value, *path)
    if not _ENV_NAME.fullmatch(text):
        raise BookingConfigError(
            _name(*path),
            f"{text!r} is not an environment variable name; put the password in "
            "an environment variable and name that variable here",
        )
    return text


def _is_loopback(host: str | None) -> bool:
    if host in {"localhost", "localhost.localdomain"}:
        return True
    try:
        return ipaddress.ip_address(host or "").is_loopback
    except ValueError:
        return False


def _smtp(raw: object) -> SmtpSettings:
    raw = _known(raw, SMTP_KEYS, "smtp", '{"host": ..., "username": ..., "password_env": ...}')
    host = _text(_required(raw, "smtp", "host"), "smtp", "host")
    security = raw.get("security", "starttls")
    if security not in SECURITY_PORTS:
        raise BookingConfigError(
            _name("smtp", "security"), f'must be "starttls", "ssl" or "none", not {security!r}'
        )
    port = raw.get("port", SECURITY_PORTS[security])
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
        raise BookingConfigError(_name("smtp", "port"), f"must be a port number, not {port!r}")
    username = raw.get("username")
    password_env = raw.get("password_env")
    if username is not None:
        username = _text(username, "smtp", "username")
        password_env = _env_name(_required(raw, "smtp", "password_env"), "smtp", "password_env")
        # A password sent without TLS can be read on the way; only a relay on
        # this very machine is exempt.
        if security == "none" and not _is_loopback(host):
            raise BookingConfigError(
                _name("smtp", "security"),
                '"none" would send your password unencrypted; use "starttls" or "ssl"',
            )
    elif password_env is not None:
        raise BookingConfigError(_name("smtp", "username"), "missing (password_env needs it)")
    sender = raw.get("from")
    if sender is not None:
        sender = _text(sender, "smtp", "from")
        if not _EMAIL.fullmatch(sender):
            raise BookingConfigError(_name("smtp", "from"), f"{sender!r} is not an email address")
    return SmtpSettings(host, port, security, username, password_env, sender)


def _caldav(raw: object) -> CalDavSettings:
    raw = _known(
        raw, CALDAV_KEYS, "caldav", '{"url": ..., "username": ..., "password_env": ..., ...}'
    )
    url = _text(_required(raw, "caldav", "url"), "caldav", "url")
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise BookingConfigError(
            _name("caldav", "url"), "must be the server's https:// address (from your provider)"
        )
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise BookingConfigError(
            _name("caldav", "url"), "http:// would send your password unencrypted; use https://"
        )
    if parts.username or parts.password:
        raise BookingConfigError(
            _name("caldav", "url"), "must not contain a user name or password; use username"
        )
    calendars = _required(raw, "caldav", "calendars")
    if isinstance(calendars, str) or not isinstance(calendars, list | tuple) or not calendars:
        raise BookingConfigError(
            _name("caldav", "calendars"),
            'must be a list of calendar names, e.g. ["Work"]; bookings go into the first',
        )
    return CalDavSettings(
        url=url,
        username=_text(_required(raw, "caldav", "username"), "caldav", "username"),
        password_env=_env_name(_required(raw, "caldav", "password_env"), "caldav", "password_env"),
        calendars=tuple(_text(c, "caldav", "calendars", i) for i, c in enumerate(calendars)),
    )
