"""Settings files and invoke tasks, as a coach runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.site import ROOT, layered_settings

INVOKE = Path(sys.executable).with_name("invoke")


def _python(code: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k != "SITEURL"}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_pelicanconf_is_local_and_names_the_coach_once():
    proc = _python(
        "import pelicanconf as c; print(repr(c.SITEURL), c.AUTHOR == c.COACH.name,"
        " c.SETTINGS.booking.organizer.email == c.COACH.email,"
        " c.TIMEZONE == c.COACH.timezone == c.SETTINGS.booking.timezone)"
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["''", "True", "True", "True"]


def test_publishconf_needs_siteurl_and_says_so_in_one_line():
    proc = _python("import publishconf")
    assert proc.returncode != 0
    assert "SITEURL" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_publishconf_is_absolute_with_feeds_and_clean_output():
    proc = _python(
        "import publishconf as c; print(c.SITEURL, c.FEED_DOMAIN, c.RELATIVE_URLS,"
        " c.DELETE_OUTPUT_DIRECTORY, bool(c.FEED_ALL_ATOM), bool(c.FEED_ALL_RSS))",
        SITEURL="https://coach.example.org/",
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == [
        "https://coach.example.org",
        "https://coach.example.org",
        "False",
        "True",
        "True",
        "True",
    ]


def test_tasks_have_the_quickstart_names():
    proc = subprocess.run(
        [str(INVOKE), "--list"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    names = {line.split()[0] for line in proc.stdout.splitlines()[1:] if line.strip()}
    quickstart = {"clean", "build", "rebuild", "regenerate", "serve", "reserve", "preview"}
    assert quickstart | {"livereload", "publish", "gh-pages", "test", "lint"} <= names
    assert {"confirm", "cancel", "reschedule", "bookings", "sync-calendar"} <= names


def test_publish_without_deploy_settings_explains_in_one_line():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DEPLOY_")}
    proc = subprocess.run(
        [str(INVOKE), "publish"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert proc.returncode != 0
    out = (proc.stdout + proc.stderr).strip()
    assert "Traceback" not in out
    assert len(out.splitlines()) == 1
    assert "DEPLOY_SSH_HOST" in out


def test_clean_removes_the_output_the_cache_and_a_cut_off_build(tmp_path):
    """`invoke clean` in a copy of the project's tasks (and the commands they
    call): output/, the two folders a cut-off build leaves beside it,
    Pelican's caches and test-artifacts/ of that copy, nothing else."""
    import shutil

    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "tasks.py", project / "tasks.py")
    shutil.copytree(ROOT / "sitetools", project / "sitetools")
    made = ["output", "output.building", "output.previous", "cache", ".cache/x", "test-artifacts"]
    for name in [*made, "content"]:
        (project / name).mkdir(parents=True)
        (project / name / "f").write_text("x")
    subprocess.run([str(INVOKE), "clean"], cwd=project, check=True, capture_output=True)
    left = sorted(p.name for p in project.iterdir() if p.name != "__pycache__")
    assert left == ["content", "sitetools", "tasks.py"]


def test_invoke_preview_without_siteurl_shows_why(tmp_path):
    """The real reason reaches the coach, not only "build failed"."""
    env = {k: v for k, v in os.environ.items() if k != "SITEURL"}
    proc = subprocess.run(
        [str(INVOKE), "preview"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 1
    lines = (proc.stdout + proc.stderr).strip().splitlines()
    assert lines == [
        "preview: SITEURL is not set: set it to the address of your site, e.g. "
        "SITEURL=https://coach.example.fr invoke preview (docs/publishing.md)"
    ]


def test_the_hosts_build_command_without_siteurl_says_why():
    """The Netlify / Cloudflare command (README) stops with publishconf.py's line."""
    env = {k: v for k, v in os.environ.items() if k != "SITEURL"}
    command = [sys.executable, "-m", "sitetools.build", "content", "-s", "publishconf.py"]
    proc = subprocess.run(
        [*command, "-o", "/nonexistent/output"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip().startswith("publishconf.py: set the environment variable SITEURL")
    assert "Traceback" not in proc.stderr


def test_a_malformed_build_clock_is_named(tmp_path):
    (tmp_path / "content").mkdir()
    conf = layered_settings(tmp_path / "conf.py", without=("booking", "podcast"))
    command = [sys.executable, "-m", "sitetools.build", str(tmp_path / "content")]
    proc = subprocess.run(
        [*command, "-s", str(conf), "-o", str(tmp_path / "out")],
        cwd=ROOT,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1795000000.5"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert "SOURCE_DATE_EPOCH: must be whole seconds since 1970 (UTC), not '1795000000.5'" in (
        proc.stderr
    )
    assert "Traceback" not in proc.stderr


def test_a_typo_in_site_toml_is_one_line_naming_line_and_column(tmp_path):
    from tests.support.project import project_copy, sample_project

    project = sample_project(project_copy(tmp_path / "project"))
    site = project / "site.toml"
    site.write_text(
        site.read_text("utf-8").replace('name = "Dr. Eleanor Hart"', "name = Dr"), "utf-8"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "sitetools.build", "content", "-s", "pelicanconf.py", "-o", "out"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    lines = [line for line in (proc.stdout + proc.stderr).splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("site.toml: line 12, column 8: invalid value")
    assert not (project / "out").exists()
