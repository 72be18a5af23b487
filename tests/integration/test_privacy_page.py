"""The privacy page: written in every site language from the settings that
decide what it says (a form backend, the desk's mailbox, a video service
flip its sentences), linked from every page's footer and from the slot
pages, valid HTML with no axe violation, and a page of her own keeps her
words above the same facts."""

from __future__ import annotations

import re

import pytest

from tests.support.fixture_site import write_fixture_site
from tests.support.site import build_site

FLIPPED = """
BOOKING["request_form_action"] = "https://forms.example.net/f/zx81"
BOOKING["video"] = {"rooms_at": "https://meet.example.org/"}
BOOKING["inbox"] = {
    "host": "imap.example.org", "username": "margaux", "password_env": "FIXTURE_IMAP",
}
BOOKING["ledger_key_env"] = "BOOKING_LEDGER_KEY"
BOOKING["keep_client_data_days"] = 90
"""
HER_WORDS = "Quisquiliae tenebrosae privatae sunt."


def _build(tmp_path, name: str, lines: str = "", page: str = ""):
    settings, content = write_fixture_site(
        tmp_path / name, lang="fr", extra_languages=("en",), lines=lines
    )
    if page:
        (content / "pages/privacy.md").write_text(page, encoding="utf-8")
    return build_site(tmp_path / name / "output", settings_file=str(settings), content=content)


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("privacy"), "plain").output


@pytest.fixture(scope="module")
def flipped(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("privacy"), "flipped", FLIPPED).output


def _text(out, path: str) -> str:
    return (out / path / "index.html").read_text(encoding="utf-8")


def test_one_page_per_language_in_that_language(plain):
    french, english = _text(plain, "privacy"), _text(plain, "en/privacy")
    assert '<html lang="fr"' in french and "<h1>Confidentialité</h1>" in french
    assert '<html lang="en"' in english and "<h1>Privacy</h1>" in english
    assert "n’utilise ni traceur" in french
    assert "no trackers" in english


def test_the_page_follows_the_settings(plain, flipped):
    before, after = _text(plain, "en/privacy"), _text(flipped, "en/privacy")
    # By email without a form backend; through it with one.
    assert "opens a message in your own email program" in before
    assert "forms.example.net" not in before
    assert "forms.example.net, the form service" in after
    assert "opens a message in your own email program" not in after
    # The desk's mailbox, the video service, encryption, the keeping time.
    for words in (
        "answered automatically from the mailbox",
        "video on meet.example.org",
        "stored encrypted",
    ):
        assert words not in before and words in after, words
    assert "365 days after your session" in before and "90 days after your session" in after


def test_every_page_links_to_it_in_its_language(plain):
    for page in plain.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "<footer" not in html:
            continue
        english = page.relative_to(plain).parts[0] == "en"
        target = "/en/privacy/" if english else "/privacy/"
        assert f'href="{target}"' in html, page
    slot = next(plain.glob("book/decouverte/2026*/index.html")).read_text(encoding="utf-8")
    assert slot.count('href="/privacy/"') >= 2  # beside the request, and in the footer


def test_her_own_page_keeps_her_words_above_the_facts(tmp_path):
    out = _build(
        tmp_path,
        "hers",
        page=f"Title: Vie privée\nSlug: privacy\n\n{HER_WORDS}\n",
    ).output
    french = _text(out, "privacy")
    assert HER_WORDS in french and "<h1>Vie privée</h1>" in french
    assert french.index(HER_WORDS) < french.index("n’utilise ni traceur")
    # Her page has no English translation: the English one is written for her.
    assert "no trackers" in _text(out, "en/privacy")
    assert len(re.findall(r"<h1>", french)) == 1


def test_valid_html_and_no_axe_violation(plain, vnu_jar, axe_source, page):
    from sitetools.server import serve_in_thread
    from tests.support.browser import axe_violations
    from tests.support.validators import vnu_errors

    pages = [plain / "privacy/index.html", plain / "en/privacy/index.html"]
    assert vnu_errors(vnu_jar, pages) == []
    server, url = serve_in_thread(plain)
    try:
        for path in ("privacy/", "en/privacy/"):
            page.goto(f"{url}/{path}")
            assert axe_violations(page, axe_source) == [], path
    finally:
        server.shutdown()
