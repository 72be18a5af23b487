"""Resolve a post's declared podcast fields against the files under content/.

`EpisodeSpec` says what the author wrote; `Episode` is what is true: the
audio's exact size and duration, the parsed transcript and chapters. This is
the only step that reads the files a post points to.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale
from babel.units import format_unit

from ..common.language import Language
from ..config.placement import is_published
from .chapters import MIME_TYPE as CHAPTERS_MIME
from .chapters import Chapter, read_chapters
from .episode_fields import EpisodeSpec, Person, field_name
from .errors import EpisodeError, MediaError
from .media import AudioInfo, probe_audio
from .transcript import Transcript, read_transcript

# CLDR's narrow no-break space (U+202F), which some screen readers announce,
# becomes a no-break space: "4,3 Mo" still never breaks across lines.
_NARROW = str.maketrans({"\u202f": "\u00a0"})
# A duration typed into a post may differ from the file by rounding only.
DURATION_TOLERANCE = 1


@dataclass(frozen=True)
class Episode:
    source: str
    audio: str  # path under the site root (local) or the https URL (remote)
    remote: bool
    mime: str
    length: int
    duration: int  # whole seconds, as itunes:duration wants
    episode: int | None = None
    season: int | None = None
    episode_type: str = "full"
    explicit: bool | None = None  # None: the show's setting
    transcript_path: str | None = None
    transcript: Transcript | None = None
    chapters_path: str | None = None
    chapters: tuple[Chapter, ...] = ()
    persons: tuple[Person, ...] = ()
    show: str | None = None
    show_url: str | None = None
    guid: str | None = None
    chapters_mime: str = field(default=CHAPTERS_MIME, init=False)

    @property
    def guest_appearance(self) -> bool:
        return self.show is not None

    @property
    def duration_iso(self) -> str:
        return iso_duration(self.duration)

    def duration_label(self, lang: Language) -> str:
        return spoken_duration(self.duration, lang.locale)

    def size_label(self, lang: Language) -> str:
        return file_size(self.length, lang.locale)

    @staticmethod
    def role_label(role: str, lang: Language) -> str:
        """A podcast:person role ("host") in the page's words; the feed keeps
        the taxonomy's English value."""
        return lang.gettext(role)

    @property
    def audio_format(self) -> str:
        return {"audio/mpeg": "MP3", "audio/x-m4a": "M4A", "audio/aac": "AAC"}.get(self.mime, "Ogg")

    @property
    def transcript_format(self) -> str:
        suffix = (self.transcript_path or "").rsplit(".", 1)[-1].lower()
        return {"vtt": "WebVTT", "srt": "SRT"}.get(suffix, "HTML")

    @staticmethod
    def clock(seconds: float | None) -> str:
        return clock(seconds)

    @staticmethod
    def iso(seconds: float | None) -> str:
        return iso_duration(round(seconds or 0))


def resolve_episode(
    spec: EpisodeSpec,
    content_root: Path,
    static_paths: Sequence[str],
    probe: Callable[[Path], AudioInfo] = probe_audio,
) -> Episode:
    """Read the post's files; raise EpisodeError naming the post and field.
    `probe`: what reads the audio's size and duration (the build's memo)."""

    def fail(key: str, problem: str) -> EpisodeError:
        return EpisodeError(spec.source, field_name(key), problem)

    def local_file(key: str, path: str) -> Path:
        if not is_published(path, static_paths):
            raise fail(key, f"{path!r} is not under STATIC_PATHS, so it would not be published")
        target = content_root / path
        if not target.is_file():
            raise fail(key, f"file {path!r} not found under {content_root.name}/")
        return target

    length, duration = spec.length, spec.duration
    if not spec.remote:
        try:
            info = probe(local_file("audio", spec.audio))
        except MediaError as err:
            raise fail("audio", str(err)) from None
        if length is not None and length != info.length:
            raise fail(
                "length", f"{length} does not match the file's {info.length} bytes; remove it"
            )
        measured = round(info.duration)
        if duration is not None and abs(duration - measured) > DURATION_TOLERANCE:
            raise fail("duration", f"{duration} s does not match the file's {measured} s")
        length, duration = info.length, measured
    assert length is not None and duration is not None  # settings.py requires both when remote

    transcript = None
    if spec.transcript:
        try:
            transcript = read_transcript(local_file("transcript", spec.transcript))
        except MediaError as err:
            raise fail("transcript", str(err)) from None

    chapters: tuple[Chapter, ...] = ()
    if spec.chapters:
        try:
            chapters = read_chapters(local_file("chapters", spec.chapters))
        except MediaError as err:
            raise fail("chapters", str(err)) from None
        late = [c for c in chapters if c.start >= duration]
        if late:
            raise fail("chapters", f"chapter {late[0].title!r} starts after the audio ends")

    return Episode(
        source=spec.source,
        audio=spec.audio,
        remote=spec.remote,
        mime=spec.mime,
        length=length,
        duration=duration,
        episode=spec.episode,
        season=spec.season,
        episode_type=spec.episode_type,
        explicit=spec.explicit,
        transcript_path=spec.transcript,
        transcript=transcript,
        chapters_path=spec.chapters,
        chapters=chapters,
        persons=spec.persons,
        show=spec.show,
        show_url=spec.show_url,
        guid=spec.guid,
    )


def clock(seconds: float | None) -> str:
    """``0:05``, ``12:40`` or ``1:02:03``, as players show positions."""
    total = round(seconds or 0)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def iso_duration(seconds: int) -> str:
    """ISO 8601 duration for `<time datetime>`: ``PT1M5S``."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return "PT" + parts + (f"{secs}S" if secs or not parts else "")


def spoken_duration(seconds: int, locale: Locale | str = "en") -> str:
    """ "45 seconds", "3 minutes 5 seconds", "1 hour 2 minutes" (CLDR's long unit
    names: its short ones are wrong for some languages, "1 horas")."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = (
        [(hours, "hour"), (minutes, "minute")]
        if hours
        else [(minutes, "minute"), (secs, "second")]
        if minutes
        else [(secs, "second")]
    )
    text = " ".join(
        format_unit(n, f"duration-{unit}", "long", locale=locale)
        for i, (n, unit) in enumerate(parts)
        if n or i == 0
    )
    return text.translate(_NARROW)


def file_size(length: int, locale: Locale | str = "en") -> str:
    """ "4.3 MB" ("4,3 Mo" in French), or whole kB below a megabyte."""
    if length >= 1_000_000:
        megabytes = round(length / 1_000_000, 1)
        text = format_unit(megabytes, "digital-megabyte", "short", format="0.0", locale=locale)
    else:
        text = format_unit(max(1, round(length / 1000)), "digital-kilobyte", "short", locale=locale)
    return text.translate(_NARROW)
