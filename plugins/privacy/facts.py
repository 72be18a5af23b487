"""What the privacy page states, from the settings that decide it, so the
page cannot drift from what the software does. Facts of the software, not
legal advice: the page says what happens to a visitor's words, never what
a law requires."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from ..config.load import Settings


@dataclass(frozen=True)
class Facts:
    name: str  # who the visitor deals with: the coach or the program
    email: str  # where requests go, and where to ask for access or erasure
    books: bool  # the site offers times to book
    form_host: str  # a form service's host the request goes through ("": email)
    desk_reads_mail: bool  # the desk reads the coach's mailbox for requests
    keep_days: int  # after a session, the client's details are removed
    encrypted: bool  # what the desk keeps is stored encrypted
    video_host: str  # the video service's host ("": none set)
    calendar_host: str  # the CalDAV server bookings are written to ("": none)
    podcast: bool  # audio files are served from this site


def _host(url: str | None) -> str:
    return urlsplit(url or "").hostname or ""


def facts(settings: Settings) -> Facts:
    booking, desk = settings.booking, settings.desk
    video = desk.video if desk else None
    return Facts(
        name=settings.site.name or settings.coach.name,
        email=booking.organizer.email if booking else settings.coach.email,
        books=booking is not None,
        form_host=_host(booking.request_form_action) if booking else "",
        desk_reads_mail=bool(desk and desk.inbox),
        keep_days=booking.keep_client_data_days if booking else 0,
        encrypted=bool(booking and booking.ledger_key_env),
        video_host=_host(video.rooms_at or video.room) if video else "",
        calendar_host=_host(booking.caldav.url) if booking and booking.caldav else "",
        podcast=settings.podcast is not None,
    )
