"""The bookings ledger's format: one iCalendar file, one VEVENT per booked slot.

The build reads confirmed bookings through this module (they are busy time
and count towards max_per_day); it never writes a file. The desk's store
(plugins.booking.desk.ledger) locks, writes and keeps the `.bak` copy.

Each VEVENT carries the published slot's UID, STATUS (CONFIRMED or
CANCELLED), SEQUENCE, ORGANIZER (the coach), ATTENDEE (the client, with CN
and mailto), and the session slug and slot id as X-BOOKING-SESSION and
X-BOOKING-SLOT. A cancelled slot that is booked again reuses its VEVENT with
a higher SEQUENCE: a UID may appear only once in a calendar.

The desk also keeps its work in the same file, as VTODOs the build never
reads (`Item`): every inbox message it handled (by Message-ID, so none is
handled twice), each request waiting for the coach's yes, each reminder
sent, and the outgoing messages each of them queued. A booking's video room
is its CONFERENCE (RFC 7986), its intake answers X-BOOKING-ANSWERS (never in
an invitation or the CalDAV copy).

A program's booking given to a coach by the desk keeps why, as
X-BOOKING-ASSIGNED (private too). With [booking] ledger_key_env the file is
sealed with age (plugins.common.sealed) and read with the key.

A ledger that does not parse is an error naming the file, never an empty
ledger: a build that lost the bookings would offer booked times again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..common.ical import first_bad_line, new_calendar, text_value
from ..common.sealed import PLAIN, Vault, vault
from ..config.booking import BookingSettings
from ..config.placement import check_private_paths
from .errors import BookingError
from .model import Booking

if TYPE_CHECKING:
    import icalendar

CONFIRMED = "CONFIRMED"
CANCELLED = "CANCELLED"
X_SESSION = "X-BOOKING-SESSION"
X_SLOT = "X-BOOKING-SLOT"
X_REASON = "X-BOOKING-CANCEL-REASON"
# Set from the ledger write until the entry's invitation is in the outbox: a
# command killed in between leaves it, and the next command completes it.
X_PENDING = "X-BOOKING-INVITATION-PENDING"
X_NOTE = "X-BOOKING-NOTE"
X_ANSWERS = "X-BOOKING-ANSWERS"
X_REQUEST = "X-BOOKING-REQUEST-MESSAGE-ID"
X_ZONE = "X-BOOKING-CLIENT-ZONE"
# Why the desk gave an "any" booking to this coach (a program's).
X_ASSIGNED = "X-BOOKING-ASSIGNED"
# Never leave the ledger: the client's answers and the request's Message-ID.
PRIVATE = (X_ANSWERS, X_REQUEST, X_ZONE, X_ASSIGNED)


class LedgerError(BookingError):
    """The ledger cannot be read, parsed, locked or written."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"bookings ledger {path}: {problem}")


@dataclass(frozen=True)
class Entry:
    uid: str  # the published slot's UID: <slug>-<YYYYMMDDTHHMMSSZ>@<host>
    slot_id: str
    session: str
    start: datetime  # UTC
    end: datetime
    status: str  # CONFIRMED or CANCELLED
    sequence: int
    summary: str
    location: str
    organizer_name: str
    organizer_email: str
    name: str  # the client
    email: str
    note: str  # for the client: goes into the invitation
    reason: str  # why it was cancelled
    created: datetime
    modified: datetime
    pending: bool = False  # recorded, its invitation not yet in the outbox
    # The client's language for this booking's messages (ATTENDEE;LANGUAGE=,
    # RFC 5545 3.2.10); "" means the site's.
    language: str = ""
    video: str = ""  # the call's address (CONFERENCE), kept when the time moves
    answers: str = ""  # "question: answer" lines from the request; private
    request_id: str = ""  # the Message-ID of the email that asked for it
    # The client's own time zone (IANA), as her request or --client-zone gave
    # it: her emails show her time first; "" when unknown. Private.
    zone: str = ""
    assigned: str = ""  # why the desk chose this coach (an "any" session); private

    @property
    def confirmed(self) -> bool:
        return self.status == CONFIRMED

    def booking(self) -> Booking:
        return Booking(self.session, self.start, self.end)


