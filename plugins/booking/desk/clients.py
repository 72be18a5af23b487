"""What the desk keeps about one client: everything, as JSON (`invoke
export EMAIL`, the right of access), and removed (`invoke forget EMAIL`,
the right to erasure), and the anonymising of bookings that ended more
than `[booking] keep_client_data_days` ago (storage limitation).

A booking is anonymised rather than deleted: its time, session, status
and coach stay, so the time stays booked, `max_per_day` and a program's
fair assignment still count it; the client's name, address, answers,
notes, zone and the request's Message-ID go. The desk's work records of
the address lose the same, and every message in the outbox (sent, queued
or written for the coach to send) that names the address is deleted. The
CalDAV copies the desk wrote are written again without the client.

What the desk cannot reach is said, not done: the coach's own mailbox
beyond the folders the desk files messages into, and copies of the
ledger in git history (unreadable once the key is rotated and the old
one destroyed: `invoke ledger-key --rotate`).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import datetime, timedelta
from email import message_from_bytes
from email.utils import getaddresses
from pathlib import Path

from ...common.email_address import is_email_address
from ...common.errors import SiteError
from ..ledger_format import Entry, Ledger
from . import calendar_sync, ledger, work
from .commands import Desk, DeskError
from .invitations import MAIL_POLICY

# Reserved by RFC 2606: mail to it can never be delivered to anyone.
ANONYMOUS = "anonymous@forgotten.invalid"
ANONYMOUS_NAME = "(forgotten)"


def is_anonymous(address: str) -> bool:
    return address.lower() == ANONYMOUS


def _address(text: str) -> str:
    address = (text or "").strip()
    if not is_email_address(address):
        raise DeskError(f"{address!r} is not an email address")
    return address.lower()


def _mentions(text: str, address: str) -> bool:
    return re.search(rf"(?<![\w.+-]){re.escape(address)}(?![\w-])", text, re.IGNORECASE) is not None


def anonymised(entry: Entry) -> Entry:
    return replace(
        entry,
        name=ANONYMOUS_NAME,
        email=ANONYMOUS,
        note="",
        reason="",
        answers="",
        request_id="",
        zone="",
    )


def _entry_json(entry: Entry) -> dict:
    return {
        "slot": entry.slot_id,
        "session": entry.session,
        "start": entry.start.isoformat(),
        "end": entry.end.isoformat(),
        "status": entry.status,
        "name": entry.name,
        "email": entry.email,
        "note": entry.note,
        "cancellation_reason": entry.reason,
        "answers": entry.answers,
        "language": entry.language,
        "time_zone": entry.zone,
        "video": entry.video,
        "with": entry.organizer_name,
        "recorded": entry.created.isoformat(),
        "changed": entry.modified.isoformat(),
    }


def _item_json(item: work.Item) -> dict:
    return {
        "what": item.kind,
        "status": item.status,
        "received": item.created.isoformat(),
        "slot": item.slot_id,
        "name": item.name,
        "email": item.email or item.sender,
        "answers": item.answers,
        "language": item.language,
        "time_zone": item.zone,
    }


def _messages(desk: Desk) -> list[tuple[Path, object]]:
    """Every message file in the outbox (its own folder, queue/ and sent/)."""
    found = []
    if desk.outbox.is_dir():
        for path in sorted(desk.outbox.rglob("*.eml")):
            data = desk.vault.open(path.read_bytes(), path)
            found.append((path, message_from_bytes(data, policy=MAIL_POLICY)))
    return found


def _about(msg, address: str) -> bool:
    heads = getaddresses([str(msg.get(h, "")) for h in ("To", "Cc", "From", "Reply-To")])
    if any(a.lower() == address for _, a in heads):
        return True
    return _mentions(msg.as_string(), address)


def export(desk: Desk, email: str) -> str:
    """Everything kept about `email`, as JSON."""
    address = _address(email)
    book = work.read(desk.ledger_path, desk.vault)
    bookings = [_entry_json(e) for e in book.entries if e.email.lower() == address]
    requests = [_item_json(i) for i in book.items if address in {i.email.lower(), i.sender.lower()}]
    messages = [
        {
            "file": str(path.relative_to(desk.outbox)),
            "to": str(msg.get("To", "")),
            "subject": str(msg.get("Subject", "")),
            "date": str(msg.get("Date", "")),
            "text": msg.get_body(("plain",)).get_content() if msg.get_body(("plain",)) else "",
        }
        for path, msg in _messages(desk)
        if _about(msg, address)
    ]
    return json.dumps(
        {"address": address, "bookings": bookings, "requests": requests, "messages": messages},
        ensure_ascii=False,
        indent=2,
    )


def _forgotten_item(item: work.Item) -> work.Item:
    """A work record without the client: a request's note is the visitor's
    own text, so every note goes (the record still keeps its message from
    being handled twice)."""
    return replace(
        item,
        name="",
        email=ANONYMOUS if item.email else "",
        sender=ANONYMOUS if item.sender else "",
        answers="",
        zone="",
        note="forgotten",
    )


def _forget_in(book: Ledger, hit: list[Entry], items: list[work.Item]) -> tuple[Ledger, list[str]]:
    for entry in hit:
        book = book.put(anonymised(entry))
    for item in items:
        book = book.record(_forgotten_item(item))
    lines = []
    if hit:
        lines.append(f"Anonymised {len(hit)} booking(s) in the ledger (the times stay booked).")
    if items:
        lines.append(f"Anonymised {len(items)} of the desk's work record(s).")
    return book, lines


def forget(desk: Desk, email: str) -> list[str]:
    """Remove `email` from everything the desk keeps; the lines to print."""
    address = _address(email)
    with ledger.locked(desk.ledger_path, desk.lock_timeout):
        book = work.read(desk.ledger_path, desk.vault)
        hit = [e for e in book.entries if e.email.lower() == address]
        items = [i for i in book.items if address in {i.email.lower(), i.sender.lower()}]
        removed = [path for path, msg in _messages(desk) if _about(msg, address)]
        book, lines = _forget_in(book, hit, items)
        _write_without_history(book)
        for path in removed:
            path.unlink(missing_ok=True)
            path.with_suffix(".ics").unlink(missing_ok=True)
        if removed:
            lines.append(f"Deleted {len(removed)} message(s) from the outbox.")
        lines += _calendar(desk, [anonymised(e) for e in hit])
        lines += _mail_folders(desk, address)
    if not lines:
        lines.append(f"Nothing is kept about {address}.")
    return [
        *lines,
        "Not reached (do it yourself if the client asked):",
        "  - your own mailbox: the client's emails in your inbox and the folders you keep;",
        "  - git history: older commits hold the ledger as it was; with an encrypted ledger,",
        "    `invoke ledger-key --rotate` and destroying the old key make them unreadable.",
    ]


def _write_without_history(book: Ledger) -> None:
    """The ledger without the client, and its .bak too (it held the old one)."""
    ledger.write(book, backup=False)
    bak = book.path.with_name(book.path.name + ".bak")
    if bak.exists():
        ledger.write(replace(book, path=bak), backup=False)


def _mail_folders(desk: Desk, address: str) -> list[str]:
    """The folders the desk files handled messages into, in her mailbox."""
    inbox = desk.desk_settings.inbox
    if inbox is None:
        return []
    from . import imap

    with imap.opened(inbox, desk.environ) as box:
        deleted = box.erase(address)
    if not deleted:
        return []
    folders = f"{inbox.done_folder} and {inbox.unreadable_folder}"
    return [f"Deleted {deleted} email(s) from the mailbox folders {folders}."]


def _calendar(desk: Desk, entries: list[Entry]) -> list[str]:
    if desk.settings.caldav is None or not entries:
        return []
    rewritten = calendar_sync.rewrite(desk.settings, entries, desk.environ)
    where = f'"{desk.settings.caldav.calendars[0]}"'
    return [f"Rewrote {rewritten} event(s) in the calendar {where} without the client."]


def retention_due(book: Ledger, now: datetime, days: int) -> list[Entry]:
    """Bookings that ended more than `days` ago and still name a client."""
    limit = now - timedelta(days=days)
    return [e for e in book.entries if e.end < limit and not is_anonymous(e.email)]


def retained(desk: Desk, book: Ledger, report) -> Ledger:
    """`book` after keep_only_recent, written (with the calendar's copies)
    when it changed; for the desk's scheduled commands, under their lock."""
    kept, lines = keep_only_recent(desk, book)
    if lines:
        _write_without_history(kept)
        old = [anonymised(e) for e in book.entries if kept.find(e.slot_id) != e]
        lines += _old_messages(desk, [e for e in book.entries if kept.find(e.slot_id) != e])
        try:
            lines += _calendar(desk, old)
        except SiteError as error:  # the ledger is right; the calendar waits for the next run
            lines.append(f"The calendar's copies were not rewritten: {error}")
        for line in lines:
            report(line)
    return kept


def _old_messages(desk: Desk, old: list[Entry]) -> list[str]:
    """The outbox's messages about the anonymised bookings: named after one
    of their slots, or naming one of their clients and older than the limit
    (a client's messages about a newer booking stay)."""
    limit = (desk.now - timedelta(days=desk.settings.keep_client_data_days)).timestamp()
    slots = {e.slot_id for e in old}
    addresses = {e.email.lower() for e in old}
    gone = 0
    for path, msg in _messages(desk):
        named = any(slot in path.name for slot in slots)
        stale = path.stat().st_mtime < limit and any(_about(msg, a) for a in addresses)
        if named or stale:
            path.unlink(missing_ok=True)
            path.with_suffix(".ics").unlink(missing_ok=True)
            gone += 1
    return [f"Deleted {gone} message(s) about them from the outbox."] if gone else []


def keep_only_recent(desk: Desk, book: Ledger) -> tuple[Ledger, list[str]]:
    """Anonymise what is older than keep_client_data_days (each desk run)."""
    days = desk.settings.keep_client_data_days
    old = retention_due(book, desk.now, days)
    if not old:
        return book, []
    addresses = {e.email.lower() for e in old}
    limit = desk.now - timedelta(days=days)
    items = [
        i
        for i in book.items
        if i.created < limit and (i.email.lower() in addresses or i.sender.lower() in addresses)
    ]
    book, _ = _forget_in(book, old, items)
    line = (
        f"Anonymised {len(old)} booking(s) that ended more than {days} days ago "
        "([booking] keep_client_data_days)."
    )
    return book, [line]
