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
from .model import Slot
from .settings import Organizer, Session

REMINDER = timedelta(minutes=-30)


def slot_url(origin: str, slot: Slot) -> str:
    return f"{origin.rstrip('/')}/book/{slot.session}/{slot.stamp}/"


def slot_invite(
    slot: Slot, session: Session, organizer: Organizer, origin: str, host: str, now: datetime
) -> bytes:
    """One downloadable, not-yet-confirmed appointment (METHOD:PUBLISH, no ATTENDEE:
    Outlook refuses to "accept" a REQUEST that does not list the user)."""
    calendar = _calendar()
    event = _event(slot, session, organizer, origin, now)
    event.add("uid", uid(slot.id, host))
    event.add("summary", session.title)
    event.add("description", _description(session, organizer, slot_url(origin, slot)))
    event.add("status", "TENTATIVE")
    event.add("transp", "OPAQUE")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", REMINDER)
    alarm.add("description", f"Soon: {session.title}")
    event.add_component(alarm)
    calendar.add_component(event)
    return calendar.to_ical()


def availability_feed(
    slots: Iterable[Slot],
    session: Session,
    organizer: Organizer,
    origin: str,
    host: str,
    now: datetime,
) -> bytes:
    """Every open slot in one subscribable calendar. Entries are transparent and
    carry no alarm, so subscribing never fills a visitor's day with busy time
    or reminders; their UIDs differ from the invites' (`-open`), as they are
    different objects: an offer, not an appointment."""
    calendar = _calendar()
    calendar.add("name", f"Open times: {session.title}")
    calendar.add("x-wr-calname", f"Open times: {session.title}")
    calendar.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")
    for slot in slots:
        event = _event(slot, session, organizer, origin, now)
        event.add("uid", uid(f"{slot.id}-open", host))
        event.add("summary", f"Open: {session.title}")
        event.add("description", f"Free to book: {slot_url(origin, slot)}")
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()


def _calendar() -> Calendar:
    return new_calendar("PUBLISH")


def _event(slot: Slot, session: Session, organizer: Organizer, origin: str, now: datetime) -> Event:
    event = Event()
    event.add("dtstamp", now)
    event.add("dtstart", slot.start)
    event.add("dtend", slot.end)
    event.add("sequence", 0)
    event.add("location", session.location)
    event.add("url", slot_url(origin, slot))
    coach = vCalAddress(f"mailto:{organizer.email}")
    coach.params["CN"] = organizer.name
    event.add("organizer", coach)
    return event


def _description(session: Session, organizer: Organizer, url: str) -> str:
    return (
        f"{session.description}\n\n"
        f"This time is not booked yet. {organizer.name} confirms it by email; "
        f"until then it is only held in your own calendar.\n\n"
        f"Request it: {url}\n"
        f"Questions: {organizer.email}"
    )
