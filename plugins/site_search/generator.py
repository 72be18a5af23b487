"""The only Pelican-aware module: gather the published articles, pages and
episode transcripts, build one index per site language, write it and the
search page.

The index is built in `generate_output`, not `generate_context`: by then
every generator's `generate_context` has run, so the podcast plugin has
attached each episode's transcript whatever order the plugins are listed
in. `generate_context` only publishes where each language's search page
is, for the header's search box.

What is searchable is what Pelican publishes: `articles` and `pages` and
their translations. Drafts, hidden pages (the home page's copy), the
booking pages and their slots, the busy calendars and the desk's ledger
never reach this module.
"""

from __future__ import annotations

import logging
import shutil
from itertools import chain
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from ..common.language import language_of, site_languages, url_prefix
from .index import Document, build_index
from .text import html_text, plain_title

log = logging.getLogger(__name__)
SEARCH = "search/"
TEMPLATE = "search"
# The index's own folders, emptied on every build: a file left from an
# earlier build could hold the words of a page since unpublished.
INDEX_FOLDERS = ("shards", "docs")


class SearchGenerator(Generator):
    """Writes <lang prefix>search/index.html and its index, per language."""

    def generate_context(self) -> None:
        languages = site_languages(self.settings)
        self.editions = [(lang, url_prefix(lang, languages) + SEARCH) for lang in languages]
        self.context["SEARCH_URLS"] = {lang.code: path for lang, path in self.editions}

    def generate_output(self, writer) -> None:
        languages = site_languages(self.settings)
        found: dict[str, list[Document]] = {lang.code: [] for lang in languages}
        for item in _published(self.context):
            lang = language_of(getattr(item, "lang", None), languages)
            if lang is not None:
                found[lang.code].append(_document(item))
        template = self.get_template(TEMPLATE)
        for lang, path in self.editions:
            documents = sorted(found[lang.code], key=lambda d: d.url)
            index = build_index(documents, lang.code)
            folder = Path(self.output_path, path)
            for name in INDEX_FOLDERS:
                shutil.rmtree(folder / name, ignore_errors=True)
            for relative, data in index.files.items():
                target = folder / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            writer.write_file(
                f"{path}index.html",
                template,
                self.context,
                self.settings.get("RELATIVE_URLS", False),
                url=path,
                page_language=lang.code,
                search_path=path,
                search_shards=" ".join(index.shard_keys),
            )
            log.info(
                "search: %s%s: %d page(s), %d bytes of index",
                path,
                " (" + lang.code + ")" if len(languages) > 1 else "",
                len(documents),
                index.total_bytes,
            )


def _published(context) -> list:
    items = []
    for item in chain(context.get("articles", []), context.get("pages", [])):
        for version in (item, *getattr(item, "translations", [])):
            # A page saved nowhere ("Save_as:" left empty) has no address.
            if getattr(version, "status", "") == "published" and version.save_as:
                items.append(version)
    return items


def _document(item) -> Document:
    # _content: the HTML before Pelican resolves {filename} links, which
    # would warn about links to pages not read yet; links carry no words.
    body, headings = html_text(item._content or "")
    episode = getattr(item, "podcast", None)
    transcript = getattr(episode, "transcript", None)
    if transcript is not None:
        body = " ".join([body, *(cue.text for cue in transcript.cues)])
    return Document(
        url=item.url,
        title=plain_title(getattr(item, "title", "")),
        body=body,
        headings=headings,
        date=getattr(item, "locale_date", "") if hasattr(item, "date") else "",
    )


def get_generators(_pelican) -> type[Generator]:
    return SearchGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
