"""Check [booking] into frozen dataclasses.

Each error names the key as the coach writes it:
`[booking] weekly_hours.mon, item 2: "17:00-09:00" ends before it starts`.
Unknown keys are errors too, so a typo cannot silently drop a buffer. Key
names, defaults and bounds come from plugins.config.schema.

This is what the engine needs to build the site: hours, sessions, busy
calendars (files, URLs and [booking.caldav]), and where the private ledger
and outbox live. The keys only the hands-free desk reads (smtp, inbox,
confirm, ...) are declared in the same [booking] table and checked by
plugins.config.desk.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from . import schema, validate
from .errors import ConfigError, setting_name
from .hours import Hours, busy_list, timezone, weekly_and_overrides
from .schema import DAY_MINUTES, MAX_HORIZON_DAYS
from .words import Collector, InLanguage, Words

if TYPE_CHECKING:
    from .coaches import TeamCoach

# Keys a session may override; [booking]'s values are their defaults.
SESSION_DEFAULTS: dict[str, Any] = {key.name: key.default for key in schema.SESSION_DEFAULTS}
DEFAULT_LEDGER = schema.BOOKING.default("ledger")
DEFAULT_OUTBOX = schema.BOOKING.default("outbox")
MAX_QUESTIONS = 10
_LOCAL_HOSTS = {"127.0.0.1", "localhost"}
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Organizer:
    name: str
    email: str


@dataclass(frozen=True)
class Question:
    """An intake question a visitor answers in the request (never published
    with the answer; the answers live in the private ledger)."""

    label: str
    kind: str  # "text", "choice" or "checkbox"
    options: tuple[str, ...]  # the choices of a "choice" question
    required: bool

    def field(self, index: int) -> str:
        """The form field's name, and the key a form notification carries."""
        return f"q{index + 1}"


@dataclass(frozen=True)
class Session(InLanguage):
    slug: str
    title: str
    duration_minutes: int
    description: str
    location: str
    price: float
    minimum_notice_hours: float
    horizon_days: int
    interval_minutes: int
    buffer_before_minutes: int
    buffer_after_minutes: int
    max_per_day: int | None
    questions: tuple[Question, ...] = ()
    # Her words in the site's other languages, (language, key, text) for the
    # title, description and location: in_language() gives that edition.
    words: Words = ()
    # A program's coaches who give it (slugs of [[coaches]]; none: [coach]),
    # and whether a time is offered when any of them is free or all are.
    coaches: tuple[str, ...] = ()
    assign: str = "any"
    # One coach's edition of an "any" session (booked from her profile, and
    # what the desk books when it assigns her): the session it belongs to.
    parent: str = ""

    @property
    def shared(self) -> bool:
        """Given by several coaches: free times are combined across them."""
        return len(self.coaches) > 1


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
        return f"[booking] caldav <{parts.scheme}://{parts.hostname}{port}/…>"


@dataclass(frozen=True)
class BookingSettings:
    timezone: str
    hours: Hours
    busy_calendars: tuple[str, ...]
    busy_timeout_seconds: float
    organizer: Organizer
    sessions: tuple[Session, ...]
    currency: str
    request_form_action: str | None = None  # where the slot page's form posts
    # Relative paths start at the project folder (where builds and the desk run).
    ledger: str = DEFAULT_LEDGER
    outbox: str = DEFAULT_OUTBOX
    caldav: CalDavSettings | None = None  # busy time in; the desk writes bookings to [0]
    # The privacy page the consent checkbox links to (a site path), or None.
    consent_page: str | None = None
    # Closer to the start than this, a client's cancel or move goes to the coach.
    self_service_cutoff_hours: float = 24
    coaches: tuple[TeamCoach, ...] = ()  # a program's [[coaches]]; none: [coach] alone
    # The environment variable holding the age key of the client files, or None.
    ledger_key_env: str | None = None
    keep_client_data_days: int = 365  # then a past booking is anonymised

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def coach(self, slug: str) -> TeamCoach:
        return next(c for c in self.coaches if c.slug == slug)

    @property
    def listed_sessions(self) -> tuple[Session, ...]:
        """The sessions a visitor picks from (not one coach's edition of an
        "any" session, which her profile offers)."""
        return tuple(s for s in self.sessions if not s.parent)


