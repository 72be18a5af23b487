"""A scheduled rebuild with nothing new must not tell search engines that
every listing changed: the sitemap's `<lastmod>` follows the content, never
the build's clock."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime

from tests.support.site import DEFAULT_EPOCH, SAMPLE_CONTENT, build_site

LATER = DEFAULT_EPOCH + 3 * 86400 + 3600  # three days and an hour later
URL = re.compile(r"<url>\s*<loc>([^<]*)</loc>\s*(?:<lastmod>([^<]*)</lastmod>)?")


def _lastmods(output) -> dict[str, str | None]:
    xml = (output / "sitemap.xml").read_text("utf-8")
    return {loc.split("/", 3)[3]: lastmod or None for loc, lastmod in URL.findall(xml)}


def _stamp(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%S")


def test_a_later_build_of_the_same_content_gives_the_same_lastmods(tmp_path):
    first = _lastmods(build_site(tmp_path / "first", epoch=DEFAULT_EPOCH).output)
    later = _lastmods(build_site(tmp_path / "later", epoch=LATER).output)
    assert later == first
    # The listings are there, dated by their newest article, not by the clock.
    articles = {url: when for url, when in first.items() if url.startswith("articles/")}
    assert first[""] == first["archives/"] == max(articles.values(), key=datetime.fromisoformat)
    clocks = (_stamp(DEFAULT_EPOCH), _stamp(LATER))
    assert not [url for url, when in first.items() if when and when.startswith(clocks)]
    # What the build cannot date (booking pages, undated pages) has no lastmod.
    assert first["book/"] is None and first["about/"] is None


def test_a_new_article_moves_the_listings_lastmod(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    before = _lastmods(build_site(tmp_path / "before", content=content).output)
    (content / "articles/new.md").write_text(
        "Title: A newer note\nSlug: new\nDate: 2026-11-20 09:00\nCategory: Coaching\n\n"
        "New words.\n",
        encoding="utf-8",
    )
    after = _lastmods(build_site(tmp_path / "after", content=content, epoch=LATER).output)
    assert after[""] == after["articles/new/"] == "2026-11-20T09:00:00-05:00"
    assert after[""] != before[""]
    assert {u: w for u, w in after.items() if u not in ("", "archives/", "articles/new/")} == {
        u: w for u, w in before.items() if u not in ("", "archives/")
    }
