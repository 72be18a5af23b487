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

import functools
import re
from collections.abc import Mapping
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound

from ...common.ical import new_calendar
from ...common.language import Language
from ..errors import BookingError
from ..ics import reminder
from ..labels import day_label, time_range, zone_label_at
from ..ledger_format import X_NOTE, X_PENDING, X_REASON, X_SESSION, X_SLOT, Entry, event
from .visitor_text import person_name

# The shipped theme's wording (cli.py passes the THEME's templates folder).
TEMPLATES = Path(__file__).resolve().parents[3] / "theme" / "templates"
REQUEST = "REQUEST"
CANCEL = "CANCEL"
# CRLF and no 8-bit bodies: the most widely relayable form of a message.
MAIL_POLICY = policy.SMTP.clone(cte_type="7bit")


def invitation(entry: Entry, method: str, now: datetime, lang: Language) -> bytes:
    """The iTIP object for `entry` (REQUEST for a confirmed booking, CANCEL otherwise)."""
    calendar = new_calendar(method)
    vevent = event(entry, private=False)
    vevent.pop("DTSTAMP")
    vevent.add("dtstamp", now)  # when this message was made (RFC 5546 3.2)
    for private in (X_SESSION, X_SLOT, X_REASON, X_PENDING, X_NOTE):
        vevent.pop(private, None)
    attendee = vevent["ATTENDEE"]
    # The client's calendar shows CN as their name: only a plain name goes out.
    attendee.params.pop("CN", None)
    if person_name(entry.name):
        attendee.params["CN"] = person_name(entry.name)
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
    return when(entry.start, entry.end, key, lang)


def when(start: datetime, end: datetime, zone_key: str, lang: Language) -> str:
    """`start`-`end` in the zone `zone_key`, in words, in `lang`."""
    zone = ZoneInfo(zone_key)
    local, local_end = start.astimezone(zone), end.astimezone(zone)
    return lang.gettext("{day}, {time} {zone}").format(
        day=day_label(local.date(), lang),
        time=time_range(local, local_end, lang),
        zone=zone_label_at(zone_key, lang, start),
    )


def client_when(start: datetime, end: datetime, client: str, coach: str, lang: Language) -> str:
    """The time in the client's own zone first, then in the coach's:
    "jueves, 10 de diciembre, 18:00-18:30 hora de Europa central
    (jueves, 10 de diciembre, 11:00-11:30 hora central)". One zone when
    they are the same or hers is unknown."""
    coach_time = when(start, end, coach, lang)
    if not client or client == coach:
        return coach_time
    return f"{when(start, end, client, lang)} ({coach_time})"


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
    templates: Path = TEMPLATES,
    links: Mapping[str, str] | None = None,
    message_id: str = "",
    copy_to: str = "",
) -> EmailMessage:
    """The message to the client, in `lang` (the booking's language), worded
    by the theme's desk/confirmed.txt or desk/cancelled.txt. `copy_to`: a
    program's coach, who gets the same message (Cc) and so the event."""
    when = client_when(entry.start, entry.end, entry.zone, timezone, lang)
    subject, body = wording(
        templates,
        "desk/confirmed.txt" if method == REQUEST else "desk/cancelled.txt",
        lang,
        client=person_name(entry.name),
        session=entry.summary,
        coach=entry.organizer_name,
        coach_email=entry.organizer_email,
        when=when,
        utc=f"{entry.start:%H:%M}-{entry.end:%H:%M} UTC",
        place=entry.location,
        note=entry.note,
        reason=entry.reason,
        rebook_url=rebook_url,
        video=entry.video,
        cancel_url=(links or {}).get("cancel", ""),
        move_url=(links or {}).get("move", ""),
    )
    msg = envelope(
        subject,
        sender=(entry.organizer_name, sender),
        to=(person_name(entry.name), entry.email),
        reply_to=(entry.organizer_name, entry.organizer_email),
        now=now,
        message_id=message_id
        or make_msgid(idstring=f"{entry.slot_id}.{entry.sequence}", domain=host),
    )
    if copy_to:
        msg["Cc"] = _address(entry.organizer_name, copy_to)
    msg.set_content(body)
    msg.add_alternative(ics.decode("utf-8"), subtype="calendar", params={"method": method})
    msg.add_attachment(ics, maintype="application", subtype="ics", filename="invite.ics")
    for part in msg.walk():
        if part is not msg:
            del part["MIME-Version"]  # the email package repeats it; only the top belongs
    return msg


def envelope(
    subject: str,
    *,
    sender: tuple[str, str],
    to: tuple[str, str],
    reply_to: tuple[str, str] | None,
    now: datetime,
    message_id: str,
    in_reply_to: str = "",
) -> EmailMessage:
    """The headers of every message the desk writes. Addresses are
    `headerregistry.Address` objects, which the email package quotes and
    encodes itself ("José Pérez, Jr.", "Zoë (Zo) O'Brien" come back exactly),
    and the policy refuses a CR or LF in any header, so nothing a visitor
    typed can add a header."""
    msg = EmailMessage(policy=MAIL_POLICY)
    msg["Subject"] = " ".join(subject.split())
    msg["From"] = _address(*sender)
    msg["To"] = _address(*to)
    if reply_to and reply_to[1].lower() != sender[1].lower():
        msg["Reply-To"] = _address(*reply_to)
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = message_id
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = in_reply_to
    return msg


def _address(display_name: str, addr_spec: str) -> Address:
    return Address(display_name=" ".join(display_name.split()), addr_spec=addr_spec)


DESK_TEMPLATES = (
    "desk/confirmed.txt",
    "desk/cancelled.txt",
    "desk/reminder.txt",
    "desk/unavailable.txt",
    "desk/summary.txt",
    "desk/notice.txt",
)


def check_wording(templates: Path) -> None:
    """Every desk template compiles: checked before anything is recorded."""
    env = _environment(templates)
    for name in DESK_TEMPLATES:
        _loaded(env, templates, name, lambda template: None)


def _loaded(env: Environment, templates: Path, name: str, use):
    """use(template), with a missing or broken template as one line naming it."""
    try:
        return use(env.get_template(name))
    except TemplateNotFound:
        raise BookingError(f"{templates / name} is missing; restore it from the project") from None
    except TemplateError as error:
        raise BookingError(f"{templates / name}: {error}; fix the template") from None


@functools.lru_cache(maxsize=8)
def _environment(templates: Path) -> Environment:
    """One environment per templates folder and process: each email only
    renders, its templates compiled once (the loader still notices an edit).
    The language comes with each rendering, never installed in it."""
    return Environment(
        loader=FileSystemLoader(str(templates)),
        extensions=["jinja2.ext.i18n"],
        autoescape=False,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )


def wording(templates: Path, name: str, lang: Language, **values: object) -> tuple[str, str]:
    """(subject, body) of a desk template: its first line, then the rest.
    Plain text: nothing is escaped, and a line break in a value could only
    come from the coach's own --note."""
    env = _environment(templates)
    words = {"gettext": lang.gettext, "ngettext": lang.ngettext, "_": lang.gettext}
    text = _loaded(env, templates, name, lambda template: template.render(**words, **values))
    subject, _, body = text.lstrip("\n").partition("\n")
    body = re.sub(r"\n{3,}", "\n\n", body.strip("\n")) + "\n"
    return " ".join(subject.split()), body
