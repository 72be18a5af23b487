"""site.toml, the coach's own settings, -> the settings Pelican sees.

TOML rather than YAML: the standard library reads it (`tomllib`, no
dependency), it allows comments, and it has none of YAML's surprises for
people who are not programmers (`no` and `NO` turning into false, `09:00`
into a number of minutes, indentation that changes meaning).

The tables keep the names the plugins validate: `[coach]` is COACH,
`[booking]` BOOKING, `[podcast]` PODCAST, `[[menu]]` MENU, `[editor]` EDITOR (the
browser editor's GitHub repository); `[site]` holds
SITENAME, DEFAULT_LANG and EXTRA_LANGUAGES. Values the coach need not repeat
are filled in from `[coach]` (the booking organizer, the podcast author,
every time zone). A file that TOML cannot read stops with one line giving
its line and column; everything else is checked by the plugins, which
name the setting.
"""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path
from typing import Any

TABLES = ("site", "coach", "menu", "booking", "podcast", "editor")
SITE_KEYS = ("name", "subtitle", "language", "extra_languages", "domain")


class SiteFileError(SystemExit):
    """One line for the coach; a SystemExit so Pelican prints no traceback."""


def read_site_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SiteFileError(
            f"{path.name}: not found next to pelicanconf.py; run `make init` to write it"
        ) from None
    except UnicodeDecodeError:
        raise SiteFileError(f"{path.name}: not UTF-8 text; save it as UTF-8") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SiteFileError(f"{path.name}: {_plain(error)}") from None


def _plain(error: tomllib.TOMLDecodeError) -> str:
    """'Expected ... (at line 3, column 5)' -> 'line 3, column 5: expected ...; hint'."""
    message = str(error)
    where = ""
    if message.endswith(")") and "(at line " in message:
        message, _, where = message[:-1].rpartition(" (at ")
    hint = (
        "text goes in double quotes, lists in [ ], one `key = value` per line "
        '(e.g. name = "Margaux Martin")'
    )
    lead = f"{where}: " if where else ""
    return f"{lead}{message[:1].lower()}{message[1:]}; {hint}"


def settings_from(data: dict[str, Any], file_name: str = "site.toml") -> dict[str, Any]:
    """The TOML tables -> COACH, SITENAME, ..., BOOKING, PODCAST, MENU."""
    for key in data:
        if key not in TABLES:
            near = difflib.get_close_matches(key, TABLES, n=1)
            tip = f'; did you mean "[{near[0]}]"?' if near else ""
            raise SiteFileError(
                f"{file_name}: [{key}] is not a section this site reads "
                f"(it reads {', '.join(f'[{t}]' for t in TABLES)}){tip}"
            )
    site = _table(data, "site", file_name)
    for key in site:
        if key not in SITE_KEYS:
            raise SiteFileError(
                f"{file_name}: [site] {key} is not a setting; the ones there are: "
                + ", ".join(SITE_KEYS)
            )
    coach = dict(_table(data, "coach", file_name))
    if "social" in coach:
        coach["social"] = [_pair(link, file_name, i) for i, link in enumerate(coach["social"])]
    settings: dict[str, Any] = {"COACH": coach}
    name = coach.get("name", "")
    settings["SITENAME"] = site.get("name") or name
    settings["SITESUBTITLE"] = site.get("subtitle") or coach.get("tagline", "")
    settings["AUTHOR"] = name
    if "timezone" in coach:
        settings["TIMEZONE"] = coach["timezone"]
    settings["DEFAULT_LANG"] = site.get("language", "en")
    settings["EXTRA_LANGUAGES"] = site.get("extra_languages", [])
    if site.get("domain"):
        settings["CNAME"] = site["domain"]
    if "menu" in data:
        menu = data["menu"]
        if not isinstance(menu, list):
            raise SiteFileError(
                f"{file_name}: write each menu entry as [[menu]] with label and link"
            )
        settings["MENU"] = menu
    if "booking" in data:
        booking = dict(_table(data, "booking", file_name))
        if "timezone" in coach:
            booking.setdefault("timezone", coach["timezone"])
        if name and coach.get("email"):
            booking.setdefault("organizer", {"name": name, "email": coach["email"]})
        settings["BOOKING"] = booking
    if "podcast" in data:
        podcast = dict(_table(data, "podcast", file_name))
        if name:
            podcast.setdefault("author", name)
            podcast.setdefault("persons", [f"{name} | host"])
        if coach.get("email"):
            podcast.setdefault("owner_email", coach["email"])
        settings["PODCAST"] = podcast
    if "editor" in data:
        settings["EDITOR"] = _table(data, "editor", file_name)
    return settings


def load_site_file(path: Path) -> dict[str, Any]:
    return settings_from(read_site_file(path), path.name)


def _table(data: dict[str, Any], key: str, file_name: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise SiteFileError(f"{file_name}: [{key}] must be a section (a [{key}] line), not a value")
    return value


def _pair(link: object, file_name: str, i: int) -> tuple[str, str]:
    if isinstance(link, dict) and set(link) == {"label", "url"}:
        return (link["label"], link["url"])
    example = '{ label = "LinkedIn", url = "https://…" }'
    raise SiteFileError(f"{file_name}: [coach] social entry {i + 1} must be {example}")
