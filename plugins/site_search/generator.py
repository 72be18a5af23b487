"""The only Pelican-aware module: gather the published articles, pages and
episode transcripts, build one index per site language, write it and the
search page.

`generate_context` only publishes where each language's search page is,
for the header's search box. The pages are gathered on
`all_generators_finalized`, once every generator's `generate_context` has
run (so the podcast plugin has attached each transcript, whatever order
the plugins are listed in); from `MIN_PAGES` pages on, the index is then
built in a process of its own while Pelican writes the articles (at 1,000
articles of a real vocabulary it is about 2.5 s of work, mostly Snowball
in pure Python: bench/search_index.py), and `generate_output` writes what
it built.

What is searchable is what Pelican publishes: `articles` and `pages` and
their translations. Drafts, hidden pages (the home page's copy), the
booking pages and their slots, the busy calendars and the desk's ledger
never reach this module.
"""

from __future__ import annotations

import gzip
import logging
import multiprocessing
import os
import shutil
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from ..common.language import language_of, site_languages, url_prefix
from ..common.memo import Memo, code_version, key_of, plain_bytes
from .index import Document, SearchIndex, build_index, document_key
from .text import html_text, plain_title

log = logging.getLogger(__name__)
SEARCH = "search/"
TEMPLATE = "search"
# The index's own folders, emptied on every build: a file left from an
# earlier build could hold the words of a page since unpublished.
INDEX_FOLDERS = ("shards", "docs")
# Below this many pages, starting a process costs more than it saves
# (setting SEARCH_PARALLEL_MIN_PAGES; the tests set 1).
MIN_PAGES = 150
MEMO_FILE = "search-index.pickle"


class SearchGenerator(Generator):
    """Writes <lang prefix>search/index.html and its index, per language."""

    def generate_context(self) -> None:
        languages = site_languages(self.settings)
        self.editions = [(lang, url_prefix(lang, languages) + SEARCH) for lang in languages]
        self.context["SEARCH_URLS"] = {lang.code: path for lang, path in self.editions}
        self.documents: dict[str, list[Document]] | None = None
        self.pending: dict[str, Future] = {}

    def gather(self) -> None:
        """Every published page, per language; the indexes start building.

        An index made from exactly these pages before (kept in CACHE_PATH;
        a scheduled rebuild's articles rarely change) is taken as it is."""
        languages = site_languages(self.settings)
        self.memo = Memo(Path(self.settings["CACHE_PATH"], MEMO_FILE), _memo_version())
        found: dict[str, list[Document]] = {lang.code: [] for lang in languages}
        for item in _published(self.context):
            lang = language_of(getattr(item, "lang", None), languages)
            if lang is not None:
                found[lang.code].append(_document(item, self.memo))
        self.documents = {code: sorted(docs, key=lambda d: d.url) for code, docs in found.items()}
        self.keys: dict[str, str] = {}
        self.ready: dict[str, SearchIndex] = {}
        # What each page was analysed into (kept too, so one edit later
        # re-analyses one page).
        self.known: dict[str, dict[str, bytes]] = {}
        for code, docs in self.documents.items():
            pages = [document_key(d, code) for d in docs]
            self.keys[code] = _key(docs, pages, code)
            found = ((k, self.memo.lookup(k)) for k in pages)
            self.known[code] = {k: v for k, v in found if v is not None}
            kept = self.memo.value(self.keys[code])
            if isinstance(kept, tuple) and len(kept) == 2:
                files, shards = kept
                if isinstance(files, dict) and isinstance(shards, list | tuple):
                    self.ready[code] = SearchIndex(files, tuple(shards))
        total = sum(
            len(docs) - len(self.known[code])
            for code, docs in self.documents.items()
            if code not in self.ready
        )
        least = self.settings.get("SEARCH_PARALLEL_MIN_PAGES", MIN_PAGES)
        if not isinstance(least, int) or isinstance(least, bool):
            log.critical("search: SEARCH_PARALLEL_MIN_PAGES must be a whole number, not %r", least)
            raise SystemExit(1)
        if total < least or _usable_cores() < 2:
            return
        try:
            # spawn, not fork: Pelican runs a progress thread (see parallel_read).
            pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
            self.pending = {
                code: pool.submit(build_index, docs, code, self.known[code])
                for code, docs in self.documents.items()
                if code not in self.ready
            }
        except OSError as error:  # no process could start: build here instead
            log.debug("search: building the index in this process (%s)", error)
            return
        pool.shutdown(wait=False)  # the worker ends once its jobs are done

    def _index(self, code: str) -> SearchIndex:
        assert self.documents is not None
        if code in self.ready:
            return self.ready[code]
        index = None
        pending = self.pending.pop(code, None)
        if pending is not None:
            try:
                index = pending.result()
            except BrokenProcessPool:  # the worker was killed (out of memory?)
                log.debug("search: the index's process stopped; building it here")
        if index is None:
            index = build_index(self.documents[code], code, self.known[code])
        self.memo.put(self.keys[code], plain_bytes((index.files, index.shard_keys)))
        for key, analysis in index.analyses.items():
            self.memo.put(key, analysis)
        return index

    def generate_output(self, writer) -> None:
        if self.documents is None:
            self.gather()  # all_generators_finalized was not sent (an older Pelican)
        assert self.documents is not None
        template = self.get_template(TEMPLATE)
        for lang, path in self.editions:
            index = self._index(lang.code)
            folder = Path(self.output_path, path)
            for name in INDEX_FOLDERS:
                shutil.rmtree(folder / name, ignore_errors=True)
            least, packers = _packers(self.settings)
            for relative, data in index.files.items():
                target = folder / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                for suffix, pack in packers if len(data) >= least else ():
                    packed = pack(data)
                    if len(packed) < len(data):  # as pelican-precompress decides
                        target.with_name(target.name + suffix).write_bytes(packed)
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
                "search: %s: %d page(s), %d bytes of index",
                path,
                len(self.documents[lang.code]),
                index.total_bytes,
            )
        self.memo.save()


