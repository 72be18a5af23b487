"""[[coaches]]: a coaching program's coaches, each with her own zone, hours,
busy calendars and rules.

A site without [[coaches]] is the one-coach site ([coach] and [booking]
weekly_hours). With it, each coach's free times are computed in her own
zone from her own hours (plugins.booking.plan), and the program's sessions
combine them. Errors name the coach's entry as she wrote it:
`[[coaches]] item 2, weekly_hours.mon, item 1: "17:00-09:00" ends before it
starts`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError

from . import schema, validate
from .errors import ConfigError, setting_name
from .hours import Hours, Namer, a_day, busy_list, timezone, weekly_and_overrides
from .words import Collector, InLanguage, Words

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_PATH = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")
PER_LANGUAGE = ("bio", "photo_alt")
RULES = tuple(key.name for key in schema.COACH_RULES)
MAX_COACHES = 500


@dataclass(frozen=True)
class TeamCoach(InLanguage):
    slug: str
    name: str
    email: str
    timezone: str
    hours: Hours
    busy_calendars: tuple[str, ...] = ()
    credentials: str = ""
    photo: str = ""
    photo_alt: str = ""
    bio: str = ""
    languages: tuple[str, ...] = ()  # language codes she coaches in
    weight: float = 1
    priority: int = 0
    joined: date | None = None
    # Her own minimum_notice_hours, buffers and max_per_day, over the session's.
    rules: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    index: int = 0  # her place in [[coaches]], for naming her settings
    words: Words = ()

    def __reduce__(self) -> tuple:
        # Pickled with the build's settings; a mappingproxy cannot be.
        fields = {f: getattr(self, f) for f in self.__dataclass_fields__}
        fields["rules"] = dict(self.rules)
        return (_rebuilt, (fields,))

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def namer(self) -> Namer:
        """Names one of her keys: [[coaches]] item 2, busy_calendars, item 1."""
        return lambda *keys: setting_name("COACHES", self.index, *keys)


def _rebuilt(fields: dict) -> TeamCoach:
    return TeamCoach(**{**fields, "rules": MappingProxyType(fields["rules"])})


def parse_coaches(raw: object, languages: tuple[str, ...] = ()) -> tuple[TeamCoach, ...]:
    """[[coaches]] (or a COACHES list) -> TeamCoach tuple; () when absent."""
    if raw is None:
        return ()
    if not isinstance(raw, list | tuple):
        raise ConfigError("[[coaches]]", "write each coach as [[coaches]] with slug, name, ...")
    if len(raw) > MAX_COACHES:
        raise ConfigError("[[coaches]]", f"at most {MAX_COACHES} coaches, not {len(raw)}")
    coaches: list[TeamCoach] = []
    for i, entry in enumerate(raw):
        coach = _coach(entry, i, languages)
        for other in coaches:
            if other.slug == coach.slug:
                raise ConfigError(
                    setting_name("COACHES", i, "slug"),
                    f'"{coach.slug}" is the slug of coach {other.index + 1} too',
                )
        coaches.append(coach)
    return tuple(coaches)


def stand_ins(raw: object) -> tuple[TeamCoach, ...]:
    """For [[coaches]] that have their own error lines: the sessions are
    still checked against the slugs she wrote (the load fails anyway)."""
    entries = raw if isinstance(raw, list | tuple) else []
    hours = Hours(weekly=((),) * 7, overrides={})
    return tuple(
        TeamCoach(e["slug"], e["slug"], "coach@example.org", "UTC", hours, index=i)
        for i, e in enumerate(entries)
        if isinstance(e, Mapping) and isinstance(e.get("slug"), str)
    )


def _coach(raw: object, i: int, languages: tuple[str, ...]) -> TeamCoach:
    def name(*keys: str | int) -> str:
        return setting_name("COACHES", i, *keys)

    if not isinstance(raw, Mapping):
        raise ConfigError(name(), "must be a table: slug, name, email, timezone, weekly_hours")
    validate.known_keys(raw, schema.COACHES.names, name)
    raw = _given(raw)
    slug = validate.text(validate.required(raw, "slug", name("slug")), name("slug"))
    if not _SLUG.fullmatch(slug):
        raise ConfigError(name("slug"), f'"{slug}" must be lowercase letters, digits and dashes')
    words = Collector(languages)
    texts = {
        key: words(key, raw[key], name(key), multiline=key == "bio")
        for key in PER_LANGUAGE
        if key in raw
    }
    return TeamCoach(
        slug=slug,
        name=validate.text(validate.required(raw, "name", name("name")), name("name")),
        email=validate.email(validate.required(raw, "email", name("email")), name("email")),
        timezone=timezone(validate.required(raw, "timezone", name("timezone")), name),
        hours=weekly_and_overrides(raw, name),
        busy_calendars=busy_list(raw.get("busy_calendars", []), name),
        credentials=validate.text(raw["credentials"], name("credentials"))
        if "credentials" in raw
        else "",
        photo=_photo(raw.get("photo"), name),
        languages=_languages(raw.get("languages", []), name),
        weight=validate.number(
            raw.get("weight", 1),
            name("weight"),
            positive=True,
            maximum=schema.COACHES["weight"].maximum,
        ),
        priority=_priority(raw.get("priority", 0), name),
        joined=a_day(raw["joined"], ("joined",), name) if "joined" in raw else None,
        rules=MappingProxyType(_rules(raw, name)),
        index=i,
        words=tuple(words.words),
        **texts,
    )


def _given(raw: Mapping) -> dict:
    """Her entry without what a form left empty: the browser editor writes
    a cleared box (a text, a number, a removed photo, a language's box of
    her bio) as "", which means "not given" here, as if she had left the
    line out. A required key keeps its "" and is refused by name."""
    given = {}
    for key, value in raw.items():
        if key in PER_LANGUAGE and isinstance(value, Mapping):
            value = {lang: text for lang, text in value.items() if text != ""}
            if not value:
                continue
        if value == "" and not schema.COACHES[key].required:
            continue
        given[key] = value
    return given


def _photo(value: object, name: Namer) -> str:
    if value is None:
        return ""
    photo = validate.text(value, name("photo"))
    if not _PATH.fullmatch(photo) or ".." in photo.split("/"):
        raise ConfigError(
            name("photo"), f"{photo!r} must be a path under content/ like images/amara.jpg"
        )
    return photo


def _languages(value: object, name: Namer) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise ConfigError(name("languages"), f'must be a list like ["en", "fr"], not {value!r}')
    codes = []
    for j, code in enumerate(value):
        text = validate.text(code, name("languages", j))
        try:
            Locale.parse(text.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            raise ConfigError(
                name("languages", j), f"{text!r} is not a language code like en, fr or pt_BR"
            ) from None
        codes.append(text)
    return tuple(codes)


def _priority(value: object, name: Namer) -> int:
    declared = schema.COACHES["priority"]
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not declared.minimum <= value <= declared.maximum
    ):
        raise ConfigError(name("priority"), f"must be a whole number like 0 or 1, not {value!r}")
    return value


def _rules(raw: Mapping, name: Namer) -> dict[str, Any]:
    rules = {}
    for key in RULES:
        if key in raw:
            declared = schema.COACHES[key]
            whole = declared.kind == "whole"
            rules[key] = validate.number(
                raw[key],
                name(key),
                positive=key == "max_per_day",
                whole=whole,
                maximum=declared.maximum,
            )
    return rules
