"""Every page in a real Chromium: accessibility, privacy, weight and layout."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support.browser import axe_violations, record_origins
from tests.support.html import page_for_url
from tests.support.site import html_files

KB = 1024
PAGE_BUDGET = 60 * KB
PICKER_BUDGET = 80 * KB  # book/<slug>/ lists four weeks of times


def _pages(site: Path) -> list[str]:
    return [
        "/" + p.relative_to(site).as_posix().removesuffix("index.html") for p in html_files(site)
    ]


def _budget(path: str) -> int:
    parts = path.strip("/").split("/")
    return PICKER_BUDGET if len(parts) == 2 and parts[0] == "book" else PAGE_BUDGET


def test_every_page_is_accessible_private_and_light(page, site, site_url, axe_source):
    own = site_url
    problems: dict[str, object] = {}
    for path in _pages(site):
        origins = record_origins(page)
        weights: dict[str, int] = {}

        def weigh(request, weights=weights):
            # Sizes from disk: a cached (304) stylesheet still counts toward the page.
            if request.resource_type in ("document", "stylesheet", "script"):
                local = page_for_url(site, urlsplit(request.url).path)
                weights[request.url] = local.stat().st_size

        errors: list[str] = []

        def console(message, errors=errors):
            # CSP violations and failed loads surface here as errors.
            if message.type == "error":
                errors.append(message.text)

        page.on("request", weigh)
        page.on("console", console)
        page.goto(site_url + path, wait_until="load")
        page.remove_listener("request", weigh)
        page.remove_listener("console", console)
        violations = axe_violations(page, axe_source)
        foreign = origins - {own}
        total = sum(weights.values())
        if violations or foreign or errors or total > _budget(path):
            problems[path] = {
                "axe": violations,
                "origins": sorted(foreign),
                "console": errors,
                "bytes": total,
            }
    assert problems == {}


@pytest.mark.parametrize("path", ["/", "/articles/coaching-vs-mentoring/", "/about/"])
def test_dark_scheme_is_accessible_too(browser, site_url, axe_source, path):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site_url + path)
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert axe_violations(page, axe_source) == []
    light = browser.new_context(color_scheme="light").new_page()
    light.goto(site_url + path)
    assert light.evaluate("getComputedStyle(document.body).backgroundColor") != background
    context.close()


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_no_horizontal_scroll_and_screenshots(browser, site_url, artifacts, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for name, path in [("home", "/"), ("article", "/articles/coaching-vs-mentoring/")]:
        page.goto(site_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        page.screenshot(path=str(artifacts / f"{name}-{width}.png"), full_page=True)
    context.close()


def _centre(page, selector: str) -> float:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    return box["y"] + box["height"] / 2


@pytest.mark.parametrize("width", [320, 375])
def test_on_a_phone_the_header_is_one_row_and_its_menu_opens_without_javascript(
    browser, site_url, width
):
    context = browser.new_context(
        viewport={"width": width, "height": 800}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(site_url + "/articles/coaching-vs-mentoring/")
    rows = [_centre(page, s) for s in (".site-name", ".menu > summary", ".nav-book")]
    assert max(rows) - min(rows) < 8, rows
    if width >= 375:  # at 320 px a long name may take a third line
        assert page.locator(".site-header").bounding_box()["height"] < 100
    entries = page.locator(".menu a")
    assert entries.count() >= 3 and not entries.first.is_visible()
    page.click(".menu > summary")
    assert entries.first.is_visible() and page.locator(".menu a.nav-search").is_visible()
    assert page.locator("header form, header input").count() == 0  # search is an entry
    page.click(".menu a.nav-search")
    assert page.url.endswith("/search/")
    context.close()


def test_on_a_wide_screen_the_menu_is_open_in_the_header_row(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(site_url + "/articles/coaching-vs-mentoring/")
    assert not page.locator(".menu > summary").is_visible()
    first = page.locator(".menu a").first
    assert first.is_visible()
    rows = [_centre(page, s) for s in (".site-name", ".menu a >> nth=0", ".nav-book")]
    assert max(rows) - min(rows) < 8, rows
    context.close()


def test_skip_link_is_first_and_focus_is_visible(page, site_url):
    page.goto(site_url + "/articles/coaching-vs-mentoring/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "(() => { const e = document.activeElement; const s = getComputedStyle(e);"
        " return {text: e.textContent.trim(), href: e.getAttribute('href'),"
        " outline: s.outlineStyle, width: parseFloat(s.outlineWidth)}; })()"
    )
    assert focused["href"] == "#main"
    assert "skip" in focused["text"].lower()
    assert focused["outline"] != "none" and focused["width"] >= 2
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_print_stylesheet_hides_navigation(page, site_url):
    page.goto(site_url + "/articles/coaching-vs-mentoring/")
    page.emulate_media(media="print")
    assert page.locator("nav").first.is_hidden()