def name(*keys: str | int) -> str:
    """The key as the coach writes it: [booking] sessions, item 1, slug."""
    return setting_name("BOOKING", *keys)


def parse_settings(
    raw: object, languages: tuple[str, ...] = (), coaches: tuple[TeamCoach, ...] = ()
) -> BookingSettings:
    """`languages`: the site's, its main one first; a session's title,
    description and location may then be given per language. `coaches`:
    a program's [[coaches]] (none: the one coach of [coach]); [booking]
    weekly_hours is then optional, as each coach has her own."""
    if not isinstance(raw, Mapping):
        raise ConfigError("[booking]", "missing, or not a table; see docs/booking.md")
    _reject_unknown(raw, set(schema.BOOKING.names), ())
    organizer = _organizer(_require(raw, "organizer"))
    defaults = {k: raw.get(k, v) for k, v in SESSION_DEFAULTS.items()}
    sessions = _sessions(raw.get("sessions"), defaults, organizer, languages)
    if coaches and "weekly_hours" in raw:
        raise ConfigError(
            name("weekly_hours"),
            "a program's hours are each coach's own: write them under [[coaches]] weekly_hours",
        )
    return BookingSettings(
        timezone=timezone(_require(raw, "timezone")),
        hours=weekly_and_overrides(raw, required=not coaches),
        busy_calendars=busy_list(raw.get("busy_calendars", [])),
        busy_timeout_seconds=_number(
            raw.get("busy_timeout_seconds", schema.BOOKING.default("busy_timeout_seconds")),
            ("busy_timeout_seconds",),
            positive=True,
            maximum=schema.BOOKING["busy_timeout_seconds"].maximum,
        ),
        organizer=organizer,
        sessions=with_coaches(sessions, raw.get("sessions"), coaches),
        coaches=coaches,
        currency=_currency(raw.get("currency", schema.BOOKING.default("currency"))),
        request_form_action=_form_action(raw.get("request_form_action")),
        ledger=_local_path(raw.get("ledger", DEFAULT_LEDGER), "ledger"),
        outbox=_local_path(raw.get("outbox", DEFAULT_OUTBOX), "outbox"),
        caldav=None if raw.get("caldav") is None else _caldav(raw["caldav"]),
        consent_page=_consent_page(raw.get("consent_page")),
        keep_client_data_days=validate.number(
            raw.get("keep_client_data_days", schema.BOOKING.default("keep_client_data_days")),
            name("keep_client_data_days"),
            positive=True,
            whole=True,
            maximum=schema.BOOKING["keep_client_data_days"].maximum,
        ),
        ledger_key_env=None
        if raw.get("ledger_key_env") is None
        else validate.env_name(raw["ledger_key_env"], name("ledger_key_env")),
        self_service_cutoff_hours=_number(
            raw.get(
                "self_service_cutoff_hours", schema.BOOKING.default("self_service_cutoff_hours")
            ),
            ("self_service_cutoff_hours",),
            positive=False,
            maximum=24 * MAX_HORIZON_DAYS,
        ),
    )


def _require(raw: Mapping, key: str, *path: str | int) -> Any:
    return validate.required(raw, key, name(*path, key))


def _reject_unknown(raw: Mapping, known: set[str], path: tuple[str | int, ...]) -> None:
    validate.known_keys(raw, known, lambda key: name(*path, key))


def _text(value: object, path: tuple[str | int, ...], *, multiline: bool = False) -> str:
    return validate.text(value, name(*path), multiline=multiline)


