"""Validate the PODCAST setting and each post's podcast fields into frozen
dataclasses. Every configuration error of the plugin is raised here, with
the setting key or the post's file and field in the message.

Episode fields (Markdown metadata; Pelican lower-cases the keys, so any
capitalisation works):

=====================  =============================================================
``Podcast_audio``      required: a path under ``content/`` (``podcast/audio/ep1.mp3``)
                       or an ``https://`` URL; its presence makes a post an episode
``Podcast_length``     size in bytes; required for a URL (read from a local file)
``Podcast_duration``   seconds, ``MM:SS`` or ``HH:MM:SS``; required for a URL
``Podcast_episode``    episode number (whole number >= 1)
``Podcast_season``     season number (whole number >= 1)
``Podcast_type``       ``full`` (default), ``trailer`` or ``bonus``
``Podcast_explicit``   ``true``/``false`` (``yes``/``no``); default: the show's
``Podcast_transcript`` a ``.vtt``, ``.srt`` or ``.html`` file under ``content/``
``Podcast_chapters``   a Podcasting 2.0 JSON chapters file under ``content/``
``Podcast_person``     ``Name | role | https://link``; several people either on
                       repeated ``Podcast_person:`` lines or separated by ``;``.
                       Role defaults to ``host``; roles come from the Podcast
                       Taxonomy (host, co-host, guest, producer...). When given,
                       these replace the show's people for this episode, so list
                       the host too.
``Podcast_show``       for a guest appearance: the other show's name ...
``Podcast_show_url``   ... and that episode's page on the show's site (required together)
``Podcast_guid``       keep an episode's guid from a previous host (default: derived
                       from the show's guid and the post's slug, never changes)
=====================  =============================================================
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..common.email_address import is_email_address
from .errors import EpisodeError, PodcastConfigError
from .vocabulary import APPLE_CATEGORIES, PERSON_ROLES

EPISODE_TYPES = ("full", "trailer", "bonus")
SHOW_TYPES = ("episodic", "serial")
AUDIO_MIME = {
    ".mp3": "audio/mpeg",
    ".m4a": "audio/x-m4a",
    ".aac": "audio/aac",
    ".ogg": "audio/ogg",
    ".oga": "audio/ogg",
    ".opus": "audio/ogg",
}
TRANSCRIPT_SUFFIXES = (".vtt", ".srt", ".html", ".htm")
COVER_SUFFIXES = (".png", ".jpg", ".jpeg")

_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_DIGITS = re.compile(r"[0-9]+")
_TRUE = ("true", "yes")
_FALSE = ("false", "no")


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


@dataclass(frozen=True)
class EpisodeSpec:
    """What a post declares; files are not looked at yet (see episodes.py)."""

    source: str
    audio: str
    remote: bool
    mime: str
    length: int | None = None
    duration: int | None = None
    episode: int | None = None
    season: int | None = None
    episode_type: str = "full"
    explicit: bool | None = None
    transcript: str | None = None
    chapters: str | None = None
    persons: tuple[Person, ...] = ()
    show: str | None = None
    show_url: str | None = None
    guid: str | None = None


# --- the PODCAST setting ------------------------------------------------------

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
        raise PodcastConfigError(None, "missing or not a dict; see docs/podcast.md")
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
            raise PodcastConfigError(key, f"must be True or False, not {value!r}")
        return value

    author_name = text("author", author or None)
    email = text("owner_email")
    if not is_email_address(email):
        raise PodcastConfigError("owner_email", f"{email!r} is not an email address")
    image = _content_path(raw.get("image"), COVER_SUFFIXES)
    if isinstance(image, _Bad):
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
        if not _is_web_url(url, https_only=True):
            raise PodcastConfigError("subscribe", f"{url!r} is not an https:// URL")
        links.append(SubscribeLink(label.strip(), url))
    return tuple(links)


# --- one post's fields --------------------------------------------------------

_EPISODE_KEYS = frozenset(
    {
        "audio",
        "length",
        "duration",
        "episode",
        "season",
        "type",
        "explicit",
        "transcript",
        "chapters",
        "person",
        "show",
        "show_url",
        "guid",
    }
)


def field_name(key: str) -> str:
    """The spelling the docs use, whatever case the author typed."""
    return "Podcast_" + key


def parse_episode(source: str, metadata: Mapping[str, object]) -> EpisodeSpec | None:
    """The post's podcast fields, or None when it has none (an ordinary article)."""
    fields = {
        key[len("podcast_") :].lower(): value
        for key, value in metadata.items()
        if key.lower().startswith("podcast_")
    }
    if not fields:
        return None

    def fail(key: str, problem: str) -> EpisodeError:
        return EpisodeError(source, field_name(key), problem)

    unknown = sorted(set(fields) - _EPISODE_KEYS)
    if unknown:
        raise fail(unknown[0], "unknown podcast field (see docs/podcast.md)")

    def single(key: str) -> str | None:
        value = fields.get(key)
        if value is None:
            return None
        if isinstance(value, list | tuple):
            raise fail(key, "given more than once")
        value = str(value).strip()
        if not value:
            raise fail(key, "is empty")
        return value

    def whole(key: str, minimum: int) -> int | None:
        value = single(key)
        if value is None:
            return None
        if not _DIGITS.fullmatch(value) or int(value) < minimum:
            raise fail(key, f"{value!r} is not a whole number >= {minimum}")
        return int(value)

    audio = single("audio")
    if audio is None:
        raise fail("audio", "missing: every post with podcast fields needs its audio file")
    remote = "://" in audio
    if remote:
        if not _is_web_url(audio, https_only=True):
            raise fail("audio", f"{audio!r} must be a path under content/ or an https:// URL")
        suffix = _suffix(urlsplit(audio).path)
    else:
        checked = _content_path(audio, tuple(AUDIO_MIME))
        if isinstance(checked, _Bad):
            raise fail("audio", checked.problem)
        audio, suffix = checked, _suffix(checked)
    if suffix not in AUDIO_MIME:
        raise fail("audio", f"{audio!r} should end in one of {', '.join(AUDIO_MIME)}")

    length = whole("length", 1)
    duration_text = single("duration")
    duration = None
    if duration_text is not None:
        duration = parse_duration(duration_text)
        if duration is None:
            raise fail("duration", f"{duration_text!r} is not seconds, MM:SS or HH:MM:SS")
    if remote and length is None:
        raise fail("length", "required for remote audio: the file's exact size in bytes")
    if remote and duration is None:
        raise fail("duration", "required for remote audio: seconds or HH:MM:SS")

    episode_type = (single("type") or "full").lower()
    if episode_type not in EPISODE_TYPES:
        raise fail("type", f"{episode_type!r} is not one of {', '.join(EPISODE_TYPES)}")

    explicit_text = single("explicit")
    explicit = None
    if explicit_text is not None:
        if explicit_text.lower() not in _TRUE + _FALSE:
            raise fail("explicit", f"{explicit_text!r} is not true or false")
        explicit = explicit_text.lower() in _TRUE

    transcript = single("transcript")
    if transcript is not None:
        checked = _content_path(transcript, TRANSCRIPT_SUFFIXES)
        if isinstance(checked, _Bad):
            raise fail("transcript", checked.problem)
        transcript = checked
    chapters = single("chapters")
    if chapters is not None:
        checked = _content_path(chapters, (".json",))
        if isinstance(checked, _Bad):
            raise fail("chapters", checked.problem)
        chapters = checked

    raw_people = fields.get("person") or []
    if isinstance(raw_people, str):
        raw_people = [raw_people]
    try:
        persons = tuple(p for entry in raw_people for p in parse_persons(str(entry)))
    except ValueError as err:
        raise fail("person", str(err)) from None

    show, show_url = single("show"), single("show_url")
    if show_url is not None and not _is_web_url(show_url):
        raise fail("show_url", f"{show_url!r} is not an http(s) URL")
    if (show is None) != (show_url is None):
        missing = "show_url" if show_url is None else "show"
        raise fail(missing, "a guest appearance needs both Podcast_show and Podcast_show_url")

    return EpisodeSpec(
        source=source,
        audio=audio,
        remote=remote,
        mime=AUDIO_MIME[suffix],
        length=length,
        duration=duration,
        episode=whole("episode", 1),
        season=whole("season", 1),
        episode_type=episode_type,
        explicit=explicit,
        transcript=transcript,
        chapters=chapters,
        persons=persons,
        show=show,
        show_url=show_url,
        guid=single("guid"),
    )


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
        if href and not _is_web_url(href):
            raise ValueError(f"{href!r} is not an http(s) URL")
        people.append(Person(name, role, PERSON_ROLES[role], href or None))
    return people


