"""Links a visitor follows from a slot page: the request email and the
add-to-calendar pages of Google, Outlook.com, Office 365 and Yahoo.

The calendar services have no official spec for these links; the shapes
below are the ones the widely used add-to-calendar libraries agree on.
Times are always UTC, and every value is percent-encoded
(spaces as %20, never "+", which some of them show literally).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
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


def _query(pairs: list[tuple[str, str]]) -> str:
    """What `urlencode(pairs, quote_via=quote, safe="")` gives, with each value
    encoded once: a slot page's four links carry the same notes."""
    # The keys are this module's own, letters and "_" only: nothing to encode.
    return "&".join(f"{key}={_encoded(value)}" for key, value in pairs)


class _Encoded(str):
    """A value already percent-encoded (spaces as %20)."""


def _encoded(value: str) -> str:
    return value if isinstance(value, _Encoded) else quote(value, safe="")


def _basic(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _extended(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def google(event: CalendarEvent) -> str:
    return "https://calendar.google.com/calendar/render?" + _query(
        [
            ("action", "TEMPLATE"),
            ("text", event.title),
            ("dates", f"{_basic(event.start)}/{_basic(event.end)}"),
            ("details", event.details),
            ("location", event.location),
        ]
    )


def outlook(event: CalendarEvent, host: str = "outlook.live.com") -> str:
    """Outlook.com; Office 365 (work and school accounts) is the same link on
    outlook.office.com."""
    return f"https://{host}/calendar/0/deeplink/compose?" + _query(
        [
            ("path", "/calendar/action/compose"),
            ("rru", "addevent"),
            ("startdt", _extended(event.start)),
            ("enddt", _extended(event.end)),
            ("subject", event.title),
            ("body", event.details),
            ("location", event.location),
        ]
    )


def yahoo(event: CalendarEvent) -> str:
    return "https://calendar.yahoo.com/?" + _query(
        [
            ("v", "60"),
            ("title", event.title),
            ("st", _basic(event.start)),
            ("et", _basic(event.end)),
            ("desc", event.details),
            ("in_loc", event.location),
        ]
    )


def calendar_links(event: CalendarEvent) -> list[dict[str, str]]:
    """One entry per service, in the order the slot page lists them."""
    encoded = replace(
        event,
        title=_Encoded(quote(event.title, safe="")),
        details=_Encoded(quote(event.details, safe="")),
        location=_Encoded(quote(event.location, safe="")),
    )
    return [
        {"service": "Google Calendar", "url": google(encoded)},
        {"service": "Outlook.com", "url": outlook(encoded)},
        {"service": "Office 365", "url": outlook(encoded, "outlook.office.com")},
        {"service": "Yahoo Calendar", "url": yahoo(encoded)},
    ]
