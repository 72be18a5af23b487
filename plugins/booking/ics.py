"""Offered slots -> iCalendar bytes, built with the `icalendar` library.

Every time is written in UTC (`Z`), the form every client reads the same way,
so no VTIMEZONE is needed. UIDs are `<slug>-<YYYYMMDDTHHMMSSZ>@<host>`
(plugins.common.ical), so the desk's invitation replaces the tentative
event a client saved from the slot page. icalendar supplies CRLF line
ends, TEXT escaping and folding at 75 octets without splitting a UTF-8
character.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from ..common.ical import new_calendar, uid
from ..common.language import Language
from ..common.memo import Memo, code_version, key_of
from ..config.booking import Organizer, Session
from .model import Slot

if TYPE_CHECKING:
    from icalendar import Alarm, Calendar, Event

REMINDER = timedelta(minutes=-30)


def slot_url(origin: str, slot: Slot, prefix: str = "") -> str:
    return f"{origin.rstrip('/')}/{prefix}book/{slot.session}/{slot.stamp}/"


def reminder(title: str, lang: Language) -> Alarm:
    """The display alarm every appointment carries, 30 minutes ahead."""
    return _alarm(lang.gettext("Soon: {title}").format(title=title))


def _alarm(description: str) -> Alarm:
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", REMINDER)
    alarm.add("description", description)
    return alarm


class _Event(NamedTuple):
    """Everything one VEVENT says except DTSTAMP: the memo's key is made of it."""

    start: str  # ISO 8601, UTC
    end: str
    uid: str
    url: str
    summary: str
    description: str
    location: str
    organizer_email: str
    organizer_name: str


def slot_invite(
    slot: Slot,
    session: Session,
    organizer: Organizer,
    origin: str,
    host: str,
    now: datetime,
    lang: Language,
    prefix: str = "",
    memo: Memo | None = None,
) -> bytes:
    """One downloadable, not-yet-confirmed appointment (METHOD:PUBLISH, no ATTENDEE:
    Outlook refuses to "accept" a REQUEST that does not list the user). The
    UID is the same in every language: it is one appointment."""
    url = slot_url(origin, slot, prefix)
    event = _Event(
        slot.start.isoformat(),
        slot.end.isoformat(),
        uid(slot.id, host),
        url,
        session.title,
        _description(session, organizer, url, lang),
        session.location,
        organizer.email,
        organizer.name,
    )
    alarm = lang.gettext("Soon: {title}").format(title=session.title)

    def make(stamp: datetime) -> bytes:
        calendar = _calendar()
        vevent = _vevent(event, stamp)
        vevent.add("status", "TENTATIVE")
        vevent.add("transp", "OPAQUE")
        vevent.add_component(_alarm(alarm))
        calendar.add_component(vevent)
        return calendar.to_ical()

    return _stamped(memo, ("invite", *event, alarm), now, make)


def availability_feed(
    slots: Iterable[Slot],
    session: Session,
    organizer: Organizer,
    origin: str,
    host: str,
    now: datetime,
    lang: Language,
    prefix: str = "",
    memo: Memo | None = None,
) -> bytes:
    """Every open slot in one subscribable calendar. Entries are transparent and
    carry no alarm, so subscribing never fills a visitor's day with busy time
    or reminders; their UIDs differ from the invites' (`-open`), as they are
    different objects: an offer, not an appointment."""
    _ = lang.gettext
    name = _("Open times: {title}").format(title=session.title)
    events = []
    for slot in slots:
        url = slot_url(origin, slot, prefix)
        events.append(
            _Event(
                slot.start.isoformat(),
                slot.end.isoformat(),
                uid(f"{slot.id}-open", host),
                url,
                _("Open: {title}").format(title=session.title),
                _("Free to book: {url}").format(url=url),
                session.location,
                organizer.email,
                organizer.name,
            )
        )

    def make(stamp: datetime) -> bytes:
        calendar = _calendar()
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
        calendar.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT12H")
        for event in events:
            vevent = _vevent(event, stamp)
            vevent.add("transp", "TRANSPARENT")
            calendar.add_component(vevent)
        return calendar.to_ical()

    return _stamped(memo, ("feed", name, *(field for e in events for field in e)), now, make)


# Memoised files are made with this DTSTAMP, then given the build's own. A
# DTSTAMP line is 24 octets in UTC form (never folded, never escaped), and
# only a property can start a line after CRLF (text lines are escaped and
# continuation lines start with a space), so the swap is exact.
_STAMP = datetime(2000, 1, 1, tzinfo=UTC)
_STAMP_LINE = b"\r\nDTSTAMP:20000101T000000Z\r\n"


def _stamped(
    memo: Memo | None, fields: tuple[str, ...], now: datetime, make: Callable[[datetime], bytes]
) -> bytes:
    if memo is None:
        return make(now)
    data = memo.get(key_of(*fields), lambda: make(_STAMP))
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ").encode()
    return data.replace(_STAMP_LINE, b"\r\nDTSTAMP:" + stamp + b"\r\n")


def memo_version() -> str:
    """What the bytes depend on besides their inputs: our code (this writer
    and the document start among it) and the libraries."""
    return code_version()


def _calendar() -> Calendar:
    return new_calendar("PUBLISH")


def _vevent(event: _Event, stamp: datetime) -> Event:
    # Imported here: a build whose calendars all come from the memo never
    # loads icalendar.
    from icalendar import Event, vCalAddress

    vevent = Event()
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", datetime.fromisoformat(event.start))
    vevent.add("dtend", datetime.fromisoformat(event.end))
    vevent.add("sequence", 0)
    vevent.add("location", event.location)
    vevent.add("url", event.url)
    coach = vCalAddress(f"mailto:{event.organizer_email}")
    coach.params["CN"] = event.organizer_name
    vevent.add("organizer", coach)
    vevent.add("uid", event.uid)
    vevent.add("summary", event.summary)
    vevent.add("description", event.description)
    return vevent


def _description(session: Session, organizer: Organizer, url: str, lang: Language) -> str:
    _ = lang.gettext
    return "\n".join(
        [
            session.description,
            "",
            _(
                "This time is not booked yet. {name} confirms it by email; "
                "until then it is only held in your own calendar."
            ).format(name=organizer.name),
            "",
            _("Request it: {url}").format(url=url),
            _("Questions: {email}").format(email=organizer.email),
        ]
    )
