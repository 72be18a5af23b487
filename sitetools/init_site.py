"""`invoke init` (also `make init`): the sample practice becomes the coach's.

It asks a few questions (or reads them from `--answers answers.toml`),
writes site.toml with her identity, hours and session, replaces the sample
home page words, and can remove the sample articles, episodes, audio,
cover, portrait and busy calendar. It removes a sample file only while it
is byte for byte the one shipped (sitetools/samples.sha256): a file she
edited is hers and stays. Running it again is safe: it rewrites site.toml
from the answers and never touches an article of hers.

Answers (every key optional except name, email, timezone, hours and
session_title):
    name, credentials, email, city, country, timezone, language, tagline,
    site_name, hours ("tue wed 9-12:30 14-18; fri 9-12"), session_title,
    session_minutes, session_description, session_location, session_price,
    currency, notice_hours, horizon_days, intro (the home page's lead),
    remove_samples (true/false)
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from babel.numbers import list_currencies

from plugins.common.language import LanguageError, catalog_folder, load_language
from plugins.common.zones import iana_zones, suggestions
from plugins.config import schema
from plugins.config.errors import ConfigError
from plugins.config.load import from_tables
from plugins.config.schema import Key
from sitetools import init_hours
from sitetools.init_places import country_zones, currency_for, find_zone

DAYS = schema.WEEKDAYS
# init asks for the free session's length; a first session has one.
SESSION_MINUTES = replace(schema.SESSION["duration_minutes"], default=30)
MANIFEST = Path(__file__).with_name("samples.sha256")
_TIME = re.compile(r"(\d{1,2})(?:[:h.](\d{2})?)?")


class InitError(Exception):
    """One line for the coach: what is wrong with which answer."""


@dataclass
class Answers:
    name: str
    email: str
    timezone: str
    weekly_hours: dict[str, list[str]]
    language: str = "en"
    credentials: str = ""
    city: str = ""
    country: str = ""
    tagline: str = ""
    site_name: str = ""
    session_title: str = ""
    session_minutes: int = SESSION_MINUTES.default
    session_description: str = ""
    session_location: str = ""
    session_price: float = schema.SESSION.default("price")
    currency: str = "EUR"  # read_answers: from her country when not given
    notice_hours: int = schema.BOOKING.default("minimum_notice_hours")
    horizon_days: int = schema.BOOKING.default("horizon_days")
    intro: str = ""
    remove_samples: bool = True
    notes: list[str] = field(default_factory=list)  # what init decided for her


# --- reading answers -------------------------------------------------------------


def parse_hours(text: str, language: str = "en") -> dict[str, list[str]]:
    """Her free hours in words (sitetools.init_hours), checked as the build will."""
    try:
        hours = init_hours.parse_hours(text, language)
        init_hours.check_windows(hours)
    except init_hours.HoursError as error:
        raise InitError(f"hours: {error}") from None
    return hours


def resolve_zone(value: str, city: str = "", country: str = "") -> tuple[str, str | None]:
    """(the IANA zone, a note saying how it was found) or InitError with suggestions.
    The zone she wrote, else her city, else her country's only zone."""
    value = value.strip()
    if value in iana_zones():
        return value, None
    # What she wrote as her zone, else (left empty) her city: a zone answer
    # that is not understood is asked again, never replaced by a guess.
    for guess in (value,) if value else (city,):
        zone = find_zone(guess, country) if guess else None
        if zone:
            return zone, f"time zone: {zone} (from {guess!r})"
    from_country = country_zones(country)
    if not value and len(from_country) == 1:
        return from_country[0], f"time zone: {from_country[0]} (the only one in {country})"
    near = list(dict.fromkeys([*suggestions(value), *suggestions(city), *from_country]))[:4]
    tip = f"; did you mean {', '.join(near)}?" if near else "; write an IANA name like Europe/Paris"
    raise InitError(f"timezone: {value!r} is not a time zone{tip}")


