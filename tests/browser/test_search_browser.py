"""Site search in Chromium, on an English and a French fixture site: a
word of one article's body finds that article first (in French an
inflected, unaccented form of an accented word), an episode's transcript
is searched, the header's box works with and without JavaScript, no other
origin is asked, axe finds nothing, the CSP stays whole, and the page
weighs under 60 KB before the first query; a 375 px screenshot."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import expect

from plugins.site_extras.security import content_security_policy
from sitetools.server import serve_in_thread
from tests.support.browser import axe_violations, record_origins
from tests.support.fixture_site import write_fixture_site
from tests.support.html import page_for_url
from tests.support.site import build_site

pytestmark = pytest.mark.browser
KB = 1024

ARTICLES = {
    "en": {
        "strong.md": (
            "Title: Taking a break\nDate: 2026-11-02 09:00\nSlug: taking-a-break\n\n"
            "Plan your sabbatical early. A sabbatical needs a budget, and a sabbatical "
            "needs a date to come back.\n"
        ),
        "weak.md": (
            "Title: Leadership habits\nDate: 2026-11-03 09:00\nSlug: leadership-habits\n\n"
            "One colleague mentioned a sabbatical once, among many other habits of "
            "good leaders, meetings, feedback and delegation.\n"
        ),
        "spelling.md": (
            "Title: Spellings\nDate: 2026-11-04 09:00\nSlug: spellings\n\n"
            "A naïve CAFÉ on the Straße, an œuvre on ﬁnance.\n"
        ),
    },
    "fr": {
        "fort.md": (
            "Title: Trouver sa voie\nDate: 2026-11-02 09:00\nSlug: trouver-sa-voie\n\n"
            "L’épanouissement au travail se construit. Cet épanouissement passe par "
            "des choix clairs et par l’épanouissement de l’équipe.\n"
        ),
        "faible.md": (
            "Title: Réunions\nDate: 2026-11-03 09:00\nSlug: reunions\n\n"
            "Des réunions plus courtes laissent place à l’épanouissement, disent "
            "certains managers, mais surtout à la concentration.\n"
        ),
    },
}
# (site, query as typed, the article it must find first, a word marked in its excerpt)
QUERIES = [
    ("en", "sabbatical", "/articles/taking-a-break/", "sabbatical"),
    ("en", "Sabbaticals", "/articles/taking-a-break/", "sabbatical"),
    ("fr", "epanouissements", "/articles/trouver-sa-voie/", "épanouissement"),
    ("fr", "Épanouie", "/articles/trouver-sa-voie/", "épanouissement"),
]
TRANSCRIPT = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Host>Welcome, quokkas and coaches.\n"


def _build(root: Path, lang: str) -> Path:
    settings, content = write_fixture_site(root, lang=lang)
    for name, text in ARTICLES[lang].items():
        (content / "articles" / name).write_text(text, encoding="utf-8")
    episode = content / "podcast/vox-1.md"
    (content / "podcast/transcripts").mkdir()
    (content / "podcast/transcripts/vox-1.vtt").write_text(TRANSCRIPT, encoding="utf-8")
    header, body = episode.read_text("utf-8").split("\n\n", 1)
    episode.write_text(
        f"{header}\nPodcast_transcript: podcast/transcripts/vox-1.vtt\n\n{body}", "utf-8"
    )
    return build_site(root / "output", settings_file=str(settings), content=content).output


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    running = {}
    for lang in ARTICLES:
        output = _build(tmp_path_factory.mktemp(f"search-{lang}"), lang)
        server, url = serve_in_thread(output)
        running[lang] = (server, url, output)
    yield {lang: (url, output) for lang, (_, url, output) in running.items()}
    for server, _, _ in running.values():
        server.shutdown()


def _results(page) -> list[str]:
    expect(page.locator("#search-results li").first).to_be_visible()
    links = page.locator("#search-results h2 a")
    return [urlsplit(links.nth(i).get_attribute("href")).path for i in range(links.count())]


def _visit(browser, **context_args):
    context = browser.new_context(**context_args)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    return context, page, record_origins(page), errors


@pytest.mark.parametrize(("lang", "typed", "first", "marked"), QUERIES)
def test_a_word_of_one_articles_body_finds_that_article_first(
    browser, sites, axe_source, lang, typed, first, marked
):
    url, _ = sites[lang]
    context, page, origins, errors = _visit(browser)
    page.goto(f"{url}/search/?q={quote(typed)}")
    found = _results(page)
    assert found[0] == first, found
    assert page.locator("#search-results li").first.locator("mark").first.inner_text() == marked
    status = page.locator("#search-status").inner_text()
    assert typed in status and str(len(found)) in status
    assert origins == {url} and errors == []
    assert axe_violations(page, axe_source) == []
    context.close()


@pytest.mark.parametrize("typed", ["naive", "Café", "STRASSE", "finance", "Œuvre", "cafes"])
def test_the_browser_folds_a_query_as_the_index_folded_the_text(browser, sites, typed):
    url, _ = sites["en"]
    context, page, _, errors = _visit(browser)
    page.goto(f"{url}/search/?q={quote(typed)}")
    assert _results(page) == ["/articles/spellings/"] and errors == []
    context.close()


def test_every_word_of_a_query_must_be_on_the_page_when_one_page_has_them_all(browser, sites):
    url, _ = sites["en"]
    context, page, _, _ = _visit(browser)
    page.goto(f"{url}/search/?q=sabbatical+delegation")
    assert _results(page) == ["/articles/leadership-habits/"]
    page.goto(f"{url}/search/?q=sabbatical+xylophone")  # a word the site lacks is left out
    assert _results(page)[:2] == ["/articles/taking-a-break/", "/articles/leadership-habits/"]
    context.close()


def test_the_matched_word_is_marked_in_the_title_too_and_nothing_is_markup(browser, sites):
    url, _ = sites["en"]
    context, page, _, _ = _visit(browser)
    page.goto(f"{url}/search/?q=habit")
    assert _results(page)[0] == "/articles/leadership-habits/"
    title = page.locator("#search-results h2 a").first
    assert title.locator("mark").all_inner_texts() == ["habits"]
    assert title.inner_text() == "Leadership habits"
    context.close()


def test_an_episode_is_found_by_a_word_of_its_transcript(browser, sites):
    url, _ = sites["en"]
    context, page, _, _ = _visit(browser)
    page.goto(f"{url}/search/?q=quokka")
    assert _results(page) == ["/articles/vox-1/"]
    context.close()


def test_a_word_found_nowhere_says_so_in_the_sites_language(browser, sites):
    url, _ = sites["fr"]
    context, page, _, errors = _visit(browser)
    page.goto(f"{url}/search/?q=xylophone")
    expect(page.locator("#search-status")).to_have_text(
        "Aucun résultat pour «\u00a0xylophone\u00a0»."
    )
    assert page.locator("#search-results li").count() == 0 and errors == []
    context.close()


def test_the_menu_leads_to_the_search_and_its_results(browser, sites):
    url, _ = sites["en"]
    context, page, origins, errors = _visit(browser)
    page.goto(url + "/articles/lorem/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    page.wait_for_url(re.compile(r"/search/$"))
    page.get_by_label("Words to look for").fill("sabbatical")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=sabbatical$"))
    assert _results(page)[0] == "/articles/taking-a-break/"
    # A second query from the page's own form, without leaving the page.
    page.get_by_label("Words to look for").fill("quokka")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#search-results h2 a")).to_have_count(1)
    assert page.url.endswith("/search/?q=quokka")
    assert origins == {url} and errors == []
    context.close()


def test_without_javascript_the_menu_lands_on_an_explanation_and_the_archive(
    browser, sites, axe_source
):
    url, _ = sites["fr"]
    context, page, origins, _ = _visit(browser, java_script_enabled=False)
    page.goto(url + "/")
    if page.locator(".menu > summary").is_visible():  # a phone-wide window
        page.locator(".menu > summary").click()
    page.get_by_role("link", name="Rechercher", exact=True).click()
    page.wait_for_url(re.compile(r"/search/$"))
    notice = page.locator("#search-nojs")
    expect(notice).to_be_visible()
    assert "JavaScript" in notice.inner_text()
    assert urlsplit(notice.locator("a").get_attribute("href")).path == "/archives/"
    expect(page.locator("#search-form")).to_be_hidden()
    assert origins == {url}
    context.close()
    # axe needs JavaScript: the same page with search.js served empty.
    context, page, _, _ = _visit(browser)
    page.route(
        re.compile(r"/theme/js/search\.[0-9a-f]+\.js$"),
        lambda route: route.fulfill(status=200, content_type="text/javascript", body=""),
    )
    page.goto(url + "/search/?q=x")
    expect(page.locator("#search-nojs")).to_be_visible()
    assert axe_violations(page, axe_source) == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_results_are_accessible_in_both_schemes(browser, sites, axe_source, scheme):
    url, _ = sites["en"]
    context, page, _, _ = _visit(browser, color_scheme=scheme)
    page.goto(f"{url}/search/?q=sabbatical")
    _results(page)
    assert axe_violations(page, axe_source) == []
    context.close()


def test_before_a_query_the_page_weighs_under_60_kb_and_fetches_no_index(browser, sites):
    url, output = sites["en"]
    context, page, origins, errors = _visit(browser)
    sizes: dict[str, int] = {}

    def weigh(request):
        # Sizes from disk: a cached (304) file still counts toward the page.
        path = urlsplit(request.url).path
        sizes[path] = page_for_url(output, path).stat().st_size

    page.on("request", weigh)
    page.goto(url + "/search/", wait_until="networkidle")
    expect(page.locator("#search-form")).to_be_visible()  # the script ran
    assert not [p for p in sizes if "/shards/" in p or "/docs/" in p]
    # HTML, CSS and JS within 60 KB; the look's fonts apart (80 KB budget,
    # fetched once for the whole site).
    fonts = {p: n for p, n in sizes.items() if p.endswith(".woff2")}
    assert sum(n for p, n in sizes.items() if p not in fonts) <= 60 * KB, sizes
    assert sum(fonts.values()) <= 80 * KB, fonts
    assert origins == {url} and errors == []
    context.close()


def test_the_search_page_keeps_the_strict_policy(browser, sites):
    url, _ = sites["en"]
    context, page, _, errors = _visit(browser)
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security" in m.text else 0)
    page.goto(f"{url}/search/?q=sabbatical")
    _results(page)
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert policy == content_security_policy()
    assert "wasm" not in policy and "unsafe" not in policy
    assert violations == [] and errors == []
    context.close()


def test_results_fit_a_375_px_phone(browser, sites, artifacts):
    url, _ = sites["fr"]
    context, page, _, _ = _visit(browser, viewport={"width": 375, "height": 740})
    page.goto(f"{url}/search/?q=epanouissement")
    _results(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=str(artifacts / "search-375.png"), full_page=True)
    context.close()
