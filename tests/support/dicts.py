"""Settings dictionaries for bad-input tests."""

from __future__ import annotations

import copy


def replaced(base: dict, **changes) -> dict:
    """A deep copy of `base` with top-level keys replaced (None removes a key)."""
    raw = copy.deepcopy(base)
    for key, value in changes.items():
        if value is None:
            raw.pop(key, None)
        else:
            raw[key] = value
    return raw
