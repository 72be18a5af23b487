"""Read a Podcasting 2.0 JSON chapters file (`application/json+chapters`).

The file is published as it is (apps fetch it from `podcast:chapters`); we
read it to list the chapters on the episode page and to fail the build on a
file apps would reject.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .errors import MediaError

MIME_TYPE = "application/json+chapters"


@dataclass(frozen=True)
class Chapter:
    start: float  # seconds from the beginning
    title: str
    url: str | None = None


def read_chapters(path: Path) -> tuple[Chapter, ...]:
    if not path.is_file():
        raise MediaError(f"file {path.name!r} not found")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise MediaError(f"{path.name!r} is not valid JSON ({err})") from None
    return parse_chapters(data)


def parse_chapters(data: object) -> tuple[Chapter, ...]:
    """Validated chapters in order; `toc: false` entries stay out of the list."""
    if not isinstance(data, dict) or not isinstance(data.get("version"), str):
        raise MediaError('chapters must be an object with a "version" string')
    entries = data.get("chapters")
    if not isinstance(entries, list) or not entries:
        raise MediaError('chapters need a non-empty "chapters" list')
    chapters, previous = [], -1.0
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise MediaError(f"chapter {number} is not an object")
        start = entry.get("startTime")
        if isinstance(start, bool) or not isinstance(start, int | float) or start < 0:
            raise MediaError(f'chapter {number} needs a "startTime" in seconds')
        if start < previous:
            raise MediaError(f"chapter {number} starts before the chapter above it")
        previous = float(start)
        title = entry.get("title")
        if title is not None and not isinstance(title, str):
            raise MediaError(f'chapter {number}: "title" must be text')
        url = entry.get("url")
        if url is not None and urlsplit(str(url)).scheme not in ("http", "https"):
            raise MediaError(f'chapter {number}: "url" must be an http(s) URL')
        if title and entry.get("toc", True) is not False:
            chapters.append(Chapter(float(start), title.strip(), url))
    return tuple(chapters)
