"""The search index, built once per build from plain documents; no Pelican.

Why our own index: Pagefind runs its search in WebAssembly, which our
Content-Security-Policy (`script-src 'self'`, no `'wasm-unsafe-eval'`)
does not allow, and the policy stays the same on every page; lunr.js loads
its whole index before the first query, which at 1,000 articles is far
over a page's budget. This index is static JSON, cut in small files, and a
query fetches only the few it needs:

* ``shards/<key>.json``, one per first two letters of a word's folded
  form (`words.shard_key`; three or four letters where two would make a
  big file, see `_shards`): ``f`` maps each folded word of the site to its
  term (the folded Snowball stem; several, space-separated, in the rare
  case two spellings fold alike), ``p`` maps each term to its postings, a
  flat list ``[gap, weight, gap, weight, ...]`` (each document number as
  the gap from the one before), and ``c`` lists the terms whose postings
  were cut at `MAX_POSTINGS` (a word in most documents; the browser then
  ranks by it but does not require it). The browser never stems: a word
  it finds in ``f`` gives its term, so "coaches" finds "coaching"; an
  unknown word matches the longest term it starts with ("entretiens" ->
  "entretien") or, failing that, the words it begins ("coachi" ->
  "coaching").
* ``docs/<n>.json``, one per document, fetched only for the results shown:
  its title, address, date and text (for the excerpt).

Weights are BM25 (k1 1.2, b 0.75) over the title, headings and body, a
title word counting four times and a heading word three (twice, plus once
in the body), computed here and kept in hundredths as whole numbers, so
the browser only adds them: a result must hold every word of the query
that the site has (any word, if no page holds them all), best sum first.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from ..common.memo import kept_value, key_of, plain_bytes
from .words import fold, shard_key, stemmer_for, word_counts

TITLE_WEIGHT = 4
HEADING_WEIGHT = 2
BODY_WEIGHT = 1
K1 = 1.2
B = 0.75
# A term in more documents than this keeps its best postings only: its
# weight is then too small to decide a ranking, and its shard stays small.
MAX_POSTINGS = 400
# A shard over this many bytes is split by one more letter of its words,
# up to keys of MAX_KEY_LENGTH letters (search.js tries lengths down from
# the same number).
SHARD_BYTES = 24_000
MAX_KEY_LENGTH = 4
# The text kept per document for excerpts: about 2,000 words, a whole
# article; a long transcript is cut (every file is also compressed twice
# by a production build).
EXCERPT_SOURCE_CHARS = 12_000


@dataclass(frozen=True)
class Document:
    """One page that can be found, as plain text."""

    url: str  # site-relative, as Pelican writes it: "articles/burnout/"
    title: str
    body: str  # every word of the page, headings included
    headings: str = ""
    date: str = ""  # as the page writes it ("20 novembre 2026"); "" for pages


@dataclass(frozen=True)
class SearchIndex:
    files: dict[str, bytes]  # path under the search folder -> bytes
    shard_keys: tuple[str, ...]
    # document_key -> what `analysed` made of a page this time (not given in `known`)
    analyses: dict[str, bytes] = field(default_factory=dict)

    @property
    def total_bytes(self) -> int:
        return sum(len(data) for data in self.files.values())

    def largest_shard(self) -> tuple[str, int]:
        shards = [(path, len(data)) for path, data in self.files.items() if path.startswith("sh")]
        return max(shards, key=lambda item: item[1], default=("", 0))


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def term_frequencies(
    document: Document, analyse: Callable[[str], tuple[str, str]]
) -> tuple[dict[str, int], int]:
    """(weighted count per term, weighted length) of one document."""
    counts, length, _ = _analysed(document, analyse)
    return counts, length


def _analysed(
    document: Document, analyse: Callable[[str], tuple[str, str]]
) -> tuple[dict[str, int], int, list[tuple[str, str]]]:
    """term_frequencies, and the (folded form, term) of each of its words."""
    counts: dict[str, int] = {}
    length = 0
    pairs: set[tuple[str, str]] = set()
    for text, weight in (
        (document.title, TITLE_WEIGHT),
        (document.headings, HEADING_WEIGHT),
        (document.body, BODY_WEIGHT),
    ):
        for word, times in word_counts(text).items():
            pair = analyse(word)
            pairs.add(pair)
            counts[pair[1]] = counts.get(pair[1], 0) + weight * times
            length += weight * times
    return counts, length, sorted(pairs)


def _kept(data: bytes | None) -> tuple | None:
    """A page's analysis from the memo; None when there is none or it is damaged."""
    analysis = kept_value(data)
    return analysis if isinstance(analysis, tuple) and len(analysis) == 3 else None


def idf(df: int, documents: int) -> float:
    return math.log(1 + (documents - df + 0.5) / (df + 0.5))


def bm25(tf: float, term_idf: float, length: int, average: float) -> float:
    return term_idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / average))


def document_key(document: Document, language: str) -> str:
    """What a page's analysis depends on: its words and the language."""
    return key_of("page", language, document.title, document.headings, document.body)


