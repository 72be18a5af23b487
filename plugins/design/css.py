"""A look as CSS: the custom properties the theme's stylesheet reads
(colours, fonts, corners), light and dark, its @font-face rules and the
few rules that give each look its character."""

from __future__ import annotations

from collections.abc import Mapping

from .looks import COLOURS, Look, Palette

SANS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
SERIF = 'Georgia, "Times New Roman", serif'


def _variables(palette: Palette) -> str:
    return "".join(f"--{name.replace('_', '-')}:{getattr(palette, name)};" for name in COLOURS)


def look_css(look: Look, font_urls: Mapping[str, str], light: Palette, dark: Palette) -> str:
    """`font_urls`: each font file's published URL, relative to the
    stylesheet. `light`/`dark`: the look's palettes with her accent."""
    heading_stack = SERIF if "Serif" in look.heading.family or look.name == "warm" else SANS
    faces = "".join(
        "@font-face{"
        f'font-family:"{font.family}";src:url("{font_urls[font.file]}") format("woff2");'
        f"font-weight:{font.weights};font-style:normal;font-display:swap}}"
        for font in look.fonts
    )
    return (
        f"/* look: {look.name} */"
        + faces
        + ":root{"
        + _variables(light)
        + f'--sans:"{look.body.family}",{SANS};'
        + f'--serif:"{look.heading.family}",{heading_stack};'
        + f"--radius:{look.radius};"
        + "}"
        + "@media (prefers-color-scheme: dark){:root{"
        + _variables(dark)
        + "}}"
        + f"body{{font-size:{look.body_size}}}"
        + "h1,h2,h3,h4,.site-name,.card-title{"
        + f"font-weight:{look.heading_weight};letter-spacing:{look.heading_tracking}"
        + "}"
        + (f".card{{box-shadow:{look.card_shadow}}}" if look.card_shadow != "none" else "")
    )
