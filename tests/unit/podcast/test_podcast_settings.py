"""The [podcast] table and the per-post podcast fields: defaults and every bad input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plugins.config.podcast import Category, load_settings
from plugins.podcast.episode_fields import Person, parse_duration, parse_episode, parse_persons
from plugins.podcast.episodes import clock
from plugins.podcast.errors import EpisodeError, PodcastConfigError
from tests.support.dicts import replaced

BASE = {
    "description": "Short conversations for physicians.",
    "owner_email": "hello@hartcoaching.example",
    "image": "podcast/cover.png",
    "categories": ["Health & Fitness > Medicine", "Business"],
}
SITE = {"site_name": "Eleanor Hart Coaching", "author": "Dr. Eleanor Hart", "language": "en"}
SOURCE = "content/podcast/ep1.md"
LOCAL = {"podcast_audio": "podcast/audio/ep1.mp3"}


def podcast(**changes) -> dict:
    return replaced(BASE, **changes)


def config_error(**changes) -> PodcastConfigError:
    with pytest.raises(PodcastConfigError) as info:
        load_settings(podcast(**changes), **SITE)
    return info.value


def episode_error(**fields) -> EpisodeError:
    with pytest.raises(EpisodeError) as info:
        parse_episode(SOURCE, fields)
    assert "\n" not in str(info.value)
    assert str(info.value).startswith(f"{SOURCE}: Podcast_")
    return info.value


# --- PODCAST ------------------------------------------------------------------


def test_defaults_come_from_the_site_settings():
    settings = load_settings(podcast(), **SITE)
    assert settings.title == "Eleanor Hart Coaching"
    assert settings.author == settings.owner_name == "Dr. Eleanor Hart"
    assert settings.language == "en"
    assert settings.categories == (Category("Health & Fitness", "Medicine"), Category("Business"))
    assert (settings.explicit, settings.show_type, settings.locked) == (False, "episodic", True)
    assert settings.guid is None and settings.subscribe == () and settings.persons == ()
    assert settings.feed_guest_appearances is True


def test_every_optional_key_is_read():
    settings = load_settings(
        podcast(
            title="Second Opinions",
            author="E. Hart",
            owner_name="Eleanor",
            language="en-US",
            explicit=True,
            type="serial",
            locked=False,
            guid="D14C1FF9-F39D-59F8-AB63-10F2649E189C",
            copyright="© 2026 Eleanor Hart",
            persons=["Eleanor Hart | host | https://hart.example/about/"],
            subscribe=[
                ("Apple Podcasts", "https://podcasts.apple.com/x"),
                {"label": "Overcast", "url": "https://overcast.fm/x"},
            ],
            feed_guest_appearances=False,
        ),
        **SITE,
    )
    assert settings.title == "Second Opinions"
    assert settings.language == "en-us"
    assert settings.guid == "d14c1ff9-f39d-59f8-ab63-10f2649e189c"
    assert settings.persons == (
        Person("Eleanor Hart", "host", "cast", "https://hart.example/about/"),
    )
    assert [link.label for link in settings.subscribe] == ["Apple Podcasts", "Overcast"]
    assert (settings.explicit, settings.show_type, settings.locked) == (True, "serial", False)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"owner_email": None}, "owner_email", "non-empty"),
        ({"owner_email": "not-an-email"}, "owner_email", "not an email"),
        ({"description": "  "}, "description", "non-empty"),
        ({"image": None}, "image", "relative to content"),
        ({"image": "/podcast/cover.png"}, "image", "no leading"),
        ({"image": "podcast/cover.gif"}, "image", ".png"),
        ({"image": "../secret/cover.png"}, "image", "inside content"),
        ({"language": "english please"}, "language", "language code"),
        ({"categories": "Business"}, "categories", "non-empty list"),
        ({"categories": []}, "categories", "non-empty list"),
        ({"categories": ["Health and Fitness"]}, "categories", "not an Apple"),
        ({"categories": ["Business > Medicine"]}, "categories", "subcategory"),
        ({"explicit": "no"}, "explicit", "true or false"),
        ({"type": "daily"}, "type", "episodic"),
        ({"guid": "my-show"}, "guid", "not a UUID"),
        ({"persons": "Eleanor"}, "persons", "list"),
        ({"persons": ["Eleanor | chef"]}, "persons", "Taxonomy"),
        ({"subscribe": [("Apple", "http://insecure.example")]}, "subscribe", "https"),
        ({"subscribe": ["Apple"]}, "subscribe", "pair"),
        ({"feed": "rss.xml"}, "feed", "unknown key"),
    ],
)
def test_bad_settings_name_the_key(changes, field, words):
    error = config_error(**changes)
    assert error.field == field
    assert str(error).startswith(f"[podcast] {field}: ")
    assert words in str(error)


def test_settings_must_be_a_dict():
    with pytest.raises(PodcastConfigError) as info:
        load_settings(None, **SITE)
    assert str(info.value) == "[podcast]: missing, or not a table; see docs/podcast.md"


# --- one post's fields --------------------------------------------------------


def test_a_post_without_podcast_fields_is_not_an_episode():
    assert parse_episode(SOURCE, {"title": "Hello", "tags": "x"}) is None


def test_local_episode_with_every_field():
    spec = parse_episode(
        SOURCE,
        {
            "Podcast_Audio": "podcast/audio/ep1.mp3",  # any capitalisation
            "podcast_episode": "3",
            "podcast_season": "2",
            "podcast_type": "Trailer",
            "podcast_explicit": "yes",
            "podcast_transcript": "podcast/transcripts/ep1.vtt",
            "podcast_chapters": "podcast/chapters/ep1.json",
            "podcast_person": ["Ann Lee | host", "Bo Chen | guest | https://bo.example/"],
            "podcast_show": "Rounds & Reflections",
            "podcast_show_url": "https://rounds.example.org/ep/1/",
            "podcast_guid": "legacy-guid-42",
        },
    )
    assert spec is not None
    assert (spec.audio, spec.remote, spec.mime) == ("podcast/audio/ep1.mp3", False, "audio/mpeg")
    assert (spec.episode, spec.season, spec.episode_type, spec.explicit) == (3, 2, "trailer", True)
    assert spec.transcript == "podcast/transcripts/ep1.vtt"
    assert spec.chapters == "podcast/chapters/ep1.json"
    assert [p.name for p in spec.persons] == ["Ann Lee", "Bo Chen"]
    assert spec.persons[1] == Person("Bo Chen", "guest", "cast", "https://bo.example/")
    assert (spec.show, spec.guid) == ("Rounds & Reflections", "legacy-guid-42")


def test_local_defaults():
    spec = parse_episode(SOURCE, LOCAL)
    assert spec.episode_type == "full"
    assert spec.explicit is None  # the show's setting applies
    assert spec.length is None and spec.duration is None  # read from the file later


def test_remote_episode_needs_length_and_duration():
    spec = parse_episode(
        SOURCE,
        {
            "podcast_audio": "https://media.example.org/ep2.m4a",
            "podcast_length": "1234567",
            "podcast_duration": "1:02:03",
        },
    )
    assert (spec.remote, spec.mime, spec.length, spec.duration) == (
        True,
        "audio/x-m4a",
        1234567,
        3723,
    )


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"podcast_episode": "1"}, "Podcast_audio", "missing"),
        ({"podcast_audio": "http://media.example.org/a.mp3"}, "Podcast_audio", "https"),
        ({"podcast_audio": "/podcast/a.mp3"}, "Podcast_audio", "no leading"),
        ({"podcast_audio": "podcast/../../etc/a.mp3"}, "Podcast_audio", "inside content"),
        ({"podcast_audio": "podcast/a.wav"}, "Podcast_audio", ".mp3"),
        ({"podcast_audio": "https://media.example.org/a"}, "Podcast_audio", ".mp3"),
        (
            {"podcast_audio": "https://media.example.org/a.mp3", "podcast_duration": "60"},
            "Podcast_length",
            "required for remote",
        ),
        (
            {"podcast_audio": "https://media.example.org/a.mp3", "podcast_length": "99"},
            "Podcast_duration",
            "required for remote",
        ),
        ({**LOCAL, "podcast_length": "-5"}, "Podcast_length", "whole number"),
        ({**LOCAL, "podcast_duration": "1:75"}, "Podcast_duration", "HH:MM:SS"),
        ({**LOCAL, "podcast_episode": "0"}, "Podcast_episode", ">= 1"),
        ({**LOCAL, "podcast_season": "two"}, "Podcast_season", "whole number"),
        ({**LOCAL, "podcast_type": "ful"}, "Podcast_type", "full, trailer, bonus"),
        ({**LOCAL, "podcast_explicit": "maybe"}, "Podcast_explicit", "true or false"),
        ({**LOCAL, "podcast_transcript": "podcast/t.txt"}, "Podcast_transcript", ".vtt"),
        ({**LOCAL, "podcast_chapters": "podcast/c.xml"}, "Podcast_chapters", ".json"),
        ({**LOCAL, "podcast_person": "Ann | dj"}, "Podcast_person", "Taxonomy"),
        ({**LOCAL, "podcast_person": " | host"}, "Podcast_person", "name"),
        ({**LOCAL, "podcast_person": "A | host | b | c"}, "Podcast_person", "more than"),
        ({**LOCAL, "podcast_person": "Ann | host | ftp://x"}, "Podcast_person", "http(s)"),
        ({**LOCAL, "podcast_show": "Rounds"}, "Podcast_show_url", "both"),
        ({**LOCAL, "podcast_show_url": "https://x.example/"}, "Podcast_show", "both"),
        ({**LOCAL, "podcast_show": "R", "podcast_show_url": "x"}, "Podcast_show_url", "URL"),
        ({**LOCAL, "podcast_episode": ["1", "2"]}, "Podcast_episode", "more than once"),
        ({**LOCAL, "podcast_season": "  "}, "Podcast_season", "empty"),
        ({**LOCAL, "podcast_transcrpt": "x.vtt"}, "Podcast_transcrpt", "unknown"),
    ],
)
def test_bad_fields_name_the_post_and_field(fields, field, words):
    error = episode_error(**fields)
    assert error.source == SOURCE
    assert error.field == field
    assert words in error.problem


def test_people_on_one_line_or_many():
    one_line = parse_persons("Ann Lee | host; Bo Chen | Guest | https://bo.example/;")
    assert [(p.name, p.role) for p in one_line] == [("Ann Lee", "host"), ("Bo Chen", "guest")]
    assert parse_persons("Zoe") == [Person("Zoe")]  # role defaults to host
    assert parse_persons("Sam | producer")[0].group == "creative direction"


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("0", 0), ("59", 59), ("3600", 3600), ("1:05", 65), ("62:03", 3723), ("1:02:03", 3723)],
)
def test_durations(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "1:2:3:4", "1:60", "1:00:60", "one", "1.5", "-3", "²"])
def test_bad_durations(text):
    assert parse_duration(text) is None


@given(st.integers(min_value=0, max_value=10**6))
def test_durations_round_trip_through_the_clock_format(seconds):
    assert parse_duration(clock(seconds)) == seconds
    assert parse_duration(str(seconds)) == seconds
