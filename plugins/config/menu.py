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


def check_menu(raw: object, languages: tuple[str, ...] = ()) -> list[dict] | None:
    """[{label, link}, ...] with site paths relative ("about/"); None when unset.
    A label given per language ({ es = "Artículos", en = "Articles" }) keeps
    the others under "labels"; menu_in_language() gives a language's menu."""
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
        labels = validate.per_language(entry["label"], setting_name("MENU", i, "label"), languages)
        label = labels[0][1]
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
        entry = {"label": label, "link": link}
        if len(labels) > 1:
            entry["labels"] = dict(labels)
        entries.append(entry)
    return entries


def menu_in_language(entries, code: str) -> list[dict]:
    """The menu as a page in `code` shows it: her label in that language
    where she gave one, else the main one."""
    return [{**e, "label": e.get("labels", {}).get(code, e["label"])} for e in entries or ()]
