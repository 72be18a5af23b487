"""The browser editor's save of site.toml, written into the coach's own file.

Decap writes the settings form back as bare TOML: her notes (lines
starting with #), the order she chose and the commented examples she will
need later (the `[booking.inbox]` template) would all be lost. Here the
values it sends are set into her file as tomlkit reads it, so a value the
form did not change keeps its line, notes and layout, a changed value
changes in place, and what the form removed is removed. tomlkit is the
library made for this (style-preserving TOML); nothing of ours parses TOML.
"""

from __future__ import annotations

import tomllib
from typing import Any

import tomlkit
from tomlkit.items import AoT, Table


def keep_notes(current: str, saved: str) -> str:
    """`saved` (the editor's TOML) with `current`'s notes and layout kept.
    Raises ValueError (tomllib's or tomlkit's) when either cannot be read."""
    document = tomlkit.parse(current)
    _set(document, tomllib.loads(saved))
    return tomlkit.dumps(document)


def _set(container: Any, values: dict[str, Any]) -> None:
    for key in [k for k in container if k not in values]:
        del container[key]
    for key, value in values.items():
        old = container.get(key)
        if isinstance(value, dict) and isinstance(old, Table | dict) and not _inline(old):
            _set(old, value)
        elif _tables(value) and isinstance(old, AoT) and len(old) == len(value):
            for table, new in zip(old, value, strict=True):
                _set(table, new)
        elif _plain(old) != value:
            container[key] = value


def _tables(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _inline(item: object) -> bool:
    return isinstance(item, tomlkit.items.InlineTable)


def _plain(item: object) -> object:
    """A tomlkit item as the Python value tomllib would give."""
    return item.unwrap() if hasattr(item, "unwrap") else item
