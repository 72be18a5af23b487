"""A build that cannot finish says why in one line and leaves the last good
site as it was: a slug no URL can carry, an output folder that cannot be
replaced."""

from __future__ import annotations

import os
from pathlib import Path

from sitetools.build import build_into
from tests.support.photos import phone_photo
from tests.support.site import DEFAULT_EPOCH, build_site, layered_settings


def _site(tmp_path: Path, slug: str = "") -> tuple[Path, Path]:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    extra = f"Slug: {slug}\n" if slug else ""
    (content / "articles" / "a.md").write_text(
        f"Title: A note\nDate: 2026-11-02\n{extra}\nWords.\n", "utf-8"
    )
    return content, layered_settings(tmp_path / "conf.py", without=("booking", "podcast"))


def test_a_slug_no_url_can_carry_is_named(tmp_path):
    content, settings = _site(tmp_path, slug="a?b#c")
    result = build_site(tmp_path / "out", settings_file=str(settings), content=content, check=False)
    assert result.returncode == 1
    (line,) = [x for x in result.log.splitlines() if x.startswith("site: ")]
    assert line.startswith("site: articles/a.md: Slug 'a?b#c' cannot be part of an address")
    assert "Traceback" not in result.log


def test_an_output_that_cannot_be_replaced_keeps_the_last_site(tmp_path, monkeypatch, capsys):
    content, settings = _site(tmp_path)
    output = tmp_path / "output"
    args = [str(content), "-s", str(settings), "--ignore-cache"]
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(DEFAULT_EPOCH)}
    assert build_into(output, args, env=env) == 0
    before = {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}
    real_rename = Path.rename

    def refuse(self, target):
        if Path(self).name == "output.building":
            raise OSError(16, "Device or resource busy")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", refuse)
    assert build_into(output, args, env=env) == 1
    message = capsys.readouterr().err.strip().splitlines()[-1]
    assert message == (
        "The new site could not replace output/ (Device or resource busy); "
        "output/ was left as it was."
    )
    after = {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert after == before
    assert not (tmp_path / "output.building").exists()
    assert not (tmp_path / "output.previous").exists()


def test_a_bad_coach_setting_stops_the_build_in_one_line(tmp_path):
    content, _ = _site(tmp_path)
    settings = layered_settings(
        tmp_path / "bad.py",
        without=("booking", "podcast"),
        lines=("COACH = {**COACH, 'social': [('X', 'javascript:alert(1)')]}  # noqa: F405",),
    )
    result = build_site(tmp_path / "out", settings_file=str(settings), content=content, check=False)
    assert result.returncode == 1
    (line,) = [x for x in result.log.splitlines() if x.startswith("site: ")]
    assert line.startswith("site: [coach] social, item 1, url: ")
    assert not (tmp_path / "out" / "index.html").exists()


def test_a_relative_image_that_leads_nowhere_stops_the_build_naming_it(tmp_path):
    content, settings = _site(tmp_path)
    (content / "images").mkdir()
    (content / "images/equipo.jpg").write_bytes(phone_photo(64, 48))
    (content / "articles/b.md").write_text(
        "Title: El equipo\nDate: 2026-11-03\n\n![El equipo](../images/equipo.jpg)\n", "utf-8"
    )
    result = build_site(tmp_path / "out", settings_file=str(settings), content=content, check=False)
    assert result.returncode == 1
    assert "../images/equipo.jpg" in result.log and "articles/el-equipo/index.html" in result.log
    assert "fix the link in content/articles/b.md" in result.log  # the file she must open
