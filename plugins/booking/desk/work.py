"""The desk's work records: each message handled, reminder sent or answer
awaited, kept in the ledger as a VTODO so it is done exactly once.

The ledger's format is the engine's (plugins.booking.ledger_format: the
bookings, VEVENTs, which a build reads); these records are the desk's
alone, so they are read and written here and the engine only carries them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import icalendar

from ...common.ical import text_value
from ...common.sealed import PLAIN, Vault
from .. import ledger_format
from ..ledger_format import X_ANSWERS, Ledger


@dataclass(frozen=True)
class Item:
    """One piece of the desk's work, recorded so it is done exactly once."""

    id: str  # the handled Message-ID, or "remind <slot> <sequence> <hours>"
    kind: str  # request, reply, cancel, move, calendar-reply, reminder, completed, ignored
    status: str  # PENDING (waiting for the coach), DONE, REFUSED
    created: datetime
    slot_id: str = ""
    sender: str = ""  # the From address of the handled message
    name: str = ""  # a request's client
    email: str = ""
    language: str = ""
    answers: str = ""
    summary_id: str = ""  # the Message-ID of the summary the coach answers
    note: str = ""  # what the desk decided, for the coach's log
    outgoing: tuple[str, ...] = ()  # names of the queued messages it made
    zone: str = ""  # the visitor's time zone, as the request gave it


PENDING, DONE, REFUSED = "PENDING", "DONE", "REFUSED"


_ITEM_FIELDS = {
    "slot_id": "X-BOOKING-SLOT",
    "sender": "X-BOOKING-SENDER",
    "name": "X-BOOKING-NAME",
    "email": "X-BOOKING-EMAIL",
    "language": "X-BOOKING-LANGUAGE",
    "answers": X_ANSWERS,
    "summary_id": "X-BOOKING-SUMMARY-MESSAGE-ID",
    "note": "X-BOOKING-DECISION",
    "zone": "X-BOOKING-ZONE",
}


def from_todo(todo: icalendar.Todo) -> Item:
    created = todo.get("CREATED")
    return Item(
        id=str(todo.get("X-BOOKING-ITEM", "")),
        kind=str(todo.get("X-BOOKING-KIND", "")),
        status=str(todo.get("X-BOOKING-STATUS", DONE)),
        created=created.dt.astimezone(UTC) if created else datetime.min.replace(tzinfo=UTC),
        outgoing=tuple(n for n in str(todo.get("X-BOOKING-OUTGOING", "")).split() if n),
        **{key: text_value(todo.get(prop, "")) for key, prop in _ITEM_FIELDS.items()},
    )


def to_todo(item: Item) -> icalendar.Todo:
    from icalendar import Todo, vText

    todo = Todo()
    # A stable UID from the item's id: the Message-ID itself may hold any character.
    todo.add("uid", hashlib.sha256(item.id.encode()).hexdigest()[:32] + "@booking-desk")
    todo.add("dtstamp", item.created)
    todo.add("created", item.created)
    todo.add("summary", f"{item.kind} {item.slot_id}".strip())
    todo.add("status", "NEEDS-ACTION" if item.status == PENDING else "COMPLETED")
    todo.add("X-BOOKING-ITEM", item.id)
    todo.add("X-BOOKING-KIND", item.kind)
    todo.add("X-BOOKING-STATUS", item.status)
    if item.outgoing:
        todo.add("X-BOOKING-OUTGOING", " ".join(item.outgoing))
    for key, prop in _ITEM_FIELDS.items():
        if getattr(item, key):
            todo.add(prop, vText(getattr(item, key)))
    return todo


def read(path: Path, key: Vault = PLAIN) -> Ledger:
    """The ledger with the desk's work records; `key` opens a sealed one."""
    return ledger_format.read(path, item=from_todo, key=key)


def to_ical(ledger: Ledger) -> bytes:
    return ledger_format.to_ical(ledger, to_todo)
