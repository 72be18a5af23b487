"""The words of a page's HTML, as plain text: the body, and the headings
apart (they weigh more in the ranking).

Only text nodes are kept; tags, attributes, scripts and styles are dropped
and entities decoded. What comes out is the coach's text, shown in search
results through `textContent`, never as markup.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SKIPPED = {"script", "style", "template", "svg", "math"}
# Elements that end a run of words: without a space "</p><p>" would glue
# the last word of one paragraph to the first of the next.
_BREAKS = _HEADINGS | {
    "p", "div", "li", "ul", "ol", "dt", "dd", "br", "tr", "td", "th", "blockquote",
    "pre", "figure", "figcaption", "section", "article", "aside", "header", "footer",
    "hr", "table", "caption", "summary", "details",
}  # fmt: skip
_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]*>")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.body: list[str] = []
        self.headings: list[str] = []
        self._skip = 0
        self._heading = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIPPED:
            self._skip += 1
        elif tag in _HEADINGS:
            self._heading += 1
        if tag in _BREAKS:
            self.body.append(" ")
            self.headings.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skip = max(0, self._skip - 1)
        elif tag in _HEADINGS:
            self._heading = max(0, self._heading - 1)
        if tag in _BREAKS:
            self.body.append(" ")
            self.headings.append(" ")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.body.append(data)
        if self._heading:
            self.headings.append(data)


def squeeze(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def html_text(html: str) -> tuple[str, str]:
    """(all the text, the headings' text) of an HTML fragment."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return squeeze("".join(parser.body)), squeeze("".join(parser.headings))


def plain_title(title: str) -> str:
    """A Pelican title (which may hold inline markup and entities) as text."""
    return squeeze(unescape(_TAG.sub("", title)))