def _organizer(value: object) -> Organizer:
    if not isinstance(value, Mapping):
        raise ConfigError(name("organizer"), 'must be {"name": ..., "email": ...}')
    _reject_unknown(value, {"name", "email"}, ("organizer",))
    email = validate.email(_require(value, "email", "organizer"), name("organizer", "email"))
    return Organizer(_text(_require(value, "name", "organizer"), ("organizer", "name")), email)


def _number(
    value: object,
    path: tuple,
    *,
    positive: bool,
    whole: bool = False,
    maximum: float | None = None,
) -> Any:
    return validate.number(value, name(*path), positive=positive, whole=whole, maximum=maximum)


def _currency(value: object) -> str:
    from babel.numbers import list_currencies  # Babel's CLDR data: every ISO 4217 code

    if not isinstance(value, str) or value not in list_currencies():
        raise ConfigError(name("currency"), f"must be an ISO 4217 code like USD, not {value!r}")
    return value


def _form_action(value: object) -> str | None:
    """An absolute https URL (plain http only for a local test server), or None."""
    if value is None:
        return None
    try:
        parts = urlsplit(value) if isinstance(value, str) and value.isprintable() else None
        host = parts and parts.hostname
    except ValueError:  # e.g. an unclosed [IPv6 bracket
        parts = host = None
    local = parts is not None and parts.scheme == "http" and host in _LOCAL_HOSTS
    if not host or " " in value or not (parts.scheme == "https" or local):
        raise ConfigError(
            name("request_form_action"),
            f"must be an https:// URL (http:// only for 127.0.0.1 or localhost), not {value!r}",
        )
    return value


def _sessions(
    value: object, defaults: Mapping, organizer: Organizer, languages: tuple[str, ...]
) -> tuple[Session, ...]:
    if not isinstance(value, list | tuple) or not value:
        raise ConfigError(name("sessions"), "must be a list with at least one session")
    sessions: list[Session] = []
    for i, raw in enumerate(value):
        if not isinstance(raw, Mapping):
            raise ConfigError(name("sessions", i), "must be a dict")
        session = _session(raw, i, defaults, organizer, languages)
        for j, other in enumerate(sessions):
            if other.slug == session.slug:
                raise ConfigError(
                    name("sessions", i, "slug"),
                    f'"{session.slug}" is the slug of session {j + 1} too',
                )
        sessions.append(session)
    return tuple(sessions)


def _session(
    raw: Mapping, i: int, defaults: Mapping, organizer: Organizer, languages: tuple[str, ...]
) -> Session:
    _reject_unknown(raw, set(schema.SESSION.names), ("sessions", i))
    words = Collector(languages)

    def main(key: str, value: object) -> str:
        """The text in the site's language; the others are kept in `words`."""
        return words(key, value, name("sessions", i, key), multiline=key == "description")

    slug = _text(_require(raw, "slug", "sessions", i), ("sessions", i, "slug"))
    if not _SLUG.fullmatch(slug):
        raise ConfigError(
            name("sessions", i, "slug"), f'"{slug}" must be lowercase letters, digits and dashes'
        )

    def pick(key: str) -> tuple[object, tuple]:
        # Name the setting where the bad value was written, not where it landed.
        return (raw[key], ("sessions", i, key)) if key in raw else (defaults[key], (key,))

    duration = _number(
        _require(raw, "duration_minutes", "sessions", i),
        ("sessions", i, "duration_minutes"),
        positive=True,
        whole=True,
        maximum=DAY_MINUTES,
    )
    interval, interval_path = pick("interval_minutes")
    cap, cap_path = pick("max_per_day")
    return Session(
        slug=slug,
        title=main("title", _require(raw, "title", "sessions", i)),
        duration_minutes=duration,
        description=main(
            "description",
            raw.get("description", f"A {duration}-minute session with {organizer.name}."),
        ),
        location=main("location", raw.get("location", schema.SESSION.default("location"))),
        price=_number(
            raw.get("price", 0),
            ("sessions", i, "price"),
            positive=False,
            maximum=schema.SESSION["price"].maximum,
        ),
        minimum_notice_hours=_number(
            *pick("minimum_notice_hours"), positive=False, maximum=24 * MAX_HORIZON_DAYS
        ),
        horizon_days=_horizon(*pick("horizon_days")),
        interval_minutes=duration
        if interval is None
        else _number(interval, interval_path, positive=True, whole=True, maximum=DAY_MINUTES),
        buffer_before_minutes=_number(
            *pick("buffer_before_minutes"), positive=False, whole=True, maximum=DAY_MINUTES
        ),
        buffer_after_minutes=_number(
            *pick("buffer_after_minutes"), positive=False, whole=True, maximum=DAY_MINUTES
        ),
        max_per_day=None
        if cap is None
        else _number(cap, cap_path, positive=True, whole=True, maximum=DAY_MINUTES),
        questions=_questions(raw.get("questions", []), ("sessions", i, "questions")),
        words=tuple(words.words),
    )


