"""Characters no feed can carry: XML 1.0 allows no C0 control character but
tab, LF and CR. One pasted from a word processor (a form feed, a vertical
tab) makes `podcast/feed.xml` unreadable, or Pelican's own feeds fail with
an error that names nothing, so the build stops first, naming the file and
the field."""

from __future__ import annotations

import re
from collections.abc import Mapping

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def forbidden_character(fields: Mapping[str, object]) -> tuple[str, str] | None:
    """(field, "U+000C") of the first text field holding one, else None."""
    for field, value in fields.items():
        if isinstance(value, str):
            match = _FORBIDDEN.search(value)
            if match:
                return field, f"U+{ord(match.group()):04X}"
    return None
