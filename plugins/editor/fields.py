"""The editor's forms: which files it edits and with which fields.

Field names are the metadata keys as Pelican's own `Key: value` files
spell them (`Title`, `Podcast_audio`), so a file the editor writes reads
like one written by hand. Labels and hints are our words, marked with
N_() for the catalogs and translated when config.yml is written; weekday
names come from CLDR. The coach's own words are never translated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..config import schema
from ..config.schema import WEEKDAYS, Key

WINDOW_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$"
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# What Babel reads as a language: en, fr, pt_BR, pt-BR, zh_Hant.
LANGUAGE_PATTERN = r"^[a-z]{2,3}([_-][A-Za-z0-9]{2,8})*$"
# Decap's datetime widget stores what Pelican's Date: line holds.
DATE_FORMAT = "YYYY-MM-DD HH:mm"
# Our Decap file format (static/pelican-format.js): Pelican's own
# `Key: value` lines, so the build reads editor files with its own reader.
FORMAT = "pelican-metadata"


def N_(message: str) -> str:
    return message


def _pattern(regex: str, message: str) -> list[str]:
    return [regex, message]


def _document_fields(_: Callable[[str], str]) -> list[dict]:
    return [
        {"name": "Title", "label": _(N_("Title")), "widget": "string"},
        {
            "name": "Date",
            "label": _(N_("Date")),
            "widget": "datetime",
            "format": DATE_FORMAT,
            "date_format": "YYYY-MM-DD",
            "time_format": "HH:mm",
        },
        {"name": "Category", "label": _(N_("Category")), "widget": "string"},
        {
            "name": "Tags",
            "label": _(N_("Tags")),
            "widget": "string",
            "required": False,
            "hint": _(N_("Separate tags with commas, e.g. career, leadership")),
        },
        {
            "name": "Summary",
            "label": _(N_("Summary")),
            "widget": "string",
            "required": False,
            "hint": _(N_("One or two sentences shown in lists and feeds")),
        },
    ]


def _address_fields(_: Callable[[str], str], languages: Sequence[tuple[str, str]]) -> list[dict]:
    """Slug, and Lang on a site in more than one language: a translation is
    a new entry with the same Slug and its own Lang (Pelican's own way)."""
    fields: list[dict] = [
        {
            "name": "Slug",
            "label": _(N_("Address name")),
            "widget": "string",
            "required": False,
            "hint": _(N_("The end of its address; a translation takes the same one")),
            "pattern": _pattern(SLUG_PATTERN, _(N_("Lowercase letters, digits and dashes only"))),
        }
    ]
    if len(languages) > 1:
        fields.append(
            {
                "name": "Lang",
                "label": _(N_("Language")),
                "widget": "select",
                "required": False,
                "hint": _(N_("Leave it empty for your site's own language")),
                "options": [{"label": name, "value": code} for code, name in languages[1:]],
            }
        )
    return fields


def _summary(languages: Sequence[tuple[str, str]]) -> dict:
    """Each entry's language beside its title in the list, when there are two."""
    if len(languages) < 2:
        return {}
    return {"summary": f"{{{{Title}}}} · {{{{Lang | default('{languages[0][0]}')}}}}"}


def home_file(code: str = "") -> str:
    """The home page's words under content/pages/: home.md, and its
    translation into `code` (a language other than the site's)."""
    return f"home-{code}.md" if code else "home.md"


def home_translation(code: str) -> str:
    """An empty translation of the home page's words: until she writes
    them, that language's home page shows the site's own (marked so)."""
    return f"Title: Home\nSlug: home\nLang: {code}\nStatus: hidden\nSave_as:\nSummary:\n\n"


def _with_default(fields: list[dict], name: str, value: str) -> list[dict]:
    return [{**f, "default": value} if f["name"] == name else f for f in fields]


def _body(_: Callable[[str], str]) -> dict:
    return {"name": "body", "label": _(N_("Text")), "widget": "markdown"}


def _field(_: Callable[[str], str], key: Key, **extra: object) -> dict:
    """A form field as the schema declares the key: label, widget, bounds,
    whether it is required."""
    assert key.label is not None, f"{key.name} has no editor label in the schema"
    field: dict = {"name": key.name, "label": _(key.label)}
    if key.kind in {"whole", "number"}:
        field |= {"widget": "number", "value_type": "int" if key.kind == "whole" else "float"}
        field["min"] = int(key.minimum or 0)
        if key.maximum is not None:
            field["max"] = int(key.maximum)
    else:
        field["widget"] = key.widget or "string"
    if key.hint:
        field["hint"] = _(key.hint)
    if not key.required:
        field["required"] = False
    return field | extra


def _words(
    _: Callable[[str], str], key: Key, languages: Sequence[tuple[str, str]], **extra: object
) -> dict:
    """A field for her words: on a site in several languages, one box per
    language (written as `title = { es = "...", en = "..." }`). A value she
    wrote once shows in every box (Decap's object widget passes a plain
    value to each of its fields): what the other language's pages show
    today, for her to overwrite."""
    field = _field(_, key, **extra)
    if len(languages) < 2:
        return field
    widget = field.pop("widget")
    rest = {k: v for k, v in field.items() if k not in {"name", "label", "required"}}
    return {
        "name": key.name,
        "label": field["label"],
        "widget": "object",
        "collapsed": False,
        **({"required": False} if not key.required else {}),
        "fields": [
            {
                "name": code,
                "label": language,
                "widget": widget,
                "required": key.required and i == 0,
                **rest,
            }
            for i, (code, language) in enumerate(languages)
        ],
    }


def _windows(
    _: Callable[[str], str],
    name: str,
    label: str,
    collapsed: bool | None = None,
    hint: str | None = None,
) -> dict:
    """A list of HH:MM-HH:MM time windows (a weekday's hours, a special day's)."""
    field: dict = {"name": name, "label": label, "widget": "list", "required": False}
    if collapsed is not None:
        field["collapsed"] = collapsed
    field["label_singular"] = _(N_("time window"))
    if hint:
        field["hint"] = hint
    field["field"] = {
        "name": "window",
        "label": _(N_("Hours")),
        "widget": "string",
        "pattern": _pattern(
            WINDOW_PATTERN,
            _(N_("Write a time window as 09:00-12:00 (24-hour clock, start before end)")),
        ),
    }
    return field


def _weekly_hours(_: Callable[[str], str], key: Key, day_names: dict[str, str]) -> dict:
    """A weekday's time windows each, as `mon = ["09:00-12:00"]`."""
    days = [
        _windows(
            _,
            day,
            day_names[day],
            # The hours in sight, not behind a click each.
            collapsed=False,
            hint=_(N_("One window per line, like 09:00-12:00; none: not available")),
        )
        for day in WEEKDAYS
    ]
    return {"name": key.name, "label": _(key.label), "widget": "object", "fields": days}


def _special_days(_: Callable[[str], str], key: Key) -> dict:
    """Written as [[...special_days]]: Decap's forms cannot use a date as a
    setting's name, as date_overrides does (which the editor keeps as it is)."""
    return {
        "name": key.name,
        "label": _(key.label),
        "label_singular": _(N_("special day")),
        "widget": "list",
        "required": False,
        "hint": _(
            N_("A date with no hours is a day off; with hours, they replace that weekday's hours")
        ),
        "fields": [
            {
                "name": "date",
                "label": _(N_("Date")),
                "widget": "datetime",
                "format": "YYYY-MM-DD",
                "date_format": "YYYY-MM-DD",
                "time_format": False,
                "picker_utc": True,
            },
            _windows(_, "hours", _(N_("Hours"))),
        ],
    }


def _texts(_: Callable[[str], str], key: Key, singular: str, item: dict) -> dict:
    """A list of texts (`busy_calendars = ["..."]`), one box each, in sight."""
    return _field(_, key, label_singular=_(singular), collapsed=False, field=item)


def _program(
    _: Callable[[str], str],
    *,
    content: str,
    day_names: dict[str, str],
    zones: list[str],
    languages: Sequence[tuple[str, str]],
) -> dict:
    """[[coaches]]: a program's coaches, each with her own zone and hours."""
    coach = schema.COACHES
    fields = [
        _field(
            _,
            coach["slug"],
            pattern=_pattern(SLUG_PATTERN, _(N_("Lowercase letters, digits and dashes only"))),
        ),
        _field(_, coach["name"]),
        _field(_, coach["email"]),
        _field(_, coach["timezone"], options=zones),
        _weekly_hours(_, coach["weekly_hours"], day_names),
        _special_days(_, coach["special_days"]),
        _texts(
            _,
            coach["busy_calendars"],
            N_("busy calendar"),
            {"name": "calendar", "label": _(N_("Busy calendar")), "widget": "string"},
        ),
        _field(_, coach["credentials"]),
        # A path under content/ (images/amara.jpg), as she would write it.
        _field(
            _,
            coach["photo"],
            media_folder=f"/{content}/images",
            public_folder="images",
            choose_url=False,
        ),
        _words(_, coach["photo_alt"], languages),
        _words(_, coach["bio"], languages),
        _texts(
            _,
            coach["languages"],
            N_("language"),
            {
                "name": "language",
                "label": _(N_("Language")),
                "widget": "string",
                "pattern": _pattern(
                    LANGUAGE_PATTERN, _(N_("A language code like en, fr or pt_BR"))
                ),
            },
        ),
        # Her share must be more than nothing.
        _field(_, coach["weight"], min=0.1),
        _field(_, coach["priority"]),
    ]
    return {
        "name": coach.path,
        "label": _(N_("Coaches")),
        "label_singular": _(N_("team member")),
        "widget": "list",
        "summary": "{{fields.name}}",
        "fields": fields,
    }


def _given_by(_: Callable[[str], str], coaches: Sequence[tuple[str, str]]) -> list[dict]:
    """A program's session: which coaches give it, and how."""
    return [
        _field(
            _,
            schema.SESSION["coaches"],
            multiple=True,
            options=[{"label": name, "value": slug} for slug, name in coaches],
        ),
        _field(
            _,
            schema.SESSION["assign"],
            options=[
                {"label": _(N_("One of them, whoever is free")), "value": "any"},
                {"label": _(N_("All of them together")), "value": "all"},
            ],
            default=schema.SESSION.default("assign"),
        ),
    ]


def collections(
    _: Callable[[str], str],
    *,
    content: str,
    day_names: dict[str, str],
    zones: list[str],
    settings_file: str,
    languages: Sequence[tuple[str, str]] = (),
    coaches: Sequence[tuple[str, str]] = (),
) -> list[dict]:
    """Decap's `collections`, folders relative to the repository root.
    `languages`: (code, name) of the site's languages, its own first.
    `coaches`: (slug, name) of a program's [[coaches]]; none on a one-coach
    site. A program's form has its coaches, each with her own hours, and
    no [booking] hours (which it would refuse); its sessions say who
    gives them."""
    articles = {
        "name": "articles",
        "label": _(N_("Articles")),
        "label_singular": _(N_("Article")),
        "folder": f"{content}/articles",
        "create": True,
        "extension": "md",
        "format": FORMAT,
        "identifier_field": "Title",
        "slug": "{{slug}}",
        **_summary(languages),
        "fields": [*_document_fields(_), *_address_fields(_, languages), _body(_)],
    }
    podcast = {
        "name": "podcast",
        "label": _(N_("Podcast episodes")),
        "label_singular": _(N_("Podcast episode")),
        "folder": f"{content}/podcast",
        "create": True,
        "extension": "md",
        "format": FORMAT,
        "identifier_field": "Title",
        "slug": "{{slug}}",
        # Where the podcast plugin looks for audio (Podcast_audio is a path
        # under content/); an upload lands there and the field gets its path.
        "media_folder": f"/{content}/podcast/audio",
        "public_folder": "podcast/audio",
        "fields": [
            *_with_default(_document_fields(_), "Category", _(N_("Podcast"))),
            {
                "name": "Podcast_audio",
                "label": _(N_("Audio file")),
                "widget": "file",
                "hint": _(N_("MP3 or M4A; size and length are read from the file")),
                "choose_url": False,
            },
            {
                "name": "Podcast_episode",
                "label": _(N_("Episode number")),
                "widget": "string",
                "required": False,
                "pattern": _pattern(r"^[0-9]*$", _(N_("A whole number, e.g. 3"))),
            },
            {
                "name": "Podcast_type",
                "label": _(N_("Episode type")),
                "widget": "select",
                "options": [
                    {"label": _(N_("Full episode")), "value": "full"},
                    {"label": _(N_("Trailer")), "value": "trailer"},
                    {"label": _(N_("Bonus")), "value": "bonus"},
                ],
                "default": "full",
            },
            {
                "name": "Podcast_explicit",
                "label": _(N_("Explicit content")),
                "widget": "select",
                "options": [
                    {"label": _(N_("No")), "value": "false"},
                    {"label": _(N_("Yes")), "value": "true"},
                ],
                "default": "false",
            },
            _body(_),
        ],
    }
    pages = {
        "name": "pages",
        "label": _(N_("Pages")),
        "label_singular": _(N_("Page")),
        "folder": f"{content}/pages",
        "create": True,
        "extension": "md",
        "format": FORMAT,
        "identifier_field": "Title",
        "slug": "{{slug}}",
        **_summary(languages),
        "fields": [
            {"name": "Title", "label": _(N_("Title")), "widget": "string"},
            {
                "name": "Summary",
                "label": _(N_("Summary")),
                "widget": "string",
                "required": False,
            },
            *_address_fields(_, languages),
            _body(_),
        ],
    }
    testimonials = {
        "name": "testimonials",
        "label": _(N_("Testimonials")),
        "label_singular": _(N_("Testimonial")),
        "folder": f"{content}/testimonials",
        "create": True,
        "extension": "md",
        "format": FORMAT,
        "identifier_field": "Author",
        "slug": "{{slug}}",
        "media_folder": f"/{content}/images",
        "public_folder": "images",
        **(
            {"summary": f"{{{{Author}}}} · {{{{Lang | default('{languages[0][0]}')}}}}"}
            if len(languages) > 1
            else {}
        ),
        "fields": [
            {
                "name": "Author",
                "label": _(N_("Client's name")),
                "widget": "string",
                "hint": _(N_("As the client agreed to have it shown, e.g. Anna K.")),
            },
            {"name": "Role", "label": _(N_("Role")), "widget": "string", "required": False},
            {
                "name": "Photo",
                "label": _(N_("Photo")),
                "widget": "image",
                "required": False,
                "choose_url": False,
            },
            {
                "name": "Sessions",
                "label": _(N_("Also on these sessions' pages")),
                "widget": "string",
                "required": False,
                "hint": _(N_("Their address names, separated by commas, e.g. discovery")),
            },
            *_address_fields(_, languages)[1:],
            {"name": "body", "label": _(N_("The client's words")), "widget": "markdown"},
        ],
    }
    session = [
        _field(
            _,
            schema.SESSION["slug"],
            pattern=_pattern(SLUG_PATTERN, _(N_("Lowercase letters, digits and dashes only"))),
        ),
        _words(_, schema.SESSION["title"], languages),
        _field(_, schema.SESSION["duration_minutes"]),
        *(_words(_, schema.SESSION[name], languages) for name in ("description", "location")),
        _field(_, schema.SESSION["price"]),
        _field(_, schema.SESSION["max_per_day"]),
        *(_given_by(_, coaches) if coaches else ()),
    ]
    # A program's hours are each coach's own: [booking] has none.
    hours = (
        []
        if coaches
        else [
            _weekly_hours(_, schema.BOOKING["weekly_hours"], day_names),
            _special_days(_, schema.BOOKING["special_days"]),
        ]
    )
    booking = {
        "name": "booking",
        "label": _(N_("Booking")),
        "widget": "object",
        "collapsed": False,
        "fields": [
            *hours,
            *(_field(_, key) for key in schema.SESSION_DEFAULTS if key.name != "max_per_day"),
            {
                "name": "sessions",
                "label": _(N_("Sessions")),
                "label_singular": _(N_("Session")),
                "widget": "list",
                "fields": session,
            },
        ],
    }
    coach = {
        "name": "coach",
        "label": _(N_("About you")),
        "widget": "object",
        "fields": [
            _field(_, schema.COACH["name"], required=True),
            _words(_, schema.COACH["tagline"], languages),
            _field(_, schema.COACH["email"], required=True),
            _field(_, schema.COACH["timezone"], options=zones, required=True),
        ],
    }
    # The home page's words, and on a bilingual site their translations
    # (home-en.md: Slug home, Lang en; `invoke edit` starts them empty).
    design = {
        "name": "design",
        "label": _(N_("Look")),
        "widget": "object",
        "required": False,
        "fields": [
            _field(
                _,
                schema.DESIGN["style"],
                options=list(schema.DESIGN["style"].choices),
                default=schema.DESIGN.default("style"),
            ),
            _field(
                _,
                schema.DESIGN["accent"],
                pattern=_pattern(r"^#[0-9a-fA-F]{6}$", _(N_("A colour like #0b5c73"))),
            ),
        ],
    }
    homes = [
        {
            "label": _(N_("Home page")) + (f" ({name})" if len(languages) > 1 else ""),
            "name": "home-page" if i == 0 else f"home-page-{code}",
            "file": f"{content}/pages/{home_file(code if i else '')}",
            "fields": [
                {"name": "Title", "widget": "hidden"},
                {"name": "Slug", "widget": "hidden"},
                *([{"name": "Lang", "widget": "hidden"}] if i else []),
                {"name": "Status", "widget": "hidden"},
                {"name": "Save_as", "widget": "hidden", "required": False},
                {
                    "name": "Summary",
                    "label": _(N_("The words under your tagline")),
                    "widget": "text",
                    "required": i == 0,
                },
                {**_body(_), "required": i == 0},
            ],
        }
        for i, (code, name) in enumerate(languages or [("", "")])
    ]
    program = (
        [_program(_, content=content, day_names=day_names, zones=zones, languages=languages)]
        if coaches
        else []
    )
    settings = {
        "label": _(N_("Hours, sessions and details")),
        "name": "settings",
        "file": settings_file,
        "description": _(
            N_(
                "Saving from your computer keeps the notes in site.toml (lines starting "
                "with #); saving on the published site does not. Settings not shown here "
                "are kept as they are"
            )
        ),
        "fields": [coach, *program, booking, design],
    }
    # Two collections of one file each: Decap reads `format` per collection.
    return [
        articles,
        podcast,
        pages,
        testimonials,
        {"name": "home", "label": _(N_("Home page")), "files": homes, "format": FORMAT},
        {"name": "site", "label": _(N_("Your site")), "files": [settings], "format": "toml"},
    ]
