"""parallel_read parses articles in worker processes; the site it builds is
byte for byte the one a serial build makes, and a broken article fails it
with the same one-line error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.site import build_site, layered_settings, snapshot

PARSED = re.compile(r"parallel_read: (\d+) of (\d+) files parsed in worker processes")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A site of its own: twelve articles in two categories, with tags."""
    folder = tmp_path / "content"
    (folder / "articles").mkdir(parents=True)
    for i in range(12):
        (folder / "articles" / f"note-{i}.md").write_text(
            f"Title: Note {i}\nDate: 2026-10-{i + 1:02d}\nCategory: {('Careers', 'Rest')[i % 2]}\n"
            f"Tags: habit, week-{i % 3}\n\n## Part {i}\n\nSome *words* about week {i}.\n",
            encoding="utf-8",
        )
    return folder


def _settings(tmp_path: Path, *without: str) -> str:
    name = "_".join(without) or "all"
    path = layered_settings(tmp_path / f"{name}.py", without=("booking", "podcast", *without))
    return str(path)


def _cold(tmp_path: Path, content: Path, name: str, **kwargs) -> dict[str, bytes]:
    return snapshot(build_site(tmp_path / name, content=content, **kwargs).output)


def test_parallel_reading_builds_the_same_site(tmp_path: Path, content: Path):
    parallel = build_site(
        tmp_path / "parallel",
        settings_file=_settings(tmp_path),
        content=content,
        overrides={"PARALLEL_READ_MIN_FILES": 1},
        verbose=True,
    )
    match = PARSED.search(parallel.log)
    assert match and int(match[1]) == int(match[2]) > 5, parallel.log[-2000:]
    serial = _settings(tmp_path, "parallel_read")
    assert snapshot(parallel.output) == _cold(tmp_path, content, "serial", settings_file=serial)


def test_a_broken_article_fails_the_parallel_build_with_the_same_one_line_error(
    tmp_path: Path, content: Path
):
    (content / "articles" / "broken.md").write_text(
        "Title: Broken\nDate: 2026-02-30\n\nText.\n", encoding="utf-8"
    )
    parallel = build_site(
        tmp_path / "parallel",
        settings_file=_settings(tmp_path),
        content=content,
        overrides={"PARALLEL_READ_MIN_FILES": 1},
        check=False,
    )
    serial = build_site(
        tmp_path / "serial",
        settings_file=_settings(tmp_path, "parallel_read"),
        content=content,
        check=False,
    )
    assert parallel.returncode == serial.returncode == 1

    def problems(log: str) -> list[str]:
        return [line for line in log.splitlines() if "broken.md" in line]

    assert problems(parallel.log) == problems(serial.log) != []
