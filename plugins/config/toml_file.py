"""Reading site.toml: TOML text -> tables, or one line saying where it breaks.

TOML rather than YAML: the standard library reads it (`tomllib`, no
dependency), it allows comments, and it has none of YAML's surprises for
people who are not programmers (`no` and `NO` turning into false, `09:00`
into a number of minutes, indentation that changes meaning).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from .errors import ConfigError


class TomlError(ConfigError):
    """The file cannot be read as TOML; `setting` is the file's name."""


def read_toml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TomlError(path.name, "not found; run `make init` to write it") from None
    except UnicodeDecodeError:
        raise TomlError(path.name, "not UTF-8 text; save it as UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TomlError(path.name, _plain(error)) from None


def _plain(error: tomllib.TOMLDecodeError) -> str:
    """'Expected ... (at line 3, column 5)' -> 'line 3, column 5: expected ...; hint'."""
    message = str(error)
    where = ""
    if message.endswith(")") and "(at line " in message:
        message, _, where = message[:-1].rpartition(" (at ")
    hint = (
        "text goes in double quotes, lists in [ ], one `key = value` per line "
        '(e.g. name = "Margaux Martin")'
    )
    lead = f"{where}: " if where else ""
    return f"{lead}{message[:1].lower()}{message[1:]}; {hint}"
