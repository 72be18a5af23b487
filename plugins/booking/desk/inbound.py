"""One email from the coach's mailbox, read into what the desk decides on.

Everything here treats the message as hostile input: anyone can send an
email. Nothing is trusted but the booking code (tokens.find), the signature
on change codes (signing.verify), the In-Reply-To of a summary only the
coach received, and the coach's provider's own verdict on the sender
(the topmost Authentication-Results header, RFC 8601: headers further down
may have been written by the sender).

Python's `email` package parses MIME nesting and header comments by
recursion, so a small message with a thousand nested parts or parentheses
raises RecursionError. `read_message` bounds both inside the parser rather
than guessing from the raw bytes: its policy makes every part through a
counter (MAX_PARTS; nesting can never be deeper than the number of parts)
and refuses a structured header whose comments nest deeper than
MAX_NESTING. What it cannot read raises Unreadable, which the inbox turns
into one line and a message set aside.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from email import message_from_bytes
from email.headerregistry import UnstructuredHeader
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import getaddresses
from html.parser import HTMLParser

import icalendar

from ...common.email_address import is_email_address
from ..tokens import CodeError, Token, find
from .authentication import verdict
from .visitor_text import printable

_MSGID = re.compile(r"<[^<>\s]+>")
# What a log line may show of a Message-ID: printable ASCII, no spaces or
# brackets inside, bounded; anything else is named by the message's hash.
_SAFE_ID = re.compile(r"<[!-;=?-~]{1,250}>")
_ID_HEADER = re.compile(rb"^message-id[ \t]*:([^\r\n]*)", re.IGNORECASE | re.MULTILINE)
_FOLD = re.compile(rb"\r?\n[ \t]+")
# Where a reply's quoted earlier message starts, in our languages' mail programs.
_QUOTE_START = re.compile(
    r"^(on .+ wrote:|le .+ a écrit|am .+ schrieb|el .+ escribió|em .+ escreveu"
    r"|op .+ schreef|il .+ ha scritto|-----\s*(original|ursprüngliche)|_{10,})",
    re.I,
)
MAX_TEXT = 20_000  # a request is a few lines; a huge body is cut, never parsed whole
MAX_HTML = 200_000  # an HTML body is cut before its tags are stripped
MAX_SUBJECT = 1_000
MAX_PARTS = 100  # a request or a reply has a handful; mail programs' own stay far below
MAX_NESTING = 10  # comments inside comments in one header: (a (b (c))) is 3
MAX_CALENDAR = 100_000  # bytes of one text/calendar part; a reply is about 1 kB
MAX_COMPONENTS = 20  # BEGIN: lines in it (icalendar walks components by recursion)


class Unreadable(Exception):
    """A message the desk will not parse further; the text says why, in the
    coach's words, and never quotes the message."""


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


class _Parts:
    """The parser's message factory: counts the parts it makes."""

    def __init__(self) -> None:
        self.made = 0

    def __call__(self, policy: EmailPolicy | None = None) -> EmailMessage:
        self.made += 1
        if self.made > MAX_PARTS:
            raise Unreadable(f"it has more than {MAX_PARTS} MIME parts")
        return EmailMessage(policy=policy)


class _BoundedPolicy(EmailPolicy):
    """policy.default, refusing structured headers nested too deep to parse."""

    def header_fetch_parse(self, name, value):
        if (
            isinstance(value, str)
            and not issubclass(self.header_factory[name], UnstructuredHeader)
            and _comment_depth(value) > MAX_NESTING
        ):
            raise Unreadable(f"a header nests comments more than {MAX_NESTING} deep")
        return super().header_fetch_parse(name, value)


def _comment_depth(value: str) -> int:
    """The deepest nesting of (comments) in a header (RFC 5322 3.2.2);
    parentheses inside a "quoted string" or after a backslash do not count."""
    deepest = depth = 0
    quoted = escaped = False
    for char in value:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif quoted:
            quoted = char != '"'
        elif char == '"' and depth == 0:
            quoted = True
        elif char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth = max(depth - 1, 0)
    return deepest


def message_id_of(raw: bytes) -> str:
    """The message's Message-ID as the desk names it in the ledger and in its
    lines, read from the raw header (so a message `email` cannot parse is
    named the same way); printable ASCII only, else the hash of its bytes."""
    head = raw[:65_536].split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    found = _ID_HEADER.search(_FOLD.sub(b" ", head))
    match = _SAFE_ID.search(found[1].decode("latin-1")) if found else None
    if match:
        return match[0]
    # No usable Message-ID: the message's own bytes still name it exactly once.
    return f"<sha256-{hashlib.sha256(raw).hexdigest()[:32]}@no-message-id>"


