"""A full build of the sample site: the pages, feeds and files a coach publishes."""

from __future__ import annotations

import filecmp
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.support.html import jsonld_objects, page_for_url, read_page
from tests.support.site import SAMPLE_CONTENT, build_site, html_files

ARTICLES = [
    "coaching-vs-mentoring",
    "academic-coaching-in-medical-education",
    "doctors-are-not-immune-from-illness",
]
PAGES = ["about", "coaching", "contact"]
ATOM = "{http://www.w3.org/2005/Atom}"


def test_expected_pages_and_files_exist(site: Path):
    expected = [
        "index.html",
        "404.html",
        "archives/index.html",
        "categories/index.html",
        "tags/index.html",
        "feeds/all.atom.xml",
        "feeds/all.rss.xml",
        "sitemap.xml",
        "robots.txt",
        *[f"articles/{slug}/index.html" for slug in ARTICLES],
        *[f"{slug}/index.html" for slug in PAGES],
    ]
    missing = [name for name in expected if not (site / name).is_file()]
    assert missing == []
    assert len(list((site / "theme/css").glob("site.*.css"))) == 1


def test_home_links_articles_booking_and_archives(site: Path):
    links = read_page(site / "index.html").links
    for slug in ARTICLES:
        assert f"/articles/{slug}/" in links
    assert "/book/discovery/" in links
    assert "/archives/" in links


def test_every_article_links_category_tags_and_ends_with_booking_call(site: Path):
    for slug in ARTICLES:
        page = site / f"articles/{slug}/index.html"
        links = read_page(page).links
        assert any(link.startswith("/category/") for link in links), slug
        assert any(link.startswith("/tag/") for link in links), slug
        assert "/book/discovery/" in links, slug
        html = page.read_text(encoding="utf-8")
        assert "min read" in html
        assert "Book a complimentary 30-minute discovery session" in html
        assert html.rindex("/book/discovery/") > html.index("</h1>")


def test_articles_link_to_their_neighbours_in_time(site: Path):
    # every article except the newest links a newer one, except the oldest an older one
    linked = 0
    for page in (site / "articles").glob("*/index.html"):
        links = read_page(page).links
        linked += sum(1 for link in links if link.startswith("/articles/"))
    assert linked >= 2 * (len(list((site / "articles").glob("*/index.html"))) - 1)


def test_internal_links_resolve_to_files(site: Path):
    broken = []
    for page in html_files(site):
        for link in read_page(page).links:
            internal = link.startswith("/") and not link.startswith("//")
            if internal and not page_for_url(site, link).exists():
                broken.append((str(page.relative_to(site)), link))
    assert broken == []


def test_canonical_and_social_meta_on_every_page(site: Path):
    for page in html_files(site):
        if page.name == "404.html":
            continue
        head = read_page(page)
        rel = page.relative_to(site).as_posix().removesuffix("index.html")
        assert head.canonical == f"http://127.0.0.1:8000/{rel}", page
        for key in ("og:title", "og:url", "og:type", "og:site_name", "twitter:card"):
            assert head.meta.get(key), (page, key)


def test_feeds_list_articles_with_absolute_links(site: Path):
    atom = ET.parse(site / "feeds/all.atom.xml").getroot()
    links = {e.find(f"{ATOM}link").get("href") for e in atom.iter(f"{ATOM}entry")}
    for slug in ARTICLES:
        assert f"http://127.0.0.1:8000/articles/{slug}/" in links
    rss = ET.parse(site / "feeds/all.rss.xml").getroot()
    assert {i.findtext("link") for i in rss.iter("item")} == links


def test_sitemap_lists_articles_and_pages_absolutely(site: Path):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(site / "sitemap.xml").getroot()
    locs = {loc.text for loc in root.findall("s:url/s:loc", ns)}
    assert all(loc.startswith("http://127.0.0.1:8000/") for loc in locs)
    for slug in ARTICLES:
        assert f"http://127.0.0.1:8000/articles/{slug}/" in locs
    for slug in PAGES:
        assert f"http://127.0.0.1:8000/{slug}/" in locs
    assert "http://127.0.0.1:8000/" in locs


def test_robots_points_to_the_sitemap(site: Path):
    robots = (site / "robots.txt").read_text()
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in robots


def test_jsonld_types(site: Path):
    home_types = {o["@type"] for obj in jsonld_objects(site / "index.html") for o in obj["@graph"]}
    assert {"Person", "ProfessionalService"} <= home_types
    for slug in ARTICLES:
        (posting,) = [
            o
            for o in jsonld_objects(site / f"articles/{slug}/index.html")
            if o.get("@type") == "BlogPosting"
        ]
        title = read_page(site / f"articles/{slug}/index.html").meta["og:title"]
        assert posting["headline"] == title
        assert posting["datePublished"].startswith("2026-")


def test_pagination_uses_page_folders(tmp_path: Path):
    out = tmp_path / "out"
    build_site(out, overrides={"DEFAULT_PAGINATION": 2})
    assert (out / "page/2/index.html").is_file()
    assert "/page/2/" in read_page(out / "index.html").links


def test_builds_are_byte_identical_with_source_date_epoch(site: Path, tmp_path: Path):
    again = tmp_path / "again"
    build_site(again)
    cmp = filecmp.dircmp(site, again)

    def differences(c) -> list[str]:
        found = c.left_only + c.right_only + c.diff_files + c.funny_files
        for sub in c.subdirs.values():
            found += differences(sub)
        return found

    # dircmp compares by stat first; force byte comparison of every file
    files = [p.relative_to(site) for p in site.rglob("*") if p.is_file()]
    match, mismatch, errors = filecmp.cmpfiles(site, again, files, shallow=False)
    assert (differences(cmp), mismatch, errors) == ([], [], [])
    assert len(match) == len(files)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("bad-date.md", "Title: Oops\nDate: 2026-13-45\n\nBody.\n"),
        ("no-title.md", "Date: 2026-05-01\n\nBody without a title.\n"),
    ],
)
def test_malformed_article_fails_with_a_line_naming_the_file(tmp_path: Path, name: str, text: str):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    (content / "articles" / name).write_text(text)
    result = build_site(tmp_path / "out", content=content, check=False)
    assert result.returncode != 0
    assert name in result.log
    assert "Traceback" not in result.log


def test_settings_typo_fails_cleanly(tmp_path: Path):
    result = build_site(tmp_path / "out", overrides={"THEME": "theem"}, check=False)
    assert result.returncode != 0
    assert "theem" in result.log
    assert "Traceback" not in result.log
