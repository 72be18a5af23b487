"""Builds started at once (an hourly run overlapping a slow one) take turns:
after every round `output/` is one whole site, never a partial one or none,
and a build that cannot get its turn says so in one line."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitetools.build import OutputLocked, output_locked
from tests.support.site import DEFAULT_EPOCH, ROOT, layered_settings

ROUNDS = 10


def _site(tmp_path: Path) -> tuple[Path, Path]:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    for i in range(12):
        (content / "articles" / f"a{i}.md").write_text(
            f"Title: Article {i}\nDate: 2026-11-{i + 1:02d}\nCategory: Notes\n\nWords {i}.\n",
            encoding="utf-8",
        )
    settings = layered_settings(tmp_path / "conf.py", without=("booking", "podcast"))
    return content, settings


def _start_build(content: Path, settings: Path, output: Path) -> subprocess.Popen:
    code = (
        "import sys; from pathlib import Path; from sitetools.build import build_into; "
        f"sys.exit(build_into(Path({str(output)!r}), "
        f"[{str(content)!r}, '-s', {str(settings)!r}, '--ignore-cache']))"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"SOURCE_DATE_EPOCH": str(DEFAULT_EPOCH), "PATH": "/usr/bin:/bin"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_overlapping_builds_always_leave_one_whole_site(tmp_path):
    content, settings = _site(tmp_path)
    reference = tmp_path / "reference"
    first = _start_build(content, settings, reference)
    assert first.wait(120) == 0, first.stderr.read()
    expected = _files(reference)
    assert "index.html" in expected and len(expected) > 20

    output = tmp_path / "output"
    for round_ in range(ROUNDS):
        builds = [_start_build(content, settings, output) for _ in range(2)]
        codes = [b.wait(120) for b in builds]
        assert codes == [0, 0], [b.stderr.read() for b in builds]
        assert _files(output) == expected, f"round {round_}"
        assert not output.with_name("output.building").exists()
        assert not output.with_name("output.previous").exists()


def test_a_build_that_cannot_get_its_turn_says_so(tmp_path):
    output = tmp_path / "output"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time; from pathlib import Path; from sitetools.build import output_locked\n"
            f"with output_locked(Path({str(output)!r})):\n"
            "    print('held', flush=True); time.sleep(4)",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        with pytest.raises(OutputLocked) as caught, output_locked(output, timeout=0.5):
            pass
        assert 0.5 <= time.monotonic() - started < 3
        assert "another build or publish of output/" in str(caught.value)
        assert "\n" not in str(caught.value)
    finally:
        holder.wait(20)
    with output_locked(output, timeout=1):
        pass  # free again once the holder is done