ASSIGN = schema.SESSION["assign"].choices
WITH = "-with-"  # a coach's edition of an "any" session: <session>-with-<coach>


def with_coaches(
    sessions: tuple[Session, ...], raw: object, coaches: tuple[TeamCoach, ...]
) -> tuple[Session, ...]:
    """Each session's coaches (a program's sessions without `coaches` are
    given by all of them), then one edition per coach of every "any"
    session, slugged <session>-with-<coach>."""
    assert isinstance(raw, list | tuple)
    known = [c.slug for c in coaches]
    found: list[Session] = []
    for i, (session, entry) in enumerate(zip(sessions, raw, strict=True)):
        listed = entry.get("coaches")
        assign = entry.get("assign", "any")
        if assign not in ASSIGN:
            raise ConfigError(
                name("sessions", i, "assign"),
                f'must be "any" (whoever is free) or "all" (together), not {assign!r}',
            )
        if listed is None:
            if "assign" in entry and not coaches:
                raise ConfigError(
                    name("sessions", i, "assign"), "needs coaches = [...] and [[coaches]]"
                )
            chosen = tuple(known)
        else:
            chosen = _coach_slugs(listed, known, i)
        found.append(replace(session, coaches=chosen, assign=assign))
    editions = [
        replace(s, slug=f"{s.slug}{WITH}{c}", coaches=(c,), parent=s.slug)
        for s in found
        if s.shared and s.assign == "any"
        for c in s.coaches
    ]
    slugs = {s.slug: i for i, s in enumerate(found)}
    for edition in editions:
        if edition.slug in slugs:
            raise ConfigError(
                name("sessions", slugs[edition.slug], "slug"),
                f'"{edition.slug}" is the address of {edition.coaches[0]}\'s edition of '
                f'"{edition.parent}"; choose another slug',
            )
    return (*found, *editions)


def _coach_slugs(value: object, known: list[str], i: int) -> tuple[str, ...]:
    where = name("sessions", i, "coaches")
    if not known:
        raise ConfigError(where, "this site has no [[coaches]]; add them, or remove this line")
    if isinstance(value, str) or not isinstance(value, list | tuple) or not value:
        raise ConfigError(where, f'must be a list of coach slugs like ["{known[0]}"]')
    for j, slug in enumerate(value):
        if slug not in known:
            close = difflib.get_close_matches(str(slug), known, n=1)
            hint = f' (did you mean "{close[0]}"?)' if close else f" ({', '.join(known)})"
            raise ConfigError(name("sessions", i, "coaches", j), f"{slug!r} is not a coach{hint}")
        if slug in value[:j]:
            raise ConfigError(name("sessions", i, "coaches", j), f"{slug!r} is listed twice")
    return tuple(value)


