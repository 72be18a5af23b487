"""What a testimonial file may say, checked before any page shows it.

A testimonial is a Markdown file in content/testimonials/: Pelican's
`Key: value` lines, then the client's words.

    Author: Anna K.
    Role: Emergency physician, Hartford
    Photo: images/anna.jpg
    Sessions: discovery
    Lang: en

    Three sessions gave me back my evenings.

`Author:` is required (the name she agreed to have shown). `Role:`,
`Photo:` (a file under content/), `Sessions:` (the slugs of the sessions
whose booking pages show it) and `Lang:` (on a site in several languages)
are optional. `Sample: yes` marks the sample site's made-up ones, shown
with a visible note and removed by `invoke init`: we never publish words
as a client's that no client said.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..common.errors import SiteError

FOLDER = "testimonials"
_PATH = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")
OURS = ("author", "role", "photo", "sessions", "lang", "sample")
KNOWN = set(OURS)


class QuoteError(SiteError):
    def __init__(self, source: str, key: str, problem: str) -> None:
        super().__init__(f"{source}, {key}: {problem}")


@dataclass(frozen=True)
class Testimonial:
    source: str  # content/testimonials/anna.md, for errors
    author: str
    role: str
    photo: str  # a path under content/, or ""
    sessions: tuple[str, ...]
    lang: str  # a site language's code
    quote: str  # HTML, from her Markdown
    sample: bool


def read(
    source: str,
    metadata: Mapping[str, object],
    quote_html: str,
    *,
    content: Path | str,
    sessions: Iterable[str],
    languages: list[str],
) -> Testimonial:
    """One file's metadata and rendered text -> a Testimonial, or one line
    naming the file and the key. `languages`: the site's codes, its own first."""
    for key in sorted(set(metadata) - KNOWN):
        # Pelican adds keys of its own; a near miss of ours is her typo.
        near = difflib.get_close_matches(key, OURS, n=1, cutoff=0.75)
        if near:
            raise QuoteError(
                source,
                key.capitalize(),
                f"not a key here; did you mean {near[0].capitalize()}:?",
            )
    author = str(metadata.get("author") or "").strip()
    if not author:
        raise QuoteError(
            source, "Author", "missing: the client's name as she agreed to have it shown"
        )
    if not re.sub(r"<[^>]+>", "", quote_html).strip():
        raise QuoteError(source, "text", "empty: write the client's words under the lines")
    photo = str(metadata.get("photo") or "").strip()
    if photo:
        if not _PATH.fullmatch(photo) or ".." in photo.split("/"):
            raise QuoteError(source, "Photo", f"{photo!r} must be a path like images/anna.jpg")
        if not Path(content, photo).is_file():
            raise QuoteError(source, "Photo", f"{photo} is not a file in your content folder")
    offered = list(sessions)
    tagged = tuple(s.strip() for s in str(metadata.get("sessions") or "").split(",") if s.strip())
    for slug in tagged:
        if slug not in offered:
            choices = ", ".join(offered) or "none: there is no [booking]"
            raise QuoteError(source, "Sessions", f"{slug!r} is not a session ({choices})")
    lang = str(metadata.get("lang") or languages[0]).replace("-", "_")
    if lang not in languages:
        raise QuoteError(
            source, "Lang", f"{lang!r} is not a language of this site ({', '.join(languages)})"
        )
    sample = str(metadata.get("sample") or "").strip().lower() in {"yes", "true", "1"}
    return Testimonial(
        source=source,
        author=author,
        role=str(metadata.get("role") or "").strip(),
        photo=photo,
        sessions=tagged,
        lang=lang,
        quote=quote_html,
        sample=sample,
    )


def shown(testimonials: Iterable[Testimonial], lang: str, session: str = "") -> list[Testimonial]:
    """The ones a page in `lang` shows (all, or those tagged with `session`),
    in file-name order."""
    return [t for t in testimonials if t.lang == lang and (not session or session in t.sessions)]
