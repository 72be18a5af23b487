"""[design]: the look (`style`) and her accent colour, checked against the
look's backgrounds: a colour a visitor could not read is refused in one
line that suggests the nearest one that passes (same hue)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..design.contrast import is_hex, nearest_passing, passes
from ..design.looks import DEFAULT, LOOKS
from . import schema, validate
from .errors import ConfigError, setting_name


@dataclass(frozen=True)
class DesignSettings:
    style: str = DEFAULT
    accent: str = ""  # "": the look's own


def name(key: str) -> str:
    return setting_name("design", key)


def parse_design(raw: object) -> DesignSettings:
    if raw is None:
        return DesignSettings()
    if not isinstance(raw, Mapping):
        raise ConfigError("[design]", 'must be a table like style = "warm"')
    validate.known_keys(raw, schema.DESIGN.names, name)
    style = raw.get("style", DEFAULT)
    if style not in LOOKS:
        choices = ", ".join(f'"{look}"' for look in LOOKS)
        raise ConfigError(name("style"), f"{style!r} is not a look; choose {choices}")
    # Left empty (a form's cleared field): the look's own colour.
    accent = validate.text(raw["accent"], name("accent")) if raw.get("accent") else ""
    if accent:
        if not is_hex(accent):
            raise ConfigError(name("accent"), f'{accent!r} must be a colour like "#0b5c73"')
        light = LOOKS[style].light
        against = (light.bg, light.surface, light.notice_bg, light.on_accent)
        if not passes(accent, against):
            near = nearest_passing(accent, against)
            tip = f'; the nearest that passes is "{near}"' if near else ""
            raise ConfigError(
                name("accent"),
                f"{accent} is too faint to read on the {style} look's background "
                f"(WCAG AA needs 4.5:1){tip}",
            )
        accent = accent.lower()
    return DesignSettings(style=style, accent=accent)
