"""What the coaches index and each coach's profile show, as plain dicts in
one language.

Paths are relative to the site root without a leading slash, like the
booking views' (`coaches/amara/`, `fr/coaches/amara/`). A coach's sessions
come from the booking views of the same language (plugins/booking/views.py):
a client books her alone through each view whose `coach` is she (her
edition `<session>-with-<slug>` of an "any" session, or a session she alone
gives), and meets her with others in each "all" session whose `together`
names her. Her email, hours and busy calendars are never part of a view.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from babel import Locale
from babel.lists import format_list

from ..common.language import Language, plain_spaces
from ..config.coaches import TeamCoach

FOLDER = "coaches"
# A card's bio: her first sentence, cut at a word when longer than this.
SUMMARY_LIMIT = 160
_SENTENCE = re.compile(r".+?[.!?…。！？](?=\s|$)", re.S)
_BLANK_LINE = re.compile(r"\n\s*\n")
# What a profile shows of a session (the booking view holds much more).
SESSION_KEYS = (
    "slug",
    "title",
    "duration_minutes",
    "price_label",
    "description",
    "location",
    "url",
)


def index_url(prefix: str = "") -> str:
    return f"{prefix}{FOLDER}/"


def profile_url(slug: str, prefix: str = "") -> str:
    """The same address the booking views give her (`coach.url`)."""
    return f"{prefix}{FOLDER}/{slug}/"


def paragraphs(text: str) -> list[str]:
    """Her bio as paragraphs: a blank line starts the next one."""
    return [" ".join(part.split()) for part in _BLANK_LINE.split(text.strip()) if part.strip()]


def summary(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """Her bio's first sentence, at most `limit` characters (cut at a word, "…")."""
    first = next(iter(paragraphs(text)), "")
    found = _SENTENCE.match(first)
    sentence = found.group(0) if found else first
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut}…"


def spoken(codes: Iterable[str], locale: Locale) -> list[dict[str, str]]:
    """The languages she coaches in, named in `locale`'s language:
    [{"tag": "pt-BR", "name": "Brazilian Portuguese"}]."""
    names = locale.languages
    found = []
    for code in codes:
        own = Locale.parse(code.replace("-", "_"))  # checked by plugins.config.coaches
        key = str(own)
        name = names.get(key) or own.get_display_name(locale) or key
        found.append({"tag": key.replace("_", "-"), "name": name})
    return found


def _session(view: Mapping[str, Any]) -> dict[str, Any]:
    return {key: view[key] for key in SESSION_KEYS}


def booked_with(slug: str, sessions: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The sessions a client books with her alone, in the booking's order."""
    return [_session(v) for v in sessions if (v.get("coach") or {}).get("slug") == slug]


def together_with(slug: str, sessions: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The "all" sessions she gives with others; `others`: their {slug, name, url}."""
    return [
        {**_session(v), "others": [c for c in v["together"] if c["slug"] != slug]}
        for v in sessions
        if any(c["slug"] == slug for c in v.get("together") or ())
    ]


def coach_view(
    coach: TeamCoach, lang: Language, prefix: str, sessions: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """One coach in `lang` (her bio and photo description as she wrote them
    in it, else in the site's language). `sessions`: that language's booking
    views ([] without booking)."""
    own = coach.in_language(lang.code)
    languages = spoken(own.languages, lang.locale)
    names = [language["name"] for language in languages]
    return {
        "slug": own.slug,
        "name": own.name,
        "credentials": own.credentials,
        "photo": own.photo,
        "photo_alt": own.photo_alt,
        "bio": paragraphs(own.bio),
        "summary": summary(own.bio),
        "languages": languages,
        "languages_label": plain_spaces(format_list(names, locale=lang.locale)) if names else "",
        "url": profile_url(own.slug, prefix),
        "index_url": index_url(prefix),
        "sessions": booked_with(own.slug, sessions),
        "together": together_with(own.slug, sessions),
    }


def coaches_view(
    coaches: Iterable[TeamCoach],
    lang: Language,
    prefix: str = "",
    sessions: Sequence[Mapping[str, Any]] = (),
) -> list[dict[str, Any]]:
    """Every coach in [[coaches]] order, in `lang`."""
    return [coach_view(coach, lang, prefix, sessions) for coach in coaches]
