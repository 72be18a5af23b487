"""The MENU setting ([[menu]] in site.toml): the main menu's labels and
targets, in order. Labels are the coach's words; a link is a path of this
site ("about/", "podcast/") or a web address. That a path leads to a page
is checked once the site is written (links.py), like every other link.

Without MENU the menu is the articles, the podcast (when there is one) and
every page, by title.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from . import validate
from .errors import ConfigError, setting_name

_PATH = re.compile(r"[A-Za-z0-9._~/-]*")


def check_menu(raw: object) -> list[dict[str, str]] | None:
    """[{label, link}, ...] with site paths relative ("about/"); None when unset."""
    if raw is None:
        return None
    if not isinstance(raw, list | tuple):
        raise ConfigError(
            "[[menu]]", 'must be entries like [[menu]] label = "About", link = "about/"'
        )
    entries = []
    for i, entry in enumerate(raw):
        where = setting_name("MENU", i)
        if not isinstance(entry, Mapping) or set(entry) != {"label", "link"}:
            raise ConfigError(
                where, 'must have a label and a link, like label = "About", link = "about/"'
            )
        label = validate.text(entry["label"], setting_name("MENU", i, "label"))
        link = validate.text(entry["link"], setting_name("MENU", i, "link")).strip()
        if "://" in link:
            parts = urlsplit(link)
            if parts.scheme != "https" or not parts.hostname or any(c in link for c in "\"'<> "):
                raise ConfigError(
                    setting_name("MENU", i, "link"), f"{link!r} must be an https:// address"
                )
        else:
            link = link.lstrip("/")
            if not _PATH.fullmatch(link) or ".." in link.split("/"):
                raise ConfigError(
                    setting_name("MENU", i, "link"),
                    f'{link!r} must be a page of this site like "about/" or an https:// address',
                )
        entries.append({"label": label, "link": link})
    return entries
