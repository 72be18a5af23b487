"""The one rule for an email address, used for the coach, the podcast owner,
the SMTP sender and every client.

A dot-atom local part (RFC 5322 3.2.3: letters, digits and
``!#$%&'*+/=?^_`{|}~-``, dots only between them), then a domain of
letter-digit-hyphen labels ending in an alphabetic top-level label of two
or more letters, at most 254 characters in all (RFC 5321 4.5.3.1.3).
Quoted local parts and bare IP domains are refused: they are legal, but no
coach or client uses them, and the same text goes into mail headers,
iCalendar CAL-ADDRESS values and mailto: links, where a comma, a quote or
an angle bracket would change what is read. Written here rather than taken
from a library because the one maintained validator (email-validator)
refuses special-use domains such as `.example`, which documentation and
tests need.
"""

from __future__ import annotations

import re

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_ADDRESS = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@(?:{_LABEL}\.)+[A-Za-z]{{2,}}")
MAX_LENGTH = 254


def is_email_address(text: object) -> bool:
    return isinstance(text, str) and len(text) <= MAX_LENGTH and bool(_ADDRESS.fullmatch(text))
