"""The shipped catalogs (theme/translations: product code, not the coach's
content), loaded as a build loads them."""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.pofile import read_po

from plugins.common.language import Language, catalog_folder, load_language

CATALOGS = catalog_folder(Path(__file__).resolve().parents[2] / "theme")
SHIPPED = ("en", "fr", "de", "es", "pt_BR", "nl", "it")


def language(code: str = "en") -> Language:
    return load_language(code, CATALOGS)


ENGLISH = language("en")


_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


def placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


@functools.cache
def catalog(code: str):
    """The shipped .po of `code`, parsed by Babel (once per run: read only)."""
    with (CATALOGS / code / "LC_MESSAGES/messages.po").open("rb") as source:
        return read_po(source, locale=code)


def pieces(msgid: str) -> list[str]:
    """The words of a msgid between its placeholders, each of four letters
    or more ("In", "·" and the like are left out)."""
    found = (piece.strip(" .,:;()").strip() for piece in _PLACEHOLDER.split(msgid))
    return [piece for piece in found if sum(c.isalpha() for c in piece) >= 4]


@functools.cache
def english_words(code: str) -> frozenset[str]:
    """The pieces of our English msgids (between placeholders) that `code`
    translates differently: none of them may appear on a page in `code`.
    Pieces of fewer than four letters ("In", "·") are left out."""
    words = set()
    for message in catalog(code):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        translated = " ".join(strings)
        for msgid in ids:
            words.update(piece for piece in pieces(msgid) if piece not in translated)
    return frozenset(words)


def english_left(text: str, code: str) -> list[str]:
    """The English pieces of our catalog found in `text` (a page or message in `code`)."""
    # A piece must first be in the text at all (a quick substring test);
    # only then is it looked for as a word of its own.
    return sorted(
        word
        for word in english_words(code)
        if word in text and re.search(rf"(?<![\w’']){re.escape(word)}(?![\w’'])", text)
    )


class _Text(HTMLParser):
    """What a reader sees or hears: text nodes and the attributes read aloud."""

    SPOKEN = frozenset({"alt", "title", "aria-label", "placeholder"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        a = dict(attrs)
        self.parts += [v for k, v in attrs if k in self.SPOKEN and v]
        if tag == "meta" and a.get("name") == "description":
            self.parts.append(a.get("content") or "")
        # booking.js's words: their {placeholders} are filled in, not shown.
        self.parts += [
            _PLACEHOLDER.sub(" ", v) for k, v in attrs if k.startswith("data-text-") and v
        ]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def page_text(html: str) -> str:
    reader = _Text()
    reader.feed(html)
    return "\n".join(reader.parts)
