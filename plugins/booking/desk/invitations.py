"""A booking -> the coach's invitation (RFC 5546 iTIP) as .ics and as an email.

REQUEST: METHOD:REQUEST, the published slot's UID, ORGANIZER the coach,
ATTENDEE the client with RSVP=TRUE (Outlook only offers "Accept" on a
REQUEST that lists the user). CANCEL: METHOD:CANCEL, the same UID, a higher
SEQUENCE and STATUS:CANCELLED, so the client's calendar removes the event it
accepted. Times are UTC, as in every other file the engine writes.

The email is shaped like the invitations calendar services send: a
multipart/alternative with a text/plain body and a `text/calendar;
method=...` part (what mail programs turn into Accept/Decline buttons),
plus the same file as an `invite.ics` attachment for programs that ignore
the inline part. It is encoded 7-bit clean, so any SMTP server relays it.
"""

from __future__ import annotations

from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from zoneinfo import ZoneInfo

from icalendar import Alarm

from ...common.ical import new_calendar
from ..ics import REMINDER
from ..labels import day_label, time_label, zone_label
from ..ledger_format import X_PENDING, X_REASON, X_SESSION, X_SLOT, Entry, event

REQUEST = "REQUEST"
CANCEL = "CANCEL"
# CRLF and no 8-bit bodies: the most widely relayable form of a message.
MAIL_POLICY = policy.SMTP.clone(cte_type="7bit")


def invitation(entry: Entry, method: str, now: datetime) -> bytes:
    """The iTIP object for `entry` (REQUEST for a confirmed booking, CANCEL otherwise)."""
    calendar = new_calendar(method)
    vevent = event(entry)
    vevent.pop("DTSTAMP")
    vevent.add("dtstamp", now)  # when this message was made (RFC 5546 3.2)
    for private in (X_SESSION, X_SLOT, X_REASON, X_PENDING):
        vevent.pop(private, None)
    attendee = vevent["ATTENDEE"]
    if method == REQUEST:
        attendee.params["PARTSTAT"] = "NEEDS-ACTION"
        attendee.params["RSVP"] = "TRUE"
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", REMINDER)
        alarm.add("description", f"Soon: {entry.summary}")
        vevent.add_component(alarm)
    elif entry.reason:
        vevent.add("comment", entry.reason)
    calendar.add_component(vevent)
    return calendar.to_ical()


def when_label(entry: Entry, zone: ZoneInfo, key: str) -> str:
    """Tuesday 24 November 2026, 9:00 AM-9:30 AM Eastern Time."""
    start, end = entry.start.astimezone(zone), entry.end.astimezone(zone)
    return f"{day_label(start.date())}, {time_label(start)}-{time_label(end)} {zone_label(key)}"


def message(
    entry: Entry,
    method: str,
    ics: bytes,
    *,
    timezone: str,
    sender: str,
    host: str,
    now: datetime,
    rebook_url: str = "",
) -> EmailMessage:
    zone = ZoneInfo(timezone)
    when = when_label(entry, zone, timezone)
    msg = EmailMessage(policy=MAIL_POLICY)
    verb = "Confirmed" if method == REQUEST else "Cancelled"
    msg["Subject"] = f"{verb}: {entry.summary}, {when}"
    msg["From"] = formataddr((entry.organizer_name, sender))
    msg["To"] = formataddr((entry.name, entry.email))
    if sender.lower() != entry.organizer_email.lower():
        msg["Reply-To"] = formataddr((entry.organizer_name, entry.organizer_email))
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = make_msgid(idstring=f"{entry.slot_id}.{entry.sequence}", domain=host)
    body = _request_body(entry, when) if method == REQUEST else _cancel_body(entry, when)
    if method == CANCEL and rebook_url:
        body += f"\nTo choose another time: {rebook_url}\n"
    body += f"\n{entry.organizer_name}\n{entry.organizer_email}\n"
    msg.set_content(body)
    msg.add_alternative(ics.decode("utf-8"), subtype="calendar", params={"method": method})
    msg.add_attachment(ics, maintype="application", subtype="ics", filename="invite.ics")
    for part in msg.walk():
        if part is not msg:
            del part["MIME-Version"]  # the email package repeats it; only the top belongs
    return msg


def _request_body(entry: Entry, when: str) -> str:
    utc = f"{entry.start:%H:%M}-{entry.end:%H:%M} UTC"
    lines = [
        f"Dear {entry.name},",
        "",
        f"your {entry.summary} with {entry.organizer_name} is confirmed:",
        "",
        f"  When:  {when} ({utc})",
        f"  Where: {entry.location}",
        "",
    ]
    if entry.note:
        lines += [entry.note, ""]
    lines += [
        "The invitation is attached: accept it to keep the time in your calendar.",
        "To move or cancel it, simply reply to this email.",
    ]
    return "\n".join(lines) + "\n"


def _cancel_body(entry: Entry, when: str) -> str:
    lines = [
        f"Dear {entry.name},",
        "",
        f"your {entry.summary} with {entry.organizer_name} on {when} is cancelled.",
    ]
    if entry.reason:
        lines += ["", entry.reason]
    lines += ["", "The attached cancellation removes it from your calendar."]
    return "\n".join(lines) + "\n"
