"""The desk's own emails beyond the invitations: the coach's summary of a
request, a client's "that time is taken" (with other open times) or "the
coach declined", reminders, and short notices to the coach. Worded by the
theme's desk/*.txt templates; headers made by invitations.envelope. A client
is greeted by name only when it is a plain name (visitor_text.person_name),
else neutrally; the coach's own letters show what was typed.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Sequence
from datetime import datetime
from email.message import EmailMessage

from ...common.language import Language
from ..ledger_format import Entry
from .invitations import client_when, envelope, when, wording
from .visitor_text import person_name
from .work import Item

_OURS = re.compile(
    r"<(summary\.[0-9a-f]{32}|in-[0-9a-f]{16}-[a-z]+|[a-z0-9-]+-\d{8}T\d{6}Z-[A-Za-z0-9.-]+)@(?P<host>[^>]+)>"
)


def written_by_desk(message_id: str, host: str) -> bool:
    """A Message-ID the desk made (a summary in the coach's own inbox)."""
    match = _OURS.fullmatch(message_id)
    return bool(match) and match["host"] == host


def name_for(message_id: str, kind: str) -> str:
    """A queued message's name: what it answers and what it is, so a rerun
    makes the same name and never a second copy."""
    return f"in-{hashlib.sha256(message_id.encode()).hexdigest()[:16]}-{kind}"


def utc(start: datetime, end: datetime) -> str:
    return f"{start:%H:%M}-{end:%H:%M} UTC"


class Letters:
    """Everything a letter needs that does not change from one to the next."""

    def __init__(self, desk, sender: str) -> None:
        self.desk = desk
        self.sender = sender
        self.organizer = desk.settings.organizer
        self.coach_lang = desk.language()

    def _message(
        self,
        template: str,
        lang: Language,
        to: tuple[str, str],
        message_id: str,
        in_reply_to: str = "",
        **values: object,
    ) -> EmailMessage:
        subject, body = wording(
            self.desk.templates,
            template,
            lang,
            coach=self.organizer.name,
            coach_email=self.organizer.email,
            **values,
        )
        msg = envelope(
            subject,
            sender=(self.organizer.name, self.sender),
            to=to,
            reply_to=(self.organizer.name, self.organizer.email),
            now=self.desk.now,
            message_id=message_id,
            in_reply_to=in_reply_to,
        )
        msg.set_content(body)
        return msg

    def summary(
        self,
        item: Item,
        start: datetime,
        end: datetime,
        session_title: str,
        code: str,
        *,
        confirmed: bool,
        warning: str = "",
        answers: Sequence[tuple[str, str]] = (),
    ) -> EmailMessage:
        """To the coach. Its Message-ID holds 128 random bits: a reply to it
        (In-Reply-To) can only come from someone who received it."""
        lang = self.coach_lang
        client_when = ""
        if item.zone and item.zone != self.desk.settings.timezone:
            client_when = when(start, end, item.zone, lang)
        return self._message(
            "desk/summary.txt",
            lang,
            (self.organizer.name, self.organizer.email),
            f"<summary.{secrets.token_hex(16)}@{self.desk.host}>",
            client=item.name,
            client_email=item.email,
            when=when(start, end, self.desk.settings.timezone, lang),
            utc=utc(start, end),
            client_when=client_when,
            session=session_title,
            answers=list(answers),
            note=item.note if item.kind == "request" else "",
            warning=warning,
            confirmed=confirmed,
            code=code,
        )

    def unavailable(
        self,
        item: Item,
        start: datetime,
        end: datetime,
        session_title: str,
        times: Sequence[tuple[str, str]],
        rebook_url: str,
        in_reply_to: str,
        *,
        declined: bool = False,
        reason: str = "",
    ) -> EmailMessage:
        """To a client: the time is taken (or the coach declined), with the next open times."""
        lang = self.desk.language(item.language)
        return self._message(
            "desk/unavailable.txt",
            lang,
            (person_name(item.name), item.email),
            f"<{name_for(item.id, 'unavailable')}@{self.desk.host}>",
            in_reply_to=in_reply_to,
            client=person_name(item.name),
            session=session_title,
            when=when(start, end, item.zone or self.desk.settings.timezone, lang),
            times=list(times),
            rebook_url=rebook_url,
            declined=declined,
            reason=reason,
        )

    def reminder(self, entry: Entry, links: dict[str, str], name: str) -> EmailMessage:
        lang = self.desk.language(entry.language)
        return self._message(
            "desk/reminder.txt",
            lang,
            (person_name(entry.name), entry.email),
            f"<{name}@{self.desk.host}>",
            client=person_name(entry.name),
            session=entry.summary,
            when=client_when(entry.start, entry.end, entry.zone, self.desk.settings.timezone, lang),
            utc=utc(entry.start, entry.end),
            place=entry.location,
            video=entry.video,
            cancel_url=links.get("cancel", ""),
            move_url=links.get("move", ""),
        )

    def notice(
        self, name: str, subject: str, text: str, details: str = "", in_reply_to: str = ""
    ) -> EmailMessage:
        """To the coach: what the desk did, or could not do on its own."""
        return self._message(
            "desk/notice.txt",
            self.coach_lang,
            (self.organizer.name, self.organizer.email),
            f"<{name}@{self.desk.host}>",
            in_reply_to=in_reply_to,
            subject=subject,
            text=text,
            details=details,
        )
