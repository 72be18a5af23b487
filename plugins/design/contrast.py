"""WCAG 2.2 contrast (success criterion 1.4.3, AA): text needs 4.5:1
against what is behind it. Written here rather than taken from a library:
it is the formula of the standard in a few lines, and what we need beyond
it (the nearest passing colour, changing lightness only so the hue she
chose stays hers) no colour library offers."""

from __future__ import annotations

import colorsys
import re

AA = 4.5
_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def is_hex(value: str) -> bool:
    return bool(_HEX.fullmatch(value))


def _channels(colour: str) -> tuple[float, float, float]:
    return tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def luminance(colour: str) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _with_lightness(colour: str, lightness: float) -> str:
    h, _, s = colorsys.rgb_to_hls(*_channels(colour))
    r, g, b = colorsys.hls_to_rgb(h, lightness, s)
    return "#" + "".join(f"{round(c * 255):02x}" for c in (r, g, b))


def passes(colour: str, against: tuple[str, ...]) -> bool:
    return all(ratio(colour, other) >= AA for other in against)


def nearest_passing(colour: str, against: tuple[str, ...]) -> str | None:
    """The colour of the same hue and saturation, lightness changed as
    little as possible, that reaches 4.5:1 against every colour of
    `against`; None when no lightness does."""
    _, start, _ = colorsys.rgb_to_hls(*_channels(colour))
    for step in range(1, 101):
        for lightness in (start - step / 100, start + step / 100):
            if 0 <= lightness <= 1:
                candidate = _with_lightness(colour, lightness)
                if passes(candidate, against):
                    return candidate
    return None