def _packers(settings) -> tuple[int, list[tuple[str, Callable[[bytes], bytes]]]]:
    """(smallest file to copy, packers): the .br and .gz copies
    pelican-precompress (a production build) would make of the index's
    files, made here at a lower brotli quality: its quality 11 takes 19 s
    over the index of 1,000 articles, quality 5 0.4 s for 14 % more bytes.
    It leaves files that exist alone."""
    if "pelican.plugins.precompress" not in settings.get("PLUGINS", []):
        return 0, []
    if ".json" not in set(settings.get("PRECOMPRESS_TEXT_EXTENSIONS", {".json"})):
        return 0, []
    least = settings.get("PRECOMPRESS_MIN_SIZE", 20) or 0
    packers: list[tuple[str, Callable[[bytes], bytes]]] = []
    if settings.get("PRECOMPRESS_BROTLI", True):
        import brotli

        packers.append((".br", lambda d: brotli.compress(d, mode=brotli.MODE_TEXT, quality=5)))
    if settings.get("PRECOMPRESS_GZIP", True) or settings.get("PRECOMPRESS_ZOPFLI", False):
        # mtime=0: byte-identical builds under SOURCE_DATE_EPOCH.
        packers.append((".gz", lambda d: gzip.compress(d, 6, mtime=0)))
    return least, packers


def _key(documents: list[Document], pages: list[str], code: str) -> str:
    """The whole index's key: each page's own key (`pages`: its words) and
    where and when it is."""
    fields = (f for d, page in zip(documents, pages, strict=True) for f in (d.url, d.date, page))
    return key_of("search", code, *fields)


def _memo_version() -> str:
    """What an index depends on besides its pages: the code that makes it
    (and reads a page's text) and the stemmers."""
    return code_version()


def _usable_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def start_indexing(generators) -> None:
    for generator in generators:
        if isinstance(generator, SearchGenerator):
            generator.gather()


def _published(context) -> list:
    items = []
    for item in chain(context.get("articles", []), context.get("pages", [])):
        for version in (item, *getattr(item, "translations", [])):
            # A page saved nowhere ("Save_as:" left empty) has no address.
            if getattr(version, "status", "") == "published" and version.save_as:
                items.append(version)
    return items


def _document(item, memo: Memo) -> Document:
    # _content: the HTML before Pelican resolves {filename} links, which
    # would warn about links to pages not read yet; links carry no words.
    html = item._content or ""
    # The text of a page an earlier build read: not parsed again.
    key = key_of("text", html)
    text = memo.value(key)
    if not (isinstance(text, tuple) and len(text) == 2):
        text = html_text(html)
        memo.put(key, plain_bytes(text))
    body, headings = text
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
    signals.all_generators_finalized.connect(start_indexing)
