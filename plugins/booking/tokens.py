"""The machine-readable codes a booking email carries, written by the site
and read by the desk: one grammar, so both always agree.

    [[book discovery-20261124T140000Z fr]]            a request (language optional)
    [[cancel discovery-20261124T140000Z 0 SIGNATURE]]  a client's cancellation
    [[move discovery-20261124T140000Z 0 SIGNATURE discovery-20261125T150000Z]]

The code goes into the subject and into the body. It is plain ASCII inside
double brackets, with no character a mail program rewrites (no "<", no
"http", nothing a line wrap splits at 78 columns), so it survives every
language, "Re:"/"AW:" prefixes, quoting and a visitor editing the text
around it. The signature (desk.signing) proves a cancel or move link came
from a confirmation; a request needs none: anyone may ask for a free time.

A code is read from hostile mail: its times must be real UTC times (the
grammar alone lets "20261340T256099Z" through), and one that names a time
that does not exist is refused with CodeError, never acted on and never
skipped in favour of a later code the sender may not have meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

BOOK, CANCEL, MOVE = "book", "cancel", "move"
_SLOT = r"[a-z0-9]+(?:-[a-z0-9]+)*-\d{8}T\d{6}Z"
_TOKEN = re.compile(
    r"\[\[\s*(?:"
    rf"(?P<book>book)\s+(?P<slot>{_SLOT})(?:\s+(?P<lang>[a-z]{{2,3}}(?:_[A-Z]{{2}})?))?"
    rf"|(?P<change>cancel|move)\s+(?P<booked>{_SLOT})\s+(?P<sequence>\d{{1,6}})"
    rf"\s+(?P<signature>[a-z2-7]{{26}})(?:\s+(?P<to>{_SLOT}))?"
    r")\s*\]\]",
    re.IGNORECASE,
)


STAMP_FORMAT = "%Y%m%dT%H%M%SZ"


class CodeError(ValueError):
    """A booking code in the grammar's shape whose time does not exist."""


@dataclass(frozen=True)
class Token:
    action: str  # BOOK, CANCEL or MOVE
    slot_id: str  # the requested slot, or the booked one a change is about
    language: str = ""  # the page's language a request was written from
    sequence: int = 0  # the booking's SEQUENCE when its links were made
    signature: str = ""
    to: str = ""  # MOVE: the newly chosen slot

    def text(self) -> str:
        if self.action == BOOK:
            return f"[[book {self.slot_id}{' ' + self.language if self.language else ''}]]"
        tail = f" {self.to}" if self.action == MOVE else ""
        return f"[[{self.action} {self.slot_id} {self.sequence} {self.signature}{tail}]]"


def request_token(slot_id: str, language: str = "") -> str:
    return Token(BOOK, slot_id, language).text()


def _slot(text: str) -> str:
    """Mail programs never change case, but a visitor retyping a code might."""
    slug, stamp = text.rsplit("-", 1)
    stamp = stamp.upper()
    if not is_stamp(stamp):
        raise CodeError(f"a booking code names a time that does not exist ({stamp})")
    return f"{slug.lower()}-{stamp}"


def is_stamp(stamp: str) -> bool:
    """A real UTC time written YYYYMMDDTHHMMSSZ (month 13, hour 25 and
    February 30 are not)."""
    try:
        datetime.strptime(stamp, STAMP_FORMAT)
    except ValueError:
        return False
    return True


def _language(code: str) -> str:
    """ "fr", "pt_BR": the case the site wrote, whatever a visitor retyped."""
    language, _, region = code.partition("_")
    return f"{language.lower()}_{region.upper()}" if region else language.lower()


def find(text: str) -> Token | None:
    """The first well-formed code in `text` (a move needs its new slot).
    CodeError when that code's times do not exist."""
    for match in _TOKEN.finditer(text or ""):
        if match["book"]:
            return Token(BOOK, _slot(match["slot"]), _language(match["lang"] or ""))
        action = match["change"].lower()
        if action == MOVE and not match["to"]:
            continue
        return Token(
            action,
            _slot(match["booked"]),
            sequence=int(match["sequence"]),
            signature=match["signature"].lower(),
            to=_slot(match["to"]) if action == MOVE else "",
        )
    return None


MANAGE_PAGE = "book/manage/"
_FRAGMENT = re.compile(
    rf"(?P<action>cancel|move)\.(?P<slot>{_SLOT})\.(?P<sequence>\d{{1,6}})\.(?P<signature>[a-z2-7]{{26}})"
)


def manage_url(
    origin: str, action: str, slot_id: str, sequence: int, signature: str, prefix: str = ""
) -> str:
    """A confirmation's "Cancel" or "Choose another time" link. The booking's
    code rides in the fragment (after #), which browsers never send to the
    web server, so no server log ever holds it; booking_manage.js reads it
    and writes the email."""
    return f"{origin.rstrip('/')}/{prefix}{MANAGE_PAGE}#{action}.{slot_id}.{sequence}.{signature}"


def manage_fragment(fragment: str) -> Token | None:
    """The Token a manage page's fragment stands for (what the page's script
    puts in the email), for tests and for the desk's own checks."""
    match = _FRAGMENT.fullmatch(fragment.lstrip("#"))
    if not match or not is_stamp(match["slot"].rsplit("-", 1)[1]):
        return None
    return Token(
        match["action"],
        match["slot"],
        sequence=int(match["sequence"]),
        signature=match["signature"],
    )
