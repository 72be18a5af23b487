"""One email from the coach's mailbox, read into what the desk decides on.

Everything here treats the message as hostile input: anyone can send an
email. Nothing is trusted but the booking code (tokens.find), the signature
on change codes (signing.verify), the In-Reply-To of a summary only the
coach received, and the coach's provider's own verdict on the sender
(the topmost Authentication-Results header, RFC 8601: headers further down
may have been written by the sender).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import getaddresses
from html.parser import HTMLParser

import icalendar

from ...common.email_address import is_email_address
from ..tokens import Token, find
from .authentication import verdict
from .visitor_text import printable

_MSGID = re.compile(r"<[^<>\s]+>")
_QUOTE_START = re.compile(r"^(on .+ wrote:|le .+ a écrit|am .+ schrieb|-----\s*original)", re.I)
MAX_TEXT = 20_000  # a request is a few lines; a huge body is cut, never parsed whole

YES = {"yes", "y", "ok", "okay", "confirm", "oui", "ja", "sí", "si", "sì", "sim", "jawel"}
NO = {"no", "n", "non", "nein", "nee", "não", "nao", "decline"}


@dataclass(frozen=True)
class CalendarReply:
    """An iTIP REPLY (RFC 5546 3.2.3): a client's calendar answering an invitation."""

    uid: str
    attendee: str
    partstat: str


@dataclass(frozen=True)
class Inbound:
    message_id: str
    sender: str  # the From address, lowercased; "" if there is none
    sender_name: str
    reply_to: str
    subject: str
    text: str  # the plain text (an HTML-only body with its tags removed)
    references: tuple[str, ...]  # In-Reply-To and References
    token: Token | None
    auth_failures: tuple[str, ...] = ()  # e.g. ("dmarc", "spf")
    authenticated: bool = False  # the provider vouches for the From address
    calendar_reply: CalendarReply | None = None
    auto_submitted: bool = False  # a bounce or an out-of-office answer