def read_message(raw: bytes) -> Inbound:
    """Unreadable when the message is nested beyond the limits above or
    carries a booking code whose time does not exist."""
    policy = _BoundedPolicy().clone(message_factory=_Parts())
    msg = message_from_bytes(raw, policy=policy)
    assert isinstance(msg, EmailMessage)
    message_id = message_id_of(raw)
    sender_name, sender = _address(_header(msg, "From"))
    _, reply_to = _address(_header(msg, "Reply-To"))
    subject = " ".join(_header(msg, "Subject")[:MAX_SUBJECT].split())
    text = _text(msg)[:MAX_TEXT]
    references = tuple(
        _MSGID.findall(_header(msg, "In-Reply-To") + " " + _header(msg, "References"))
    )
    checked = verdict([str(v) for v in msg.get_all("Authentication-Results") or []], sender)
    auto = _header(msg, "Auto-Submitted").lower() not in {"", "no"} or bool(
        _header(msg, "X-Autoreply") or _header(msg, "X-Autorespond")
    )
    try:
        token = find(subject) or find(text)
    except CodeError:
        raise Unreadable("its booking code names a time that does not exist") from None
    return Inbound(
        message_id=message_id,
        sender=sender,
        sender_name=sender_name,
        reply_to=reply_to,
        subject=subject,
        text=text,
        references=references,
        token=token,
        auth_failures=checked.failures,
        authenticated=checked.passed,
        calendar_reply=_calendar_reply(msg),
        auto_submitted=auto,
    )


def _header(msg: EmailMessage, name: str) -> str:
    try:
        value = msg.get(name)
    except (ValueError, LookupError, TypeError, AttributeError):
        return ""  # a header the email package cannot parse
    return "" if value is None else str(value)


def _address(value: str) -> tuple[str, str]:
    pairs = getaddresses([value]) if value else []
    if len(pairs) != 1 or not is_email_address(pairs[0][1]):
        return "", ""
    return " ".join(pairs[0][0].split()), pairs[0][1].lower()


_BREAKS = frozenset({"br", "p", "div", "tr", "li"})


