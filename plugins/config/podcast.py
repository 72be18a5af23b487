"""The [podcast] table of site.toml: the show's title, people, cover,
categories and subscribe links, checked into a frozen PodcastSettings.
Each post's own podcast fields are read by plugins.podcast.episode_fields.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..common.email_address import is_email_address
from .errors import ConfigError, setting_name
from .podcast_vocabulary import APPLE_CATEGORIES, PERSON_ROLES


class PodcastConfigError(ConfigError):
    """A bad value in [podcast] (or a file it points to)."""

    def __init__(self, field: str | None, problem: str) -> None:
        self.field = field
        ConfigError.__init__(self, setting_name("PODCAST", *([field] if field else [])), problem)


SHOW_TYPES = ("episodic", "serial")


COVER_SUFFIXES = (".png", ".jpg", ".jpeg")


_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class Category:
    name: str
    subcategory: str | None = None


@dataclass(frozen=True)
class Person:
    name: str
    role: str = "host"
    group: str = "cast"
    href: str | None = None


@dataclass(frozen=True)
class SubscribeLink:
    label: str
    url: str


@dataclass(frozen=True)
class PodcastSettings:
    title: str
    description: str
    author: str
    owner_name: str
    owner_email: str
    image: str
    language: str
    categories: tuple[Category, ...]
    explicit: bool = False
    show_type: str = "episodic"
    locked: bool = True
    guid: str | None = None
    copyright: str | None = None
    persons: tuple[Person, ...] = ()
    subscribe: tuple[SubscribeLink, ...] = ()
    feed_guest_appearances: bool = True


_SETTING_KEYS = frozenset(
    {
        "title",
        "description",
        "author",
        "owner_name",
        "owner_email",
        "image",
        "language",
        "categories",
        "explicit",
        "type",
        "locked",
        "guid",
        "copyright",
        "persons",
        "subscribe",
        "feed_guest_appearances",
    }
)


def load_settings(
    raw: object, *, site_name: str = "", author: str = "", language: str = ""
) -> PodcastSettings:
    """Validate the PODCAST dict; Pelican's SITENAME/AUTHOR/DEFAULT_LANG fill gaps."""
    if not isinstance(raw, Mapping):
        raise PodcastConfigError(None, "missing, or not a table; see docs/podcast.md")
    unknown = sorted(set(raw) - _SETTING_KEYS)
    if unknown:
        known = ", ".join(sorted(_SETTING_KEYS))
        raise PodcastConfigError(unknown[0], f"unknown key; known keys: {known}")

    def text(key: str, default: str | None = None) -> str:
        value = raw.get(key, default)
        if not isinstance(value, str) or not value.strip():
            raise PodcastConfigError(key, "must be a non-empty string")
        return value.strip()

    def flag(key: str, default: bool) -> bool:
        value = raw.get(key, default)
        if not isinstance(value, bool):
            raise PodcastConfigError(key, f"must be true or false, not {value!r}")
        return value

    author_name = text("author", author or None)
    email = text("owner_email")
    if not is_email_address(email):
        raise PodcastConfigError("owner_email", f"{email!r} is not an email address")
    image = content_path(raw.get("image"), COVER_SUFFIXES)
    if isinstance(image, Bad):
        raise PodcastConfigError("image", image.problem)
    lang = text("language", language or None)
    if not _LANGUAGE.match(lang):
        raise PodcastConfigError("language", f"{lang!r} is not a language code such as 'en-us'")
    show_type = raw.get("type", "episodic")
    if show_type not in SHOW_TYPES:
        raise PodcastConfigError("type", f"{show_type!r} is not one of {', '.join(SHOW_TYPES)}")
    guid = raw.get("guid")
    if guid is not None:
        try:
            guid = str(uuid.UUID(str(guid)))
        except ValueError:
            raise PodcastConfigError("guid", f"{guid!r} is not a UUID") from None
    copyright_ = raw.get("copyright")
    if copyright_ is not None and (not isinstance(copyright_, str) or not copyright_.strip()):
        raise PodcastConfigError("copyright", "must be a non-empty string when given")
    persons = raw.get("persons", ())
    if isinstance(persons, str) or not isinstance(persons, list | tuple):
        raise PodcastConfigError("persons", 'must be a list of "Name | role | url" strings')
    try:
        people = tuple(p for entry in persons for p in parse_persons(entry))
    except ValueError as err:
        raise PodcastConfigError("persons", str(err)) from None

    return PodcastSettings(
        title=text("title", site_name or None),
        description=text("description"),
        author=author_name,
        owner_name=text("owner_name", author_name),
        owner_email=email,
        image=image,
        language=lang.lower(),
        categories=_categories(raw.get("categories")),
        explicit=flag("explicit", False),
        show_type=show_type,
        locked=flag("locked", True),
        guid=guid,
        copyright=copyright_.strip() if copyright_ else None,
        persons=people,
        subscribe=_subscribe(raw.get("subscribe", ())),
        feed_guest_appearances=flag("feed_guest_appearances", True),
    )


