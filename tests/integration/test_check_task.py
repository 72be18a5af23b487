"""`invoke check` (python -m sitetools.check): the coach's own site, checked
with a plain report. One broken link, one missing image and one unreadable
calendar file are reported, exactly those three; the sample site passes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.fixture_site import write_fixture_site
from tests.support.site import ROOT, SAMPLE_CONTENT, SAMPLE_SETTINGS


def _check(content: Path, settings: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sitetools.check",
            "--content",
            str(content),
            "--settings",
            str(settings),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_three_problems_are_reported_in_plain_words_and_nothing_else(tmp_path):
    settings, content = write_fixture_site(tmp_path)
    (content / "podcast/agenda.ics").write_bytes(
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:nope\r\n"
    )
    (content / "articles/liens.md").write_text(
        "Title: Liens\nDate: 2026-11-03\n\n"
        "[Ailleurs](/nulle-part/) ![Portrait](/podcast/absente.png) "
        "[Agenda](/podcast/agenda.ics)\n",
        encoding="utf-8",
    )
    done = _check(content, settings)
    assert done.returncode == 1, done.stdout + done.stderr
    problems = [line for line in done.stdout.splitlines() if line.startswith("FIX")]
    assert len(problems) == 3, done.stdout
    assert problems[0].startswith("FIX   Broken link: /nulle-part/ is not on the site but ")
    assert problems[1].startswith("FIX   Missing image: /podcast/absente.png is not on the site")
    assert problems[2].startswith("FIX   Calendar file podcast/agenda.ics cannot be read")
    assert done.stdout.rstrip().endswith("3 problem(s) to fix.")
    assert "Traceback" not in done.stdout + done.stderr


def test_the_sample_site_passes_every_check(tmp_path):
    done = _check(SAMPLE_CONTENT, SAMPLE_SETTINGS)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "FIX" not in done.stdout
    assert "Your site passes every check that could run." in done.stdout


def test_a_mistake_in_the_desks_own_settings_stops_the_build_naming_the_key(tmp_path):
    """[booking] is checked whole, the desk's keys included: a mistake there
    is found by the build, not first by a desk run days later."""
    settings, content = write_fixture_site(
        tmp_path,
        lines='BOOKING = {**BOOKING, "inbox": {"host": "imap.example.org", "security": "tls",'
        ' "username": "coach", "password_env": "COACH_IMAP_PASSWORD"}}\n',
    )
    done = _check(content, settings)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "ok    the site builds" not in done.stdout
    assert '[booking] inbox.security: must be "ssl", "starttls"' in done.stdout


def test_a_bilingual_site_has_no_generated_file_reported_unused(tmp_path):
    settings, content = write_fixture_site(tmp_path, lang="es", extra_languages=("en",))
    done = _check(content, settings)
    unused = [line for line in done.stdout.splitlines() if "Unused file" in line]
    assert unused == [], done.stdout
    assert "the site builds" in done.stdout


def test_a_failed_build_shows_why_not_only_that_it_failed(tmp_path):
    settings, content = write_fixture_site(tmp_path)
    (content / "pages/acerca.md").write_text(
        "Title: Acerca\n\n[Un artículo]({filename}/articles/borrado.md)\n", encoding="utf-8"
    )
    done = _check(content, settings)
    assert done.returncode == 1, done.stdout + done.stderr
    problems = [line for line in done.stdout.splitlines() if line.startswith("FIX")]
    assert any(
        "content/pages/acerca.md links to {filename}/articles/borrado.md, which no longer exists"
        in line
        for line in problems
    ), done.stdout
    assert not any("Build failed" in line for line in problems), done.stdout