class _Stripper(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        # Text after a block ("</p>line") starts a line of its own: a
        # prompt's answer must not run into what follows it.
        if tag in _BREAKS:
            self.parts.append("\n")


def _text(msg: EmailMessage) -> str:
    body = msg.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    try:
        content = body.get_content()
    except (LookupError, ValueError, AttributeError, TypeError):  # unknown charset, broken part
        return ""
    if not isinstance(content, str):
        return ""
    if body.get_content_subtype() == "html":
        stripper = _Stripper()
        stripper.feed(content[:MAX_HTML])
        content = "".join(stripper.parts)
    return content.replace("\r\n", "\n")


def _calendar_reply(msg: EmailMessage) -> CalendarReply | None:
    for part in msg.walk():
        if part.get_content_type() not in {"text/calendar", "application/ics"}:
            continue
        data = part.get_payload(decode=True)
        if not isinstance(data, bytes) or len(data) > MAX_CALENDAR:
            continue
        if data.upper().count(b"BEGIN:") > MAX_COMPONENTS:
            continue
        try:
            reply = _reply_in(icalendar.Calendar.from_ical(data))
        except (ValueError, LookupError, TypeError, AttributeError):  # not a calendar we can read
            continue
        if reply is not None:
            return reply
    return None


def _reply_in(calendar: icalendar.Calendar) -> CalendarReply | None:
    if str(calendar.get("METHOD", "")).upper() != "REPLY":
        return None
    for event in calendar.walk("VEVENT"):
        attendee = event.get("ATTENDEE")
        if attendee is None or isinstance(attendee, list):
            continue
        address = str(attendee)
        address = address[7:] if address.lower().startswith("mailto:") else address
        return CalendarReply(
            uid=str(event.get("UID", ""))[:500],
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


# The coach's answer to a summary, read conservatively: a wrong "no" sends a
# client away, a wrong "yes" books a time she did not want, and asking her
# again costs one more email. Words are lowercase, with ' for ’.
YES_WORDS = YES | {
    # en, fr, de, es, pt, nl, it (the summary asks for yes/oui/ja/sí/sim/ja/sì)
    *("yep", "yeah", "yup", "sure", "certainly", "absolutely", "confirmed", "perfect"),
    *("great", "fine", "agreed", "approved", "accepted", "oké", "oke", "okey"),
    *("parfait", "d'accord", "entendu", "volontiers", "confirmé", "confirme"),
    *("gerne", "gern", "klar", "natürlich", "einverstanden", "bestätigt", "genau"),
    *("vale", "claro", "perfecto", "confirmado", "confirmo"),
    *("perfeito", "certo", "combinado", "claro"),
    *("akkoord", "zeker", "prima", "uiteraard", "bevestigd", "goed"),
    *("perfetto", "certamente", "volentieri", "confermato", "confermo", "d'accordo"),
}
NO_WORDS = NO | {"nope", "nah", "niet", "declined"}
# Phrases that say yes though they hold a "no" ("no problem"), or that read
# as assent after one ("see you then"): one marker each before single words
# are read.
ASSENT = (
    *("no problem", "no problems", "no problemo", "no prob", "no probs", "no worries"),
    *("no worry", "not a problem", "no trouble", "no issue", "no issues", "no objection"),
    *("see you", "sounds good", "go ahead", "works for me", "that works", "fine by me"),
    *("all good", "of course"),
    *("pas de problème", "pas de probleme", "pas de souci", "pas de soucis"),
    *("aucun problème", "aucun souci", "sans problème", "sans souci", "à bientôt"),
    *("ça marche", "ca marche", "c'est bon", "c'est parfait", "bien sûr", "avec plaisir"),
    *("kein problem", "keine sorge", "kein thema", "geht klar", "bis dann", "bis bald"),
    *("passt", "alles klar", "sehr gern", "sehr gerne"),
    *("no hay problema", "sin problema", "sin problemas", "no pasa nada", "no te preocupes"),
    *("no se preocupe", "nos vemos", "de acuerdo", "hasta pronto", "por supuesto"),
    *("me parece bien",),
    *("sem problema", "sem problemas", "não tem problema", "não há problema"),
    *("nao tem problema", "não se preocupe", "tudo bem", "tudo certo", "até lá"),
    *("até logo", "até breve", "de acordo", "com certeza", "pode ser"),
    *("geen probleem", "geen punt", "geen zorgen", "tot dan", "tot snel", "komt goed"),
    *("is goed",),
    *("nessun problema", "non c'è problema", "non ce problema", "non preoccuparti"),
    *("non si preoccupi", "va bene", "a presto", "ci vediamo"),
)
# After a yes, any of these makes the answer unclear ("yes, but not Monday").
DOUBT = NO_WORDS | {
    *("not", "never", "cannot", "can't", "cant", "won't", "don't", "doesn't", "isn't"),
    *("unfortunately", "but", "however", "although", "instead", "except", "unless", "if"),
    *("maybe", "perhaps"),
    *("pas", "jamais", "malheureusement", "mais", "plutôt", "sauf", "peut-être"),
    *("nicht", "kein", "keine", "keinen", "leider", "aber", "jedoch", "stattdessen"),
    *("außer", "wenn", "falls", "vielleicht"),
    *("nunca", "lamentablemente", "pero", "sino", "quizás", "quizá", "tal"),
    *("infelizmente", "mas", "porém", "talvez"),
    *("geen", "nooit", "helaas", "maar", "misschien", "liever"),
    *("mai", "purtroppo", "ma", "però", "invece", "tranne", "forse"),
}
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_ASSENT = re.compile(
    r"(?<!\S)(?:"
    + "|".join(re.escape(phrase) for phrase in sorted(ASSENT, key=len, reverse=True))
    + r")(?!\S)"
)
_PHRASE = "+"  # stands for one ASSENT phrase among the words (never part of a word)


def answer(text: str) -> tuple[str, str]:
    """The coach's "yes" or "no" (in any of our languages) and what she added
    after a "no"; ("", "") when it is not clear.

    Read from the first paragraph she wrote (not the quote, nor a signature
    or disclaimer further down). "yes": it starts with a yes (or "no
    problem"...) and holds no question mark, "but", "not" or another "no".
    "no": it starts with a no that is not part of such a phrase, and nothing
    after it reads as assent. Anything else is unclear: she is asked again."""
    lines = own_words(text)
    while lines and not lines[0]:
        lines = lines[1:]
    if not lines:
        return "", ""
    paragraph = " ".join(lines[: lines.index("")] if "" in lines else lines)
    said = " ".join(_WORD.findall(paragraph.lower().replace("’", "'")))
    words = _ASSENT.sub(_PHRASE, said).split()
    if not words:
        return "", ""
    first, rest = words[0], words[1:]
    if first == _PHRASE or first in YES_WORDS:
        doubt = any(w in DOUBT or w.startswith("n'") for w in rest)
        return ("", "") if doubt or "?" in paragraph else ("yes", "")
    if first in NO_WORDS and not any(w == _PHRASE or w in YES_WORDS for w in rest):
        kept = [line for line in lines if line]
        head = re.split(r"[\s,.;:!-]+", kept[0], maxsplit=1)
        reason = " ".join([head[1] if len(head) > 1 else "", *kept[1:]]).strip(" ,.;:-")
        return "no", " ".join(reason.split())[:500]
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
