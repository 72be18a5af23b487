"""site.toml -> one frozen, typed Settings; the only way in for every part.

`load("site.toml")` reads the file, checks every table against the
schema and returns Settings; the build (pelicanconf.py), the desk and
`invoke check` all call it, and no part of the site re-reads a raw table.
Errors are gathered, one per key (the first problem of each), and raised
together as one SettingsError whose lines each name the file, the table
and the key: `site.toml, [booking] weekly_hours.mon, item 1: "17:00-09:00"
ends before it starts`.

A developer's Python settings (`BOOKING = {...}` in a pelicanconf.py
without site.toml) go through the same checks: `of(pelican_settings)`
builds Settings from them once per build and keeps it in the settings.
Nothing here imports Pelican.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ..common.email_address import is_email_address
from ..common.errors import SiteError
from ..common.zones import iana_zones, unknown_zone
from . import schema, validate
from .booking import BookingSettings
from .coach import Coach, parse_coach
from .coaches import TeamCoach, parse_coaches, stand_ins
from .design import DesignSettings, parse_design
from .desk import DeskSettings, parse_desk
from .editor import EditorSettings, parse_editor
from .errors import ConfigError, setting_name
from .menu import check_menu
from .podcast import PodcastSettings, load_settings
from .toml_file import read_toml
from .words import Collector, InLanguage, Words

T = TypeVar("T")
# The [site] keys a visitor reads, which may be given per language.
SITE_PER_LANGUAGE = ("subtitle", "description")
# The Pelican settings a typed Settings is kept under for one build.
KEY = "SETTINGS"


@dataclass(frozen=True)
class SiteTable(InLanguage):
    name: str
    subtitle: str
    description: str
    language: str
    extra_languages: tuple[str, ...]
    domain: str  # "": no CNAME
    url: str  # the public address ("": unknown); SITEURL wins when set
    words: Words = ()  # subtitle and description in the other languages


@dataclass(frozen=True)
class Settings:
    """Everything the coach set, checked. `booking` is what the build needs;
    `desk` holds the same booking plus the hands-free desk's keys."""

    file: str
    site: SiteTable
    coach: Coach
    coaches: tuple[TeamCoach, ...]  # a program's; () on a one-coach site
    menu: tuple[dict[str, str], ...] | None
    booking: BookingSettings | None
    desk: DeskSettings | None
    podcast: PodcastSettings | None
    editor: EditorSettings
    design: DesignSettings


