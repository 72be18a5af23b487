"""A bilingual practice (French first, English second) from one build:
Pelican's translations (same slug, `Lang:`) get a language switcher and
reciprocal hreflang alternates, and the booking pages exist in both
languages with the same open times."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.fixture_site import translate, write_fixture_site
from tests.support.html import read_page
from tests.support.site import build_site, html_files
from tests.support.validators import vnu_errors

HREFLANG = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')
ORIGIN = "http://127.0.0.1:8000"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("bilingual")
    settings, content = write_fixture_site(root, lang="fr", extra_languages=("en",))
    translate(content, "lorem", "articles", "en", "Lorem in English")
    (content / "pages/about-en.md").write_text(
        "Title: Margaux (en)\nSlug: about\nLang: en\n\nLorem.\n", encoding="utf-8"
    )
    return build_site(root / "output", settings_file=str(settings), content=content).output


def _alternates(page: Path) -> dict[str, str]:
    return dict(HREFLANG.findall(page.read_text(encoding="utf-8")))


def _switcher(page: Path) -> list[tuple[str, str, str]]:
    html = page.read_text(encoding="utf-8")
    nav = re.search(r'<nav class="language-switch"[^>]*>(.*?)</nav>', html, re.S)
    assert nav, page
    return re.findall(r'<a href="([^"]+)" hreflang="([^"]+)" lang="[^"]+">([^<]+)</a>', nav[1])


@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("articles/lorem/index.html", "en/articles/lorem/index.html"),
        ("about/index.html", "en/about/index.html"),
        ("book/index.html", "en/book/index.html"),
        ("book/decouverte/index.html", "en/book/decouverte/index.html"),
    ],
)
def test_each_page_links_to_its_translation_both_ways(site, french, english):
    fr_page, en_page = site / french, site / english
    assert '<html lang="fr">' in fr_page.read_text("utf-8")
    assert '<html lang="en">' in en_page.read_text("utf-8")
    fr_url = "/" + french.removesuffix("index.html")
    en_url = "/" + english.removesuffix("index.html")
    assert _switcher(fr_page) == [(en_url, "en", "English")]
    assert _switcher(en_page) == [(fr_url, "fr", "Français")]
    # hreflang pairs are reciprocal and each page lists itself too.
    expected = {"fr": ORIGIN + fr_url, "en": ORIGIN + en_url}
    assert _alternates(fr_page) == expected == _alternates(en_page)


def test_a_page_without_a_translation_has_no_switcher_and_no_alternates(site):
    page = site / "articles/dolor/index.html"
    assert 'class="language-switch"' not in page.read_text("utf-8")
    assert _alternates(page) == {}


def test_both_booking_pages_offer_the_same_times_in_their_own_words(site):
    fr = read_page(site / "book/decouverte/index.html")
    en = read_page(site / "en/book/decouverte/index.html")
    # The list every visitor gets (the script enhances it): one link per time.
    times = re.compile(r'<a href="(\d{8}T\d{6}Z)/">')
    fr_times = times.findall((site / "book/decouverte/index.html").read_text("utf-8"))
    en_times = times.findall((site / "en/book/decouverte/index.html").read_text("utf-8"))
    assert fr_times == en_times and len(fr_times) > 10
    assert fr.links and en.links
    fr_text = (site / "book/decouverte/index.html").read_text("utf-8")
    en_text = (site / "en/book/decouverte/index.html").read_text("utf-8")
    assert "Réserver une séance" in fr_text and "Book a session" in en_text
    assert ">lundi 23 novembre 2026</h2>" in fr_text
    assert ">Monday, November 23, 2026</h2>" in en_text
    # The English slot page's calendar file and request are English too, and
    # the appointment keeps one UID whatever the language.
    stamp = fr_times[0]
    en_ics = (site / f"en/book/decouverte/{stamp}.ics").read_bytes()
    fr_ics = (site / f"book/decouverte/{stamp}.ics").read_bytes()
    uid = re.search(rb"UID:(\S+)", fr_ics)[1]
    assert re.search(rb"UID:(\S+)", en_ics)[1] == uid
    assert b"This time is not booked yet" in en_ics.replace(b"\r\n ", b"")
    assert b"This time is not booked yet" not in fr_ics.replace(b"\r\n ", b"")
    assert b"/en/book/decouverte/" in en_ics.replace(b"\r\n ", b"")


def test_the_book_link_of_each_language_leads_to_its_own_booking_pages(site):
    fr = read_page(site / "articles/lorem/index.html")
    en = read_page(site / "en/articles/lorem/index.html")
    assert "/book/" in fr.links and "/en/book/" not in fr.links
    assert "/en/book/" in en.links
    en_html = (site / "en/articles/lorem/index.html").read_text("utf-8")
    assert '<a class="button" href="/en/book/decouverte/">' in en_html  # the call to action


def test_the_bilingual_site_is_valid_html(site, vnu_jar):
    assert vnu_errors(vnu_jar, html_files(site)) == []
