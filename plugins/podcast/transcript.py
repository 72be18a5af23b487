"""Turn a transcript file (WebVTT, SRT or HTML) into plain text for the page.

Nothing from the file reaches the page as markup: tags are dropped,
entities decoded, and the templates escape the text. That way a transcript
from any tool or service is safe to publish, and the words stay in the DOM
where the browser's find-in-page and search engines can read them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from .errors import MediaError

MIME_TYPES = {
    ".vtt": "text/vtt",
    ".srt": "application/x-subrip",
    ".html": "text/html",
    ".htm": "text/html",
}
# A paragraph longer than this is hard to scan; long monologues are split.
PARAGRAPH_WORDS = 90

_TIMING = re.compile(r"^\s*(\S+)\s+-->\s+(\S+)")
_TIMESTAMP = re.compile(r"^(?:(\d+):)?([0-5]?\d):([0-5]\d)(?:[.,](\d{1,3}))?$")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]+)>")
# A tag; one left open at the end of a cue is a tag too (WebVTT's cue text
# tokenizer ends it there), never text: a literal < is written &lt;.
_TAG = re.compile(r"<[^>]*(?:>|$)")
_ASS = re.compile(r"\{\\[^}]*\}")  # SRT styling such as {\an8}
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Cue:
    start: float | None  # seconds; None when the source has no times
    speaker: str | None
    text: str


@dataclass(frozen=True)
class Transcript:
    mime: str
    cues: tuple[Cue, ...]

    @property
    def timed(self) -> bool:
        """Time-coded (captions), as `podcast:transcript rel="captions"` means."""
        return self.mime in ("text/vtt", "application/x-subrip")

    def paragraphs(self) -> tuple[Cue, ...]:
        """Consecutive cues of one speaker joined into readable paragraphs."""
        merged: list[Cue] = []
        for cue in self.cues:
            last = merged[-1] if merged else None
            if (
                last is not None
                and last.speaker == cue.speaker
                and len(last.text.split()) < PARAGRAPH_WORDS
                and (last.start is None) == (cue.start is None)
            ):
                merged[-1] = Cue(last.start, last.speaker, f"{last.text} {cue.text}")
            else:
                merged.append(cue)
        return tuple(merged)


def read_transcript(path: Path) -> Transcript:
    suffix = path.suffix.lower()
    if suffix not in MIME_TYPES:
        raise MediaError(f"{path.name!r}: transcripts must be .vtt, .srt or .html")
    if not path.is_file():
        raise MediaError(f"file {path.name!r} not found")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise MediaError(f"{path.name!r} is not UTF-8 text") from None
    return parse_transcript(text, MIME_TYPES[suffix])


def parse_transcript(text: str, mime: str) -> Transcript:
    text = text.removeprefix("\ufeff")
    if mime == "text/vtt":
        cues = _parse_cues(text, webvtt=True)
    elif mime == "application/x-subrip":
        cues = _parse_cues(text, webvtt=False)
    elif mime == "text/html":
        cues = _parse_html(text)
    else:
        raise MediaError(f"unsupported transcript type {mime!r}")
    if not cues:
        raise MediaError("the transcript has no text")
    return Transcript(mime, tuple(cues))


def timestamp_seconds(value: str) -> float | None:
    """Seconds from ``HH:MM:SS.mmm``, ``MM:SS.mmm`` or SRT's ``HH:MM:SS,mmm``."""
    match = _TIMESTAMP.match(value.strip())
    if not match:
        return None
    hours, minutes, seconds, fraction = match.groups()
    total = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return total + (int(fraction.ljust(3, "0")) / 1000 if fraction else 0.0)


def _parse_cues(text: str, *, webvtt: bool) -> list[Cue]:
    blocks = re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n").strip())
    if webvtt:
        header = blocks.pop(0) if blocks else ""
        if not re.match(r"WEBVTT(?:[ \t]|$)", header):
            raise MediaError("a WebVTT file must start with 'WEBVTT'")
    cues = []
    for block in blocks:
        lines = block.split("\n")
        if webvtt and lines[0].split(" ", 1)[0] in ("NOTE", "STYLE", "REGION"):
            continue
        # The timing line is first, or second after a cue identifier/number.
        at = next((i for i, line in enumerate(lines[:2]) if "-->" in line), None)
        if at is None:
            raise MediaError(f"no 'start --> end' timing line in the cue {lines[0][:40]!r}")
        timing = _TIMING.match(lines[at])
        start = timestamp_seconds(timing.group(1)) if timing else None
        if start is None:
            raise MediaError(f"bad cue timing {lines[at][:40]!r}")
        payload = " ".join(lines[at + 1 :])
        voice = _VOICE.search(payload)
        speaker = _clean(voice.group(1)) if voice else None
        words = _clean(_TAG.sub("", _ASS.sub("", payload)))
        if words:
            cues.append(Cue(start, speaker or None, words))
    return cues


def _clean(text: str) -> str:
    return _SPACE.sub(" ", html.unescape(text)).strip()


class _HTMLText(HTMLParser):
    """Paragraph texts of an HTML transcript; `<cite>` names the speaker and
    `<time>` the start, as in the Podcasting 2.0 HTML transcript example."""

    BLOCKS = frozenset(
        [
            "p",
            "div",
            "li",
            "dd",
            "dt",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "blockquote",
            "tr",
            "section",
            "article",
            "br",
        ]
    )
    SKIP = frozenset(["script", "style", "head", "title", "template", "noscript"])

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cues: list[Cue] = []
        self._words: list[str] = []
        self._skip = 0
        self._capture: str | None = None
        self._captured: list[str] = []
        self._speaker: str | None = None
        self._start: float | None = None

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skip += 1
        elif tag in ("cite", "time"):
            self._flush()
            self._capture, self._captured = tag, []
        elif tag in self.BLOCKS:
            self._flush()

    def handle_startendtag(self, tag, attrs):
        if tag in self.BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == self._capture:
            value = _clean("".join(self._captured))
            if tag == "cite":
                self._speaker = value.rstrip(":").strip() or None
            else:
                self._start = timestamp_seconds(value)
            self._capture = None
        elif tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data):
        if self._skip:
            return
        if self._capture:
            self._captured.append(data)
        else:
            self._words.append(data)

    def _flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self._words)).strip()
        self._words = []
        if text:
            self.cues.append(Cue(self._start, self._speaker, text))
            self._start = None

    def close(self):
        super().close()
        self._flush()


def _parse_html(text: str) -> list[Cue]:
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    return parser.cues
