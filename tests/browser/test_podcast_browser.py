"""Podcast pages in a real Chromium: the player, the transcript, privacy and
accessibility.

The site is built from tests/fixtures/podcast/ plus one extra post whose audio is
on another origin (https://media.example.org). That origin is answered by
Playwright's router from a local file, so nothing leaves the machine, and
the test sees exactly when the browser asks for it.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import mutagen
import pytest

from sitetools.server import serve_in_thread
from tests.support.browser import axe_violations, record_origins
from tests.support.site import FIXTURES, build_site, layered_settings

pytestmark = pytest.mark.browser

# pelicanconf's PLUGINS minus booking (its calendars are not in this copy).
EP1 = "/articles/why-doctors-hire-coaches/"
GUEST = "/articles/rounds-and-reflections-neurophobia/"
REMOTE = "/articles/remote-audio-demo/"
REMOTE_ORIGIN = "https://media.example.org"
SAMPLE_MP3 = FIXTURES / "podcast/audio/ep1-why-doctors-hire-coaches.mp3"
AUDIO = {
    EP1: "/podcast/audio/ep1-why-doctors-hire-coaches.mp3",
    GUEST: "/podcast/audio/rounds-and-reflections-neurophobia.mp3",
}


def _remote_post() -> str:
    return textwrap.dedent(
        f"""\
        Title: A remote audio demo
        Date: 2026-03-01 08:00
        Category: Podcast
        Slug: remote-audio-demo
        Summary: An episode whose audio lives on another host.
        Podcast_audio: {REMOTE_ORIGIN}/files/remote-demo.mp3
        Podcast_length: {SAMPLE_MP3.stat().st_size}
        Podcast_duration: {round(mutagen.File(SAMPLE_MP3).info.length)}
        Podcast_type: bonus

        The audio of this post is served by another host.
        """
    )


@pytest.fixture(scope="module")
def podcast_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("podcast-browser")
    content = tmp / "content"
    shutil.copytree(FIXTURES / "podcast", content / "podcast")
    (content / "podcast/remote-audio-demo.md").write_text(_remote_post(), encoding="utf-8")
    # A settings file, not `-e`: see tests/build/test_podcast_build.py.
    conf = layered_settings(tmp / "podcast_browser_conf.py", without=("booking",))
    return build_site(tmp / "output", settings_file=str(conf), content=content).output


@pytest.fixture(scope="module")
def podcast_url(podcast_site):
    server, url = serve_in_thread(podcast_site)
    yield url
    server.shutdown()


def _file_seconds(path: str, site: Path) -> float:
    return mutagen.File(site / path.lstrip("/")).info.length


def test_audio_sources_are_served_as_mpeg(page, podcast_url, podcast_site):
    for path, audio in AUDIO.items():
        page.goto(podcast_url + path)
        src = page.eval_on_selector("audio source", "s => s.src")
        assert src == podcast_url + audio
        response = page.request.get(src)
        assert response.status == 200
        assert response.headers["content-type"].startswith("audio/mpeg")
        assert len(response.body()) == (podcast_site / audio.lstrip("/")).stat().st_size


def test_player_fetches_nothing_until_play_then_reports_the_duration(
    page, podcast_url, podcast_site
):
    for path, audio in AUDIO.items():
        media: list[str] = []
        page.on("request", lambda r, media=media: media.append(r.url) if ".mp3" in r.url else None)
        page.goto(podcast_url + path, wait_until="networkidle")
        assert page.eval_on_selector("audio", "a => a.preload") == "none"
        assert media == [], "preload=none must not fetch the audio"
        duration = page.evaluate(
            """() => new Promise((resolve, reject) => {
                const a = document.querySelector('audio');
                a.muted = true;
                a.addEventListener('loadedmetadata', () => resolve(a.duration), {once: true});
                a.addEventListener('error', () => reject(new Error('media error')), {once: true});
                a.play().catch(() => {});
            })"""
        )
        assert media, "pressing play fetches the audio"
        assert duration == pytest.approx(_file_seconds(audio, podcast_site), abs=0.3)
        shown = page.eval_on_selector(".episode-duration time", "t => t.getAttribute('datetime')")
        assert shown == f"PT{round(duration)}S"


def test_remote_audio_is_not_requested_before_play(page, podcast_url):
    body = SAMPLE_MP3.read_bytes()
    page.route(
        f"{REMOTE_ORIGIN}/**",
        lambda route: route.fulfill(status=200, body=body, headers={"Content-Type": "audio/mpeg"}),
    )
    origins = record_origins(page)
    page.goto(podcast_url + REMOTE, wait_until="networkidle")
    assert origins == {podcast_url}
    assert page.eval_on_selector("audio source", "s => s.src") == (
        f"{REMOTE_ORIGIN}/files/remote-demo.mp3"
    )
    with page.expect_request(f"{REMOTE_ORIGIN}/files/remote-demo.mp3"):
        page.evaluate(
            "() => { const a = document.querySelector('audio'); a.muted = true; a.play(); }"
        )
    assert REMOTE_ORIGIN in origins


def test_transcript_is_collapsed_but_in_the_dom_and_findable(page, podcast_url):
    page.goto(podcast_url + EP1)
    details = page.locator("details.transcript")
    assert details.get_attribute("open") is None
    text = details.evaluate("d => d.textContent")
    assert "twenty-six years" in text and "Dr. Eleanor Hart:" in text
    # The browser's own search reaches text inside a closed <details>
    # (Chromium's Ctrl+F also opens it on a match; window.find only finds).
    assert page.evaluate("() => window.find('twenty-six years')")
    page.locator("summary", has_text="Read the transcript").click()
    assert details.get_attribute("open") is not None
    assert page.locator(".transcript-text").is_visible()


def test_podcast_pages_have_no_axe_violations(page, podcast_url, axe_source):
    problems = {}
    for path in ("/podcast/", EP1, GUEST, REMOTE):
        page.goto(podcast_url + path)
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        violations = axe_violations(page, axe_source)
        if violations:
            problems[path] = violations
    assert problems == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_episode_page_fits_a_small_phone(browser, podcast_url, axe_source, scheme):
    context = browser.new_context(viewport={"width": 320, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    for path in ("/podcast/", EP1):
        page.goto(podcast_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
        assert axe_violations(page, axe_source) == [], path
    context.close()


def test_subscribe_link_serves_the_feed(page, podcast_url):
    page.goto(podcast_url + "/podcast/")
    href = page.get_attribute(".feed-url a", "href")
    response = page.request.get(podcast_url + href)
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/xml")
    assert b"<rss" in response.body()
    assert page.locator(".episode-list > li").count() == 3
