"""What a visitor typed, made safe to keep, print and greet with.

A request's name, answers and message are a stranger's words. They are kept
for the coach (the ledger, her summary, her terminal) without control
characters: an ESC or BEL in a name would drive her terminal, a bidi
override would reorder what she reads. And the desk greets a client by name
only when the name looks like one, so a "name" such as "Claim your prize at
https://…" is never written into a letter that goes out under the coach's
name.
"""

from __future__ import annotations

import re
import unicodedata

# Cc (C0/C1 controls: ESC, BEL, NUL…), Cf (format: bidi overrides, zero-width),
# Cs, Co, Cn (surrogates, private use, unassigned).
_HIDDEN = {"Cc", "Cf", "Cs", "Co", "Cn"}
MAX_NAME = 80
# Words of letters (any script) joined by a space, an apostrophe, a hyphen,
# a period, or a comma and a space: "Zoë O'Brien", "J.-P. Müller", "José
# Pérez, Jr.", "李小龍". No digits, no @, no slash, no colon, no brackets: no
# address and no URL can pass.
_WORD = r"[^\W\d_]+"
_NAME = re.compile(rf"{_WORD}\.?(?:(?:[ '’\-]|\. ?|, ){_WORD}\.?)*")

_JOINERS = " '’-.,"
# "prize.example", "www.x": a period inside a word is a host name; initials
# ("J.P.") are single letters.
_DOMAIN_LIKE = re.compile(r"[^\W\d_]{2,}\.[^\W\d_]|[^\W\d_]\.[^\W\d_]{2,}")


def printable(text: str) -> str:
    """`text` with every control and format character made a space."""
    return "".join(
        " " if unicodedata.category(ch) in _HIDDEN and ch not in "\n\t" else ch for ch in text
    )


def person_name(text: str) -> str:
    """`text` when it is a plain personal name, else "" (greet neutrally)."""
    name = " ".join(unicodedata.normalize("NFC", printable(text)).split())
    if not name or len(name) > MAX_NAME:
        return ""
    # Combining marks (a decomposed "é") count as part of their letter.
    letters = "".join(ch for ch in name if not unicodedata.category(ch).startswith("M"))
    if not _NAME.fullmatch(letters) or _DOMAIN_LIKE.search(letters):
        return ""
    # \w also takes "²" or "Ⅻ" (numbers, not letters): every word character a letter.
    return name if all(ch.isalpha() for ch in letters if ch not in _JOINERS) else ""
