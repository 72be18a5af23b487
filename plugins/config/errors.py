"""The configuration error, and how it names a setting.

Every message about a bad setting names it the way the coach writes it in
site.toml, in one style: the table in brackets, then the key, dotted for a
key inside a key, and "item N" (counted from 1) for an entry of a list:
`[booking] weekly_hours.mon, item 1: "17:00-09:00" ends before it starts`,
`[[menu]] item 2, link: ...`. The loader puts the file in front
(`site.toml, [booking] ...`). Python-level settings (a developer's
`BOOKING = {...}`) go through the same checks and get the same names.
"""

from __future__ import annotations

from ..common.errors import SiteError

# The Pelican setting each table of site.toml becomes, for Python-level
# settings files; and the tables written as [[name]] (a list of tables).
TABLE_OF = {
    "SITE": "site",
    "COACH": "coach",
    "COACHES": "coaches",
    "MENU": "menu",
    "BOOKING": "booking",
    "PODCAST": "podcast",
    "EDITOR": "editor",
}
LIST_TABLES = {"menu", "coaches"}


def setting_name(root: str, *keys: str | int) -> str:
    """BOOKING, "weekly_hours", "mon", 0 -> [booking] weekly_hours.mon, item 1."""
    table = TABLE_OF.get(root, root)
    head = f"[[{table}]]" if table in LIST_TABLES else f"[{table}]"
    parts: list[str] = []
    dotted: list[str] = []
    for key in keys:
        if isinstance(key, int):
            if dotted:
                parts.append(".".join(dotted))
                dotted = []
            parts.append(f"item {key + 1}")
        else:
            dotted.append(key)
    if dotted:
        parts.append(".".join(dotted))
    return f"{head} {', '.join(parts)}" if parts else head


class ConfigError(SiteError):
    """A setting is missing, malformed or contradictory; `setting` names it."""

    def __init__(self, setting: str, problem: str) -> None:
        self.setting = setting
        self.problem = problem
        super().__init__(f"{setting}: {problem}")
