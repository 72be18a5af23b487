"""The looks' fonts, cut to the characters our languages use.

The typefaces as their designers shipped them (theme/fonts/source/) hold
every Latin glyph drawn (50 KB for Source Serif 4); a page in any of our
languages needs a few hundred. fonttools' subsetter keeps ASCII, Latin-1,
the typographic punctuation our pages print and every character of every
shipped catalog (our words in each language); kerning and ligatures stay.
The cuts are made once, here, and committed (theme/fonts/*.woff2): a
build publishes them as they are, with no font tool and no time spent.
`tests/unit/test_fonts.py` checks every cut still holds every character a
catalog needs; after adding a language or a word, cut again:

    .venv/bin/python -m plugins.design.fonts

A character outside the cut (a name in Polish in a testimonial) is drawn
by the visitor's system font, as the CSS font stack says.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

THEME = Path(__file__).resolve().parents[2] / "theme"
SOURCES = THEME / "fonts" / "source"
CUTS = THEME / "fonts"
BASE = (
    "".join(chr(c) for c in range(0x20, 0x7F))
    + "".join(chr(c) for c in range(0xA0, 0x100))
    + "ŒœŸƒ€‘’‚“”„–—…•·‹›−×÷→←✓"
    + "\u2009\u202f"  # thin and narrow no-break spaces (CLDR's French punctuation)
)
FEATURES = ["kern", "liga", "calt", "ccmp", "locl", "mark", "mkmk", "tnum", "lnum"]


def characters(texts: Iterable[str]) -> str:
    """BASE and every character of `texts`, sorted."""
    found = set(BASE)
    for text in texts:
        found.update(text)
    return "".join(sorted(c for c in found if c.isprintable() or c in "\u2009\u202f"))


def catalog_texts(translations: Path, codes: Iterable[str]) -> list[str]:
    """Every word of ours the site may print in its languages: the
    catalogs' translations (and the English of the template, for "en")."""
    from babel.messages.pofile import read_po

    texts: list[str] = []
    files = [translations / "messages.pot"]
    files += [translations / code / "LC_MESSAGES" / "messages.po" for code in codes]
    for file in files:
        if not file.is_file():
            continue
        with file.open("rb") as handle:
            for message in read_po(handle):
                for part in (message.id, message.string):
                    texts.extend([part] if isinstance(part, str) else list(part or ()))
    return texts


def needed() -> str:
    """Every character our pages may print in any shipped language."""
    from ..common.language import shipped

    translations = THEME / "translations"
    return characters(catalog_texts(translations, shipped(translations)))


def subset(font: bytes, text: str) -> bytes:
    """`font` (WOFF2) with only the glyphs `text` needs, as WOFF2."""
    from fontTools import subset as fonttools_subset
    from fontTools.ttLib import TTFont

    loaded = TTFont(io.BytesIO(font), lazy=False)
    options = fonttools_subset.Options()
    options.flavor = "woff2"
    options.layout_features = FEATURES
    options.name_IDs = ["*"]  # the licence and the designers' names stay in the file
    options.notdef_outline = True
    cutter = fonttools_subset.Subsetter(options)
    cutter.populate(text=text)
    cutter.subset(loaded)
    out = io.BytesIO()
    loaded.flavor = "woff2"
    loaded.save(out)
    return out.getvalue()


def main() -> None:
    text = needed()
    for source in sorted(SOURCES.glob("*.woff2")):
        cut = subset(source.read_bytes(), text)
        (CUTS / source.name).write_bytes(cut)
        print(f"cut {source.name}: {source.stat().st_size:,} -> {len(cut):,} bytes")


if __name__ == "__main__":
    main()
