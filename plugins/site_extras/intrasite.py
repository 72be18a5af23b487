"""Links between her own files that lead nowhere, named by the file that
carries them.

Pelican replaces `{filename}other.md` (and `{static}`, `{attach}`) when it
writes a page; a target that was renamed or deleted only gives a warning
naming the target, never the file that links to it, and a strict build
stops on it with nothing said. Read here from each document's own text,
before anything is written: `content/pages/about.md links to
{filename}/articles/coaching.md, which no longer exists`.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

# Pelican's own pattern (INTRASITE_LINK_REGEX inside an href/src-like
# attribute), for its three link kinds, written {kind} or |kind|.
_LINK = re.compile(
    r"""(?:href|src|poster|data|cite)\s*=\s*(["'])[{|](filename|static|attach)[|}]([^"']*)\1"""
)


def missing_targets(text: str, source: Path, content: Path) -> list[str]:
    """The links of `text` (the document at `source`) whose file is not in
    `content`, as she wrote them ("{filename}../articles/x.md")."""
    missing = []
    for match in _LINK.finditer(text):
        kind, value = match.group(2), match.group(3)
        path = unquote(value.split("#", 1)[0].split("?", 1)[0])
        if not path:
            continue
        target = content / path.lstrip("/") if path.startswith("/") else source.parent / path
        if not target.resolve().is_file():
            missing.append(f"{{{kind}}}{value}")
    return missing
