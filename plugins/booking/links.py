"""Links a visitor follows from a slot page: the request email and the
add-to-calendar pages of Google, Outlook.com, Office 365 and Yahoo.

The calendar services have no official spec for these links; the shapes
below are the ones the widely used add-to-calendar libraries agree on.
Times are always UTC, and every value is percent-encoded
(spaces as %20, never "+", which some of them show literally).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote


def mailto(address: str, subject: str, body: str) -> str:
    """RFC 6068: every header value percent-encoded (spaces as %20, never "+"),
    line breaks in the body as %0D%0A."""
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    query = f"subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    return f"mailto:{quote(address, safe='@')}?{query}"


@dataclass(frozen=True)
class CalendarEvent:
    title: str
    start: datetime  # timezone-aware
    end: datetime
    details: str
    location: str


def _basic(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _extended(moment: datetime) -> str:
    """2026-11-23T14:00:00Z, its colons percent-encoded as every value is."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H%%3A%M%%3A%SZ")


class SessionLinks:
    """The add-to-calendar links of one session's slots. A session's slots
    share their title and location, and the query keys are this module's
    own (letters and "_", nothing to encode): those parts are put together
    once, and each slot adds its times and encoded notes."""

    def __init__(self, title: str, location: str) -> None:
        text, self._where = quote(title, safe=""), quote(location, safe="")
        self._google = "https://calendar.google.com/calendar/render?action=TEMPLATE&text=" + text
        self._outlook = (
            "/calendar/0/deeplink/compose?path=%2Fcalendar%2Faction%2Fcompose&rru=addevent"
        )
        self._subject = text
        self._yahoo = "https://calendar.yahoo.com/?v=60&title=" + text

    def links(self, start: datetime, end: datetime, details: str) -> list[dict[str, str]]:
        """One entry per service, in the order the slot page lists them."""
        notes = quote(details, safe="")  # once: the four links carry the same notes
        first, last = _basic(start), _basic(end)
        outlook = (
            f"{self._outlook}&startdt={_extended(start)}&enddt={_extended(end)}"
            f"&subject={self._subject}&body={notes}&location={self._where}"
        )
        google = f"{self._google}&dates={first}%2F{last}&details={notes}&location={self._where}"
        yahoo = f"{self._yahoo}&st={first}&et={last}&desc={notes}&in_loc={self._where}"
        return [
            {"service": "Google Calendar", "url": google},
            {"service": "Outlook.com", "url": f"https://outlook.live.com{outlook}"},
            # Office 365 (work and school accounts): the same link on outlook.office.com.
            {"service": "Office 365", "url": f"https://outlook.office.com{outlook}"},
            {"service": "Yahoo Calendar", "url": yahoo},
        ]


def calendar_links(event: CalendarEvent) -> list[dict[str, str]]:
    """One entry per service, in the order the slot page lists them."""
    return SessionLinks(event.title, event.location).links(event.start, event.end, event.details)


def google(event: CalendarEvent) -> str:
    return calendar_links(event)[0]["url"]


def outlook(event: CalendarEvent, host: str = "outlook.live.com") -> str:
    """Outlook.com, or Office 365 with host outlook.office.com."""
    return calendar_links(event)[1]["url"].replace("outlook.live.com", host, 1)


def yahoo(event: CalendarEvent) -> str:
    return calendar_links(event)[3]["url"]
