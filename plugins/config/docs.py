"""docs/settings.md, written from the schema: every table and key of
site.toml with its default, its bounds or choices and its help.

`python -m plugins.config.docs` rewrites the file; a test fails when the
file and the schema disagree, so the reference can never drift from what
the build accepts.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .schema import TABLES, Key, Table

DOC = Path(__file__).resolve().parents[2] / "docs" / "settings.md"
HEAD = """# Every setting of site.toml

This page is written from the declaration the build checks your settings
against (`plugins/config/schema.py`); `python -m plugins.config.docs`
writes it again after a change. A key left out takes its default; a key
that is not listed here stops the build with one line naming it, so a typo
never goes unnoticed. The guides explain them in context: booking hours
and sessions in [booking.md](booking.md), the desk's mailbox in
[desk.md](desk.md), the podcast in [podcast.md](podcast.md), the editor in
[editor.md](editor.md).
"""


def _value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, str):
        return f'`"{value}"`'
    if isinstance(value, tuple):
        return "`[" + ", ".join(str(v) for v in value) + "]`"
    return f"`{value:,}`" if isinstance(value, int | float) else f"`{value}`"


def _allowed(key: Key) -> str:
    if key.choices:
        return ", ".join(f"`{c}`" for c in key.choices)
    bounds = []
    if key.minimum is not None:
        bounds.append(f"at least {key.minimum:,g}")
    if key.maximum is not None:
        bounds.append(f"at most {key.maximum:,g}")
    return ", ".join(bounds)


def _table(table: Table) -> list[str]:
    header = f"[[{table.path}]]" if table.many else f"[{table.path}]"
    lines = [f"## `{header}`", "", table.help, "", "| key | what it is | default | allowed |"]
    lines.append("|---|---|---|---|")
    for key in table.keys:
        default = "required" if key.required else _value(key.default)
        lines.append(f"| `{key.name}` | {key.help} | {default} | {_allowed(key)} |")
    return [*lines, ""]


def render() -> str:
    lines = [HEAD]
    for table in TABLES:
        lines += _table(table)
    return "\n".join(lines).rstrip() + "\n"


def main() -> int:
    DOC.write_text(render(), encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
