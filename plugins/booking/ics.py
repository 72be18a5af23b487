"""Offered slots -> iCalendar bytes, built with the `icalendar` library.

Every time is written in UTC (`Z`), the form every client reads the same way,
so no VTIMEZONE is needed. UIDs are `<slug>-<YYYYMMDDTHHMMSSZ>@<host>`
(plugins.common.ical), so the desk's invitation replaces the tentative
event a client saved from the slot page. icalendar supplies CRLF line
ends, TEXT escaping and folding at 75 octets without splitting a UTF-8
character.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from icalendar import Alarm, Calendar, Event, vCalAddress

from ..common.ical import new_calendar, uid
from ..common.language import Language
from .model import Slot
from .settings import Organizer, Session

REMINDER = timedelta(minutes=-30)


def slot_url(origin: str, slot: Slot, prefix: str = "") -> str:
    return f"{origin.rstrip('/')}/{prefix}book/{slot.session}/{slot.stamp}/"


def reminder(title: str, lang: Language) -> Alarm:
    """The display alarm every appointment carries, 30 minutes ahead."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", REMINDER)
    alarm.add("description", lang.gettext("Soon: {title}").format(title=title))
    return alarm


def slot_invite(
    slot: Slot,
    session: Session,
    organizer: Organizer,
    origin: str,
    host: str,
    now: datetime,
    lang: Language,
    prefix: str = "",
) -> bytes:
    """One downloadable, not-yet-confirmed appointment (METHOD:PUBLISH, no ATTENDEE:
    Outlook refuses to "accept" a REQUEST that does not list the user). The
    UID is the same in every language: it is one appointment."""
    calendar = _calendar()
    url = slot_url(origin, slot, prefix)
    event = _event(slot, session, organizer, url, now)
    event.add("uid", uid(slot.id, host))
    event.add("summary", session.title)
    event.add("description", _description(session, organizer, url, lang))
    event.add("status", "TENTATIVE")
    event.add("transp", "OPAQUE")
    event.add_component(reminder(session.title, lang))
    calendar.add_component(event)
    return calendar.to_ical()


def availability_feed(
    slots: Iterable[Slot],
    session: Session,
    organizer: Organizer,
    origin: str,
    host: str,
    now: datetime,
    lang: Language,
    prefix: str = "",
) -> bytes:
    """Every open slot in one subscribable calendar. Entries are transparent and
    carry no alarm, so subscribing never fills a visitor's day with busy time
    or reminders; their UIDs differ from the invites' (`-open`), as they are
    different objects: an offer, not an appointment."""
    _ = lang.gettext
    calendar = _calendar()
    name = _("Open times: {title}").format(title=session.title)
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")
    for slot in slots:
        url = slot_url(origin, slot, prefix)
        event = _event(slot, session, organizer, url, now)
        event.add("uid", uid(f"{slot.id}-open", host))
        event.add("summary", _("Open: {title}").format(title=session.title))
        event.add("description", _("Free to book: {url}").format(url=url))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()


def _calendar() -> Calendar:
    return new_calendar("PUBLISH")


def _event(slot: Slot, session: Session, organizer: Organizer, url: str, now: datetime) -> Event:
    event = Event()
    event.add("dtstamp", now)
    event.add("dtstart", slot.start)
    event.add("dtend", slot.end)
    event.add("sequence", 0)
    event.add("location", session.location)
    event.add("url", url)
    coach = vCalAddress(f"mailto:{organizer.email}")
    coach.params["CN"] = organizer.name
    event.add("organizer", coach)
    return event


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
