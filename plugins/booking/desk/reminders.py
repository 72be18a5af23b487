"""`invoke remind`: each confirmed booking's reminders, at [booking] reminder_hours.

A reminder is due from its lead time until the next (shorter) one is due,
so a scheduled run that comes late still sends the day-before one, and one
that comes very late sends only the nearest. Never at or after the start,
never for a lead time that had already passed when the booking was made,
and never twice: each one is a ledger item ("remind <slot> <sequence>
<hours>"), recorded with its queued message before anything is sent, so a
moved booking (a new SEQUENCE) is reminded afresh. A booking a killed
command left recorded without its invitation gets that invitation first
(commands.finish_interrupted), queued ahead of its reminder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from ..ledger_format import Entry, Ledger
from . import ledger, outgoing, work
from .clients import is_anonymous, retained
from .commands import Desk, DeskError, _check_paths, finish_interrupted, self_service_links
from .letters import Letters
from .work import DONE, Item


@dataclass(frozen=True)
class Due:
    entry: Entry
    hours: float

    @property
    def id(self) -> str:
        return f"remind {self.entry.slot_id} {self.entry.sequence} {self.hours:g}"

    @property
    def name(self) -> str:
        return f"{self.entry.slot_id}-{self.entry.sequence}-remind-{self.hours:g}h"


def due(book: Ledger, leads: tuple[float, ...], now) -> list[Due]:
    found = []
    for entry in book.entries:
        # A pending entry's invitation was never written: no reminder before it.
        # A forgotten client's booking keeps its time but has no one to remind.
        if not entry.confirmed or entry.pending or entry.start <= now or is_anonymous(entry.email):
            continue
        ready = [
            h
            for h in sorted(leads)
            if entry.start - timedelta(hours=h) <= now
            and entry.created <= entry.start - timedelta(hours=h)
        ]
        if ready:
            nearest = Due(entry, ready[0])
            if book.item(nearest.id) is None:
                found.append(nearest)
    return found


def remind(desk: Desk, report: Callable[[str], object] = print, *, send: bool = True) -> int:
    """Queue, record and send every due reminder; the number queued."""
    ds = desk.desk_settings
    if ds.smtp is None and send:
        raise DeskError("[booking] smtp is not set: reminders are sent through it (docs/desk.md)")
    _check_paths(desk)
    finish_interrupted(desk, report)
    smtp = ds.smtp
    letters = Letters(desk, smtp.sender if smtp and smtp.sender else desk.settings.organizer.email)
    with ledger.locked(desk.ledger_path, desk.lock_timeout):
        book = work.read(desk.ledger_path, desk.vault)
        book = retained(desk, book, report)
        recorded = [name for item in book.items for name in item.outgoing]
        outgoing.drop_unrecorded(desk.outbox, recorded)
        queued = 0
        for reminder in due(book, ds.reminder_hours, desk.now):
            entry = reminder.entry
            msg = letters.reminder(entry, self_service_links(desk, entry), reminder.name)
            outgoing.put(desk.outbox, reminder.name, msg, desk.vault)
            book = book.record(
                Item(
                    id=reminder.id,
                    kind="reminder",
                    status=DONE,
                    created=desk.now,
                    slot_id=entry.slot_id,
                    email=entry.email,
                    outgoing=(reminder.name,),
                )
            )
            ledger.write(book)
            queued += 1
            report(
                f"Reminder {reminder.hours:g} h before {entry.slot_id} queued for {entry.email}."
            )
        if send and smtp is not None:
            outgoing.flush(desk.outbox, smtp, desk.environ, report, desk.vault)
    return queued
