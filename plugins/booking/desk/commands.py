"""The desk's commands: confirm, cancel, reschedule, list bookings, sync the calendar.

Every command that changes the ledger holds its lock from reading to
writing, and `confirm` decides with the engine itself (make_plan, fresh
busy data, the ledger): a time the site would not offer now is refused.
The order is always the ledger first (the authority), then the outbox,
then the CalDAV calendar (calendar_sync.sync, which can be repeated on its
own); a failure at any step leaves the earlier ones done and the later
ones undone, and says so. This module never imports Pelican; cli.py reads
pelicanconf.py and hands the values in as a Desk.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from functools import cached_property, partial
from pathlib import Path
from urllib.parse import urlsplit

from ...common.clock import ClockError, read_clock
from ...common.email_address import SHAPE, is_email_address
from ...common.files import write_atomically
from ...common.ical import uid, uid_host
from ...common.language import Language, LanguageError, load_language
from ...common.sealed import Vault
from ...common.sealed import vault as sealed_vault
from ...common.zones import iana_zones, unknown_zone
from ...config import validate
from ...config.booking import BookingSettings, Organizer, Session
from ...config.desk import DeskSettings, SmtpSettings, parse_desk
from ...config.placement import check_private_paths
from .. import busy, busy_caldav, ledger_format, tokens
from ..errors import BookingError
from ..labels import day_label, time_range, zone_label
from ..ledger_format import CANCELLED, CONFIRMED, Entry, Ledger
from ..model import Slot
from ..plan import make_plan
from ..tokens import manage_url
from . import calendar_sync, ledger, mail, outgoing, signing, work
from .assignment import Assigned, choose
from .invitations import (
    CANCEL,
    REQUEST,
    TEMPLATES,
    check_wording,
    client_when,
    invitation,
    message,
    when_label,
)
from .video import new_room
from .work import DONE, Item

_SLOT = re.compile(r"(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)-(?P<stamp>\d{8}T\d{6}Z)")
# A slot page URL or path works too: request emails carry it.
_SLOT_PATH = re.compile(r"book/(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)/(?P<stamp>\d{8}T\d{6}Z)")


_LINKS = re.compile(r"https?://[^\s)>\]]+")


def _local(url: str) -> bool:
    """A link only this computer can open (the local preview's address)."""
    return validate.is_loopback(urlsplit(url).hostname)


# The catalogs of the theme this project ships (cli.py passes the THEME's).
SHIPPED_CATALOGS = Path(__file__).resolve().parents[3] / "theme" / "translations"


class DeskError(BookingError):
    """A command cannot be carried out; `str()` is the one line to show."""


@dataclass(frozen=True)
class Desk:
    """Everything a command needs, as plain values (cli.py fills it from site.toml)."""

    raw: object  # the checked DeskSettings, or a BOOKING dict to check
    content_path: Path  # Pelican's PATH: relative busy calendars live here
    output_path: Path  # the ledger and outbox must not be inside it
    root: Path  # the project folder: relative ledger/outbox paths start here
    siteurl: str
    origin: str  # FEED_DOMAIN or SITEURL, for links in cancellation emails
    now: datetime  # aware
    environ: Mapping[str, str]
    theme_static: tuple[Path, ...] = ()  # theme folders a build copies: never the ledger's
    reader: Callable[[busy.BusySource, float], bytes] = busy.read
    lock_timeout: float = ledger.LOCK_TIMEOUT_SECONDS
    default_lang: object = "en"  # DEFAULT_LANG
    extra_langs: tuple[str, ...] = ()  # EXTRA_LANGUAGES: a request may come from any edition
    catalogs: Path = SHIPPED_CATALOGS  # the theme's translations/ folder
    templates: Path = TEMPLATES  # the theme's templates (desk/*.txt word the emails)

    def language(self, code: str = "", setting: str = "[site] language") -> Language:
        """The site's language, or a booking's own (`code`, as --lang gives it)."""
        try:
            return load_language(code or self.default_lang, self.catalogs, setting)
        except LanguageError as error:
            raise DeskError(str(error)) from None

    @cached_property
    def desk_settings(self) -> DeskSettings:
        if isinstance(self.raw, DeskSettings):
            return self.raw
        return parse_desk(self.raw, (str(self.default_lang), *self.extra_langs))

    @property
    def settings(self) -> BookingSettings:
        return self.desk_settings.booking

    @property
    def smtp(self) -> SmtpSettings | None:
        return self.desk_settings.smtp

    @property
    def ledger_path(self) -> Path:
        return ledger_format.resolve(self.settings.ledger, self.root)

    @property
    def outbox(self) -> Path:
        return ledger_format.resolve(self.settings.outbox, self.root)

    @cached_property
    def vault(self) -> Vault:
        """How the ledger and the outbox are kept: sealed with the key in
        [booking] ledger_key_env's variable, or plain."""
        return sealed_vault(self.settings.ledger_key_env, self.environ)

    @property
    def host(self) -> str:
        """The same UID domain the build uses, so the invitation replaces the
        tentative event the client saved from the slot page."""
        return uid_host(self.siteurl, self.settings.organizer.email)


@dataclass
class Outcome:
    lines: list[str] = field(default_factory=list)  # what to tell the coach
    messages: list[EmailMessage] = field(default_factory=list)  # ready to send
    entries: list[Entry] = field(default_factory=list)  # what was recorded
    # Set when the ledger and outbox are done but the calendar is not.
    calendar_problem: str | None = None


def clock(environ: Mapping[str, str]) -> datetime:
    """The build's clock (SOURCE_DATE_EPOCH, else now), as a desk error."""
    try:
        return read_clock(environ)
    except ClockError as error:
        raise DeskError(str(error)) from None


# --- the commands ----------------------------------------------------------------


def confirm(
    desk: Desk,
    slot: str,
    name: str,
    email: str,
    note: str = "",
    lang: str = "",
    client_zone: str = "",
) -> Outcome:
    """`lang`: the client's language for this booking's messages ("" = the site's);
    `client_zone`: her time zone, shown first in her emails ("" = unknown)."""
    if client_zone and client_zone not in iana_zones():
        raise DeskError(f"--client-zone: {unknown_zone(client_zone)}")
    _check_paths(desk)
    slot_id = _slot_id(desk.settings, slot)
    client_name, client_email = _client(name, email)
    note = _line(note, "--note", allow_empty=True, limit=2000)
    language = desk.language(lang, "--lang").code if lang else ""
    with _opened(desk) as (book, earlier):
        _refuse_booked(book, slot_id)
        offered, session, assigned = _offered(desk, book, slot_id)
        entry = _new_entry(desk, book, offered, session, client_name, client_email, note, language)
        entry = replace(entry, zone=client_zone, assigned=assigned)
        outcome = _merged(_record(desk, book, (entry, REQUEST)), earlier)
    return _report(
        desk,
        outcome,
        f"Confirmed {slot_id}: {client_name} <{client_email}>, {_when(desk, entry)}.",
        "the time is no longer offered",
    )


def cancel(desk: Desk, slot: str, reason: str = "") -> Outcome:
    _check_paths(desk)
    slot_id = _slot_id(desk.settings, slot, must_exist=False)
    reason = _line(reason, "--reason", allow_empty=True, limit=2000)
    with _opened(desk) as (book, earlier):
        entry = _confirmed(book, slot_id)
        cancelled = _cancelled(desk, entry, reason)
        outcome = _merged(_record(desk, book, (cancelled, CANCEL)), earlier)
    return _report(
        desk,
        outcome,
        f"Cancelled {slot_id} ({entry.name} <{entry.email}>); "
        f"SEQUENCE is now {cancelled.sequence}.",
        "the time is offered again",
    )


def reschedule(desk: Desk, slot: str, to: str) -> Outcome:
    """Cancel `slot` and confirm `to` for the same client, under one lock."""
    _check_paths(desk)
    old_id = _slot_id(desk.settings, slot, must_exist=False)
    new_id = _slot_id(desk.settings, to)
    if new_id == old_id:
        raise DeskError(f"--to is the same slot as --slot ({old_id}); nothing to move")
    with _opened(desk) as (book, earlier):
        old = _confirmed(book, old_id)
        _refuse_booked(book, new_id)
        offered, session, assigned = _offered(desk, book, new_id, moving=old)
        new = replace(moved_entry(desk, book, offered, session, old), assigned=assigned)
        moved = desk.language(old.language).gettext("Moved to {time}.")
        her_time = client_when(
            new.start, new.end, new.zone, desk.settings.timezone, desk.language(old.language)
        )
        cancelled = _cancelled(desk, old, moved.format(time=her_time))
        outcome = _merged(_record(desk, book, (cancelled, CANCEL), (new, REQUEST)), earlier)
    return _report(
        desk,
        outcome,
        f"Moved {old.name} <{old.email}> from {old_id} to {new_id}: {_when(desk, new)}.",
        "the old time is offered again, the new one no longer",
    )


def listing(desk: Desk, everything: bool = False) -> list[str]:
    """Upcoming confirmed bookings in the coach's zone (`everything`: past and
    cancelled ones too)."""
    settings = desk.settings
    zone = settings.zone
    book = work.read(desk.ledger_path, desk.vault)
    chosen = [e for e in book.entries if everything or (e.confirmed and e.end > desk.now)]
    if not chosen:
        return ["No upcoming bookings." if not everything else "The ledger is empty."]
    lang = desk.language()
    heading = "All" if everything else "Upcoming"
    lines = [f"{heading} bookings ({zone_label(settings.timezone, lang)}):"]
    for entry in chosen:
        start, end = entry.start.astimezone(zone), entry.end.astimezone(zone)
        status = "" if entry.confirmed else "  [cancelled]"
        lines.append(
            f"  {day_label(start.date(), lang)}, {time_range(start, end, lang)}  "
            f"{entry.slot_id}  {entry.name} <{entry.email}>{status}"
        )
    return lines


def send(
    desk: Desk, outcome: Outcome, report: Callable[[str], object] = lambda line: None
) -> list[str]:
    """Send the outcome's messages when [booking] smtp is set; lines to print.

    Each line is also handed to `report` as soon as its message is sent, so
    when a later message fails the coach still learns which ones went."""
    smtp = desk.smtp
    if smtp is None or not outcome.messages:
        return []
    for msg in outcome.messages:
        local = [
            link for link in _LINKS.findall(msg.get_body(("plain",)).get_content()) if _local(link)
        ]
        if local:
            raise DeskError(
                f"not sent: the email links to {local[0]}, this computer's own address; set "
                "SITEURL to your site's address, e.g. SITEURL=https://coach.example.fr "
                "invoke confirm ..."
            )
    sent = []
    for msg in outcome.messages:
        mail.send(msg, smtp, desk.environ)
        sent.append(f"Sent to {msg['To']} through {smtp.host}.")
        report(sent[-1])
    return sent


# --- the steps -------------------------------------------------------------------


def _record(desk: Desk, book: Ledger, *changes: tuple[Entry, str]) -> Outcome:
    """The one order of every change: the ledger (the authority), then the
    outbox, then the calendar. A failed ledger write raises before anything
    else is touched; a failed calendar step is reported, not raised. Entries
    are written pending first and marked done once their invitations are in
    the outbox, so a command killed in between is completed by the next."""
    for entry, _method in changes:
        book = book.put(replace(entry, pending=True))
    ledger.write(book)
    outcome = Outcome(entries=[entry for entry, _method in changes])
    for entry, method in changes:
        _deliver(desk, outcome, entry, method)
        book = book.put(replace(entry, pending=False))
    ledger.write(book, backup=False)
    _sync(desk, outcome, book)
    return outcome


@contextmanager
def _opened(desk: Desk) -> Iterator[tuple[Ledger, Outcome]]:
    """The ledger under its lock, after finishing what an interrupted command
    left: its temporary files removed, its pending invitations written."""
    with ledger.locked(desk.ledger_path, desk.lock_timeout):
        book, earlier, _done = _finished(desk)
        yield book, earlier


def _finished(desk: Desk) -> tuple[Ledger, Outcome, list[tuple[Entry, str]]]:
    """Under the lock: the ledger once what an interrupted command left is
    done (temporary files removed, pending invitations written to the
    outbox and marked done), and each completed entry with the name its
    message was written under."""
    ledger.remove_leftovers(desk.ledger_path, desk.outbox)
    book = work.read(desk.ledger_path, desk.vault)
    earlier = Outcome()
    done = []
    for entry in [e for e in book.entries if e.pending]:
        stem = _deliver(desk, earlier, entry, REQUEST if entry.confirmed else CANCEL)
        done.append((entry, stem))
        book = book.put(replace(entry, pending=False))
        earlier.lines.append(
            f"Completed {entry.slot_id}: an interrupted command had recorded it "
            "without its message."
        )
    if done:
        ledger.write(book, backup=False)
    return book, earlier, done


def finish_interrupted(desk: Desk, report: Callable[[str], object] = print) -> None:
    """What `inbox` and `remind` do first, as `confirm` does: a booking a
    killed command recorded without its invitation gets it now, in the
    outbox and in the queue the run sends (recorded, so it goes exactly
    once, and before any reminder of that booking)."""
    _check_paths(desk)
    with ledger.locked(desk.ledger_path, desk.lock_timeout):
        book, earlier, done = _finished(desk)
        if not done:
            return
        for (entry, stem), msg in zip(done, earlier.messages, strict=True):
            outgoing.put(desk.outbox, stem, msg, desk.vault)
            book = book.record(
                Item(
                    id=f"completed {stem}",
                    kind="completed",
                    status=DONE,
                    created=desk.now,
                    slot_id=entry.slot_id,
                    email=entry.email,
                    outgoing=(stem,),
                )
            )
        ledger.write(book, backup=False)
    for entry, stem in done:
        report(
            f"Completed {entry.slot_id}: an interrupted command had recorded it without "
            f"its message; {stem} is queued."
        )


def _merged(outcome: Outcome, earlier: Outcome) -> Outcome:
    outcome.messages[:0] = earlier.messages
    outcome.lines[:0] = earlier.lines
    return outcome


def _report(desk: Desk, outcome: Outcome, done: str, change: str) -> Outcome:
    outcome.lines[:0] = [done, *_recorded(desk)]
    outcome.lines += _next_steps(desk, change)
    return outcome


def _when(desk: Desk, entry: Entry) -> str:
    """In the booking's language: it goes into the client's messages too."""
    lang = desk.language(entry.language)
    return when_label(entry, desk.settings.zone, desk.settings.timezone, lang)


def _check_paths(desk: Desk) -> None:
    check_wording(desk.templates)
    _check_links(desk)
    for key, path in (("ledger", desk.ledger_path), ("outbox", desk.outbox)):
        check_private_paths(key, path, desk.content_path, desk.output_path, desk.theme_static)


def _slot_id(settings: BookingSettings, text: str, *, must_exist: bool = True) -> str:
    text = (text or "").strip()
    match = _SLOT.fullmatch(text) or _SLOT_PATH.search(text)
    slugs = [s.slug for s in settings.sessions]
    hint = f"expected <session>-YYYYMMDDTHHMMSSZ, e.g. {slugs[0]}-20261124T140000Z"
    if not match:
        raise DeskError(f"unknown slot id {text!r}: {hint}")
    try:
        datetime.strptime(match["stamp"], "%Y%m%dT%H%M%SZ")
    except ValueError:
        raise DeskError(f"unknown slot id {text!r}: {match['stamp']} is not a time") from None
    if must_exist and match["slug"] not in slugs:
        raise DeskError(
            f'unknown slot id {text!r}: no session "{match["slug"]}" in [booking] sessions '
            f"({', '.join(slugs)})"
        )
    return f"{match['slug']}-{match['stamp']}"


def _line(value: str, option: str, *, allow_empty: bool = False, limit: int = 200) -> str:
    text = " ".join((value or "").split())
    if not text and not allow_empty:
        raise DeskError(f"{option} is empty")
    if len(text) > limit or not text.isprintable():
        raise DeskError(f"{option} must be printable text of at most {limit} characters")
    return text


def _client(name: str, email: str) -> tuple[str, str]:
    name = _line(name, "--name")
    address = (email or "").strip()
    if not is_email_address(address):
        raise DeskError(f"--email {address!r} is not an email address {SHAPE}")
    return name, address


def _refuse_booked(book: Ledger, slot_id: str) -> None:
    existing = book.find(slot_id)
    if existing is not None and existing.confirmed:
        raise DeskError(
            f"{slot_id} is already booked ({existing.name}); nothing was changed. "
            "To replace the booking, cancel it first"
        )


def _confirmed(book: Ledger, slot_id: str) -> Entry:
    entry = book.find(slot_id)
    if entry is None:
        raise DeskError(f"{slot_id} is not in the ledger {book.path}; nothing to change")
    if not entry.confirmed:
        raise DeskError(f"{slot_id} is already cancelled; nothing to change")
    return entry


def _offered(
    desk: Desk, book: Ledger, slot_id: str, moving: Entry | None = None
) -> tuple[Slot, Session, str]:
    """The slot, if the site would offer it right now: same engine, fresh busy
    data, every confirmed booking (except the one being moved). A program's
    "any" slot comes back as the chosen coach's edition of it, with the
    reason for the choice ("" otherwise)."""
    # The calendar copy of the booking being moved (or a stale copy of this
    # very slot) must not block it: the ledger is the authority on bookings.
    skip = {uid(slot_id, desk.host)} | ({moving.uid} if moving else set())
    plan = current_plan(desk, book, without=moving.slot_id if moving else None, skip=skip)
    for session_plan in plan.sessions:
        for slot in session_plan.slots:
            if slot.id == slot_id:
                session = session_plan.session
                if session.shared and session.assign == "any":
                    return _assign(desk, book, plan, slot, session)
                return slot, session, ""
    raise DeskError(
        f"{slot_id} is not offered any more: {_why_not(desk, slot_id)}; nothing was changed"
    )


def _assign(
    desk: Desk, book: Ledger, plan, slot: Slot, session: Session
) -> tuple[Slot, Session, str]:
    """The coach who takes an "any" slot, among those whose own edition of
    the session still offers it in the fresh plan."""
    settings = desk.settings
    editions = {
        sp.session.coaches[0]: sp for sp in plan.sessions if sp.session.parent == session.slug
    }
    free = {
        coach: next(s for s in editions[coach].slots if s.start == slot.start)
        for coach in session.coaches
        if any(s.start == slot.start for s in editions[coach].slots)
    }
    by_slug = {s.slug: s for s in settings.sessions}
    history = [
        Assigned(
            by_slug[e.session].coaches[0], e.created, by_slug[by_slug[e.session].parent].coaches
        )
        for e in book.entries
        if e.confirmed and e.session in by_slug and by_slug[e.session].parent
    ]
    choice = choose(
        [settings.coach(c) for c in free], settings.coaches, history, desk.now, settings.zone
    )
    edition = editions[choice.coach.slug]
    return free[choice.coach.slug], edition.session, choice.reason


def current_plan(desk: Desk, book: Ledger, *, without: str | None = None, skip=frozenset()):
    """The site's plan right now: same engine, fresh busy data, every
    confirmed booking (`without` one being moved; `skip`: CalDAV copies of
    bookings that must not block themselves)."""
    return make_plan(
        desk.settings,
        content_path=desk.content_path,
        now=desk.now,
        bookings=book.bookings(without=without),
        reader=desk.reader,
        caldav_busy=partial(busy_caldav.read_busy, environ=desk.environ, skip_uids=set(skip)),
    )


def _why_not(desk: Desk, slot_id: str) -> str:
    slug, stamp = slot_id.rsplit("-", 1)
    start = datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    session = next(s for s in desk.settings.sessions if s.slug == slug)
    if start <= desk.now:
        return "that time has passed"
    if start < desk.now + timedelta(hours=session.minimum_notice_hours):
        return f"it is less than {session.minimum_notice_hours:g} hours away (minimum_notice_hours)"
    if start >= desk.now + timedelta(days=session.horizon_days):
        return f"it is more than {session.horizon_days} days ahead (horizon_days)"
    return (
        "it overlaps busy time or another booking (with buffers), is outside your hours, "
        "or its day is full (max_per_day)"
    )


def _new_entry(
    desk: Desk,
    book: Ledger,
    slot: Slot,
    session: Session,
    name: str,
    email: str,
    note: str,
    language: str = "",
) -> Entry:
    """A confirmed booking, with the session in the client's language
    (`language`, "" = the site's): its title and place are hers to read."""
    session = session.in_language(language or str(desk.default_lang))
    previous = book.find(slot.id)  # a cancelled booking of the same slot
    organizer = desk.settings.organizer
    if len(session.coaches) == 1 and desk.settings.coaches:
        # A program's booking is organised by its coach: the client's
        # invitation names her, and replies go to her.
        coach = desk.settings.coach(session.coaches[0])
        organizer = Organizer(coach.name, coach.email)
    return Entry(
        uid=uid(slot.id, desk.host),
        slot_id=slot.id,
        session=session.slug,
        start=slot.start,
        end=slot.end,
        status=CONFIRMED,
        # Clients that saw the cancellation only accept a higher SEQUENCE.
        sequence=0 if previous is None else previous.sequence + 1,
        summary=session.title,
        location=session.location,
        organizer_name=organizer.name,
        organizer_email=organizer.email,
        name=name,
        email=email,
        note=note,
        reason="",
        language=language,
        created=desk.now,
        modified=desk.now,
        video=new_room(desk.desk_settings.video, slot.id),
    )


def moved_entry(desk: Desk, book: Ledger, slot: Slot, session: Session, old: Entry) -> Entry:
    """The booking `old` at a new time: same client, language, zone, answers and video room."""
    new = _new_entry(desk, book, slot, session, old.name, old.email, old.note, old.language)
    return replace(
        new,
        language=old.language,
        zone=old.zone,
        video=old.video or new.video,
        answers=old.answers,
        request_id=old.request_id,
    )


def _cancelled(desk: Desk, entry: Entry, reason: str) -> Entry:
    return replace(
        entry,
        status=CANCELLED,
        sequence=entry.sequence + 1,
        reason=reason,
        modified=max(desk.now, entry.modified),
    )


def public_origin(desk: Desk) -> str:
    """The site's address for links in clients' emails, or "" when it is
    this computer's own (a client cannot open it: no link rather than a dead one)."""
    if desk.origin.startswith(("http://", "https://")) and not _local(desk.origin):
        return desk.origin.rstrip("/")
    return ""


def _check_links(desk: Desk) -> None:
    """With the link secret set, every client email carries her cancel and
    move links, which need the site's public address: without it they would
    be left out, so nothing is sent until it is known."""
    if signing.secret(desk.environ, desk.desk_settings.link_secret_env) and not public_origin(desk):
        raise DeskError(
            "your clients' cancel and move links need your site's public address: "
            'set url under [site] in site.toml (e.g. url = "https://coach.example.org") '
            "or run with SITEURL; nothing was changed"
        )


def self_service_links(desk: Desk, entry: Entry) -> dict[str, str]:
    """The client's signed Cancel and Choose-another-time links, when the
    secret is set and the site has a public address."""
    key = signing.secret(desk.environ, desk.desk_settings.link_secret_env)
    origin = public_origin(desk)
    if key is None or not origin or not entry.confirmed:
        return {}
    return {
        action: manage_url(
            origin,
            action,
            entry.slot_id,
            entry.sequence,
            signing.sign(key, action, entry.slot_id, entry.sequence),
            edition_prefix(desk, entry.language),
        )
        for action in (tokens.CANCEL, tokens.MOVE)
    }


def edition_prefix(desk: Desk, code: str) -> str:
    """The folder of the site's edition in the booking's language ("en/"),
    "" for the first language (as common.language.url_prefix places them)."""
    if not code or code not in desk.extra_langs:
        return ""
    return f"{desk.language(code).tag.lower()}/"


def compose(desk: Desk, entry: Entry, method: str) -> tuple[str, bytes, EmailMessage]:
    """The invitation (REQUEST) or cancellation (CANCEL) of `entry`, as the
    .ics and the message carrying it; the name both are stored under."""
    lang = desk.language(entry.language)
    ics = invitation(entry, method, desk.now, lang)
    smtp = desk.smtp
    sender = smtp.sender if smtp and smtp.sender else entry.organizer_email
    origin = public_origin(desk)
    stem = f"{entry.slot_id}-{method.lower()}-{entry.sequence}"
    msg = message(
        entry,
        method,
        ics,
        timezone=desk.settings.timezone,
        sender=sender,
        host=desk.host,
        now=desk.now,
        lang=lang,
        rebook_url=f"{origin}/book/{entry.session}/" if origin else "",
        templates=desk.templates,
        links=self_service_links(desk, entry),
        message_id=f"<{stem}.{entry.modified:%Y%m%dT%H%M%S}@{desk.host}>",
        # A program's coach organises her bookings and gets each message too.
        copy_to=entry.organizer_email
        if entry.organizer_email.lower() != desk.settings.organizer.email.lower()
        else "",
    )
    return stem, ics, msg


def _deliver(desk: Desk, outcome: Outcome, entry: Entry, method: str) -> str:
    """Write the invitation (.ics) and the ready-to-send message (.eml) to the
    outbox; the name (stem) both are stored under."""
    stem, ics, msg = compose(desk, entry, method)
    outbox = desk.outbox
    try:
        outbox.mkdir(parents=True, exist_ok=True)
        write_atomically(outbox / f"{stem}.ics", desk.vault.seal(ics))
        write_atomically(outbox / f"{stem}.eml", desk.vault.seal(msg.as_bytes()))
    except OSError as exc:
        raise DeskError(
            f"recorded in the ledger, but the outbox {outbox} cannot be written "
            f"({exc.strerror or exc}); fix it: the next desk command (confirm, cancel, "
            "reschedule, inbox, remind) writes the invitation first"
        ) from None
    outcome.messages.append(msg)
    what = "Invitation" if method == REQUEST else "Cancellation"
    outcome.lines.append(f"{what}: {_shown(desk, outbox / stem)}.eml (and .ics)")
    return stem


def _shown(desk: Desk, path: Path) -> str:
    return (
        str(path.relative_to(desk.root.resolve()))
        if path.is_relative_to(desk.root.resolve())
        else str(path)
    )


def _sync(desk: Desk, outcome: Outcome, book: Ledger) -> None:
    """The calendar last: the ledger and outbox are already right if this fails."""
    caldav = desk.settings.caldav
    if caldav is None:
        return
    try:
        calendar_sync.sync(desk.settings, book, desk.now, desk.environ)
    except BookingError as error:
        outcome.calendar_problem = (
            f"recorded in the ledger and the outbox, but the calendar was not updated: "
            f"{error}; fix it, then run `invoke sync-calendar`"
        )
        return
    outcome.lines.append(f'Calendar "{caldav.calendars[0]}" on {caldav.label} updated.')


def sync_calendar(desk: Desk) -> list[str]:
    """Bring [booking] caldav in line with the ledger (after a failed attempt, or any time)."""
    caldav = desk.settings.caldav
    if caldav is None:
        raise DeskError("[booking] caldav is not set; there is no calendar to bring up to date")
    with ledger.locked(desk.ledger_path, desk.lock_timeout):
        book = work.read(desk.ledger_path, desk.vault)
        report = calendar_sync.sync(desk.settings, book, desk.now, desk.environ)
    where = f'Calendar "{caldav.calendars[0]}" on {caldav.label}'
    if not report.changed:
        return [f"{where} already matches the ledger."]
    lines = [f"{where} brought in line with the ledger:"]
    lines += [f"  added {slot}" for slot in report.added]
    lines += [f"  removed {slot}" for slot in report.removed]
    return lines


def _recorded(desk: Desk) -> list[str]:
    return [f"Recorded in {_shown(desk, desk.ledger_path)} (previous version kept as .bak)."]


def _next_steps(desk: Desk, change: str) -> list[str]:
    smtp = desk.smtp
    if smtp:
        sending = f"sent through {smtp.host} ([booking] smtp) unless you said --no-send."
    else:
        sending = "open the .eml in your mail program and send it (or set [booking] smtp)."
    site = f"Rebuild and publish (invoke build, or the scheduled rebuild) so {change}."
    return ["Next:", f"  1. The message: {sending}", f"  2. {site}"]
