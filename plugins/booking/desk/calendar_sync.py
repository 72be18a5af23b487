"""Bring the coach's CalDAV calendar in line with the ledger (BOOKING["caldav"]).

The ledger is the authority: every desk command writes the ledger first,
then the outbox, then runs `sync`, which adds each upcoming confirmed
booking that is missing or out of date (by SEQUENCE) in the first
configured calendar and removes each upcoming cancelled one. An event
already on the server under another name (a calendar app that imported
the invitation names it by its own id) is updated where it is. `sync` only
reads the ledger, so running it again (`invoke sync-calendar`) after a
failed attempt finishes the job; bookings that have ended are left as
they are. Events are stored with SCHEDULE-AGENT=CLIENT (RFC 6638), so the
server sends no invitations of its own: the desk sends them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import icalendar

from ...common.deadline import Deadline
from ...common.ical import new_calendar
from ...config.booking import BookingSettings
from ..busy_caldav import MARGIN, connect, library_call
from ..ledger_format import Entry, Ledger, event


@dataclass(frozen=True)
class SyncReport:
    added: tuple[str, ...] = ()  # slot ids written to the calendar
    removed: tuple[str, ...] = ()  # slot ids deleted from it

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed)


def sync(
    settings: BookingSettings,
    ledger: Ledger,
    now: datetime,
    environ: Mapping[str, str] | None = None,
) -> SyncReport:
    """Make the calendar hold exactly the ledger's upcoming confirmed bookings."""
    caldav = settings.caldav
    upcoming = [e for e in ledger.entries if e.end > now]
    if caldav is None or not upcoming:
        return SyncReport()
    deadline = Deadline(settings.busy_timeout_seconds)
    start = min(e.start for e in upcoming) - MARGIN
    end = max(e.end for e in upcoming) + MARGIN
    added, removed = [], []
    with connect(caldav, environ, deadline, first_only=True) as found:
        calendar = found[0][1]
        present = library_call(caldav, deadline, lambda: _present(calendar, start, end))
        for entry in upcoming:
            have = present.get(entry.uid)
            if entry.confirmed and (have is None or have[0] != entry.sequence):
                data = _calendar_object(entry)
                existing = None if have is None else have[1]
                library_call(
                    caldav,
                    deadline,
                    lambda e=entry, d=data, o=existing: _store(calendar, e.uid, d, o),
                )
                added.append(entry.slot_id)
            elif not entry.confirmed and have is not None:
                library_call(caldav, deadline, have[1].delete)
                removed.append(entry.slot_id)
    return SyncReport(tuple(added), tuple(removed))


def rewrite(
    settings: BookingSettings, entries: list[Entry], environ: Mapping[str, str] | None = None
) -> int:
    """Write each of `entries` again where the server holds its UID, past
    ones too (a client who was forgotten must leave no copy); the number
    of events found and rewritten."""
    from caldav.lib import error

    caldav = settings.caldav
    if caldav is None or not entries:
        return 0
    deadline = Deadline(settings.busy_timeout_seconds)
    done = 0
    with connect(caldav, environ, deadline, first_only=True) as found:
        calendar = found[0][1]
        for entry in entries:
            try:
                existing = library_call(
                    caldav, deadline, lambda e=entry: calendar.event_by_uid(e.uid)
                )
            except error.NotFoundError:
                continue
            data = _calendar_object(entry)
            library_call(caldav, deadline, lambda o=existing, d=data: _overwrite(o, d))
            done += 1
    return done


def _overwrite(existing, data: str) -> None:
    existing.data = data
    existing.save(increase_seqno=False)


def _store(calendar, uid: str, data: str, existing: object | None) -> None:
    """Write the booking's event where the server keeps its UID.

    A calendar app that imported the invitation may have stored it under a
    name of its own instead of `<uid>.ics`; a server must not hold two
    objects with one UID (RFC 4791 5.3.2.1: Xandikos answers a new one with
    `412 no-uid-conflict`), so that object is overwritten in place. The
    data is stored verbatim: the ledger owns SEQUENCE, the library must not
    bump it.
    """
    from caldav.lib import error

    if existing is None:
        try:
            calendar.add_event(data, increase_seqno=False)
            return
        except error.UidConflictError:
            # The UID is on the server outside the range searched (the app moved it).
            existing = calendar.event_by_uid(uid)
    existing.data = data
    existing.save(increase_seqno=False)


def _present(calendar, start: datetime, end: datetime) -> dict[str, tuple[int, object]]:
    """UID -> (SEQUENCE, the server's object) of every event in the range."""
    found: dict[str, tuple[int, object]] = {}
    for item in calendar.search(start=start, end=end, event=True, expand=False):
        data = item.data
        parsed = icalendar.Calendar.from_ical(data.encode() if isinstance(data, str) else data)
        for vevent in parsed.walk("VEVENT"):
            found[str(vevent.get("UID"))] = (int(vevent.get("SEQUENCE", 0)), item)
    return found


def _calendar_object(entry: Entry) -> str:
    calendar = new_calendar()
    calendar.add_component(event(entry, schedule_agent="CLIENT", private=False))
    return calendar.to_ical().decode("utf-8")
