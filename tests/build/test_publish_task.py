"""`invoke publish` end to end: a real rsync to a folder standing in for the
web server, through a stand-in `ssh` that runs rsync's remote half here.

This pins the promise in the README: `--delete` runs only after a whole
build succeeded, so a broken article never empties or damages the live site.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.support.site import DEFAULT_EPOCH, ROOT, snapshot

INVOKE = Path(sys.executable).with_name("invoke")
# rsync runs `ssh -p PORT HOST rsync --server ...`; run that rsync here.
FAKE_SSH = """#!/bin/sh
while [ "$1" = "-p" ] || [ "$1" = "-l" ]; do shift 2; done
shift
exec "$@"
"""


def _project_copy(tmp_path: Path) -> Path:
    """The tracked files of this checkout, as a coach's clone would hold them."""
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.split(b"\0")
    project = tmp_path / "project"
    for name in filter(None, (f.decode() for f in files)):
        source = ROOT / name
        if source.is_file():
            (project / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, project / name)
    return project


def _publish(project: Path, remote: Path, bin_dir: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DEPLOY_")}
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
        DEPLOY_SSH_HOST="coach-server.invalid",
        DEPLOY_SSH_PATH=str(remote),
        SITEURL="https://coach.example.org",
        SOURCE_DATE_EPOCH=str(DEFAULT_EPOCH),
    )
    return subprocess.run(
        [str(INVOKE), "publish"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_publish_mirrors_a_good_build_and_leaves_the_server_alone_after_a_bad_one(
    tmp_path: Path,
    rsync: str,  # rsync: skip here without it, fail in CI
):
    project = _project_copy(tmp_path)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "ssh").write_text(FAKE_SSH)
    (bin_dir / "ssh").chmod(0o755)
    remote = tmp_path / "server" / "www"
    remote.mkdir(parents=True)
    (remote / "left-over-from-an-old-site.html").write_text("old")

    proc = _publish(project, remote, bin_dir)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    published = snapshot(remote)
    assert published == snapshot(project / "output")  # --delete removed the stale page
    assert "index.html.br" in published and "book/discovery/availability.ics" in published
    assert "left-over-from-an-old-site.html" not in published

    broken = project / "content" / "articles" / "broken.md"
    broken.write_text("Title: Broken\nDate: 2026-02-30\n\nNot a date.\n", encoding="utf-8")
    proc = _publish(project, remote, bin_dir)
    assert proc.returncode != 0
    assert "broken.md" in proc.stdout + proc.stderr
    assert snapshot(remote) == published  # rsync never ran
    assert snapshot(project / "output") == published  # the last good build is kept too


def test_scheduled_rebuild_workflow_names_real_files_and_tasks():
    """docs/scheduled-rebuild.yml is copied into a coach's repository as is:
    every requirements file and invoke task it names must exist."""
    workflow = (ROOT / "docs" / "scheduled-rebuild.yml").read_text(encoding="utf-8")
    words = workflow.split()
    requirements = [words[i + 1] for i, word in enumerate(words) if word == "-r"]
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


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout


def test_gh_pages_pushes_the_built_site_and_nothing_after_a_failed_build(tmp_path: Path):
    project = _project_copy(tmp_path)
    origin = tmp_path / "origin.git"
    _git("init", "--bare", "-q", str(origin), cwd=tmp_path)
    _git("init", "-q", cwd=project)
    _git("remote", "add", "origin", str(origin), cwd=project)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
        "SITEURL": "https://coach.example.org",
        "SOURCE_DATE_EPOCH": str(DEFAULT_EPOCH),
        "GIT_AUTHOR_NAME": "Coach",
        "GIT_AUTHOR_EMAIL": "coach@example.org",
        "GIT_COMMITTER_NAME": "Coach",
        "GIT_COMMITTER_EMAIL": "coach@example.org",
    }

    def gh_pages() -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(INVOKE), "gh-pages"],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    proc = gh_pages()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    pushed = _git("rev-parse", "gh-pages", cwd=origin).strip()
    files = set(_git("ls-tree", "-r", "--name-only", "gh-pages", cwd=origin).split("\n"))
    built = snapshot(project / "output")
    assert files - {"", ".nojekyll"} == set(built)  # GitHub Pages must not run Jekyll
    assert ".nojekyll" in files
    index = subprocess.run(
        ["git", "show", "gh-pages:index.html"], cwd=origin, capture_output=True, check=True
    ).stdout
    assert index == built["index.html"]

    (project / "content" / "articles" / "broken.md").write_text(
        "Title: Broken\nDate: 2026-02-30\n\nNot a date.\n", encoding="utf-8"
    )
    proc = gh_pages()
    assert proc.returncode != 0
    assert _git("rev-parse", "gh-pages", cwd=origin).strip() == pushed