def read_message(raw: bytes) -> Inbound:
    msg = message_from_bytes(raw, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    message_id = _first_id(_header(msg, "Message-ID"))
    if not message_id:
        # No Message-ID: the message's own bytes still name it exactly once.
        message_id = f"<sha256-{hashlib.sha256(raw).hexdigest()[:32]}@no-message-id>"
    sender_name, sender = _address(_header(msg, "From"))
    _, reply_to = _address(_header(msg, "Reply-To"))
    subject = " ".join(_header(msg, "Subject").split())
    text = _text(msg)[:MAX_TEXT]
    references = tuple(
        _MSGID.findall(_header(msg, "In-Reply-To") + " " + _header(msg, "References"))
    )
    checked = verdict([str(v) for v in msg.get_all("Authentication-Results") or []], sender)
    auto = _header(msg, "Auto-Submitted").lower() not in {"", "no"} or bool(
        _header(msg, "X-Autoreply") or _header(msg, "X-Autorespond")
    )
    return Inbound(
        message_id=message_id,
        sender=sender,
        sender_name=sender_name,
        reply_to=reply_to,
        subject=subject,
        text=text,
        references=references,
        token=find(subject) or find(text),
        auth_failures=checked.failures,
        authenticated=checked.passed,
        calendar_reply=_calendar_reply(msg),
        auto_submitted=auto,
    )


def _header(msg: EmailMessage, name: str) -> str:
    try:
        value = msg.get(name)
    except (ValueError, IndexError, TypeError):  # a header the email package cannot parse
        return ""
    return "" if value is None else str(value)


def _first_id(value: str) -> str:
    match = _MSGID.search(value)
    return match[0] if match else ""


def _address(value: str) -> tuple[str, str]:
    pairs = getaddresses([value]) if value else []
    if len(pairs) != 1 or not is_email_address(pairs[0][1]):
        return "", ""
    return " ".join(pairs[0][0].split()), pairs[0][1].lower()


class _Stripper(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in {"br", "p", "div", "tr", "li"}:
            self.parts.append("\n")


def _text(msg: EmailMessage) -> str:
    body = msg.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    try:
        content = body.get_content()
    except (LookupError, ValueError, AttributeError):  # an unknown charset, a broken part
        return ""
    if body.get_content_subtype() == "html":
        stripper = _Stripper()
        stripper.feed(content)
        content = "".join(stripper.parts)
    return content.replace("\r\n", "\n")


def _calendar_reply(msg: EmailMessage) -> CalendarReply | None:
    for part in msg.walk():
        if part.get_content_type() not in {"text/calendar", "application/ics"}:
            continue
        try:
            data = part.get_payload(decode=True) or b""
            calendar = icalendar.Calendar.from_ical(data)
        except (ValueError, IndexError, KeyError):
            continue
        if str(calendar.get("METHOD", "")).upper() != "REPLY":
            continue
        for event in calendar.walk("VEVENT"):
            attendee = event.get("ATTENDEE")
            if attendee is None or isinstance(attendee, list):
                continue
            address = str(attendee)
            address = address[7:] if address.lower().startswith("mailto:") else address
            return CalendarReply(
                uid=str(event.get("UID", "")),
                attendee=address.lower(),
                partstat=str(attendee.params.get("PARTSTAT", "")).upper(),
            )
    return None


def own_words(text: str) -> list[str]:
    """The lines the sender wrote, above any quoted earlier message."""
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(">") or stripped == "--" or _QUOTE_START.match(stripped):
            break
        lines.append(stripped)
    return lines


def answer(text: str) -> tuple[str, str]:
    """The coach's "yes" or "no" (in any of our languages) and what she added.
    ("", "") when the reply is neither."""
    words = [line for line in own_words(text) if line]
    if not words:
        return "", ""
    first = words[0]
    head = re.split(r"[\s,.;:!-]+", first, maxsplit=1)
    word = head[0].lower()
    rest = " ".join([head[1] if len(head) > 1 else "", *words[1:]]).strip(" ,.;:-")
    if word in YES:
        return "yes", ""
    if word in NO:
        return "no", " ".join(rest.split())[:500]
    return "", ""


@dataclass(frozen=True)
class Request:
    """What a visitor wrote in a booking request (the mailto body, or a
    form backend's notification listing the form's fields)."""

    name: str
    email: str
    zone: str  # the IANA zone the visitor's page saw, or ""
    answers: tuple[tuple[str, str], ...]  # (question label, answer)
    note: str
    honeypot: bool  # the form's hidden _gotcha field was filled: a robot
    missing: tuple[str, ...]  # required questions left unanswered


_FIELD = re.compile(r"^\s*\**(?P<key>[A-Za-z_][A-Za-z0-9_-]{0,40})\**\s*[:=]\s*(?P<value>.*)$")


def request(inbound: Inbound, questions, labels: dict[str, list[str]], zones) -> Request:
    """`questions`: the session's; `labels`: our prompt lines ("name", "zone",
    "note") in every language the site has; `zones`: the IANA names."""
    lines = own_words(inbound.text)
    form = _form_fields(lines)
    if "token" in form or "_gotcha" in form or {"name", "email"} <= form.keys():
        name = form.get("name", "")
        email = form.get("email", "").strip().lower()
        zone_text = form.get("visitor_time", "")
        note = form.get("note", "")
        answers = [(q.label, form.get(q.field(i), "")) for i, q in enumerate(questions)]
        honeypot = bool(form.get("_gotcha", "").strip())
    else:
        prompts = {
            key: [p.rstrip(":：").strip().lower() for p in found] for key, found in labels.items()
        }
        for i, q in enumerate(questions):
            prompts[f"q{i}"] = [q.label.lower()]
        found = _prompted(lines, prompts)
        name = found.get("name", "") or inbound.sender_name
        # Answers go to the address that wrote, never to a Reply-To naming
        # someone else (the desk tells the coach instead).
        email = inbound.sender
        zone_text, note = found.get("zone", ""), found.get("note", "")
        answers = []
        for i, q in enumerate(questions):
            value = found.get(f"q{i}", "")
            if q.kind == "choice":
                # The prompt listed the options: "(Resident / Attending)"; one was kept.
                kept = [o for o in q.options if o.lower() in value.lower()]
                value = kept[0] if len(kept) == 1 else ("" if "/" in value else value)
            answers.append((q.label, value))
        honeypot = False
    answers = [
        (label, _checked(value) if q.kind == "checkbox" else value)
        for (label, value), q in zip(answers, questions, strict=True)
    ]
    zone = next((word for word in re.split(r"[\s()]+", zone_text) if word in zones), "")
    missing = tuple(
        label
        for (label, value), q in zip(answers, questions, strict=True)
        if q.required and not value.strip()
    )
    return Request(
        name=_line(name, 200),
        email=email if is_email_address(email) else "",
        zone=zone,
        answers=tuple((label, _line(value, 1000)) for label, value in answers),
        note=_line(note, 2000),
        honeypot=honeypot,
        missing=missing,
    )


def _line(text: str, limit: int) -> str:
    """A visitor's words as one line, without control characters."""
    return " ".join(printable(text).split())[:limit]


def _checked(value: str) -> str:
    """A checkbox's answer: "yes" only when the visitor said so (the prompt
    "yes or no" left as it was is no answer)."""
    words = re.split(r"[\s,.;:!]+", value.strip().lower())
    if words[0] in YES and not ({"or", "ou", "oder", "o", "of"} & set(words)):
        return "yes"
    return "no" if words[0] in NO else ""


def _form_fields(lines: list[str]) -> dict[str, str]:
    fields: dict[str, str] = {}
    key = None
    for line in lines:
        match = _FIELD.match(line)
        if match:
            key = match["key"].strip().lower()
            fields[key] = match["value"].strip()
        elif key and line:
            fields[key] += " " + line
        else:
            key = None
    return fields


def _prompted(lines: list[str], prompts: dict[str, list[str]]) -> dict[str, str]:
    """Each prompt's answer: the rest of its line, and the lines below it
    up to the next prompt or a blank line."""
    found: dict[str, str] = {}
    key = None
    for line in lines:
        lowered = line.lower()
        hit = next(
            (
                (k, len(p))
                for k, options in prompts.items()
                for p in options
                if p and lowered.startswith(p) and lowered[len(p) :].lstrip()[:1] in {":", "：", ""}
            ),
            None,
        )
        if hit:
            key = hit[0]
            found[key] = line[hit[1] :].lstrip(" \u00a0:：").strip()
        elif key and line and not line.startswith("[["):
            found[key] = (found[key] + " " + line).strip()
        else:
            key = None
    return found
