"""Whole builds with site search: what the index holds (published articles,
pages and transcripts) and what it never holds (drafts, hidden pages, the
booking pages and their slots, the busy calendar, the desk's ledger), one
search page per language, and the search page's weight before a query."""

from __future__ import annotations

import gzip
import json
import os
import re
from pathlib import Path

import pytest

from tests.support.desk import build_project, make_project, run_desk
from tests.support.desk_sample import BOOKING, FREE
from tests.support.fixture_site import build_fixture_site, translate, write_fixture_site
from tests.support.site import build_site, html_files, snapshot

KB = 1024
# Made-up words, each planted in one place only, so finding one anywhere
# under search/ can only mean that place was indexed.
FOUND = "glimfrost"
NEVER = {
    "zorblaxian": "a draft article",
    "wibbleplonk": "a draft page",
    "quenthorpe": "a hidden page",
    "trumpleglade": "a booking session's description (booking and slot pages)",
    "vexmorrow": "a busy calendar event's SUMMARY",
    "wumblecrest": "a busy calendar event's DESCRIPTION",
    "frondizzle": "a busy calendar event's LOCATION",
    "plimwattle": "a client's name in the ledger",
    "snorkbury": "a client's email in the ledger",
    "snargleby": "a booking's private note in the ledger",
}
BUSY_EVENT = (
    "BEGIN:VEVENT\r\nUID:search-marker@hospital.example\r\nDTSTAMP:20261101T090000Z\r\n"
    "DTSTART:20261126T150000Z\r\nDTEND:20261126T160000Z\r\n"
    "SUMMARY:Vexmorrow review\r\nDESCRIPTION:Wumblecrest agenda\r\nLOCATION:Frondizzle room\r\n"
    "END:VEVENT\r\n"
)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The desk's fixture project with content of its own, one confirmed
    booking in the ledger, and a busy calendar carrying marker words."""
    root = tmp_path_factory.mktemp("search-project")
    session = {**BOOKING["sessions"][0], "description": "Trumpleglade conversation."}
    project = make_project(root, sessions=[session])
    content = project / "content"
    busy = content / "calendars/busy.ics"
    text = busy.read_text(encoding="utf-8")
    busy.write_text(text.replace("END:VCALENDAR", BUSY_EVENT + "END:VCALENDAR"), "utf-8")
    _write(
        content / "articles/found.md",
        "Title: Notes on resilience\nDate: 2026-10-01 09:00\nSlug: found\n\n"
        f"## Habits\n\nThe {FOUND} habit helps clinicians.\n",
    )
    _write(
        content / "articles/draft.md",
        "Title: Unfinished\nDate: 2026-10-02 09:00\nSlug: unfinished\nStatus: draft\n\n"
        "A zorblaxian thought.\n",
    )
    _write(
        content / "pages/draft.md",
        "Title: Later\nSlug: later\nStatus: draft\n\nWibbleplonk page.\n",
    )
    _write(
        content / "pages/hidden.md",
        "Title: Hidden\nSlug: hidden\nStatus: hidden\n\nQuenthorpe page.\n",
    )
    _write(content / "pages/about.md", "Title: About\nSlug: about\n\nAbout the practice.\n")
    done = run_desk(
        project,
        "confirm",
        "--slot",
        FREE[0],
        "--name",
        "Plimwattle Jones",
        "--email",
        "snorkbury@clients.example",
        "--note",
        "Snargleby referral",
    )
    assert done.returncode == 0, done.stderr
    return project, build_project(project, project / "output").output


def _index_text(search: Path) -> str:
    files = [p for p in search.rglob("*") if p.is_file() and p.name != "index.html"]
    assert files, "no index was written"
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


def test_the_index_holds_the_published_articles_and_pages(built):
    _, output = built
    text = _index_text(output / "search")
    assert FOUND in text
    urls = {json.loads(p.read_text("utf-8"))["u"] for p in (output / "search/docs").iterdir()}
    assert urls == {"articles/found/", "about/"}


def test_the_index_holds_nothing_private_or_unpublished(built):
    project, output = built
    text = _index_text(output / "search").casefold()
    leaked = {word: where for word, where in NEVER.items() if word in text}
    assert leaked == {}
    # The words were really there to leak: the draft and the booking pages
    # are published (drafts/, book/), the ledger holds the client.
    assert "zorblaxian" in (output / "drafts/unfinished/index.html").read_text("utf-8")
    assert "Trumpleglade" in (output / "book/discovery/index.html").read_text("utf-8")
    assert "Plimwattle" in (project / "bookings/bookings.ics").read_text("utf-8")


def test_no_booking_slot_or_draft_address_is_a_result(built):
    _, output = built
    for path in (output / "search/docs").iterdir():
        url = json.loads(path.read_text("utf-8"))["u"]
        assert not url.startswith(("book/", "drafts/")), url


def _assets(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/theme/[^"]+)"', html)


def test_the_search_page_weighs_under_60_kb_before_a_query(built):
    _, output = built
    page = output / "search/index.html"
    html = page.read_text("utf-8")
    assets = _assets(html)
    assert any(a.endswith(".css") for a in assets) and any("search." in a for a in assets)
    total = page.stat().st_size + sum((output / a.lstrip("/")).stat().st_size for a in assets)
    assert total <= 60 * KB, total


def test_every_page_leads_to_search_from_its_menu(built):
    _, output = built
    pages = html_files(output)
    without = [
        p for p in pages if '<a class="nav-search" href="/search/"' not in p.read_text("utf-8")
    ]
    assert without == []
    search = (output / "search/index.html").read_text("utf-8")
    assert '<a class="nav-search" href="/search/" aria-current="page">' in search


def test_the_search_page_stays_out_of_the_sitemap(built):
    _, output = built
    assert "/search/" not in (output / "sitemap.xml").read_text("utf-8")


def test_a_bilingual_site_has_a_search_page_and_an_index_per_language(tmp_path):
    output = build_fixture_site(
        tmp_path,
        lang="fr",
        extra_languages=("en",),
        lines="SEARCH_PARALLEL_MIN_PAGES = 1",  # the index's own process, as at 150 pages
    ).output
    assert (output / "search/index.html").is_file() and (output / "en/search/index.html").is_file()
    french = (output / "search/index.html").read_text("utf-8")
    english = (output / "en/search/index.html").read_text("utf-8")
    assert '<html lang="fr">' in french and '<html lang="en">' in english
    assert "Rechercher" in french and 'data-index="/search/"' in french
    assert 'data-index="/en/search/"' in english
    # The fixture site has no English content: its English index is empty.
    assert not (output / "en/search/docs").exists()
    assert len(list((output / "search/docs").iterdir())) >= 4
    # Each language's pages point their search box at their own search page.
    article = (output / "articles/lorem/index.html").read_text("utf-8")
    assert 'class="nav-search" href="/search/"' in article


def test_a_translation_is_found_in_its_own_language_only(tmp_path):
    settings, content = write_fixture_site(tmp_path, lang="fr", extra_languages=("en",))
    translate(content, "lorem", "articles", "en", "Translated nightingale")
    (content / "articles/lorem-en.md").write_text(
        (content / "articles/lorem-en.md").read_text("utf-8") + "\nOnly in nightingale English.\n",
        encoding="utf-8",
    )
    output = build_site(tmp_path / "output", settings_file=str(settings), content=content).output
    assert "nightingale" in _index_text(output / "en/search")
    assert "nightingale" not in _index_text(output / "search")
    english_article = (output / "en/articles/lorem/index.html").read_text("utf-8")
    assert 'class="nav-search" href="/en/search/"' in english_article


def test_a_page_unpublished_since_the_last_build_leaves_the_index(tmp_path):
    settings, content = write_fixture_site(tmp_path)
    article = content / "articles/ipsum.md"
    article.write_text(article.read_text("utf-8") + "\nGrizzlewick.\n", encoding="utf-8")
    output = tmp_path / "output"
    build_site(output, settings_file=str(settings), content=content)
    assert "grizzlewick" in _index_text(output / "search")
    # A rebuild into the same folder, as `invoke regenerate` does.
    header, body = article.read_text("utf-8").split("\n\n", 1)
    article.write_text(f"{header}\nStatus: draft\n\n{body}", encoding="utf-8")
    build_site(output, settings_file=str(settings), content=content)
    assert "grizzlewick" not in _index_text(output / "search").casefold()


def test_an_unchanged_site_takes_its_index_from_the_cache_exactly(tmp_path):
    settings, content = write_fixture_site(tmp_path)
    first = build_site(tmp_path / "one", settings_file=str(settings), content=content).output
    [memo] = (tmp_path / "cache").rglob("search-index.pickle")
    os.utime(memo, ns=(0, 0))
    second = build_site(tmp_path / "two", settings_file=str(settings), content=content).output
    assert snapshot(second / "search") == snapshot(first / "search")
    assert memo.stat().st_mtime_ns == 0  # nothing new made, so nothing written


def test_a_bad_search_setting_stops_the_build_in_one_line(tmp_path):
    done = build_fixture_site(tmp_path, lines='SEARCH_PARALLEL_MIN_PAGES = "many"', check=False)
    assert done.returncode == 1
    assert "search: SEARCH_PARALLEL_MIN_PAGES must be a whole number, not 'many'" in done.log
    assert "Traceback" not in done.log


def test_a_production_build_precompresses_the_index_quickly_and_exactly(tmp_path):
    import brotli

    lines = 'PLUGINS = [*PLUGINS, "pelican.plugins.precompress"]\nPRECOMPRESS_ZOPFLI = False'
    output = build_fixture_site(tmp_path, lines=lines).output
    files = list((output / "search").rglob("*.json"))
    assert files
    for path in files:
        data = path.read_bytes()
        for suffix, unpack in ((".gz", gzip.decompress), (".br", brotli.decompress)):
            copy = path.with_name(path.name + suffix)
            if copy.exists():  # a tiny file compression cannot shrink gets none
                assert unpack(copy.read_bytes()) == data, copy
    doc = output / "search/docs/0.json"
    quick = brotli.compress(doc.read_bytes(), mode=brotli.MODE_TEXT, quality=5)
    assert (output / "search/docs/0.json.br").read_bytes() == quick  # ours, not quality 11
    assert (output / "search/docs/0.json.gz").exists()


def test_an_edited_page_is_read_again_and_the_others_are_not(tmp_path):
    settings, content = write_fixture_site(tmp_path)
    article = content / "articles/ipsum.md"
    article.write_text(article.read_text("utf-8") + "\nQuorbleflax.\n", encoding="utf-8")
    first = build_site(tmp_path / "one", settings_file=str(settings), content=content).output
    assert "quorbleflax" in _index_text(first / "search")
    [memo] = (tmp_path / "cache").rglob("search-index.pickle")
    entries = _memo_keys(memo)
    article.write_text(
        article.read_text("utf-8").replace("Quorbleflax", "Zindlewort"), encoding="utf-8"
    )
    second = build_site(tmp_path / "two", settings_file=str(settings), content=content).output
    text = _index_text(second / "search")
    assert "zindlewort" in text and "quorbleflax" not in text
    # The edited page's text and analysis, and the index, are new; every
    # other page's text and analysis was kept.
    assert len(_memo_keys(memo) - entries) == 3


def _memo_keys(path) -> set[str]:
    from plugins.common.memo import plain_value

    return set(plain_value(path.read_bytes())["entries"])
