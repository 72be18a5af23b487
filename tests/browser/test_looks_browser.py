"""Every look in Chromium, on the showcase site (a real JPEG portrait,
testimonials, a free and a paid session, English and French): 0 axe
violations on the home page, an article, the picker and an episode, in
light and dark; no request to another origin; the look's fonts in use;
screenshots at 375 and 1280 px for docs/looks.md. Nu validates the HTML
once (it is the same in every look; only the stylesheet differs)."""

from __future__ import annotations

import pytest

from plugins.design.looks import LOOKS
from sitetools.server import serve_in_thread
from tests.support.booking import new_page
from tests.support.browser import axe_violations
from tests.support.showcase import build_showcase
from tests.support.site import html_files
from tests.support.validators import vnu_errors

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/",
    "article": "/articles/lorem/",
    "picker": "/book/seance/",
    "episode": "/articles/vox-1/",
}


@pytest.fixture(scope="module")
def looks(tmp_path_factory):
    running = {}
    for style in LOOKS:
        out = build_showcase(tmp_path_factory.mktemp(f"look-{style}"), style).output
        running[style] = (out, *serve_in_thread(out))
    yield {style: (out, url) for style, (out, _, url) in running.items()}
    for _, server, _ in running.values():
        server.shutdown()


@pytest.mark.parametrize("style", sorted(LOOKS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_each_look_is_accessible_in_light_and_dark(browser, looks, axe_source, style, scheme):
    _, url = looks[style]
    # At the build's clock, so the picker shows its open times.
    context, page, origins = new_page(
        browser, viewport={"width": 1280, "height": 900}, color_scheme=scheme
    )
    for name, path in PAGES.items():
        page.goto(url + path, wait_until="networkidle")
        assert axe_violations(page, axe_source) == [], (style, scheme, name)
        family = page.evaluate("getComputedStyle(document.body).fontFamily")
        assert family.split(",")[0].strip('"') == LOOKS[style].body.family, family
        assert page.evaluate(f"document.fonts.check('16px \"{LOOKS[style].body.family}\"')"), (
            "the body font is not loaded"
        )
    assert origins == {url}
    context.close()


@pytest.mark.parametrize("style", sorted(LOOKS))
@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_of_each_look(browser, looks, artifacts, style, width):
    _, url = looks[style]
    context, page, _ = new_page(browser, viewport={"width": width, "height": 900})
    for name in ("home", "article", "picker"):
        page.goto(url + PAGES[name], wait_until="networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        page.screenshot(path=str(artifacts / f"look-{style}-{name}-{width}.png"))
    context.close()


def test_the_showcase_html_is_valid(looks, vnu_jar):
    out, _ = looks["calm"]
    pages = [p for p in html_files(out) if p.parent.parent.name != "book" or "seance" in str(p)]
    assert vnu_errors(vnu_jar, pages[:200]) == []
