"""Social cards as Pillow draws them: the size preview fetchers want, the
look's colours, a long title kept to four lines."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from plugins.design.looks import LOOKS
from plugins.images.cards import HEIGHT, WIDTH, CardStyle, _fit, draw_card

FONTS = Path(__file__).resolve().parents[2] / "theme/fonts/source"  # whole, as cards use them
PORTRAIT = Path(__file__).resolve().parents[1] / "fixtures/photos/portrait.jpg"


def _style(name="warm"):
    look = LOOKS[name]
    p = look.light
    return CardStyle(
        p.bg, p.text, p.muted, p.accent, FONTS / look.heading.file, FONTS / look.body.file, 700
    )


def test_a_card_is_a_1200_by_630_png_in_the_looks_colours():
    data = draw_card("Décider sans se presser", "Margaux Martin", "Atelier", _style(), None)
    with Image.open(io.BytesIO(data)) as card:
        assert card.format == "PNG" and card.size == (WIDTH, HEIGHT) == (1200, 630)
        rgb = card.convert("RGB")
        assert rgb.getpixel((600, 615)) == (0xFB, 0xF6, 0xEF)  # the look's background
        assert rgb.getpixel((10, 300)) == (0x9A, 0x3B, 0x1E)  # its accent bar
        # Ink where the title is: the text colour is used.
        text = (0x2B, 0x21, 0x1C)
        assert any(
            rgb.getpixel((x, y)) == text for x in range(80, 700, 3) for y in range(90, 170, 3)
        )


def test_her_portrait_is_in_the_card():
    plain = draw_card("Title", "Ana", "Site", _style("calm"), None)
    framed = draw_card("Title", "Ana", "Site", _style("calm"), PORTRAIT.read_bytes())
    with Image.open(io.BytesIO(plain)) as a, Image.open(io.BytesIO(framed)) as b:
        assert a.convert("RGB").getpixel((130, 500)) != b.convert("RGB").getpixel((130, 500))


def test_a_long_title_is_kept_to_four_lines_with_an_ellipsis():
    title = " ".join(["boundaries"] * 60)
    font, lines = _fit(title, _style(), WIDTH - 160)
    assert len(lines) == 4 and lines[-1].endswith("…")
    assert all(font.getlength(line) <= WIDTH - 160 for line in lines)
    short_font, short = _fit("Burnout", _style(), WIDTH - 160)
    assert short == ["Burnout"] and short_font.size > font.size
