"""[coach]: who the site is about, checked before any page uses it: every
page prints it, some of it into attributes and links.

A bad value stops the build with one line naming the key: the email must
follow the project's one email rule (no `?cc=` riding along into mailto:
links), social links must be https:// (or http://, mailto:) addresses, and
the photo a plain path under content/, so nothing typed here can turn into
script or markup on the site.

On a site in several languages, the words a visitor reads (tagline, photo
description, job title, location, disclaimer) may be given per language:
`tagline = { es = "...", en = "..." }`; `Coach.in_language()` gives a
language's edition.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..common.zones import iana_zones, unknown_zone
from . import schema, validate
from .errors import ConfigError, setting_name
from .words import Collector, InLanguage, Words

TEXT_KEYS = ("name", "credentials")
PER_LANGUAGE = ("tagline", "photo_alt", "job_title", "location", "disclaimer")
KEYS = set(schema.COACH.names)
_PATH = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")


def name(*keys: str | int) -> str:
    return setting_name("COACH", *keys)


@dataclass(frozen=True)
class Coach(InLanguage):
    """What the templates print as COACH.name, COACH.social, ...: empty text
    for what she left out, so a template tests it with a plain `if`."""

    name: str = ""
    credentials: str = ""
    tagline: str = ""
    photo: str = ""
    photo_alt: str = ""
    email: str = ""
    location: str = ""
    timezone: str = ""
    job_title: str = ""
    disclaimer: str = ""
    social: tuple[tuple[str, str], ...] = ()
    words: Words = ()  # PER_LANGUAGE keys in the site's other languages

    def get(self, key: str, default: object = None) -> object:
        """Dict-style reading, for code written against the COACH dict."""
        return getattr(self, key, default) or default


def parse_coach(raw: object, languages: tuple[str, ...] = ()) -> Coach:
    """[coach] (or a COACH dict) -> Coach; ConfigError for the first bad value.
    `languages`: the site's, its own first (per-language words need them)."""
    if raw is None:
        return Coach()
    if isinstance(raw, Coach):
        return raw
    if not isinstance(raw, Mapping):
        raise ConfigError("[coach]", 'must be a table like name = "...", email = "..."')
    validate.known_keys(raw, KEYS, name)
    texts = {key: validate.text(raw[key], name(key)) for key in TEXT_KEYS if key in raw}
    words = Collector(languages)
    texts |= {key: words(key, raw[key], name(key)) for key in PER_LANGUAGE if key in raw}
    if "email" in raw:
        validate.email(raw["email"], name("email"))
    if "timezone" in raw and raw["timezone"] not in iana_zones():
        raise ConfigError(name("timezone"), unknown_zone(raw["timezone"]))
    if "photo" in raw:
        photo = validate.text(raw["photo"], name("photo"))
        if not _PATH.fullmatch(photo) or ".." in photo.split("/"):
            raise ConfigError(
                name("photo"),
                f"{photo!r} must be a path under content/ like images/portrait.jpg "
                "(letters, digits, dots, dashes and slashes)",
            )
    social = []
    for i, link in enumerate(raw.get("social") or ()):
        if isinstance(link, Mapping) and set(link) == {"label", "url"}:
            link = (link["label"], link["url"])
        if not isinstance(link, list | tuple) or len(link) != 2:
            raise ConfigError(
                name("social", i), 'must be like { label = "LinkedIn", url = "https://..." }'
            )
        label = validate.text(link[0], name("social", i, "label"))
        url = validate.text(link[1], name("social", i, "url"))
        try:
            parts = urlsplit(url)
            web = parts.scheme in {"https", "http"} and bool(parts.hostname)
        except ValueError:
            web = False
        mail = url.startswith("mailto:") and validate.email(url[7:], name("social", i, "url"))
        if not (web or mail) or any(c in url for c in "\"'<> "):
            raise ConfigError(
                name("social", i, "url"), f"{url!r} must be an https:// address (or mailto:)"
            )
        social.append((label, url))
    return Coach(
        **texts,
        photo=raw.get("photo", "").strip(),
        email=raw.get("email", "").strip(),
        timezone=raw.get("timezone", ""),
        social=tuple(social),
        words=tuple(words.words),
    )
