"""Her photographs in Chromium: a 375 px phone at 2x fetches small AVIFs,
never the desktop-size photo; the portrait is fetched first; the page has
no layout shift from images, 0 axe violations and no other origin."""

from __future__ import annotations

import pytest

from sitetools.server import serve_in_thread
from tests.integration.test_photos_build import _build, _project
from tests.support.browser import axe_violations, record_origins

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("photos")
    out = _build(root, _project(root)).output
    server, url = serve_in_thread(out)
    yield url
    server.shutdown()


@pytest.mark.parametrize(
    ("width", "scale", "widest"),
    [(375, 2, 960), (1280, 1, 960), (1280, 2, 1920)],
)
def test_each_screen_fetches_the_photo_it_needs(
    browser, photo_site, artifacts, axe_source, width, scale, widest
):
    context = browser.new_context(
        viewport={"width": width, "height": 800}, device_scale_factor=scale
    )
    page = context.new_page()
    origins = record_origins(page)
    fetched: dict[str, int] = {}

    def weigh(response):
        if response.request.resource_type == "image":
            fetched[response.url] = len(response.body())

    page.on("response", weigh)
    for path in ("/", "/articles/our-room/"):
        page.goto(photo_site + path, wait_until="load")
        page.mouse.wheel(0, 4000)  # bring the lazy ones into view
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert axe_violations(page, axe_source) == [], path
        name = path.strip("/").replace("/", "-") or "home"
        page.screenshot(path=str(artifacts / f"photos-{name}-{width}x{scale}.png"))
    images = [url for url in fetched if "/images/" in url]
    assert images and all(url.endswith(".avif") for url in images), images
    widths = [int(url.rsplit(".", 2)[-2]) for url in images]
    assert max(widths) <= widest, images
    assert origins == {photo_site}
    if width == 375:
        assert sum(fetched[url] for url in images) < 120_000, fetched
    context.close()


def test_the_portrait_is_fetched_first_and_nothing_shifts(browser, photo_site):
    context = browser.new_context(viewport={"width": 375, "height": 800}, device_scale_factor=2)
    page = context.new_page()
    page.add_init_script(
        "window.__shift = 0; new PerformanceObserver(list => { for (const e of list.getEntries())"
        " if (!e.hadRecentInput) window.__shift += e.value; })"
        ".observe({type: 'layout-shift', buffered: true});"
    )
    # Without the web fonts, whose swap (font-display: swap) moves text by a
    # hair: what could still shift the page is a photo without its size.
    page.route("**/*.woff2", lambda route: route.abort())
    page.goto(photo_site + "/", wait_until="networkidle")
    portrait = page.locator("img.portrait")
    assert portrait.get_attribute("fetchpriority") == "high"
    assert page.evaluate("window.__shift") == 0
    assert portrait.evaluate("img => img.complete && img.naturalWidth > 0")
    context.close()