def read_answers(data: dict[str, Any], catalogs: Path) -> Answers:
    def text(key: str, required: bool = False) -> str:
        value = data.get(key, "")
        if not isinstance(value, str) or (required and not value.strip()):
            raise InitError(f'{key}: write it as text in quotes, e.g. {key} = "…"')
        return " ".join(value.split())

    def number(key: str, setting: Key) -> Any:
        """An answer that becomes a setting: its default and bounds are the schema's."""
        value = data.get(key, setting.default)
        low, high = setting.minimum or 0, setting.maximum or float("inf")
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not low <= value <= high
        ):
            raise InitError(f"{key}: must be a number from {low:,g} to {high:,g}, not {value!r}")
        return value

    known = set(Answers.__dataclass_fields__) - {"weekly_hours", "notes"} | {"hours"}
    for key in data:
        if key not in known:
            raise InitError(
                f"{key}: not a question init asks (it asks: {', '.join(sorted(known))})"
            )
    name, email = text("name", True), text("email", True)
    if "@" not in email or " " in email:
        raise InitError(f"email: {email!r} is not an email address")
    language = text("language") or "en"
    try:
        language = load_language(language, catalogs, "language").code
    except LanguageError as error:
        raise InitError(str(error)) from None
    zone, note = resolve_zone(text("timezone"), text("city"), text("country"))
    hours = data.get("hours", "")
    if not isinstance(hours, str):
        raise InitError(f"hours: write them as text, e.g. hours = {init_hours.EXAMPLE}")
    currency = text("currency").upper() or currency_for(text("country"))
    if currency not in list_currencies():
        raise InitError(f"currency: {currency!r} is not a currency code like EUR, USD or MXN")
    answers = Answers(
        name=name,
        email=email,
        timezone=zone,
        weekly_hours=parse_hours(hours, language),
        language=language,
        credentials=text("credentials"),
        city=text("city"),
        country=text("country"),
        tagline=text("tagline"),
        site_name=text("site_name"),
        session_title=text("session_title", True),
        session_minutes=int(number("session_minutes", SESSION_MINUTES)),
        session_description=text("session_description"),
        session_location=text("session_location"),
        session_price=number("session_price", schema.SESSION["price"]),
        currency=currency,
        notice_hours=int(number("notice_hours", schema.BOOKING["minimum_notice_hours"])),
        horizon_days=int(number("horizon_days", schema.BOOKING["horizon_days"])),
        intro=text("intro"),
        remove_samples=bool(data.get("remove_samples", True)),
    )
    if note:
        answers.notes.append(note)
    if not text("currency"):
        answers.notes.append(f"currency: {currency} (from your country; change it in site.toml)")
    return answers


# --- writing the site ------------------------------------------------------------


def _q(value: object) -> str:
    """A TOML value: JSON's string, number and boolean forms are TOML's too."""
    return json.dumps(value, ensure_ascii=False)


def site_toml(
    a: Answers,
    *,
    podcast: str = "",
    busy: list[str] | None = None,
    editor: str = "",
    design: str = "",
) -> str:
    lang = load_language(a.language, catalog_folder(Path(__file__).parents[1] / "theme"))
    location = ", ".join(p for p in (a.city, a.country) if p)

    def optional(key: str, value: object) -> list[str]:
        return [f"{key} = {_q(value)}"] if value else []

    lines = [
        "# Your practice: who you are, your hours, your sessions.",
        "# Written by `make init`; edit the values between the quotes.",
        "# If something here is wrong, the build stops with one line saying what.",
        "",
        "[site]",
        f"name = {_q(a.site_name or a.name)}",
        f"language = {_q(a.language)}",
        "",
        "[coach]",
        f"name = {_q(a.name)}",
        *optional("credentials", a.credentials),
        f"tagline = {_q(a.tagline or a.name)}",
        f"email = {_q(a.email)}",
        *optional("location", location),
        f"timezone = {_q(a.timezone)}",
        '# photo = "images/portrait.jpg"   # a file under content/',
        '# photo_alt = "Portrait of …"',
        "",
        '# The main menu, in order: a page of this site ("about/") or an address.',
        "[[menu]]",
        f"label = {_q(lang.gettext('Articles'))}",
        'link = "archives/"',
    ]
    if podcast:
        lines += ["", "[[menu]]", f"label = {_q(lang.gettext('Podcast'))}", 'link = "podcast/"']
    lines += [
        "",
        "[booking]",
        f"busy_calendars = {_q(busy or [])}",
        f"minimum_notice_hours = {a.notice_hours}",
        f"horizon_days = {a.horizon_days}",
        f"currency = {_q(a.currency)}",
        "",
        "[booking.weekly_hours]",
        *(f"{day} = {_q(a.weekly_hours[day])}" for day in DAYS if day in a.weekly_hours),
        "",
        '[booking.date_overrides]   # a day off: "2026-12-24" = []',
        "",
        "[[booking.sessions]]",
        f"slug = {_q(session_slug(a.session_title))}",
        f"title = {_q(a.session_title)}",
        f"duration_minutes = {a.session_minutes}",
        *optional("description", a.session_description),
        *optional("location", a.session_location),
        f"price = {_q(a.session_price)}",
        *DESK_EXAMPLE,
    ]
    return (
        "\n".join(lines)
        + "\n"
        + podcast
        + (editor or "\n".join(("", *EDITOR_EXAMPLE, "")))
        + (design or "\n".join(("", *DESIGN_EXAMPLE, "")))
    )


