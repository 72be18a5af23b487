"""[design]: a look by name, her accent only if a visitor can read it;
each refusal is one line naming the key, with what to write instead."""

from __future__ import annotations

import pytest

from plugins.config import SettingsError
from plugins.config.load import from_tables
from plugins.design.contrast import passes
from plugins.design.looks import LOOKS
from plugins.design.publish import palettes

BASE = {"coach": {"name": "Ana", "email": "ana@example.org", "timezone": "Europe/Madrid"}}


def _design(**table):
    return from_tables({**BASE, "design": table}).design


def test_without_design_the_site_is_calm_in_its_own_colours():
    settings = from_tables(BASE)
    assert (settings.design.style, settings.design.accent) == ("calm", "")


def test_a_look_and_a_readable_accent_are_kept():
    design = _design(style="warm", accent="#0B5C73")
    assert (design.style, design.accent) == ("warm", "#0b5c73")


def test_an_unknown_look_is_refused_listing_the_looks():
    with pytest.raises(SettingsError) as error:
        _design(style="elegant")
    assert str(error.value) == (
        'site.toml, [design] style: \'elegant\' is not a look; choose "calm", "warm", "bold"'
    )


def test_a_faint_accent_is_refused_with_the_nearest_that_passes():
    with pytest.raises(SettingsError) as error:
        _design(accent="#7fb8d9")
    line = str(error.value)
    assert line.startswith(
        "site.toml, [design] accent: #7fb8d9 is too faint to read on the calm look's "
        'background (WCAG AA needs 4.5:1); the nearest that passes is "#'
    )
    suggested = line.rsplit('"', 2)[-2]
    light = LOOKS["calm"].light
    assert passes(suggested, (light.bg, light.surface, light.notice_bg, light.on_accent))
    assert _design(accent=suggested).accent == suggested  # and it is accepted


@pytest.mark.parametrize("value", ["teal", "#0b5c7", "0b5c73", "#0b5c73ff"])
def test_an_accent_that_is_not_a_colour_is_refused(value):
    with pytest.raises(SettingsError, match=r"\[design\] accent: .* must be a colour like"):
        _design(accent=value)


def test_her_accent_in_the_dark_scheme_is_the_same_hue_made_readable():
    look = LOOKS["bold"]
    light, dark = palettes(look, "#0b5c73")
    assert light.accent == "#0b5c73" and light.focus == "#0b5c73"
    assert passes(light.accent_strong, (light.bg, light.surface))
    assert dark.accent != "#0b5c73"
    assert passes(dark.accent, (dark.bg, dark.surface, dark.notice_bg, dark.on_accent))
    assert passes(dark.accent_strong, (dark.bg, dark.surface, dark.on_accent))
