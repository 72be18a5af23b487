"""The hands-free desk's part of [booking]: SMTP, the IMAP inbox, the
confirmation policy, video rooms, reminders, the link secret and the
request limits (declared with the rest of [booking] in schema.py).

`parse_desk` checks the whole [booking] table with plugins.config.booking
(hours, sessions, ledger, outbox, CalDAV), then the keys only the desk uses,
so a typo stops every desk command with one line naming the key. No secret
is ever a setting: `password_env` names the environment variable that holds
the password.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from . import schema, validate
from .booking import BookingSettings, name, parse_settings
from .coaches import TeamCoach
from .errors import ConfigError

SECURITY_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
IMAP_PORTS = {"starttls": 143, "ssl": 993, "none": 143}
SMTP_KEYS = set(schema.SMTP.names)
INBOX_KEYS = set(schema.INBOX.names)
VIDEO_KEYS = set(schema.VIDEO.names)
LIMIT_KEYS = schema.LIMITS.names
POLICIES = schema.BOOKING["confirm"].choices
DEFAULT_REMINDER_HOURS = schema.BOOKING.default("reminder_hours")
DEFAULT_LINK_SECRET_ENV = schema.BOOKING.default("link_secret_env")


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str  # "starttls", "ssl" or "none"
    username: str | None
    password_env: str | None
    sender: str | None  # the From address; None: the organizer's


@dataclass(frozen=True)
class InboxSettings:
    host: str
    port: int
    security: str  # "ssl", "starttls" or "none"
    username: str
    password_env: str
    folder: str = schema.INBOX.default("folder")
    # "/" is replaced by the server's separator.
    done_folder: str = schema.INBOX.default("done_folder")
    # Where a message the desk cannot read or act on is set aside, unrecorded.
    unreadable_folder: str = schema.INBOX.default("unreadable_folder")


@dataclass(frozen=True)
class Video:
    """A fixed room for every call, or a server on which each booking gets
    its own room with an unguessable name."""

    room: str | None = None
    rooms_at: str | None = None


@dataclass(frozen=True)
class Limits:
    # Anyone can send an email: bounds on what a stranger can make the desk do.
    # Each counts per address or per domain, never for everyone at once, so a
    # flood from a few senders never holds up somebody else's request.
    pending_per_sender: int = schema.LIMITS.default("pending_per_sender")
    # From one address; beyond it: refused.
    requests_per_hour: int = schema.LIMITS.default("requests_per_hour")
    # From one domain (many clients share gmail.com); beyond it: a later run.
    requests_per_hour_per_domain: int = schema.LIMITS.default("requests_per_hour_per_domain")


@dataclass(frozen=True)
class DeskSettings:
    booking: BookingSettings
    smtp: SmtpSettings | None = None
    inbox: InboxSettings | None = None
    policy: str = "coach"  # "coach": she approves each request; "auto"
    video: Video = Video()
    reminder_hours: tuple[float, ...] = DEFAULT_REMINDER_HOURS
    link_secret_env: str = DEFAULT_LINK_SECRET_ENV
    limits: Limits = Limits()


def parse_desk(
    raw: object, languages: tuple[str, ...] = (), coaches: tuple[TeamCoach, ...] = ()
) -> DeskSettings:
    booking = parse_settings(raw, languages, coaches)  # refuses anything but a dict
    assert isinstance(raw, Mapping)
    smtp, inbox = raw.get("smtp"), raw.get("inbox")
    policy = raw.get("confirm", schema.BOOKING.default("confirm"))
    if policy not in POLICIES:
        raise ConfigError(
            name("confirm"),
            f'must be "coach" (you approve each request by replying) or "auto", not {policy!r}',
        )
    return DeskSettings(
        booking,
        smtp=None if smtp is None else _smtp(smtp),
        inbox=None if inbox is None else _inbox(inbox),
        policy=policy,
        video=_video(raw.get("video")),
        reminder_hours=_reminders(raw.get("reminder_hours", list(DEFAULT_REMINDER_HOURS))),
        link_secret_env=validate.env_name(
            raw.get("link_secret_env", DEFAULT_LINK_SECRET_ENV), name("link_secret_env")
        ),
        limits=_limits(raw.get("limits", {})),
    )


def _inbox(raw: object) -> InboxSettings:
    if not isinstance(raw, Mapping):
        raise ConfigError(
            name("inbox"), 'must be a dict like {"host": ..., "username": ..., "password_env": ...}'
        )
    validate.known_keys(raw, INBOX_KEYS, lambda key: name("inbox", key))
    host = validate.text(
        validate.required(raw, "host", name("inbox", "host")), name("inbox", "host")
    )
    security = raw.get("security", schema.INBOX.default("security"))
    if security not in IMAP_PORTS:
        raise ConfigError(
            name("inbox", "security"), f'must be "ssl", "starttls" or "none", not {security!r}'
        )
    if security == "none" and not validate.is_loopback(host):
        raise ConfigError(
            name("inbox", "security"),
            '"none" would send your password unencrypted; use "ssl" or "starttls"',
        )
    port = raw.get("port", IMAP_PORTS[security])
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
        raise ConfigError(name("inbox", "port"), f"must be a port number, not {port!r}")

    def text(key: str, default: str | None = None) -> str:
        value = (
            raw.get(key, default) if default else validate.required(raw, key, name("inbox", key))
        )
        return validate.text(value, name("inbox", key))

    password_env = validate.env_name(
        validate.required(raw, "password_env", name("inbox", "password_env")),
        name("inbox", "password_env"),
    )
    folder, done = (
        text("folder", InboxSettings.folder),
        text("done_folder", InboxSettings.done_folder),
    )
    unreadable = text("unreadable_folder", InboxSettings.unreadable_folder)

    def same(a: str, b: str) -> bool:
        return a.strip("/").lower() == b.strip("/").lower()

    if same(folder, done):
        raise ConfigError(name("inbox", "done_folder"), "must not be the folder the desk reads")
    if same(folder, unreadable) or same(done, unreadable):
        raise ConfigError(
            name("inbox", "unreadable_folder"),
            "must be a folder of its own, not the one the desk reads nor done_folder",
        )
    return InboxSettings(
        host, port, security, text("username"), password_env, folder, done, unreadable
    )


def _video(raw: object) -> Video:
    if raw is None:
        return Video()
    example = '{"rooms_at": "https://meet.jit.si/"} or {"room": "https://..."}'
    if not isinstance(raw, Mapping) or len(raw) != 1:
        raise ConfigError(name("video"), f"must be {example}")
    validate.known_keys(raw, VIDEO_KEYS, lambda key: name("video", key))
    key, value = next(iter(raw.items()))
    url = validate.text(value, name("video", key))
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname or any(c in url for c in ' "<>'):
        raise ConfigError(name("video", key), f"must be an https:// address, not {url!r}")
    if key == "rooms_at":
        return Video(rooms_at=url if url.endswith("/") else url + "/")
    return Video(room=url)


def _reminders(raw: object) -> tuple[float, ...]:
    setting = name("reminder_hours")
    if not isinstance(raw, list | tuple) or len(raw) > 5:
        raise ConfigError(setting, "must be a list of at most 5 lead times in hours, like [24, 1]")
    hours = [
        validate.number(h, name("reminder_hours", i), positive=True, maximum=24 * 30)
        for i, h in enumerate(raw)
    ]
    if len(set(hours)) != len(hours):
        raise ConfigError(setting, f"lists a lead time twice: {raw!r}")
    return tuple(sorted(hours, reverse=True))


def _limits(raw: object) -> Limits:
    if not isinstance(raw, Mapping):
        raise ConfigError(name("limits"), 'must be a dict like {"pending_per_sender": 2}')
    validate.known_keys(raw, LIMIT_KEYS, lambda key: name("limits", key))
    defaults = Limits()
    return Limits(
        *(
            validate.number(
                raw.get(key, getattr(defaults, key)),
                name("limits", key),
                positive=True,
                whole=True,
                maximum=schema.LIMITS[key].maximum,
            )
            for key in LIMIT_KEYS
        )
    )


def _smtp(raw: object) -> SmtpSettings:
    if not isinstance(raw, Mapping):
        raise ConfigError(
            name("smtp"), 'must be a dict like {"host": ..., "username": ..., "password_env": ...}'
        )
    validate.known_keys(raw, SMTP_KEYS, lambda key: name("smtp", key))
    host = validate.text(validate.required(raw, "host", name("smtp", "host")), name("smtp", "host"))
    security = raw.get("security", schema.SMTP.default("security"))
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
