"""Every look's palettes meet WCAG AA (4.5:1) for each pair of colours a
page puts together, in light and dark; an accent she gives is checked the
same way, and the nearest passing colour keeps her hue."""

from __future__ import annotations

import colorsys

import pytest

from plugins.design.contrast import AA, nearest_passing, passes, ratio
from plugins.design.looks import LOOKS


def _pairs(p):
    # (foreground, background) as the theme uses them.
    for back in (p.bg, p.surface):
        yield p.text, back
        yield p.muted, back
        yield p.accent, back
        yield p.accent_strong, back
    yield p.text, p.notice_bg
    yield p.accent, p.notice_bg
    yield p.on_accent, p.accent
    yield p.on_accent, p.accent_strong


@pytest.mark.parametrize("name", sorted(LOOKS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_pair_of_every_look_reaches_aa(name, scheme):
    palette = getattr(LOOKS[name], scheme)
    low = [(f, b, round(ratio(f, b), 2)) for f, b in _pairs(palette) if ratio(f, b) < AA]
    assert low == []


def test_the_looks_are_distinct():
    looks = list(LOOKS.values())
    assert len({(lk.heading.family, lk.body.family) for lk in looks}) == len(looks)
    assert len({lk.light.accent for lk in looks}) == len(looks)
    assert len({lk.radius for lk in looks}) == len(looks)


def test_the_contrast_formula_matches_wcags_own_examples():
    assert ratio("#000000", "#ffffff") == pytest.approx(21)
    assert ratio("#ffffff", "#ffffff") == pytest.approx(1)
    assert ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the lightest AA grey


def test_the_nearest_passing_accent_keeps_her_hue_and_passes():
    against = ("#fbfaf7", "#ffffff")
    pale = "#7fb8d9"  # a pale blue: too light for text on white
    assert not passes(pale, against)
    fixed = nearest_passing(pale, against)
    assert fixed is not None and passes(fixed, against)
    hue = colorsys.rgb_to_hls(*(int(pale[i : i + 2], 16) / 255 for i in (1, 3, 5)))[0]
    got = colorsys.rgb_to_hls(*(int(fixed[i : i + 2], 16) / 255 for i in (1, 3, 5)))[0]
    assert abs(hue - got) < 0.02
    # As little change as possible: one step lighter would fail.
    assert ratio(fixed, "#ffffff") < AA + 0.3
