"""Commands called directly, without invoke: a build that fails ends with
`Abort`, its one line and status 1, and leaves the last good site as it was;
a program a command runs ends it with the program's own status, and a
Ctrl-C lets that program finish as it chooses (as invoke's runner did)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from sitetools.commands import build
from sitetools.commands.abort import Abort
from sitetools.commands.project import Project
from tests.support.site import DEFAULT_EPOCH, ROOT, layered_settings


def _article(content: Path, slug: str = "") -> None:
    extra = f"Slug: {slug}\n" if slug else ""
    (content / "articles").mkdir(parents=True, exist_ok=True)
    (content / "articles" / "a.md").write_text(
        f"Title: A note\nDate: 2026-11-02\n{extra}\nWords.\n", "utf-8"
    )


def test_a_failed_build_aborts_in_one_line_and_keeps_the_last_site(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)  # `python -m sitetools.build` runs from the project folder
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(DEFAULT_EPOCH))
    content = tmp_path / "content"
    _article(content)
    settings = layered_settings(tmp_path / "conf.py", without=("booking", "podcast"))
    project = dataclasses.replace(
        Project.at(tmp_path, environ={}), content=str(content), settings_base=str(settings)
    )
    build.build(project)
    output = tmp_path / "output"
    before = {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert Path("index.html") in before

    _article(content, slug="a?b#c")  # a slug no URL can carry: the build stops
    with pytest.raises(Abort) as stopped:
        build.build(project)
    assert (stopped.value.message, stopped.value.code) == (
        "build failed; output/ was left as it was.",
        1,
    )
    after = {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert after == before
    # Nothing half-written beside it (the lock file stays, as after every build).
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "conf.py",
        "content",
        "output",
        "output.lock",
    ]


def _shell(code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """`code` run with `run` imported, in a Python of its own (a Ctrl-C in
    it must not reach the test runner)."""
    prelude = "import sys\nfrom sitetools.commands.abort import Abort\n"
    prelude += "from sitetools.commands.shell import run\n"
    return subprocess.run(
        [sys.executable, "-c", prelude + code, str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_failed_program_aborts_with_its_own_status_and_no_line_of_ours(tmp_path):
    done = _shell(
        "try:\n"
        "    run([sys.executable, '-c', 'print(\"made\"); raise SystemExit(7)'], hide_out=True)\n"
        "except Abort as stop:\n"
        "    print(repr((stop.message, stop.code)))\n"
        "print(run([sys.executable, '-c', 'print(\"kept\")'], hide_out=True))\n",
        tmp_path,
    )
    # Hidden output is shown when the program fails, never when it succeeds.
    assert done.stdout.splitlines() == ["made", "(None, 7)", "0"], done.stderr


def test_ctrl_c_lets_the_program_finish_as_it_chooses(tmp_path):
    """The terminal's Ctrl-C reaches both; the command waits for the program
    (the desk finishing the email in hand) and never kills it."""
    child = (
        "import os, signal, sys, time; os.kill(os.getppid(), signal.SIGINT); "
        "time.sleep(1); open(sys.argv[1], 'w').write('finished'); raise SystemExit(3)"
    )
    done = _shell(
        f"try:\n    run([sys.executable, '-c', {child!r}, sys.argv[1] + '/mark'])\n"
        "except Abort as stop:\n    print(stop.code)\n",
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "3"
    assert (tmp_path / "mark").read_text() == "finished"