@dataclass(frozen=True)
class Ledger:
    path: Path
    entries: tuple[Entry, ...]  # sorted by start, then slot id
    # The desk's work records (VTODOs), in the order they were recorded: the
    # engine carries them between read and write but never reads them
    # (plugins.booking.desk.work does).
    items: tuple[Any, ...] = ()
    vault: Vault = PLAIN  # how it was read, and so how it is written back

    # Lookups by key, made once per ledger value: a run over a flood of
    # messages costs linear work, not a scan of the ledger per message.
    @cached_property
    def _items_by_id(self) -> dict[str, Any]:
        return {i.id: i for i in self.items}

    @cached_property
    def _entries_by_slot(self) -> dict[str, Entry]:
        return {e.slot_id: e for e in self.entries}

    @cached_property
    def _entries_by_uid(self) -> dict[str, Entry]:
        return {e.uid: e for e in self.entries}

    def by_uid(self, uid: str) -> Entry | None:
        return self._entries_by_uid.get(uid)

    def item(self, item_id: str) -> Any:
        return self._items_by_id.get(item_id)

    def record(self, item: Any) -> Ledger:
        others = tuple(i for i in self.items if i.id != item.id)
        return replace(self, items=(*others, item))

    def find(self, slot_id: str) -> Entry | None:
        return self._entries_by_slot.get(slot_id)

    def bookings(self, *, without: str | None = None) -> list[Booking]:
        """Confirmed bookings for the engine; `without` leaves one slot out
        (a reschedule may move a session into its own old buffer)."""
        return [e.booking() for e in self.entries if e.confirmed and e.slot_id != without]

    def put(self, entry: Entry) -> Ledger:
        others = [e for e in self.entries if e.slot_id != entry.slot_id]
        return replace(self, entries=tuple(sorted([*others, entry], key=_order)))


def _order(entry: Entry) -> tuple:
    return (entry.start, entry.slot_id)


def resolve(entry: str, root: Path | str) -> Path:
    """Relative paths are inside the project folder (where pelicanconf.py is and
    where builds and desk commands run), never inside content/."""
    path = Path(entry).expanduser()
    return (path if path.is_absolute() else Path(root, path)).resolve()


def theme_static_folders(pelican_settings: Mapping) -> list[Path]:
    """The theme folders Pelican copies into the site (THEME_STATIC_PATHS)."""
    theme = pelican_settings["THEME"]
    return [Path(theme, p) for p in pelican_settings.get("THEME_STATIC_PATHS", ["static"])]


def booked(
    settings: BookingSettings,
    *,
    content_path: Path | str,
    output_path: Path | str,
    root: Path | str,
    theme_static: Iterable[Path | str] = (),
    environ: Mapping[str, str] | None = None,
) -> list[Booking]:
    """The confirmed bookings a build must treat as busy (and count for
    max_per_day); `environ` holds the ledger's key when it is sealed."""
    path = resolve(settings.ledger, root)
    for key, where in (("ledger", path), ("outbox", resolve(settings.outbox, root))):
        check_private_paths(key, where, content_path, output_path, theme_static)
    return read(path, key=vault(settings.ledger_key_env, environ or {})).bookings()


def read(
    path: Path, item: Callable[[icalendar.Todo], Any] | None = None, key: Vault = PLAIN
) -> Ledger:
    """The ledger at `path`; a missing file is an empty ledger (no bookings yet).
    `item` reads each of the desk's work records (VTODO); without it (a
    build) they are left out. `key` opens a sealed ledger (common.sealed)."""
    try:
        data = key.open(path.read_bytes(), path)
    except FileNotFoundError:
        return Ledger(path, (), vault=key)
    except OSError as exc:
        raise LedgerError(path, f"cannot read it: {exc.strerror}") from None
    # Imported here: a build with no bookings yet never loads icalendar.
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError):
        line = first_bad_line(data)
        where = f"line {line} cannot be read" if line else "its BEGIN and END lines do not match"
        raise LedgerError(path, f"not valid iCalendar ({where}); {_RESTORE}") from None
    for component in calendar.walk():
        if component.errors:
            prop = component.errors[0][0]
            line = first_bad_line(data) if prop is None else None
            what = f"line {line}" if line else prop
            raise LedgerError(path, f"not valid iCalendar: {what} cannot be read; {_RESTORE}")
    entries = [_entry(event, path) for event in calendar.walk("VEVENT")]
    seen: set[str] = set()
    for entry in entries:
        if entry.slot_id in seen:
            raise LedgerError(path, f"slot {entry.slot_id} appears twice; {_RESTORE}")
        seen.add(entry.slot_id)
    items = tuple(item(todo) for todo in calendar.walk("VTODO")) if item else ()
    return Ledger(path, tuple(sorted(entries, key=_order)), items, key)


_RESTORE = "fix it or restore the .bak copy next to it; nothing was changed"


