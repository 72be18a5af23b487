"""The committed font cuts hold every character our pages may print in any
shipped language (run `python -m plugins.design.fonts` after adding a
language or a word), and only those: each is smaller than its source."""

from __future__ import annotations

import io

import pytest
from fontTools.ttLib import TTFont

from plugins.design.fonts import CUTS, SOURCES, needed
from plugins.design.looks import LOOKS

FILES = sorted({font.file for look in LOOKS.values() for font in look.fonts})


@pytest.fixture(scope="module")
def characters() -> str:
    return needed()


@pytest.mark.parametrize("file", FILES)
def test_each_cut_holds_every_character_a_catalog_needs(file, characters):
    source = TTFont(io.BytesIO((SOURCES / file).read_bytes())).getBestCmap()
    cut = TTFont(io.BytesIO((CUTS / file).read_bytes())).getBestCmap()
    drawn = {ord(c) for c in characters} & set(source)  # what the designers drew
    assert drawn - set(cut) == set()
    assert set(cut) <= set(source)
    assert len(set(cut)) < len(set(source))
    assert (CUTS / file).stat().st_size < (SOURCES / file).stat().st_size
    for char in "éèçœ’«»€ñãõßäöü":
        assert ord(char) in cut, char
