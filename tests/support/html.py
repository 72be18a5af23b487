"""Small readers for built HTML pages (standard library only)."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.meta: dict[str, str] = {}
        self.jsonld: list[str] = []
        self.canonical: str | None = None
        self._in_jsonld = False
        self._buffer: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")
        elif tag == "meta" and (a.get("property") or a.get("name")):
            self.meta[a.get("property") or a.get("name")] = a.get("content", "")
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_jsonld, self._buffer = True, []

    def handle_data(self, data):
        if self._in_jsonld:
            self._buffer.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_jsonld:
            self.jsonld.append("".join(self._buffer))
            self._in_jsonld = False


def read_page(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def jsonld_objects(path: Path) -> list[dict]:
    return [json.loads(block) for block in read_page(path).jsonld]


def page_for_url(site: Path, url: str) -> Path:
    """The file a static host would serve for a site-absolute URL path."""
    path = site / url.split("#")[0].split("?")[0].lstrip("/")
    return path / "index.html" if url.endswith("/") or path.is_dir() else path
