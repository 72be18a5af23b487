"""The browser editor at /admin/, driven in Chromium against `invoke edit`
in a scratch copy of the project (the frozen sample practice): an article,
Tuesday's hours and a podcast episode with its audio are entered through
Decap's forms, and the files it writes are what the next build publishes.

Offline: Decap's local backend (decap-server) writes into the scratch copy;
nothing is asked of any other origin.
"""

from __future__ import annotations

import json
import re
import shutil
import tomllib
import urllib.request
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.support.booking import BUILD_NOW
from tests.support.browser import record_origins
from tests.support.editor import BUNDLE, editing, editor_project, invoke, wait_for
from tests.support.site import SAMPLE_CONTENT

pytestmark = [pytest.mark.browser, pytest.mark.node]

ARTICLE_TITLE = "Première séance : à quoi s’attendre"
ARTICLE_BODY = "Un café, une question : [la page des rendez-vous](https://example.org/book/)."
EPISODE_TITLE = "Ep. 3: The first session"
AUDIO_NAME = "first-session-talk.mp3"
EXISTING_EPISODE = "ep1-why-doctors-hire-coaches"
NEW_TUESDAY = "14:00-17:00"
DAY_OFF = "2026-11-23"  # a Monday the sample practice has hours on
NEW_YORK = ZoneInfo("America/New_York")
VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:  # between the two folders of a swap
        return ""


def _field(page, name: str):
    return page.locator(f"[id^='{name}-field-']")


def _type_over(page, locator, text: str) -> None:
    # Decap's inputs are React-controlled: Playwright's fill() can append to
    # the old value, so select it and type like a person.
    locator.click()
    page.keyboard.press("Control+a")
    page.keyboard.type(text)


def _publish(page) -> None:
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("Publish now").click()


def _write_article(page, url: str, artifacts: Path) -> None:
    page.goto(url + "/admin/#/collections/articles/new")
    page.get_by_role("button", name="Login").click()
    _field(page, "Title").fill(ARTICLE_TITLE)
    page.locator("input[type=datetime-local]").fill("2026-11-20T10:00")
    _field(page, "Category").fill("Coaching")
    _field(page, "Tags").fill("first session, career")
    page.get_by_role("switch").click()  # the Markdown widget's plain-text mode
    page.locator("[aria-label='markdown field'] [role=textbox]").click()
    page.keyboard.type(ARTICLE_BODY)
    page.screenshot(path=artifacts / "editor-article.png", full_page=True)
    _publish(page)


def _change_tuesday(page, url: str, project: Path, artifacts: Path) -> dict:
    page.goto(url + "/admin/#/collections/site/entries/settings")
    page.reload()
    tuesday = page.locator("[id^='tue-field-'] input[id^='window-field-']")
    before = (project / "site.toml").read_bytes()
    _type_over(page, tuesday, "9-12")
    _publish(page)
    refusal = page.get_by_text("Write a time window as 09:00-12:00")
    refusal.wait_for()
    page.screenshot(path=artifacts / "editor-hours-refused.png")
    refused = {"message": refusal.is_visible(), "unchanged": None}
    page.wait_for_timeout(1500)  # a save would have reached the disk by now
    refused["unchanged"] = (project / "site.toml").read_bytes() == before
    _type_over(page, tuesday, NEW_TUESDAY)
    # A day off: a special day with no hours.
    page.get_by_role("button", name="Add special day").click()
    page.locator("[id^='special_days-field-'] input[type=date]").fill(DAY_OFF)
    _publish(page)
    wait_for(lambda: (project / "site.toml").read_bytes() != before, what="site.toml saved")
    page.screenshot(path=artifacts / "editor-hours.png")
    return refused


def _add_episode(page, url: str, audio: Path, artifacts: Path) -> None:
    page.goto(url + "/admin/#/collections/podcast/new")
    page.reload()
    _field(page, "Title").fill(EPISODE_TITLE)
    page.locator("input[type=datetime-local]").fill("2026-11-18T08:00")
    # Category: the form's default, "Podcast".
    page.get_by_text("Choose a file").click()
    page.locator("input[type=file]").set_input_files(str(audio))
    page.get_by_role("button", name="Choose selected").click()
    _field(page, "Podcast_episode").fill("3")
    page.locator("[aria-label='markdown field'] [role=textbox]").click()
    page.keyboard.type("What happens in a first session, and what does not.")
    page.screenshot(path=artifacts / "editor-episode.png", full_page=True)
    _publish(page)