# Commented out: what a coach adds to ask questions and to let the desk run.
DESK_EXAMPLE = (
    "# Intake questions (docs/booking.md), asked in the request; answers stay private:",
    '# questions = [{ label = "Your role", type = "choice", options = ["Employee", "Manager"] }]',
    "",
    '# The hands-free desk (docs/desk.md, "The hands-free desk"): it reads your',
    '# mailbox, confirms when you reply "yes", sends reminders and video links.',
    "# [booking.inbox]",
    '# host = "imap.example.org"',
    '# username = "you@example.org"',
    '# password_env = "COACH_IMAP_PASSWORD"',
    "# [booking.smtp]",
    '# host = "smtp.example.org"',
    '# username = "you@example.org"',
    '# password_env = "COACH_SMTP_PASSWORD"',
)


# Commented out: the browser editor on the published site (docs/editor.md).
EDITOR_EXAMPLE = (
    "# The browser editor on your published site (docs/editor.md):",
    "# [editor]",
    '# repo = "your-github-name/your-site"',
    '# auth_url = "https://sveltia-cms-auth.YOUR-NAME.workers.dev"',
)


# Commented out: the look (docs/looks.md).
DESIGN_EXAMPLE = (
    "# How the site looks (docs/looks.md shows each look):",
    "# [design]",
    '# style = "calm"          # calm, warm or bold',
    '# accent = "#0b5c73"      # your colour for links and buttons',
)


def _table(values: dict[str, Any], name: str) -> str:
    """A table she wrote before init ([editor], [design]), kept as it was."""
    lines = ["", f"[{name}]", *(f"{key} = {_q(value)}" for key, value in values.items())]
    return "\n".join(lines) + "\n"


def session_slug(title: str) -> str:
    """The session's address from its whole title, transliterated:
    "Sesión de descubrimiento gratuita" -> "sesion-de-descubrimiento-gratuita"
    (/book/sesion-de-descubrimiento-gratuita/)."""
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify

    slug = slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])
    words = [w for w in slug.split("-") if w]
    return "-".join(words) if any(w.isalpha() for w in words) else "session"


def sample_files(content: Path) -> list[Path]:
    """The shipped sample files still as shipped (a file she changed is hers)."""
    found = []
    for line in MANIFEST.read_text(encoding="utf-8").splitlines():
        digest, _, relative = line.partition("  ")
        path = content / relative
        if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == digest:
            found.append(path)
    return found


def home_page(a: Answers) -> str:
    """The hidden page whose summary is the words under her tagline: her
    own introduction, or nothing (the tagline is printed once, above it)."""
    summary = f"Summary: {a.intro}\n" if a.intro else ""
    return f"Title: {a.name}\nSlug: home\nStatus: hidden\nSave_as:\n{summary}"


def apply(project: Path, a: Answers, say: Callable[[str], object] = print) -> None:
    """Write the coach's settings and pages into `project`; remove untouched samples."""
    content = project / "content"
    samples = sample_files(content) if a.remove_samples else []
    sample_names = {p.relative_to(content).as_posix() for p in samples}
    old = _old_settings(project)  # what of the current site.toml carries over
    podcast = ""
    if not a.remove_samples and (content / "podcast").is_dir() and "podcast" in old:
        podcast = "\n" + _podcast_table(old["podcast"])
    busy = [] if "calendars/busy.ics" in sample_names else _existing_busy(old, content)
    # The editor's repository is hers, not the sample's: it carries over.
    editor = _table(old["editor"], "editor") if isinstance(old.get("editor"), dict) else ""
    # So is the look she chose.
    design = _table(old["design"], "design") if isinstance(old.get("design"), dict) else ""
    text = site_toml(a, podcast=podcast, busy=busy, editor=editor, design=design)
    try:  # checked as the build will check it, before anything is changed
        from_tables(tomllib.loads(text))
    except ConfigError as error:
        raise InitError(str(error).splitlines()[0]) from None
    for path in samples:
        path.unlink()
        say(f"removed the sample {path.relative_to(project).as_posix()}")
    _remove_empty_folders(content)
    site = project / "site.toml"
    tmp = site.with_suffix(".toml.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(site)
    say("wrote site.toml")
    home = content / "pages/home.md"
    if not home.exists() or home in samples:
        home.parent.mkdir(parents=True, exist_ok=True)
        home.write_text(home_page(a), encoding="utf-8")
        say("wrote content/pages/home.md (the words under your tagline)")
    for note in a.notes:
        say(note)


def _old_settings(project: Path) -> dict[str, Any]:
    try:
        return tomllib.loads((project / "site.toml").read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}  # none yet, or one the answers now replace


def _existing_busy(old: dict[str, Any], content: Path) -> list[str]:
    return [p for p in old.get("booking", {}).get("busy_calendars", []) if (content / p).exists()]


def _podcast_table(podcast: dict[str, Any]) -> str:
    lines = ["[podcast]"]
    lines += [f"{key} = {_q(value)}" for key, value in podcast.items()]
    return "\n".join(lines) + "\n"


def _remove_empty_folders(content: Path) -> None:
    for folder in sorted((p for p in content.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    (content / "articles").mkdir(parents=True, exist_ok=True)
    (content / "pages").mkdir(parents=True, exist_ok=True)
