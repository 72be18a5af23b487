"""Visitors in Chromium on sites in French, Brazilian Portuguese and German:
only that language on the page (times in the visitor's own locale, 24-hour
where it is used), the zone switch works in it, the request email carries
the visitor's time in the site's words, 0 axe violations; screenshots."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

from sitetools.server import serve_in_thread
from tests.support.booking import new_page, query
from tests.support.browser import axe_violations
from tests.support.fixture_site import build_fixture_site
from tests.support.languages import SHIPPED, english_left, language

pytestmark = pytest.mark.browser

PICKER = "/book/decouverte/"
# (site language, visitor locale, visitor zone, words only that language has)
VISITS = [
    ("fr", "fr-FR", "America/Montreal", ("Réserver une séance", "novembre")),
    ("pt_BR", "pt-BR", "America/Sao_Paulo", ("Agende uma sessão", "novembro")),
    ("de", "de-DE", "America/New_York", ("Termin buchen", "November")),
]


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    running = {}
    for code in SHIPPED:
        output = build_fixture_site(tmp_path_factory.mktemp(f"browser-{code}"), lang=code).output
        running[code] = serve_in_thread(output)
    yield {code: url for code, (_, url) in running.items()}
    for server, _ in running.values():
        server.shutdown()


def _body(page) -> str:
    return page.evaluate("document.body.innerText")


@pytest.mark.parametrize(("code", "locale", "zone", "words"), VISITS, ids=[v[0] for v in VISITS])
def test_the_picker_speaks_the_sites_language_in_the_visitors_zone(
    browser, servers, code, locale, zone, words
):
    context, page, origins = new_page(browser, locale=locale, timezone_id=zone)
    page.goto(servers[code] + PICKER)
    expect(page.locator("#booking-zone")).to_be_visible()  # the script has run
    text = _body(page)
    assert english_left(text, code) == []
    for word in words:
        assert word in text
    assert " AM" not in text and " PM" not in text  # 24-hour clocks in all three
    assert "\u202f" not in text
    status = page.locator("#booking-status").text_content()
    assert status and english_left(status, code) == []
    lang = language(code)
    # The switch is in the site's words; choosing the coach's zone shows the
    # coach's times under the coach's dates, still in that language.
    switch = page.locator("#booking-zone")
    assert switch.is_visible()
    assert lang.gettext("Show the times in") in switch.text_content()
    visitor_first = page.locator("#booking-slots time").first.text_content()
    page.locator("#booking-tz-coach").click()
    coach_first = page.locator("#booking-slots time").first.text_content()
    assert coach_first == "14:00" != visitor_first  # the first open time, in Paris
    assert english_left(_body(page), code) == []
    assert origins == {servers[code]}
    context.close()


@pytest.mark.parametrize(("code", "locale", "zone", "words"), VISITS, ids=[v[0] for v in VISITS])
def test_the_slot_page_and_request_email_are_in_the_sites_words(
    browser, servers, code, locale, zone, words
):
    context, page, _ = new_page(browser, locale=locale, timezone_id=zone)
    page.goto(servers[code] + PICKER)
    with page.expect_navigation(wait_until="load"):
        page.locator("#booking-slots a").first.click()
    expect(page.locator("#booking-visitor-time")).to_be_visible()  # the script has run
    assert english_left(_body(page), code) == []
    body = unquote(query(page.locator("#booking-request").get_attribute("href"))["body"])
    zone_line = next(
        line for line in body.splitlines() if language(code).gettext("My time zone:") in line
    )
    assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") in zone_line
    assert english_left(body, code) == []
    context.close()


@pytest.mark.parametrize("code", SHIPPED)
def test_no_axe_violations_on_any_kind_of_page(browser, servers, axe_source, code):
    """lang included: axe checks that it is a valid language (html-lang-valid)."""
    context, page, _ = new_page(browser, locale="en-US", timezone_id="Asia/Kolkata")
    for path in (
        "/",
        "/articles/lorem/",
        "/book/",
        PICKER,
        "/podcast/",
        "/articles/vox-1/",
        "/404.html",
    ):
        page.goto(servers[code] + path)
        assert axe_violations(page, axe_source) == [], (code, path)
    page.goto(servers[code] + PICKER)
    with page.expect_navigation(wait_until="load"):
        page.locator("#booking-slots a").first.click()
    expect(page.locator("#booking-visitor-time")).to_be_visible()
    assert axe_violations(page, axe_source) == [], (code, "slot")
    context.close()


@pytest.mark.parametrize("code", ["fr", "de"])
def test_screenshots_at_375_px_and_no_axe_violations(browser, servers, artifacts, axe_source, code):
    context, page, _ = new_page(
        browser, viewport={"width": 375, "height": 900}, locale="fr-FR", timezone_id="Asia/Tokyo"
    )
    for name, path in [("home", "/"), ("picker", PICKER)]:
        page.goto(servers[code] + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
        assert axe_violations(page, axe_source) == [], path
        page.screenshot(path=str(artifacts / f"lang-{code}-{name}-375.png"), full_page=True)
    page.goto(servers[code] + PICKER)
    page.locator("#booking-slots a").first.click()
    # The slot page, loaded and laid out: axe on the picker half-gone saw
    # targets without their styles.
    expect(page.locator("#booking-visitor-time")).to_be_visible()
    page.wait_for_load_state("load")
    assert axe_violations(page, axe_source) == []
    page.screenshot(path=str(artifacts / f"lang-{code}-slot-375.png"), full_page=True)
    context.close()
