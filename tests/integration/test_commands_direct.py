"""Commands called directly, without invoke: a build that fails ends with
`Abort`, its one line and status 1, and leaves the last good site as it was."""

from __future__ import annotations

import dataclasses
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