def _retag_existing_episode(page, url: str) -> None:
    page.goto(url + f"/admin/#/collections/podcast/entries/{EXISTING_EPISODE}")
    page.reload()
    tags = _field(page, "Tags")
    # The entry loads after the form: typing before it would be overwritten,
    # leave nothing changed and nothing to save.
    expect(tags).to_have_value(re.compile("podcast"), timeout=30_000)
    tags.click()
    page.keyboard.press("End")
    page.keyboard.type(", medicine")
    _publish(page)


@pytest.fixture(scope="module")
def edited(browser, tmp_path_factory, artifacts):
    """Everything a coach does in the editor, once; the tests check the result."""
    if not (BUNDLE / "decap-cms.js").is_file():
        pytest.skip("decap-cms is not installed (npm ci)")
    project = editor_project(tmp_path_factory.mktemp("editor") / "project")
    original = tomllib.loads((project / "site.toml").read_text(encoding="utf-8"))
    audio = tmp_path_factory.mktemp("upload") / AUDIO_NAME
    shutil.copy(next(iter(sorted((SAMPLE_CONTENT / "podcast/audio").glob("*.mp3")))), audio)
    with editing(project) as (url, _backend):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.add_init_script(VIOLATIONS)
        origins = record_origins(page)
        errors: list[tuple[str, str]] = []
        step = ["article"]
        page.on("pageerror", lambda e: errors.append((step[0], str(e))))
        _write_article(page, url, artifacts)
        articles = project / "content/articles"
        article = wait_for(lambda: next(iter(articles.glob("premiere-*.md")), None))
        # invoke edit builds the site again once the save has settled.
        wait_for(lambda: ARTICLE_TITLE in _page(url + "/archives/"), 90, "the site built again")
        step[0] = "hours"
        refused = _change_tuesday(page, url, project, artifacts)
        step[0] = "episode"
        _add_episode(page, url, audio, artifacts)
        podcast = project / "content/podcast"
        episode = wait_for(lambda: next(iter(podcast.glob("ep-3-*.md")), None))
        step[0] = "retag"
        existing = project / f"content/podcast/{EXISTING_EPISODE}.md"
        before_retag = existing.read_text(encoding="utf-8")
        _retag_existing_episode(page, url)
        wait_for(lambda: existing.read_text(encoding="utf-8") != before_retag, 60, "a re-save")
        violations = page.evaluate("window.__violations")
        context.close()
    return {
        "project": project,
        "original": original,
        "article": article,
        "episode": episode,
        "audio": audio,
        "refused": refused,
        "origins": origins,
        "errors": errors,
        "violations": violations,
        "retagged": (before_retag, existing.read_text(encoding="utf-8")),
    }


@pytest.fixture(scope="module")
def rebuilt(edited) -> Path:
    proc = invoke(edited["project"], "build")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return edited["project"] / "output"


def test_the_editor_runs_under_its_own_policy_on_this_machine_only(edited):
    assert edited["violations"] == []
    # Decap leaves the promise of a save its form refused rejected (with no
    # reason); nothing else may fail.
    assert {error for error in edited["errors"] if error != ("hours", "undefined")} == set()
    assert {urlsplit(origin).hostname for origin in edited["origins"]} == {"127.0.0.1"}


def test_an_article_from_the_form_is_written_as_pelican_metadata(edited):
    text = edited["article"].read_text(encoding="utf-8")
    assert text == (
        f"Title: {ARTICLE_TITLE}\nDate: 2026-11-20 10:00\nCategory: Coaching\n"
        f"Tags: first session, career\n\n{ARTICLE_BODY}\n"
    )


def test_invalid_hours_are_refused_by_the_form_and_nothing_is_written(edited):
    assert edited["refused"] == {"message": True, "unchanged": True}


def test_the_new_tuesday_hours_are_saved_and_every_other_setting_kept(edited):
    saved = tomllib.loads((edited["project"] / "site.toml").read_text(encoding="utf-8"))
    expected = json.loads(json.dumps(edited["original"]))
    expected["booking"]["weekly_hours"]["tue"] = [NEW_TUESDAY]
    special = saved["booking"].pop("special_days")
    assert [{k: v for k, v in day.items() if v} for day in special] == [{"date": DAY_OFF}]
    assert saved == expected


