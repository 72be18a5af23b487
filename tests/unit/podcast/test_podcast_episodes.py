"""Resolving a post's podcast fields against the files under content/."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from plugins.podcast.episode_fields import parse_episode
from plugins.podcast.episodes import (
    clock,
    is_published,
    iso_duration,
    resolve_episode,
    spoken_duration,
)
from plugins.podcast.errors import EpisodeError
from plugins.podcast.media import probe_audio
from tests.support.languages import ENGLISH, language

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "tests/fixtures/podcast"
SOURCE = "content/podcast/ep1.md"
STATIC = ["images", "podcast"]


@pytest.fixture
def content(tmp_path) -> Path:
    root = tmp_path / "content"
    (root / "podcast").mkdir(parents=True)
    for folder in ("audio", "transcripts", "chapters"):
        shutil.copytree(SAMPLE / folder, root / "podcast" / folder)
    return root


def resolve(content: Path, **fields):
    meta = {"podcast_audio": "podcast/audio/ep1-why-doctors-hire-coaches.mp3", **fields}
    return resolve_episode(parse_episode(SOURCE, meta), content, STATIC)


def failure(content: Path, **fields) -> EpisodeError:
    with pytest.raises(EpisodeError) as info:
        resolve(content, **fields)
    assert str(info.value).startswith(f"{SOURCE}: Podcast_")
    return info.value


def test_local_audio_size_and_duration_come_from_the_file(content):
    audio = content / "podcast/audio/ep1-why-doctors-hire-coaches.mp3"
    ep = resolve(
        content,
        podcast_transcript="podcast/transcripts/ep1-why-doctors-hire-coaches.vtt",
        podcast_chapters="podcast/chapters/ep1-why-doctors-hire-coaches.json",
    )
    assert ep.length == audio.stat().st_size
    assert ep.duration == round(probe_audio(audio).duration)
    assert ep.transcript is not None and ep.transcript.cues
    assert ep.chapters[0].title == "Welcome"
    assert (ep.remote, ep.audio_format, ep.transcript_format) == (False, "MP3", "WebVTT")
    assert ep.size_label(ENGLISH).endswith("kB")
    assert ep.duration_iso == iso_duration(ep.duration)


def test_matching_declared_values_are_accepted(content):
    size = (content / "podcast/audio/ep1-why-doctors-hire-coaches.mp3").stat().st_size
    ep = resolve(content, podcast_length=str(size))
    assert resolve(content, podcast_duration=str(ep.duration + 1)).duration == ep.duration


def test_remote_audio_is_not_fetched(content):
    ep = resolve_episode(
        parse_episode(
            SOURCE,
            {
                "podcast_audio": "https://media.example.org/ep9.mp3",
                "podcast_length": "4321000",
                "podcast_duration": "25:00",
            },
        ),
        content,
        STATIC,
    )
    assert (ep.remote, ep.audio, ep.length, ep.duration) == (
        True,
        "https://media.example.org/ep9.mp3",
        4321000,
        1500,
    )
    assert ep.size_label(ENGLISH) == "4.3 MB"
    assert ep.size_label(language("fr")) == "4,3\u00a0Mo"


def test_missing_audio_file(content):
    error = failure(content, podcast_audio="podcast/audio/missing.mp3")
    assert error.field == "Podcast_audio"
    assert "not found" in error.problem


def test_audio_outside_static_paths(content):
    shutil.copy(SAMPLE / "audio/ep1-why-doctors-hire-coaches.mp3", content / "ep.mp3")
    error = failure(content, podcast_audio="ep.mp3")
    assert "STATIC_PATHS" in error.problem


def test_not_audio(content):
    (content / "podcast/audio/fake.mp3").write_text("no audio here", encoding="utf-8")
    assert failure(content, podcast_audio="podcast/audio/fake.mp3").field == "Podcast_audio"


def test_wrong_declared_length_or_duration(content):
    assert failure(content, podcast_length="12").field == "Podcast_length"
    assert failure(content, podcast_duration="3600").field == "Podcast_duration"


def test_bad_transcript_and_chapters_files(content):
    (content / "podcast/transcripts/bad.vtt").write_text("not webvtt", encoding="utf-8")
    assert failure(content, podcast_transcript="podcast/transcripts/bad.vtt").field == (
        "Podcast_transcript"
    )
    assert failure(content, podcast_chapters="podcast/chapters/none.json").field == (
        "Podcast_chapters"
    )
    late = {
        "version": "1.2.0",
        "chapters": [{"startTime": 0, "title": "A"}, {"startTime": 999, "title": "B"}],
    }
    (content / "podcast/chapters/late.json").write_text(json.dumps(late), encoding="utf-8")
    error = failure(content, podcast_chapters="podcast/chapters/late.json")
    assert "after the audio ends" in error.problem


def test_is_published():
    assert is_published("podcast/audio/a.mp3", ["podcast"])
    assert is_published("podcast/audio/a.mp3", ["podcast/audio/"])
    assert is_published("anything.mp3", [""])
    assert not is_published("podcasts/a.mp3", ["podcast"])
    assert not is_published("podcast/a.mp3", ["images"])


@pytest.mark.parametrize(
    ("seconds", "clock_text", "iso", "spoken"),
    [
        (0, "0:00", "PT0S", "0 seconds"),
        (45, "0:45", "PT45S", "45 seconds"),
        (60, "1:00", "PT1M", "1 minute"),
        (65, "1:05", "PT1M5S", "1 minute 5 seconds"),
        (3600, "1:00:00", "PT1H", "1 hour"),
        (3723, "1:02:03", "PT1H2M3S", "1 hour 2 minutes"),
    ],
)
def test_duration_formats(seconds, clock_text, iso, spoken):
    assert clock(seconds) == clock_text
    assert iso_duration(seconds) == iso
    assert spoken_duration(seconds) == spoken


def test_durations_are_spelled_in_the_pages_language():
    assert spoken_duration(3723, "fr") == "1\u00a0heure 2 minutes"
    assert spoken_duration(3600, "es") == "1 hora"  # CLDR's short form says "1 horas"