def _entry(event: icalendar.Event, path: Path) -> Entry:
    uid = str(event.get("UID", "")) or "(no UID)"

    def need(key: str) -> object:
        if key not in event:
            raise LedgerError(path, f"VEVENT {uid} has no {key}; {_RESTORE}")
        return event[key]

    def when(key: str) -> datetime:
        value = need(key).dt
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise LedgerError(path, f"VEVENT {uid}: {key} must be a UTC date-time; {_RESTORE}")
        return value.astimezone(UTC)

    status = str(need("STATUS")).upper()
    if status not in {CONFIRMED, CANCELLED}:
        raise LedgerError(path, f"VEVENT {uid}: STATUS {status} is not CONFIRMED or CANCELLED")
    organizer, attendee = need("ORGANIZER"), need("ATTENDEE")
    if isinstance(attendee, list):
        raise LedgerError(path, f"VEVENT {uid} has more than one ATTENDEE; {_RESTORE}")
    start, end = when("DTSTART"), when("DTEND")
    if end <= start:
        raise LedgerError(path, f"VEVENT {uid}: DTEND is not after DTSTART; {_RESTORE}")
    return Entry(
        uid=str(need("UID")),
        slot_id=str(need(X_SLOT)),
        session=str(need(X_SESSION)),
        start=start,
        end=end,
        status=status,
        sequence=int(event.get("SEQUENCE", 0)),
        summary=str(event.get("SUMMARY", "")),
        location=str(event.get("LOCATION", "")),
        organizer_name=str(organizer.params.get("CN", "")),
        organizer_email=_mailto(organizer),
        name=str(attendee.params.get("CN", "")),
        email=_mailto(attendee),
        note=text_value(event.get(X_NOTE, event.get("DESCRIPTION", ""))),
        reason=text_value(event.get(X_REASON, "")),
        pending=str(event.get(X_PENDING, "")).upper() == "TRUE",
        language=str(attendee.params.get("LANGUAGE", "")),
        video=str(event.get("CONFERENCE", "")),
        answers=text_value(event.get(X_ANSWERS, "")),
        request_id=str(event.get(X_REQUEST, "")),
        zone=str(event.get(X_ZONE, "")),
        assigned=text_value(event.get(X_ASSIGNED, "")),
        created=when("CREATED") if "CREATED" in event else start,
        modified=when("LAST-MODIFIED") if "LAST-MODIFIED" in event else start,
    )


def _mailto(address: object) -> str:
    text = str(address)
    return text[7:] if text.lower().startswith("mailto:") else text


def to_ical(ledger: Ledger, todo: Callable[[Any], icalendar.Todo]) -> bytes:
    """The ledger's bytes; `todo` writes each of the desk's work records."""
    calendar = new_calendar()
    calendar.add("x-wr-calname", "Bookings (private: client names; never publish)")
    for entry in ledger.entries:
        calendar.add_component(event(entry))
    for item in ledger.items:
        calendar.add_component(todo(item))
    return calendar.to_ical()


def description(entry: Entry) -> str:
    """What the client's calendar shows under the event: the coach's note
    and the call's address on a line of its own (calendar apps link it)."""
    return "\n\n".join(part for part in (entry.note, entry.video) if part)


def event(
    entry: Entry, *, schedule_agent: str | None = None, private: bool = True
) -> icalendar.Event:
    """The VEVENT of one booking. `schedule_agent="CLIENT"` (RFC 6638) tells a
    CalDAV server not to send invitations itself: the desk sends its own.
    `private=False` leaves out what only the ledger may hold (PRIVATE)."""
    from icalendar import Event, vCalAddress, vText

    vevent = Event()
    vevent.add("uid", entry.uid)
    vevent.add("dtstamp", entry.modified)
    vevent.add("created", entry.created)
    vevent.add("last-modified", entry.modified)
    vevent.add("dtstart", entry.start)
    vevent.add("dtend", entry.end)
    vevent.add("sequence", entry.sequence)
    vevent.add("status", entry.status)
    vevent.add("transp", "OPAQUE")
    vevent.add("summary", entry.summary)
    if entry.video or entry.location:
        vevent.add("location", entry.video or entry.location)
    if description(entry):
        vevent.add("description", description(entry))
    if entry.note:
        vevent.add(X_NOTE, vText(entry.note))
    if entry.video:
        vevent.add("conference", entry.video, parameters={"VALUE": "URI", "FEATURE": "VIDEO"})
    coach = vCalAddress(f"mailto:{entry.organizer_email}")
    coach.params["CN"] = entry.organizer_name
    client = vCalAddress(f"mailto:{entry.email}")
    client.params["CN"] = entry.name
    client.params["ROLE"] = "REQ-PARTICIPANT"
    if entry.language:
        client.params["LANGUAGE"] = entry.language
    if schedule_agent:
        coach.params["SCHEDULE-AGENT"] = schedule_agent
        client.params["SCHEDULE-AGENT"] = schedule_agent
    vevent.add("organizer", coach)
    vevent.add("attendee", client)
    vevent.add(X_SESSION, entry.session)
    vevent.add(X_SLOT, entry.slot_id)
    if entry.reason:
        vevent.add(X_REASON, vText(entry.reason))
    if entry.pending:
        vevent.add(X_PENDING, "TRUE")
    if private and entry.answers:
        vevent.add(X_ANSWERS, vText(entry.answers))
    if private and entry.request_id:
        vevent.add(X_REQUEST, entry.request_id)
    if private and entry.zone:
        vevent.add(X_ZONE, entry.zone)
    if private and entry.assigned:
        vevent.add(X_ASSIGNED, vText(entry.assigned))
    return vevent