class SettingsError(ConfigError):
    """Every problem found, one line each (str() joins them)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.setting, _, self.problem = lines[0].partition(": ")
        SiteError.__init__(self, "\n".join(lines))


def load(path: Path | str) -> Settings:
    path = Path(path)
    return from_tables(read_toml(path), path.name)


def from_tables(data: Mapping[str, Any], file_name: str = "site.toml") -> Settings:
    """The tables of a site.toml, as tomllib reads them -> Settings."""
    errors: list[str] = []
    for key in data:
        if key not in schema.TOP_NAMES:
            near = difflib.get_close_matches(key, schema.TOP_NAMES, n=1)
            tip = f'; did you mean "[{near[0]}]"?' if near else ""
            tables = ", ".join(f"[[{t.path}]]" if t.many else f"[{t.path}]" for t in schema.TOP)
            errors.append(
                f"{file_name}, [{key}]: not a table this site reads (it reads {tables}){tip}"
            )
    raw = {key: data.get(key) for key in schema.TOP_NAMES}
    values: set[str] = set()  # tables written as a value: each has its line
    for key in ("site", "coach", "booking", "podcast", "editor", "design"):
        if raw[key] is not None and not isinstance(raw[key], Mapping):
            errors.append(f"{file_name}, [{key}]: must be a table (a [{key}] line), not a value")
            raw[key] = None
            values.add(key)
    if raw["menu"] is not None and not isinstance(raw["menu"], list):
        errors.append(
            f"{file_name}, [[menu]]: write each menu entry as [[menu]] with label and link"
        )
        raw["menu"] = None
    if raw["coaches"] is not None and not isinstance(raw["coaches"], list):
        errors.append(f"{file_name}, [[coaches]]: write each coach as [[coaches]] with slug, ...")
        raw["coaches"] = None
    settings = _check(raw, file_name, errors, coach_given="coach" in values)
    if errors:
        raise SettingsError(errors)
    assert settings is not None
    return settings


def _check(
    raw: dict[str, Any],
    file_name: str,
    errors: list[str],
    author: str = "",
    *,
    coach_given: bool = False,
) -> Settings | None:
    def attempt(parse: Callable[[], T], fallback: T) -> T:
        try:
            return parse()
        except ConfigError as error:
            errors.append(f"{file_name}, {error}" if file_name else str(error))
            return fallback

    site = attempt(lambda: _site(raw["site"] or {}), None)
    languages = (site.language, *site.extra_languages) if site else ()
    coach = attempt(lambda: parse_coach(raw["coach"], languages), None)
    # When [coach] is wrong, the tables that inherit from it are still
    # checked, with what of it can be used, so every table gets its line.
    # A [coach] written as a value has its line already: the others inherit
    # stand-ins, not an empty coach (whose missing email would be a second line).
    inherited = (not coach_given and coach) or _unchecked_coach(raw["coach"])
    menu = attempt(lambda: _menu(raw["menu"], languages), None)
    coaches = attempt(
        lambda: parse_coaches(raw.get("coaches"), languages), stand_ins(raw.get("coaches"))
    )
    booking_raw = _with_coach(raw["booking"], inherited)
    if booking_raw is not None and coach is not None:
        booking_raw = _from_coach(booking_raw, file_name, errors)
    desk = None
    if booking_raw is not None:
        desk = attempt(lambda: parse_desk(booking_raw, languages, coaches), None)
    podcast = None
    if raw["podcast"] is not None:
        podcast = attempt(
            lambda: load_settings(
                _podcast_with_coach(raw["podcast"], inherited),
                site_name=(site and site.name) or inherited.name,
                author=inherited.name or author,
                # The feed's <language>: the site's, as a BCP 47 tag ("pt-br").
                language=((site and site.language) or "").replace("_", "-"),
            ),
            None,
        )
    editor = attempt(lambda: parse_editor(raw["editor"]), None)
    design = attempt(lambda: parse_design(raw.get("design")), None)
    if errors or site is None or coach is None or editor is None or design is None:
        return None
    return Settings(
        file=file_name,
        site=site,
        coach=coach,
        coaches=coaches,
        menu=menu,
        booking=desk.booking if desk else None,
        desk=desk,
        podcast=podcast,
        editor=editor,
        design=design,
    )


def _unchecked_coach(raw: object) -> Coach:
    """Stand-ins for a [coach] that has its own error line: the tables that
    inherit from it are checked for their own mistakes only, and the load
    fails anyway, so nothing of this is ever used."""
    raw = raw if isinstance(raw, Mapping) else {}
    name, email, zone = raw.get("name"), raw.get("email"), raw.get("timezone")
    return Coach(
        name=name if isinstance(name, str) and name.strip() else "Coach",
        email=email if isinstance(email, str) and is_email_address(email) else "coach@example.org",
        timezone=zone if zone in iana_zones() else "UTC",
    )


def _site(raw: Mapping[str, Any]) -> SiteTable:
    """[site]: its text keys are read as the schema declares them (a new
    one needs only its declaration and its field in SiteTable)."""

    def name(key: str) -> str:
        return setting_name("site", key)

    validate.known_keys(raw, schema.SITE.names, name)
    extra = raw.get("extra_languages", schema.SITE.default("extra_languages"))
    if not isinstance(extra, list | tuple):
        raise ConfigError(name("extra_languages"), f'must be a list like ["fr"], not {extra!r}')
    language = validate.text(raw.get("language", schema.SITE.default("language")), name("language"))
    extra_languages = tuple(
        validate.text(code, setting_name("site", "extra_languages", i))
        for i, code in enumerate(extra)
    )
    words = Collector((language, *extra_languages))

    def read(key: str) -> str:
        if key in SITE_PER_LANGUAGE:
            return words(key, raw[key], name(key))
        return validate.text(raw[key], name(key))

    texts = {
        key.name: read(key.name) if key.name in raw else key.default or ""
        for key in schema.SITE.keys
        if key.kind == "text"
    }
    url = texts["url"].rstrip("/")
    if url and (not url.startswith("https://") or " " in url or len(url) <= len("https://")):
        raise ConfigError(name("url"), f"must be an https:// address, not {url!r}")
    return SiteTable(
        **{**texts, "url": url}, extra_languages=extra_languages, words=tuple(words.words)
    )


def _menu(raw: object, languages: tuple[str, ...]) -> tuple[dict, ...] | None:
    entries = check_menu(raw, languages)
    return None if entries is None else tuple(entries)


def _with_coach(booking: Mapping | None, coach: Coach) -> dict | None:
    """[booking] with what the coach need not repeat: her zone, and her name
    and email on the invitations."""
    if booking is None:
        return None
    filled = dict(booking)
    if coach.timezone:
        filled.setdefault("timezone", coach.timezone)
    if coach.name and coach.email:
        filled.setdefault("organizer", {"name": coach.name, "email": coach.email})
    return filled


# What [booking] takes from [coach] when it does not say it itself, and why
# it needs it.
_FROM_COACH = (
    ("organizer", "email", "booking invitations come from it"),
    ("timezone", "timezone", "your booking hours are in it"),
)


def _from_coach(booking: dict, file_name: str, errors: list[str]) -> dict:
    """A line about the [coach] key she knows ("[coach] email: missing"),
    not about the [booking] key she never wrote ("organizer"). The rest of
    [booking] is then checked with the stand-in coach's values."""
    stand_in = _unchecked_coach(None)
    stand_ins = {
        "organizer": {"name": stand_in.name, "email": stand_in.email},
        "timezone": stand_in.timezone,
    }
    for key, coach_key, why in _FROM_COACH:
        if key not in booking:
            line = f"[coach] {coach_key}: missing ({why})"
            errors.append(f"{file_name}, {line}" if file_name else line)
            booking[key] = stand_ins[key]
    return booking


