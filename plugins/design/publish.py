"""What the build publishes for the look: its fonts (the committed cuts,
fonts.py) and its CSS, appended to the theme's stylesheet so a page still
loads one stylesheet. Pure apart from reading files: the Pelican glue puts
the result in the theme's asset catalog."""

from __future__ import annotations

from dataclasses import replace

from .contrast import nearest_passing
from .css import look_css
from .fonts import CUTS, SOURCES
from .looks import LOOKS, Look, Palette

# The cuts for the site, the whole typefaces for the social cards (a card is
# a picture: any title's characters are drawn).
FONTS = CUTS
FULL_FONTS = SOURCES


def palettes(look: Look, accent: str) -> tuple[Palette, Palette]:
    """The look's palettes with her accent (already checked on light); in
    the dark scheme the same hue, made light enough to read there."""
    if not accent:
        return look.light, look.dark
    light = replace(look.light, accent=accent, focus=accent, accent_strong=_shifted(accent, -0.08))
    dark = look.dark
    against = (dark.bg, dark.surface, dark.notice_bg, dark.on_accent)
    lit = nearest_passing(accent, against) or dark.accent
    dark = replace(dark, accent=lit, focus=lit, accent_strong=_shifted(lit, 0.1))
    return light, dark


def _shifted(colour: str, by: float) -> str:
    """Hover: the same hue, further from the page's background (darker on
    a light page, lighter on a dark one), which only adds contrast."""
    import colorsys

    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    h, lightness, s = colorsys.rgb_to_hls(r, g, b)
    r, g, b = colorsys.hls_to_rgb(h, min(1.0, max(0.0, lightness + by)), s)
    return "#" + "".join(f"{round(c * 255):02x}" for c in (r, g, b))


def look_assets(style: str, accent: str) -> tuple[dict[str, bytes], str]:
    """({"fonts/inter.woff2": bytes, ...}, the look's CSS with `url()`s
    written as {fonts/inter.woff2} for the caller to replace by hashed
    names relative to the stylesheet)."""
    look = LOOKS[style]
    files = {f"fonts/{font.file}": (CUTS / font.file).read_bytes() for font in look.fonts}
    light, dark = palettes(look, accent)
    urls = {font.file: "{fonts/" + font.file + "}" for font in look.fonts}
    return files, look_css(look, urls, light, dark)
