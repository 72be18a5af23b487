"""Compiled templates are kept in CACHE_PATH between builds, and a changed
template is compiled again: the second build is the same as the first, and
an edit to the theme shows up on the next build."""

from __future__ import annotations

import shutil

from tests.support.fixture_site import write_fixture_site
from tests.support.site import ROOT, build_site, snapshot


def test_a_warm_cache_changes_nothing_and_an_edited_template_is_recompiled(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    settings, content = write_fixture_site(tmp_path, lines=f"THEME = {str(theme)!r}")
    first = build_site(tmp_path / "one", settings_file=str(settings), content=content).output
    compiled = list((tmp_path / "cache").glob("jinja-*/*.cache"))
    assert len(compiled) > 20  # every template the build used
    second = build_site(tmp_path / "two", settings_file=str(settings), content=content).output
    assert snapshot(first) == snapshot(second)
    page = theme / "templates/page.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            '<div class="prose">', '<div class="prose" data-edited="yes">'
        ),
        encoding="utf-8",
    )
    third = build_site(tmp_path / "three", settings_file=str(settings), content=content).output
    assert 'data-edited="yes"' in (third / "about/index.html").read_text(encoding="utf-8")
    assert 'data-edited="yes"' not in (second / "about/index.html").read_text(encoding="utf-8")
