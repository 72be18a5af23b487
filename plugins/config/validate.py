"""Checks shared by every settings parser; each raises ConfigError naming
the setting (a name made with config.setting_name)."""

from __future__ import annotations

import difflib
import ipaddress
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..common.email_address import SHAPE, is_email_address
from .errors import ConfigError

_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def text(value: object, setting: str, *, multiline: bool = False) -> str:
    """Non-empty text, stripped. Control characters are refused: the same
    text goes into HTML, mail headers and iCalendar, where a CR or LF could
    start a header or a property of its own. `multiline` texts (a session's
    description) may hold LF line breaks, which every writer escapes."""
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(setting, f"must be non-empty text, not {value!r}")
    control = next(
        (c for c in value if unicodedata.category(c) == "Cc" and not (multiline and c == "\n")),
        None,
    )
    if control is not None:
        where = "use \\n for a line break" if multiline else "write it on one line"
        raise ConfigError(setting, f"contains the control character U+{ord(control):04X}; {where}")
    return value.strip()


def required(raw: Mapping, key: str, setting: str) -> Any:
    """`raw[key]`; `setting` is the name of that key."""
    if key not in raw:
        raise ConfigError(setting, "missing (it is required)")
    return raw[key]


def known_keys(raw: Mapping, known: Iterable[str], name_of: Callable[[str], str]) -> None:
    """Unknown keys are errors, so a typo cannot silently drop a setting."""
    choices = sorted(known)
    for key in raw:
        if key not in choices:
            close = difflib.get_close_matches(str(key), choices, n=1)
            hint = f' (did you mean "{close[0]}"?)' if close else ""
            raise ConfigError(name_of(str(key)), f"unknown setting{hint}")


def number(
    value: object,
    setting: str,
    *,
    positive: bool,
    whole: bool = False,
    maximum: float | None = None,
) -> Any:
    kinds = (int,) if whole else (int, float)
    ok = isinstance(value, kinds) and not isinstance(value, bool) and math.isfinite(value)
    if not ok or value < 0 or (positive and value == 0):
        bound = "greater than 0" if positive else "0 or more"
        kind = "a whole number" if whole else "a number"
        raise ConfigError(setting, f"must be {kind} {bound}, not {value!r}")
    if maximum is not None and value > maximum:
        raise ConfigError(setting, f"must be at most {maximum:,g}, not {value:,g}")
    return value


def email(value: object, setting: str) -> str:
    address = text(value, setting)
    if not is_email_address(address):
        raise ConfigError(setting, f"{address!r} is not an email address {SHAPE}")
    return address


def env_name(value: object, setting: str) -> str:
    """The NAME of an environment variable that holds a secret, never the secret."""
    name = text(value, setting)
    if not _ENV_NAME.fullmatch(name):
        raise ConfigError(
            setting,
            f"{name!r} is not an environment variable name; put the password in "
            "an environment variable and name that variable here",
        )
    return name


def is_loopback(host: str | None) -> bool:
    """This very machine: the only place a password may travel unencrypted."""
    if host in {"localhost", "localhost.localdomain"}:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def per_language(
    value: object, setting: str, languages: Iterable[str], *, multiline: bool = False
) -> list[tuple[str, str]]:
    """[(language, text)], the site's own language first: her words given
    once (text) or per language ({ es = "...", en = "..." }). `languages`:
    the site's, its main one first."""
    codes = [code.replace("-", "_") for code in languages]
    if not isinstance(value, Mapping):
        return [(codes[0] if codes else "", text(value, setting, multiline=multiline))]
    if not codes:
        raise ConfigError(setting, "is given per language, but the site has no [site] language")
    texts = {}
    for lang, words in value.items():
        code = str(lang).replace("-", "_")
        if code not in codes:
            raise ConfigError(
                f"{setting}.{lang}", f"{lang!r} is not a language of this site ({', '.join(codes)})"
            )
        texts[code] = text(words, f"{setting}.{lang}", multiline=multiline)
    if codes[0] not in texts:
        example = f'{codes[0]} = "…"'
        raise ConfigError(setting, f"needs its text in {codes[0]}, the site's language: {example}")
    return [(code, texts[code]) for code in codes if code in texts]