def test_the_episode_and_its_audio_land_where_the_podcast_reads_them(edited):
    project = edited["project"]
    stored = project / "content/podcast/audio" / AUDIO_NAME
    assert stored.read_bytes() == edited["audio"].read_bytes()
    lines = edited["episode"].read_text(encoding="utf-8").splitlines()
    assert lines[:2] == [f"Title: {EPISODE_TITLE}", "Date: 2026-11-18 08:00"]
    assert "Category: Podcast" in lines
    assert "Podcast_type: full" in lines and "Podcast_explicit: false" in lines
    assert f"Podcast_audio: podcast/audio/{AUDIO_NAME}" in lines
    assert "Podcast_episode: 3" in lines


def test_an_existing_file_saved_again_changes_only_the_line_that_was_edited(edited):
    before, after = edited["retagged"]
    old = "Tags: podcast, coaching, career development\n"
    assert old in before
    assert after == before.replace(old, "Tags: podcast, coaching, career development, medicine\n")


def test_the_rebuilt_site_shows_the_article_with_its_accent_and_link(edited, rebuilt):
    pages = (rebuilt / "articles").glob("*/index.html")
    [page] = [p for p in pages if f"<h1>{ARTICLE_TITLE}</h1>" in p.read_text(encoding="utf-8")]
    html = page.read_text(encoding="utf-8")
    assert '<a href="https://example.org/book/">la page des rendez-vous</a>' in html
    assert "Un café, une question" in html


def test_the_picker_offers_tuesday_only_within_the_new_hours(edited, rebuilt):
    slots = json.loads((rebuilt / "book/discovery/slots.json").read_text(encoding="utf-8"))
    tuesdays = [
        (datetime.fromisoformat(s["start"]).astimezone(NEW_YORK), s)
        for s in slots["slots"]
        if datetime.fromisoformat(s["start"]).astimezone(NEW_YORK).weekday() == 1
    ]
    assert tuesdays, "no Tuesday slot at all"
    for start, slot in tuesdays:
        end = datetime.fromisoformat(slot["end"]).astimezone(NEW_YORK)
        assert (start.hour, start.minute) >= (14, 0) and (end.hour, end.minute) <= (17, 0)
    first = tuesdays[0][1]
    assert first["start"] == "2026-11-24T19:00:00Z"  # 14:00 in New York
    assert (rebuilt / first["url"] / "index.html").is_file()
    # The old hours' first time, 09:00 in New York, has no page any more.
    assert not (rebuilt / "book/discovery/20261124T140000Z").exists()
    assert datetime.fromisoformat(first["start"]) > BUILD_NOW


def test_the_day_off_from_the_form_has_no_times(edited, rebuilt):
    slots = json.loads((rebuilt / "book/discovery/slots.json").read_text(encoding="utf-8"))
    days = {
        datetime.fromisoformat(s["start"]).astimezone(NEW_YORK).date().isoformat()
        for s in slots["slots"]
    }
    assert DAY_OFF not in days
    assert "2026-11-30" in days  # the next Monday still has its hours


def test_the_feed_carries_the_episode_with_its_enclosure(edited, rebuilt):
    feed = ElementTree.parse(rebuilt / "podcast/feed.xml")
    items = {item.findtext("title"): item for item in feed.iter("item")}
    enclosure = items[EPISODE_TITLE].find("enclosure")
    assert enclosure.get("url").endswith(f"/podcast/audio/{AUDIO_NAME}")
    assert int(enclosure.get("length")) == edited["audio"].stat().st_size
    assert enclosure.get("type") == "audio/mpeg"


def test_a_hand_broken_settings_file_stops_the_build_in_one_line(tmp_path):
    project = editor_project(tmp_path / "project")
    settings = project / "site.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace('tue = ["09:00-12:00"]', "tue = [09:00-12:00]"), "utf-8")
    proc = invoke(project, "build")
    assert proc.returncode != 0
    lines = [line for line in (proc.stdout + proc.stderr).splitlines() if "site.toml" in line]
    assert len(lines) == 1 and "line " in lines[0], proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
