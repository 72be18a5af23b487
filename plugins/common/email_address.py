"""The one rule for an email address, used for the coach, the podcast owner,
the SMTP sender and every client: `site.toml`, the desk's `--email` and
the From/Reply-To of every email the desk reads all ask `is_email_address`.

The local part is letters, digits and ``. _ + - '`` (dots only between
them), then a domain of letter-digit-hyphen labels ending in an alphabetic
top-level label of two or more letters, at most 254 characters in all
(RFC 5321 4.5.3.1.3). That is narrower than RFC 5322's dot-atom on purpose:
the same text goes into mail headers, iCalendar CAL-ADDRESS values and
``mailto:`` links, where ``?``, ``&``, ``=`` and ``%`` start or encode URL
parameters (``hello?cc=spy%40evil.example@…`` would add a recipient to
every visitor's email), ``#`` ends the address, ``/`` and ``!`` route it,
and a comma, quote or angle bracket splits a header. Real addresses do not
use those characters. Quoted local parts, bare IP domains and non-ASCII
addresses (which need SMTPUTF8, which the desk does not speak) are refused
for the same reason.

Written here rather than taken from the maintained validator
(email-validator): it checks RFC 5322 syntax, so it accepts exactly the
characters above that must be refused, and it refuses special-use domains
such as ``.test`` that documentation and tests use. What would remain of
it is the domain's syntax, one line of the pattern below.
"""

from __future__ import annotations

import re

_ATOM = r"[A-Za-z0-9_+'-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_ADDRESS = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@(?:{_LABEL}\.)+[A-Za-z]{{2,}}")
MAX_LENGTH = 254
# What the coach reads when an address is refused, after "is not an email address".
SHAPE = "like ada@example.org (letters, digits and . _ + - ' before the @)"


def is_email_address(text: object) -> bool:
    return isinstance(text, str) and len(text) <= MAX_LENGTH and bool(_ADDRESS.fullmatch(text))