def build_index(
    documents: Iterable[Document], language: str, known: Mapping[str, bytes] | None = None
) -> SearchIndex:
    """The index of `documents` (their ids in this order) in `language`, a
    catalog code ("en", "pt_BR"). `known`: analyses of pages an earlier
    build made (SearchIndex.analyses, by document_key), which are not made
    again: stemming is most of the work, and one edit changes one page."""
    docs = list(documents)
    stemmers: list[Callable[[str], str]] = []  # made on the first page not in `known`
    # Each distinct word is folded and stemmed once: (folded form, term).
    seen: dict[str, tuple[str, str]] = {}

    def analyse(word: str) -> tuple[str, str]:
        found = seen.get(word)
        if found is None:
            if not stemmers:
                stemmers.append(stemmer_for(language))
            found = seen[word] = (fold(word), fold(stemmers[0](word)))
        return found

    known = known or {}
    analyses: dict[str, bytes] = {}
    per_doc = []
    form_terms: dict[str, set[str]] = {}
    for document in docs:
        key = document_key(document, language)
        analysis = _kept(known.get(key))
        if analysis is None:
            analysis = _analysed(document, analyse)
            analyses[key] = plain_bytes(analysis)
        counts, length, pairs = analysis
        per_doc.append((counts, length))
        for folded, term in pairs:
            form_terms.setdefault(folded, set()).add(term)
    df: Counter[str] = Counter()
    for counts, _ in per_doc:
        df.update(counts.keys())
    idfs = {term: idf(n, len(docs)) for term, n in df.items()}

    average = (sum(length for _, length in per_doc) / len(per_doc) if per_doc else 1.0) or 1.0
    postings: dict[str, list[tuple[int, int]]] = {}
    for doc_id, (counts, length) in enumerate(per_doc):
        for term, tf in counts.items():
            score = bm25(tf, idfs[term], length, average)
            postings.setdefault(term, []).append((doc_id, max(1, round(score * 100))))
    encoded: dict[str, list[int]] = {}
    capped: set[str] = set()
    for term, entries in postings.items():
        if len(entries) > MAX_POSTINGS:
            entries.sort(key=lambda entry: (-entry[1], entry[0]))
            del entries[MAX_POSTINGS:]
            capped.add(term)
        encoded[term] = _gaps(sorted(entries))

    files: dict[str, bytes] = {}
    keys = []
    for key, forms in _shards(sorted(form_terms), form_terms, encoded, capped):
        files[f"shards/{key}.json"] = forms
        keys.append(key)
    for doc_id, document in enumerate(docs):
        files[f"docs/{doc_id}.json"] = _json(
            {
                "t": document.title,
                "u": document.url,
                "d": document.date,
                "x": document.body[:EXCERPT_SOURCE_CHARS],
            }
        )
    return SearchIndex(files, tuple(sorted(keys)), analyses)


def shard_of(folded: str, keys: Iterable[str]) -> str | None:
    """The shard a folded word is filed in, found as search.js finds it:
    the longest of its beginnings that names a shard."""
    known = set(keys)
    for length in range(MAX_KEY_LENGTH, 0, -1):
        key = shard_key(folded[:length])
        if key in known:
            return key
    return None


def _gaps(entries: list[tuple[int, int]]) -> list[int]:
    """[(3, w), (7, v)] -> [3, w, 4, v]: each document as the gap from the
    one before, which keeps the numbers (and the shard) short."""
    flat, previous = [], 0
    for doc_id, weight in entries:
        flat += [doc_id - previous, weight]
        previous = doc_id
    return flat


def _shard(forms, form_terms, encoded, capped) -> bytes:
    shard: dict[str, object] = {"f": {}, "p": {}}
    for form in forms:
        terms = sorted(form_terms[form])
        shard["f"][form] = " ".join(terms)
        for term in terms:
            shard["p"][term] = encoded[term]
    cut = sorted(capped & shard["p"].keys())
    if cut:
        shard["c"] = cut
    return _json(shard)


def _shards(forms, form_terms, encoded, capped, length: int = 2):
    """(key, bytes) of every shard: the words grouped by their first
    `length` letters; a group over SHARD_BYTES is split by one more letter
    (down to MAX_KEY_LENGTH), its words of `length` letters or fewer
    staying under the shorter key. The browser looks a word up under the
    longest of its beginnings that names a shard."""
    groups: dict[str, list[str]] = {}
    for form in forms:
        groups.setdefault(form[:length], []).append(form)
    for head, members in groups.items():
        data = _shard(members, form_terms, encoded, capped)
        if len(data) <= SHARD_BYTES or length >= MAX_KEY_LENGTH:
            yield shard_key(head), data
            continue
        short = [form for form in members if len(form) <= length]
        if short:
            yield shard_key(head), _shard(short, form_terms, encoded, capped)
        longer = [form for form in members if len(form) > length]
        yield from _shards(longer, form_terms, encoded, capped, length + 1)
