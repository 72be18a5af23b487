"""`invoke init --answers` in a copy of the project: the site becomes a French
career coach's, with nothing of the sample practice published; the coach's
own files are never removed, and running it twice is safe."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from tests.support.project import project_copy, sample_project
from tests.support.site import DEFAULT_EPOCH, FIXTURES

INVOKE = Path(sys.executable).with_name("invoke")
ANSWERS = FIXTURES / "init/french_coach.toml"
SAMPLE_WORDS = ("physician", "Eleanor", "Medicine asks", "30-minute", "hartcoaching")


def _run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*args], cwd=project, capture_output=True, text=True, timeout=300, check=False
    )


def _init(project: Path, answers: Path = ANSWERS) -> subprocess.CompletedProcess:
    return _run(project, str(INVOKE), "init", "--answers", str(answers))


def _build(project: Path) -> Path:
    out = project / "output"
    env_cmd = [sys.executable, "-m", "sitetools.build", "content", "-s", "pelicanconf.py"]
    proc = subprocess.run(
        [*env_cmd, "-o", str(out), "--ignore-cache"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={"SOURCE_DATE_EPOCH": str(DEFAULT_EPOCH), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


def test_init_makes_the_site_hers_and_nothing_of_the_sample_is_published(tmp_path):
    project = sample_project(project_copy(tmp_path / "project"))
    mine = project / "content/articles/mon-premier-article.md"
    mine.write_text("Title: Mon premier article\nDate: 2026-11-02\n\nBonjour.\n", "utf-8")
    done = _init(project)
    assert done.returncode == 0, done.stderr
    assert "time zone: Europe/Paris (from 'Paris')" in done.stdout
    settings = tomllib.loads((project / "site.toml").read_text("utf-8"))
    assert settings["coach"]["timezone"] == "Europe/Paris"
    assert settings["booking"]["weekly_hours"]["tue"] == ["09:00-12:30", "14:00-18:00"]
    assert mine.is_file()  # hers: never removed
    assert not (project / "content/podcast").exists()
    assert not (project / "content/images/coach.svg").exists()
    assert not list(project.glob("content/testimonials/*.md"))  # made-up words, never hers
    out = _build(project)
    published = [p for p in out.rglob("*") if p.is_file()]
    for path in published:
        if path.suffix in {".html", ".xml", ".ics", ".json", ".txt", ".css", ".js"}:
            text = path.read_text("utf-8")
            assert [w for w in SAMPLE_WORDS if w in text] == [], path
    # No sample media; the link previews' cards are drawn from her words.
    assert not any(
        p.suffix in {".mp3", ".svg", ".png"} and not {"theme", "social"} & set(p.parts)
        for p in published
    )
    home = (out / "index.html").read_text("utf-8")
    assert '<html lang="fr">' in home and "Margaux Martin" in home
    assert (
        "Séance découverte de 45 minutes" in home
        and "/book/seance-decouverte-de-45-minutes/" in home
    )
    assert (out / "articles/mon-premier-article/index.html").is_file()


def test_init_twice_is_safe_and_keeps_what_she_changed(tmp_path):
    project = sample_project(project_copy(tmp_path / "project"))
    edited = project / "content/pages/about.md"
    edited.write_text(edited.read_text("utf-8") + "\nMa propre phrase.\n", "utf-8")
    assert _init(project).returncode == 0
    home = project / "content/pages/home.md"
    home.write_text(home.read_text("utf-8") + "\nMes mots.\n", "utf-8")
    again = _init(project)
    assert again.returncode == 0, again.stderr
    assert "Ma propre phrase." in edited.read_text("utf-8")  # an edited sample is hers
    assert "Mes mots." in home.read_text("utf-8")
    assert "removed" not in again.stdout  # nothing left to remove


def test_a_bad_answer_stops_with_one_line_and_changes_nothing(tmp_path):
    project = sample_project(project_copy(tmp_path / "project"))
    before = (project / "site.toml").read_bytes()
    answers = tmp_path / "answers.toml"
    answers.write_text(
        ANSWERS.read_text("utf-8").replace('timezone = "Paris"', 'timezone = "Europe/Pari"'),
        "utf-8",
    )
    done = _init(project, answers)
    assert done.returncode == 1
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    assert lines == [
        "init: timezone: 'Europe/Pari' is not a time zone; "
        "did you mean Europe/Paris, Europe/Madrid?"
    ]
    assert (project / "site.toml").read_bytes() == before
    assert (project / "content/articles/coaching-vs-mentoring.md").is_file()


def test_init_keeps_the_browser_editor_s_repository_and_shows_how_to_add_one(tmp_path):
    project = sample_project(project_copy(tmp_path / "project"))
    assert _init(project).returncode == 0
    written = (project / "site.toml").read_text("utf-8")
    assert '# [editor]\n# repo = "your-github-name/your-site"\n' in written
    assert "editor" not in tomllib.loads(written)
    with (project / "site.toml").open("a", encoding="utf-8") as file:
        file.write('\n[editor]\nrepo = "margaux/atelier"\nbranch = "live"\n')
    assert _init(project).returncode == 0
    again = tomllib.loads((project / "site.toml").read_text("utf-8"))
    assert again["editor"] == {"repo": "margaux/atelier", "branch": "live"}
