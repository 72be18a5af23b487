"""Size and build time of the site search index at a coach's largest scale.

    python bench/search_index.py [--articles 1000] [--language en]

Writes no files: it makes N articles in memory (600 to 1,500 words each,
a few headings, a title), builds the index with plugins/site_search/index.py
and prints the total bytes, the largest shard (what one query word fetches
at most), the per-document files, what the shard names add to the search
page and the time the index took.

The vocabulary is realistic in shape: the English of the sample practice's
articles (tests/fixtures/sample_site) as the common words, then a long tail
of 20,000 made-up words with English endings, every word drawn with a Zipf
law (s = 1.07), as the words of a real blog are.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from plugins.site_search.index import Document, build_index  # noqa: E402

SAMPLE = ROOT / "tests/fixtures/sample_site/content"
TAIL_WORDS = 20_000
ENDINGS = ["", "", "", "s", "ing", "ed", "er", "ly", "ness", "ment", "ation", "ful"]


def vocabulary(rng: random.Random) -> list[str]:
    counts: dict[str, int] = {}
    for path in sorted(SAMPLE.rglob("*.md")):
        for word in re.findall(r"[a-z']+", path.read_text("utf-8").lower()):
            counts[word] = counts.get(word, 0) + 1
    common = sorted(counts, key=lambda w: (-counts[w], w))
    syllables = ["ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu", "na", "pe", "qui",
                 "ra", "si", "to", "vu", "wa", "xe", "yo", "zi", "bro", "cla", "dre", "fli",
                 "gro", "pla", "sta", "tri"]  # fmt: skip
    tail: list[str] = []
    seen = set(common)
    while len(tail) < TAIL_WORDS:
        stem = "".join(rng.choices(syllables, k=rng.randint(2, 4)))
        word = stem + rng.choice(ENDINGS)
        if word not in seen:
            seen.add(word)
            tail.append(word)
    return common + tail


def articles(count: int, seed: int = 1000) -> list[Document]:
    rng = random.Random(seed)
    words = vocabulary(rng)
    weights = list(itertools.accumulate(1 / (rank + 1) ** 1.07 for rank in range(len(words))))

    def text(n: int) -> str:
        return " ".join(rng.choices(words, cum_weights=weights, k=n))

    docs = []
    for i in range(count):
        headings = [text(rng.randint(2, 5)).capitalize() for _ in range(rng.randint(2, 4))]
        paragraphs = [text(rng.randint(40, 120)).capitalize() + "." for _ in range(12)]
        body = " ".join(headings + paragraphs)
        words_wanted = rng.randint(600, 1500)
        body = " ".join(body.split()[:words_wanted])
        docs.append(
            Document(
                url=f"articles/article-{i:04d}/",
                title=text(rng.randint(4, 8)).capitalize(),
                body=body,
                headings=" ".join(headings),
                date=f"March {1 + i % 28}, 2026",
            )
        )
    return docs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--language", default="en")
    args = parser.parse_args()
    docs = articles(args.articles)
    started = time.perf_counter()
    index = build_index(docs, args.language)
    seconds = time.perf_counter() - started
    shards = {p: d for p, d in index.files.items() if p.startswith("shards/")}
    per_doc = {p: d for p, d in index.files.items() if p.startswith("docs/")}
    largest, size = index.largest_shard()
    words = sum(len(d.body.split()) for d in docs)
    print(f"{args.articles} articles, {words:,} words, language {args.language}")
    files = len(index.files)
    print(f"index: {index.total_bytes:,} bytes in {files:,} files, built in {seconds:.2f} s")
    print(f"  shards: {len(shards)} files, {sum(map(len, shards.values())):,} bytes")
    packed = len(gzip.compress(shards[largest]))
    print(f"  largest shard: {largest} {size:,} bytes ({packed:,} gzipped)")
    names = len(" ".join(index.shard_keys).encode())
    print(f"  shard names in the search page (its data-shards): {names:,} bytes")
    mean = sum(map(len, per_doc.values())) / max(1, len(per_doc))
    print(f"  documents: {len(per_doc)} files, {sum(map(len, per_doc.values())):,} bytes "
          f"(mean {mean:,.0f})")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
