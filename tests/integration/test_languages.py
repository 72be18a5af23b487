"""A fixture site built in every shipped language: no English of ours left
on any page, dates and times as CLDR writes them for that locale, `lang`
right, and every page valid HTML. A bad DEFAULT_LANG or Lang: stops the
build with one line."""

from __future__ import annotations

import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel import Locale
from babel.dates import get_timezone_name

from plugins.common.language import load_language
from tests.support.fixture_site import COACH_WORDS, build_fixture_site
from tests.support.languages import CATALOGS, SHIPPED, catalog, english_left, page_text
from tests.support.site import html_files
from tests.support.validators import vnu_errors

OTHERS = [code for code in SHIPPED if code != "en"]
# The article dated 2026-11-20, and the first open time (Monday 23 November,
# 14:00 in Paris), as each locale writes them (CLDR 47, checked by hand).
CLDR = {
    "en": ("November 20, 2026", "Monday, November 23, 2026", "2:00 PM"),
    "fr": ("20 novembre 2026", "lundi 23 novembre 2026", "14:00"),
    "de": ("20. November 2026", "Montag, 23. November 2026", "14:00"),
    "es": ("20 de noviembre de 2026", "lunes, 23 de noviembre de 2026", "14:00"),
    "pt_BR": ("20 de novembro de 2026", "segunda-feira, 23 de novembro de 2026", "14:00"),
    "nl": ("20 november 2026", "maandag 23 november 2026", "14:00"),
    "it": ("20 novembre 2026", "lunedì 23 novembre 2026", "14:00"),
}
TAGS = {"pt_BR": "pt-BR"}
# Names of things that are names in every language.
BRANDS = "Google Calendar Outlook com Office Yahoo Apple MP3 ics UTC Atom RSS"


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    return {
        code: build_fixture_site(tmp_path_factory.mktemp(f"site-{code}"), lang=code).output
        for code in SHIPPED
    }


def _first_slot(site: Path) -> Path:
    return sorted((site / "book/decouverte").glob("2*/index.html"))[0]


def _pages(site: Path) -> dict[str, Path]:
    return {
        "home": site / "index.html",
        "article": site / "articles/lorem/index.html",
        "booking": site / "book/index.html",
        "picker": site / "book/decouverte/index.html",
        "slot": _first_slot(site),
        "manage": site / "book/manage/index.html",
        "podcast": site / "podcast/index.html",
        "episode": site / "articles/vox-1/index.html",
        "404": site / "404.html",
        "archives": site / "archives/index.html",
        "page": site / "about/index.html",
    }


def _words(text: str) -> set[str]:
    """Words, once addresses (shown as text: the feed URL, the email) are out."""
    text = re.sub(r"\S+://\S+|\S+@\S+", " ", text)
    return {w.lower() for w in re.findall(r"[^\W\d_]+", text)}


def _allowed(code: str) -> set[str]:
    """Our catalog's words in `code`, the coach's, CLDR's names, brand names."""
    words = _words(" ".join(COACH_WORDS) + " " + BRANDS)
    for message in catalog(code):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        words |= _words(" ".join(re.sub(r"%\(\w+\)[sd]|\{\w+\}", " ", s) for s in strings))
    locale = Locale.parse(code)
    for names in (locale.days["format"]["wide"], locale.months["format"]["wide"]):
        words |= _words(" ".join(names.values()))
    words |= _words(get_timezone_name(ZoneInfo("Europe/Paris"), "long", locale=locale))
    for unit in ("duration-second", "digital-kilobyte"):
        words |= _words(str(locale.unit_display_names.get(unit, {})))
        for form in locale._data["unit_patterns"][unit].values():
            words |= _words(" ".join(str(v) for v in dict(form).values()))
    return words


@pytest.mark.parametrize("code", OTHERS)
def test_no_english_of_ours_is_left_on_any_page(sites, code):
    for name, page in _pages(sites[code]).items():
        text = page_text(page.read_text(encoding="utf-8"))
        assert english_left(text, code) == [], name
        unexplained = _words(text) - _allowed(code)
        assert unexplained == set(), (name, sorted(unexplained))


