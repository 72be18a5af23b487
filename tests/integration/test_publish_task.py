"""`invoke publish` and `invoke gh-pages` end to end, in a copy of the project.

`publish` runs a real rsync to a folder standing in for the web server,
through a stand-in `ssh` that runs rsync's remote half here; `gh-pages`
pushes to a local bare repository standing in for GitHub. Both pin the
README's promise: only a whole, successful build is ever uploaded, so a
broken article never empties or damages the live site.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from tests.support.project import project_copy, sample_project
from tests.support.site import DEFAULT_EPOCH, ROOT, snapshot

INVOKE = Path(sys.executable).with_name("invoke")
# rsync runs `ssh -p PORT HOST rsync --server ...`; run that rsync here.
FAKE_SSH = """#!/bin/sh
while [ "$1" = "-p" ] || [ "$1" = "-l" ]; do shift 2; done
shift
exec "$@"
"""
PUBLIC = {"SITEURL": "https://coach.example.org", "SOURCE_DATE_EPOCH": str(DEFAULT_EPOCH)}


def _project_copy(tmp_path: Path) -> Path:
    """The tracked files of this checkout, as a coach's clone would hold them."""
    project = project_copy(tmp_path / "project")
    # The site it publishes is the frozen sample, whatever the coach made of
    # content/ and her settings.
    return sample_project(project)


def _break_an_article(project: Path) -> None:
    (project / "content" / "articles" / "broken.md").write_text(
        "Title: Broken\nDate: 2026-02-30\n\nNot a date.\n", encoding="utf-8"
    )


def _invoke(task: str, project: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run an invoke task in `project` with the environment made only of
    `env` over this one, less any deploy or git settings of the caller's."""
    inherited = {
        k: v for k, v in os.environ.items() if not k.startswith(("DEPLOY_", "GIT_", "SITEURL"))
    }
    return subprocess.run(
        [str(INVOKE), task],
        cwd=project,
        env={**inherited, **PUBLIC, **env},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout


def test_publish_mirrors_a_good_build_and_leaves_the_server_alone_after_a_bad_one(
    tmp_path: Path,
    rsync: str,  # skip here without rsync, fail in CI
):
    project = _project_copy(tmp_path)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "ssh").write_text(FAKE_SSH)
    (bin_dir / "ssh").chmod(0o755)
    remote = tmp_path / "server" / "www"
    remote.mkdir(parents=True)
    (remote / "left-over-from-an-old-site.html").write_text("old")
    env = {
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "DEPLOY_SSH_HOST": "coach-server.invalid",
        "DEPLOY_SSH_PATH": str(remote),
    }

    proc = _invoke("publish", project, env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    published = snapshot(remote)
    assert published == snapshot(project / "output")  # rsync removed the stale page
    assert "index.html.br" in published and "book/discovery/availability.ics" in published
    assert "left-over-from-an-old-site.html" not in published

    _break_an_article(project)
    proc = _invoke("publish", project, env)
    assert proc.returncode != 0
    assert "broken.md" in proc.stdout + proc.stderr
    assert snapshot(remote) == published  # rsync never ran
    assert snapshot(project / "output") == published  # the last good build is kept too


def test_gh_pages_pushes_the_built_site_and_nothing_after_a_failed_build(tmp_path: Path):
    project = _project_copy(tmp_path)
    with (project / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write('CNAME = "coach.example.fr"\n')  # site.toml: [site] domain
    origin = tmp_path / "origin.git"
    _git("init", "--bare", "-q", str(origin), cwd=tmp_path)
    _git("init", "-q", cwd=project)
    _git("remote", "add", "mysite", str(origin), cwd=project)
    identity = {
        f"GIT_{who}_{what}": value
        for who in ("AUTHOR", "COMMITTER")
        for what, value in (("NAME", "Coach"), ("EMAIL", "coach@example.org"))
    }

    unnamed = _invoke("gh-pages", project, identity)
    assert unnamed.returncode == 1
    assert [line for line in (unnamed.stdout + unnamed.stderr).splitlines() if line] == [
        "gh-pages: DEPLOY_REMOTE is not set: create your own repository on GitHub, then e.g. "
        "DEPLOY_REMOTE=git@github.com:you/your-site.git invoke gh-pages (docs/publishing.md)"
    ]
    refused = _invoke("gh-pages", project, {**identity, "DEPLOY_REMOTE": "origin"})
    assert refused.returncode == 1 and "not your site" in refused.stderr
    nowhere = _invoke("gh-pages", project, {**identity, "DEPLOY_REMOTE": "mysite", "SITEURL": ""})
    assert nowhere.returncode == 1
    assert "gh-pages: SITEURL is not set: set it to the address of your site" in nowhere.stderr
    identity["DEPLOY_REMOTE"] = "mysite"

    proc = _invoke("gh-pages", project, identity)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert _git("show", "gh-pages:CNAME", cwd=origin) == "coach.example.fr\n"
    pushed = _git("rev-parse", "gh-pages", cwd=origin).strip()
    files = set(_git("ls-tree", "-r", "--name-only", "gh-pages", cwd=origin).split("\n"))
    built = snapshot(project / "output")
    assert files - {"", ".nojekyll"} == set(built)
    assert ".nojekyll" in files  # GitHub Pages must not run Jekyll over the site
    index = subprocess.run(
        ["git", "show", "gh-pages:index.html"], cwd=origin, capture_output=True, check=True
    ).stdout
    assert index == built["index.html"]

    _break_an_article(project)
    assert _invoke("gh-pages", project, identity).returncode != 0
    assert _git("rev-parse", "gh-pages", cwd=origin).strip() == pushed


def test_scheduled_rebuild_workflow_names_real_files_and_tasks():
    """docs/scheduled-rebuild.yml is copied into a coach's repository as is:
    it must be valid YAML with an hourly schedule, and every requirements
    file and invoke task it names must exist."""
    workflow = yaml.safe_load((ROOT / "docs" / "scheduled-rebuild.yml").read_text("utf-8"))
    # YAML 1.1 reads the key `on` as True.
    assert [entry["cron"] for entry in workflow[True]["schedule"]] == ["17 * * * *"]
    steps = [step for job in workflow["jobs"].values() for step in job.get("steps", [])]
    words = " ".join(step.get("run", "") for step in steps).split()
    requirements = [words[i + 1] for i, word in enumerate(words) if word == "-r"]
    requirements += [
        step["with"]["cache-dependency-path"]
        for step in steps
        if "cache-dependency-path" in step.get("with", {})
    ]
    assert requirements
    for name in requirements:
        assert (ROOT / name).is_file(), name
    tasks = [words[i + 1] for i, word in enumerate(words) if word.endswith("/invoke")]
    assert tasks
    listed = subprocess.run(
        [str(INVOKE), "--list"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    for name in tasks:
        assert name in listed, name
