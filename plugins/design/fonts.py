"""A look's fonts cut to the characters the site's languages use.

The shipped fonts hold every Latin glyph their designers drew (50 KB for
Source Serif 4); a French or Spanish site needs a few hundred. fonttools'
subsetter keeps ASCII, Latin-1, the typographic punctuation our pages
print, and every character of the site languages' catalogs (our words in
her language); the kerning and ligature tables stay. A character outside
the cut (a client's name in Polish in a testimonial) is drawn by the
visitor's system font, as the CSS font stack says.

Cutting takes about a second a font, so each cut is kept under the
build's cache folder, named by the font's bytes, the characters and the
version of this code and fonttools: a build with the same inputs reads it.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable
from pathlib import Path

from ..common.files import write_if_changed

BASE = (
    "".join(chr(c) for c in range(0x20, 0x7F))
    + "".join(chr(c) for c in range(0xA0, 0x100))
    + "ŒœŸƒ€‘’‚“”„–—…•·‹›−×÷→←✓"
    + "\u2009\u202f"  # thin and narrow no-break spaces (CLDR's French punctuation)
)
FEATURES = ["kern", "liga", "calt", "ccmp", "locl", "mark", "mkmk", "tnum", "lnum"]


def characters(texts: Iterable[str]) -> str:
    """BASE and every character of `texts`, sorted: the cut's key."""
    found = set(BASE)
    for text in texts:
        found.update(text)
    return "".join(sorted(c for c in found if c.isprintable() or c in "\u2009\u202f"))


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


def cut(font: Path, text: str, cache: Path, version: str) -> bytes:
    """The cut of `font` for `text`, from the cache or made now."""
    data = font.read_bytes()
    key = hashlib.sha256(data + text.encode() + version.encode()).hexdigest()[:32]
    kept = cache / f"{font.stem}-{key}.woff2"
    try:
        return kept.read_bytes()
    except OSError:
        pass
    made = subset(data, text)
    cache.mkdir(parents=True, exist_ok=True)
    write_if_changed(kept, made)
    return made