def _podcast_with_coach(podcast: Mapping, coach: Coach) -> dict:
    filled = dict(podcast)
    if coach.name:
        filled.setdefault("persons", [f"{coach.name} | host"])
    if coach.email:
        filled.setdefault("owner_email", coach.email)
    return filled


def pelican_settings(settings: Settings) -> dict[str, Any]:
    """The Pelican settings a site.toml stands for (pelicanconf.py adds
    them to its own), with the typed Settings under KEY."""
    site, coach = settings.site, settings.coach
    values: dict[str, Any] = {
        KEY: settings,
        "COACH": coach,
        "SITENAME": site.name or coach.name,
        "SITESUBTITLE": site.subtitle or coach.tagline,
        "AUTHOR": coach.name,
        "DEFAULT_LANG": site.language,
        "EXTRA_LANGUAGES": list(site.extra_languages),
    }
    if coach.timezone:
        values["TIMEZONE"] = coach.timezone
    if site.domain:
        values["CNAME"] = site.domain
    return values


def of(pelican: dict[str, Any]) -> Settings:
    """The build's Settings: the one site.toml gave, or one made (once per
    build) from Python-level settings (COACH, MENU, BOOKING, PODCAST, EDITOR),
    with the same checks and the same names in errors."""
    found = pelican.get(KEY)
    if isinstance(found, Settings):
        return found
    errors: list[str] = []
    zone = pelican.get("TIMEZONE")
    if zone is not None and zone not in iana_zones():  # unset: Pelican's UTC
        errors.append(f"TIMEZONE: {unknown_zone(zone)}")
    raw = {
        "site": {
            **(pelican.get("SITE") or {}),
            "language": pelican.get("DEFAULT_LANG", "en"),
            "extra_languages": list(pelican.get("EXTRA_LANGUAGES") or ()),
        },
        "coach": pelican.get("COACH"),
        "coaches": pelican.get("COACHES"),
        "menu": pelican.get("MENU"),
        "booking": pelican.get("BOOKING"),
        "podcast": pelican.get("PODCAST"),
        "editor": pelican.get("EDITOR"),
        "design": pelican.get("DESIGN"),
    }
    if pelican.get("SITENAME"):
        raw["site"]["name"] = pelican["SITENAME"]
    # No file name in front: Python-level settings may come from any file.
    settings = _check(raw, "", errors, pelican.get("AUTHOR") or "")
    if errors or settings is None:
        raise SettingsError(errors)
    pelican[KEY] = settings
    return settings


class SiteFileError(SystemExit):
    """The lines for the coach, raised while pelicanconf.py is read: a
    SystemExit, so Pelican prints them and no traceback."""


def load_site_file(path: Path) -> dict[str, Any]:
    """For pelicanconf.py: site.toml -> the Pelican settings it stands for."""
    try:
        return pelican_settings(load(path))
    except SiteError as error:
        raise SiteFileError(str(error)) from None
