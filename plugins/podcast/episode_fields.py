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
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..config.podcast import Bad, Person, content_path, file_suffix, is_web_url, parse_persons
from .errors import EpisodeError

EPISODE_TYPES = ("full", "trailer", "bonus")
AUDIO_MIME = {
    ".mp3": "audio/mpeg",
    ".m4a": "audio/x-m4a",
    ".aac": "audio/aac",
    ".ogg": "audio/ogg",
    ".oga": "audio/ogg",
    ".opus": "audio/ogg",
}
TRANSCRIPT_SUFFIXES = (".vtt", ".srt", ".html", ".htm")

_DIGITS = re.compile(r"[0-9]+")
_TRUE = ("true", "yes")
_FALSE = ("false", "no")


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
        if not is_web_url(audio, https_only=True):
            raise fail("audio", f"{audio!r} must be a path under content/ or an https:// URL")
        suffix = file_suffix(urlsplit(audio).path)
    else:
        checked = content_path(audio, tuple(AUDIO_MIME))
        if isinstance(checked, Bad):
            raise fail("audio", checked.problem)
        audio, suffix = checked, file_suffix(checked)
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
        checked = content_path(transcript, TRANSCRIPT_SUFFIXES)
        if isinstance(checked, Bad):
            raise fail("transcript", checked.problem)
        transcript = checked
    chapters = single("chapters")
    if chapters is not None:
        checked = content_path(chapters, (".json",))
        if isinstance(checked, Bad):
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
    if show_url is not None and not is_web_url(show_url):
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