def _categories(value: object) -> tuple[Category, ...]:
    if isinstance(value, str) or not isinstance(value, list | tuple) or not value:
        raise PodcastConfigError(
            "categories", 'must be a non-empty list such as ["Health & Fitness > Medicine"]'
        )
    result = []
    for entry in value:
        if not isinstance(entry, str):
            raise PodcastConfigError("categories", f"{entry!r} is not a string")
        name, _, sub = (part.strip() for part in entry.partition(">"))
        if name not in APPLE_CATEGORIES:
            raise PodcastConfigError("categories", f"{name!r} is not an Apple Podcasts category")
        if sub and sub not in APPLE_CATEGORIES[name]:
            raise PodcastConfigError(
                "categories", f"{sub!r} is not a subcategory of {name!r} on Apple Podcasts"
            )
        result.append(Category(name, sub or None))
    return tuple(result)


def _subscribe(value: object) -> tuple[SubscribeLink, ...]:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise PodcastConfigError("subscribe", 'must be a list of ("Label", "https://...") pairs')
    links = []
    for entry in value:
        pair = (entry.get("label"), entry.get("url")) if isinstance(entry, Mapping) else entry
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise PodcastConfigError("subscribe", f"{entry!r} is not a (label, url) pair")
        label, url = pair
        if not isinstance(label, str) or not label.strip():
            raise PodcastConfigError("subscribe", f"{entry!r} needs a label")
        if not is_web_url(url, https_only=True):
            raise PodcastConfigError("subscribe", f"{url!r} is not an https:// URL")
        links.append(SubscribeLink(label.strip(), url))
    return tuple(links)


def parse_persons(value: str) -> list[Person]:
    """``Name | role | url`` entries separated by ``;`` (role and url optional)."""
    people = []
    for entry in value.split(";"):
        if not entry.strip():
            continue
        parts = [part.strip() for part in entry.split("|")]
        if len(parts) > 3:
            raise ValueError(f"{entry.strip()!r} has more than 'Name | role | url'")
        name, role, href = [*parts, "", ""][:3]
        if not name or len(name) > 128:
            raise ValueError(f"{entry.strip()!r} needs a name of 1-128 characters")
        role = (role or "host").lower()
        if role not in PERSON_ROLES:
            known = ", ".join(sorted(PERSON_ROLES))
            raise ValueError(f"role {role!r} is not a Podcast Taxonomy role ({known})")
        if href and not is_web_url(href):
            raise ValueError(f"{href!r} is not an http(s) URL")
        people.append(Person(name, role, PERSON_ROLES[role], href or None))
    return people


@dataclass(frozen=True)
class Bad:
    problem: str


def content_path(value: object, suffixes: tuple[str, ...]) -> str | Bad:
    """A clean POSIX path relative to content/, or the reason it is not one."""
    if not isinstance(value, str) or not value.strip():
        return Bad("must be a path relative to content/, e.g. 'podcast/cover.png'")
    path = value.strip().replace("\\", "/")
    if path.startswith("/") or "://" in path:
        return Bad(f"{path!r} must be relative to content/ (no leading '/')")
    parts = [part for part in path.split("/") if part not in ("", ".")]
    if ".." in parts:
        return Bad(f"{path!r} must stay inside content/ (no '..')")
    if file_suffix(path) not in suffixes:
        return Bad(f"{path!r} should end in one of {', '.join(suffixes)}")
    return "/".join(parts)


def file_suffix(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


def is_web_url(value: object, *, https_only: bool = False) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    schemes = ("https",) if https_only else ("http", "https")
    return parts.scheme in schemes and bool(parts.netloc) and not any(c.isspace() for c in value)