def _questions(value: object, path: tuple) -> tuple[Question, ...]:
    if not isinstance(value, list | tuple) or len(value) > MAX_QUESTIONS:
        raise ConfigError(
            name(*path),
            f'must be a list of at most {MAX_QUESTIONS} questions like {{"label": "Your role"}}',
        )
    questions = []
    for i, raw in enumerate(value):
        here = (*path, i)
        if not isinstance(raw, Mapping):
            raise ConfigError(name(*here), 'must be a dict like {"label": "Your role"}')
        _reject_unknown(raw, set(schema.QUESTION.names), here)
        label = _text(_require(raw, "label", *here), (*here, "label"))
        if ":" in label or "[" in label:
            # The desk finds the answer after "label:" in the request email.
            raise ConfigError(name(*here, "label"), f"{label!r} must not contain : or [")
        kind = raw.get("type", "text")
        if kind not in schema.QUESTION["type"].choices:
            raise ConfigError(
                name(*here, "type"), f'must be "text", "choice" or "checkbox", not {kind!r}'
            )
        options = raw.get("options", [])
        if kind == "choice":
            if not isinstance(options, list | tuple) or len(options) < 2:
                raise ConfigError(
                    name(*here, "options"), 'a "choice" needs a list of at least two options'
                )
            options = tuple(_text(o, (*here, "options", j)) for j, o in enumerate(options))
            for j, option in enumerate(options):
                if any(c in option for c in "/()[]"):
                    # The request email lists the options as "(one / other)".
                    raise ConfigError(
                        name(*here, "options", j), f"{option!r} must not contain / ( ) [ or ]"
                    )
        elif options:
            raise ConfigError(name(*here, "options"), 'only a "choice" question has options')
        required = raw.get("required", False)
        if not isinstance(required, bool):
            raise ConfigError(name(*here, "required"), f"must be true or false, not {required!r}")
        questions.append(Question(label, kind, tuple(options), required))
    return tuple(questions)


def _consent_page(value: object) -> str | None:
    """A page of the site, written as its path (pages/privacy.html), so the
    checkbox links to something the build publishes."""
    if value is None:
        return None
    text = _text(value, ("consent_page",))
    if "://" in text or text.startswith("//") or any(c in text for c in '"<> '):
        raise ConfigError(
            name("consent_page"),
            f"must be a path of your site like pages/privacy.html, not {text!r}",
        )
    return text.lstrip("/")


def _horizon(value: object, path: tuple) -> int:
    days = _number(value, path, positive=False, whole=True)
    if days > MAX_HORIZON_DAYS:
        raise ConfigError(name(*path), f"must be at most {MAX_HORIZON_DAYS} days, not {days}")
    return days


def _local_path(value: object, key: str) -> str:
    text = _text(value, (key,))
    if "://" in text:
        raise ConfigError(name(key), f"must be a local path, not {text!r}")
    return text


def _caldav(raw: object) -> CalDavSettings:
    if not isinstance(raw, Mapping):
        raise ConfigError(
            name("caldav"), 'must be a dict like {"url": ..., "username": ..., "password_env": ...}'
        )
    _reject_unknown(raw, set(schema.CALDAV.names), ("caldav",))
    url = _text(_require(raw, "url", "caldav"), ("caldav", "url"))
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigError(
            name("caldav", "url"), "must be the server's https:// address (from your provider)"
        )
    if parts.scheme == "http" and not validate.is_loopback(parts.hostname):
        raise ConfigError(
            name("caldav", "url"), "http:// would send your password unencrypted; use https://"
        )
    if parts.username or parts.password:
        raise ConfigError(
            name("caldav", "url"), "must not contain a user name or password; use username"
        )
    calendars = _require(raw, "calendars", "caldav")
    if isinstance(calendars, str) or not isinstance(calendars, list | tuple) or not calendars:
        raise ConfigError(
            name("caldav", "calendars"),
            'must be a list of calendar names, e.g. ["Work"]; bookings go into the first',
        )
    return CalDavSettings(
        url=url,
        username=_text(_require(raw, "username", "caldav"), ("caldav", "username")),
        password_env=validate.env_name(
            _require(raw, "password_env", "caldav"), name("caldav", "password_env")
        ),
        calendars=tuple(_text(c, ("caldav", "calendars", i)) for i, c in enumerate(calendars)),
    )
