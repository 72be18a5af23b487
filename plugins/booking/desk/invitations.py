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

from ...common.ical import new_calendar
from ...common.language import Language
from ..ics import reminder
from ..labels import day_label, time_range, zone_label
from ..ledger_format import X_PENDING, X_REASON, X_SESSION, X_SLOT, Entry, event

REQUEST = "REQUEST"
CANCEL = "CANCEL"
# CRLF and no 8-bit bodies: the most widely relayable form of a message.
MAIL_POLICY = policy.SMTP.clone(cte_type="7bit")


def invitation(entry: Entry, method: str, now: datetime, lang: Language) -> bytes:
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
        vevent.add_component(reminder(entry.summary, lang))
    elif entry.reason:
        vevent.add("comment", entry.reason)
    calendar.add_component(vevent)
    return calendar.to_ical()


def when_label(entry: Entry, zone: ZoneInfo, key: str, lang: Language) -> str:
    """Tuesday, November 24, 2026, 9:00 AM-9:30 AM Eastern Time."""
    start, end = entry.start.astimezone(zone), entry.end.astimezone(zone)
    return lang.gettext("{day}, {time} {zone}").format(
        day=day_label(start.date(), lang),
        time=time_range(start, end, lang),
        zone=zone_label(key, lang),
    )


def message(
    entry: Entry,
    method: str,
    ics: bytes,
    *,
    timezone: str,
    sender: str,
    host: str,
    now: datetime,
    lang: Language,
    rebook_url: str = "",
) -> EmailMessage:
    """The message to the client, in `lang` (the booking's language)."""
    _ = lang.gettext
    zone = ZoneInfo(timezone)
    when = when_label(entry, zone, timezone, lang)
    msg = EmailMessage(policy=MAIL_POLICY)
    subject = (
        _("Confirmed: {session}, {time}")
        if method == REQUEST
        else _("Cancelled: {session}, {time}")
    )
    msg["Subject"] = subject.format(session=entry.summary, time=when)
    msg["From"] = formataddr((entry.organizer_name, sender))
    msg["To"] = formataddr((entry.name, entry.email))
    if sender.lower() != entry.organizer_email.lower():
        msg["Reply-To"] = formataddr((entry.organizer_name, entry.organizer_email))
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = make_msgid(idstring=f"{entry.slot_id}.{entry.sequence}", domain=host)
    body = (
        _request_body(entry, when, lang) if method == REQUEST else _cancel_body(entry, when, lang)
    )
    if method == CANCEL and rebook_url:
        body += "\n" + _("To choose another time: {url}").format(url=rebook_url) + "\n"
    body += f"\n{entry.organizer_name}\n{entry.organizer_email}\n"
    msg.set_content(body)
    msg.add_alternative(ics.decode("utf-8"), subtype="calendar", params={"method": method})
    msg.add_attachment(ics, maintype="application", subtype="ics", filename="invite.ics")
    for part in msg.walk():
        if part is not msg:
            del part["MIME-Version"]  # the email package repeats it; only the top belongs
    return msg


def _request_body(entry: Entry, when: str, lang: Language) -> str:
    _ = lang.gettext
    utc = f"{entry.start:%H:%M}-{entry.end:%H:%M} UTC"
    lines = [
        _("Dear {name},").format(name=entry.name),
        "",
        _("your {session} with {coach} is confirmed:").format(
            session=entry.summary, coach=entry.organizer_name
        ),
        "",
        "  " + _("When: {time} ({utc})").format(time=when, utc=utc),
        "  " + _("Where: {place}").format(place=entry.location),
        "",
    ]
    if entry.note:
        lines += [entry.note, ""]
    lines += [
        _("The invitation is attached: accept it to keep the time in your calendar."),
        _("To move or cancel it, simply reply to this email."),
    ]
    return "\n".join(lines) + "\n"


def _cancel_body(entry: Entry, when: str, lang: Language) -> str:
    _ = lang.gettext
    lines = [
        _("Dear {name},").format(name=entry.name),
        "",
        _("your {session} with {coach} on {time} is cancelled.").format(
            session=entry.summary, coach=entry.organizer_name, time=when
        ),
    ]
    if entry.reason:
        lines += ["", entry.reason]
    lines += ["", _("The attached cancellation removes it from your calendar.")]
    return "\n".join(lines) + "\n"
