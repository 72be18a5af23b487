"""Each look as the build publishes it: its fonts self-hosted, cut to the
site language's characters and within 80 KB, declared with
font-display: swap and the body font preloaded; its palette in the one
stylesheet; her accent in place of the look's."""

from __future__ import annotations

import io
import re

import pytest
from fontTools.ttLib import TTFont

from plugins.design.looks import LOOKS
from tests.support.fixture_site import build_fixture_site

FONT_BUDGET = 80 * 1024


def _stylesheet(out, html):
    href = re.search(r'<link rel="stylesheet" href="(/theme/css/site\.[0-9a-f]+\.css)">', html)
    assert href, "no stylesheet"
    return (out / href.group(1).lstrip("/")).read_text("utf-8")


@pytest.mark.parametrize("style", sorted(LOOKS))
def test_each_look_publishes_its_fonts_cut_for_the_language_and_its_palette(tmp_path, style):
    out = build_fixture_site(tmp_path, lang="fr", lines=f"DESIGN = {{'style': {style!r}}}").output
    home = (out / "index.html").read_text("utf-8")
    css = _stylesheet(out, home)
    look = LOOKS[style]
    assert f"/* look: {style} */" not in css  # comments are minified away
    assert f"--accent:{look.light.accent}" in css and f"--accent:{look.dark.accent}" in css
    urls = re.findall(r'url\("?\.\./(fonts/[\w.-]+\.woff2)"?\)', css)
    families = re.findall(r'font-family:"([^"]+)"', css)
    assert sorted(families) == sorted({look.heading.family, look.body.family})
    assert css.count("font-display:swap") == 2
    files = [out / "theme" / url for url in urls]
    assert all(f.is_file() for f in files)
    assert sum(f.stat().st_size for f in files) <= FONT_BUDGET
    preload = re.search(
        r'<link rel="preload" href="([^"]+)" as="font" type="font/woff2" crossorigin>', home
    )
    assert preload and preload.group(1).split("/")[-1].startswith(look.body.file.split(".")[0])
    # Cut for French: its letters and punctuation are there, Cyrillic is not.
    font = TTFont(io.BytesIO(files[-1].read_bytes()))
    cmap = font.getBestCmap()
    for char in "éèêàçœ’«»€":
        assert ord(char) in cmap, (style, char)
    assert ord("Ж") not in cmap
    # Nothing from another origin: the fonts are the site's own.
    assert "fonts.googleapis" not in home and "@import" not in css


def test_her_accent_replaces_the_looks_in_light_and_dark(tmp_path):
    out = build_fixture_site(
        tmp_path, lines="DESIGN = {'style': 'warm', 'accent': '#0b5c73'}"
    ).output
    css = _stylesheet(out, (out / "index.html").read_text("utf-8"))
    assert "--accent:#0b5c73" in css
    assert f"--accent:{LOOKS['warm'].light.accent}" not in css
    dark = re.search(r"prefers-color-scheme:dark\)\{:root\{([^}]*)\}\}body", css)
    assert dark and "--accent:#0b5c73" not in dark.group(1)


def test_an_unknown_look_stops_the_build_in_one_line(tmp_path):
    result = build_fixture_site(tmp_path, lines="DESIGN = {'style': 'fancy'}", check=False)
    assert result.returncode != 0
    assert '[design] style: \'fancy\' is not a look; choose "calm", "warm", "bold"' in result.log
    assert not (tmp_path / "output/index.html").exists()