# A site whose slot pages post a form (a form backend) with intake
# questions and the consent checkbox; its booking pages in every other
# language at once (EXTRA_LANGUAGES). The labels are the coach's (Latin).
FORM = """
BOOKING["request_form_action"] = "https://forms.example.org/f/abc"
BOOKING["consent_page"] = "about/"
BOOKING["sessions"][0]["questions"] = [
    {"label": "Quis autem", "type": "choice", "options": ["Lorem", "Dolor"], "required": True},
    {"label": "Neque porro"},
    {"label": "Vel eum", "type": "checkbox"},
]
"""


@pytest.fixture(scope="module")
def form_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("site-form")
    return build_fixture_site(root, extra_languages=tuple(OTHERS), lines=FORM).output


@pytest.mark.parametrize("code", OTHERS)
def test_no_english_of_ours_is_left_on_the_form_and_manage_pages(form_site, code):
    prefix = TAGS.get(code, code).lower()
    pages = {"slot with questions": _first_slot(form_site / prefix)}
    pages["manage"] = form_site / prefix / "book/manage/index.html"
    # The language menu names each edition in its own language.
    autonyms = _words(" ".join(load_language(c, CATALOGS).name() for c in SHIPPED))
    for name, page in pages.items():
        html = page.read_text(encoding="utf-8")
        assert f'<html lang="{TAGS.get(code, code)}">' in html, name
        text = page_text(html)
        assert english_left(text, code) == [], name
        unexplained = _words(text) - _allowed(code) - autonyms
        assert unexplained == set(), (name, sorted(unexplained))
    # The branches the words above come from were printed.
    slot = pages["slot with questions"].read_text(encoding="utf-8")
    assert 'id="booking-form"' in slot and 'name="consent"' in slot and "form-trap" in slot


def test_the_checks_can_fail_an_english_page_is_english_to_them(sites):
    text = page_text((sites["en"] / "book/decouverte/index.html").read_text(encoding="utf-8"))
    assert len(english_left(text, "fr")) > 10
    assert len(_words(text) - _allowed("fr")) > 10


@pytest.mark.parametrize("code", SHIPPED)
def test_dates_times_and_lang_follow_the_locale(sites, code):
    site = sites[code]
    article_date, day, time = CLDR[code]
    tag = TAGS.get(code, code)
    for page in _pages(site).values():
        assert f'<html lang="{tag}">' in page.read_text(encoding="utf-8"), page
    assert f">{article_date}</time>" in (site / "articles/lorem/index.html").read_text("utf-8")
    picker = (site / "book/decouverte/index.html").read_text(encoding="utf-8")
    assert re.search(rf'<h2 id="day-2026-11-23">{re.escape(day)}</h2>', picker)
    assert f">{time}</a>" in picker  # the no-JavaScript list: a link per time
    assert "\u202f" not in picker
    if code != "en":
        assert not re.search(r"\d (AM|PM)\b", picker)


def test_every_page_of_every_language_is_valid_html(sites, vnu_jar):
    pages = [page for site in sites.values() for page in html_files(site)]
    assert len(pages) > 7 * 20
    assert vnu_errors(vnu_jar, pages) == []


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            'DEFAULT_LANG = "ja"',
            "[site] language: 'ja' is not a language this site has; write one of",
        ),
        (
            'EXTRA_LANGUAGES = ["xx"]',
            "[site] extra_languages, item 1: 'xx' is not a language this site has",
        ),
    ],
)
def test_an_unsupported_language_stops_the_build_with_one_line(tmp_path, lines, expected):
    result = build_fixture_site(tmp_path, lines=lines, check=False)
    assert result.returncode == 1
    lines_out = [line for line in result.log.splitlines() if line.strip()]
    assert len(lines_out) == 1 and "Traceback" not in result.log, result.log
    assert expected in lines_out[0]
    assert '"en", "de", "es", "fr", "it", "nl", "pt_BR"' in lines_out[0]
    assert not (result.output / "index.html").exists()


def test_content_in_a_language_the_site_does_not_have_is_refused(tmp_path):
    (tmp_path / "content/articles").mkdir(parents=True)
    (tmp_path / "content/articles/sv.md").write_text(
        "Title: Hej\nDate: 2026-11-01\nLang: sv\n\nHej.\n", encoding="utf-8"
    )
    result = build_fixture_site(tmp_path, check=False)
    assert result.returncode == 1
    assert "articles/sv.md: Lang 'sv' is not a language of this site" in result.log
    assert "Traceback" not in result.log
