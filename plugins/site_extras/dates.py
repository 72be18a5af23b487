"""Dates a coach may type that would be published as another day."""

from __future__ import annotations

import re

# "Date: 03/11/2026" (or 3.11.2026, 03-11-26): day and month in an order the
# file does not say. Pelican would read it month first.
_NUMERIC_DATE = re.compile(
    r"^(date|modified)\s*:\s*(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})\b", re.IGNORECASE | re.MULTILINE
)


def numeric_date(source: str) -> tuple[str, str] | None:
    """(the key, the date as written) of a day/month/year date in the header
    of the file at `source`, or None."""
    try:
        with open(source, encoding="utf-8", errors="replace") as handle:
            header = handle.read(4000).split("\n\n", 1)[0]
    except OSError:
        return None
    found = _NUMERIC_DATE.search(header)
    return (found[1].capitalize(), found[2]) if found else None
