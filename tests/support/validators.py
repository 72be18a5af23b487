"""The W3C Nu HTML checker, run once over many files (the JVM start is the cost)."""

from __future__ import annotations

from pathlib import Path


def vnu_errors(jar: Path, pages: list[Path]) -> list[str]:
    from sitetools.check import vnu_messages

    return [
        f"{m.get('url', '').rpartition('/output/')[2] or m.get('url')}:{m.get('lastLine')}: "
        f"{m['message']}"
        for m in vnu_messages(jar, pages)
    ]