def parse_duration(text: str) -> int | None:
    """Seconds from ``3723``, ``62:03`` or ``1:02:03``; None when malformed."""
    parts = text.strip().split(":")
    if not 1 <= len(parts) <= 3 or not all(_DIGITS.fullmatch(part) for part in parts):
        return None
    numbers = [int(part) for part in parts]
    # Only the leading unit may exceed its range ("62:03" is 62 minutes).
    if any(n > 59 for n in numbers[1:]):
        return None
    total = 0
    for n in numbers:
        total = total * 60 + n
    return total


# --- small shared checks ------------------------------------------------------


@dataclass(frozen=True)
class _Bad:
    problem: str


def _content_path(value: object, suffixes: tuple[str, ...]) -> str | _Bad:
    """A clean POSIX path relative to content/, or the reason it is not one."""
    if not isinstance(value, str) or not value.strip():
        return _Bad("must be a path relative to content/, e.g. 'podcast/cover.png'")
    path = value.strip().replace("\\", "/")
    if path.startswith("/") or "://" in path:
        return _Bad(f"{path!r} must be relative to content/ (no leading '/')")
    parts = [part for part in path.split("/") if part not in ("", ".")]
    if ".." in parts:
        return _Bad(f"{path!r} must stay inside content/ (no '..')")
    if _suffix(path) not in suffixes:
        return _Bad(f"{path!r} should end in one of {', '.join(suffixes)}")
    return "/".join(parts)


def _suffix(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _is_web_url(value: object, *, https_only: bool = False) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    schemes = ("https",) if https_only else ("http", "https")
    return parts.scheme in schemes and bool(parts.netloc) and not any(c.isspace() for c in value)
