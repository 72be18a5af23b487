"""Settings and posts to feed records: absolute URLs, stable guids, content dates."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

import feedparser

from plugins.config.podcast import load_settings
from plugins.podcast.catalog import EpisodePost, build_podcast_feed, channel_guid, item_guid
from plugins.podcast.episodes import Episode
from plugins.podcast.feed import build_feed, podcast_guid
from plugins.podcast.transcript import Cue, Transcript

EST = timezone(timedelta(hours=-4))
ORIGIN = "https://hart.example"
RAW = {
    "description": "Short conversations for physicians.",
    "owner_email": "hello@hart.example",
    "image": "podcast/cover.png",
    "categories": ["Health & Fitness > Medicine"],
    "persons": ["Dr. Eleanor Hart | host"],
}


def settings(**changes):
    return load_settings({**RAW, **changes}, site_name="Hart", author="Eleanor Hart", language="en")


def post(slug="ep1", day=2, month=6, modified=None, **episode) -> EpisodePost:
    ep = dict(
        source=f"content/podcast/{slug}.md",
        audio=f"podcast/audio/{slug}.mp3",
        remote=False,
        mime="audio/mpeg",
        length=1000,
        duration=50,
    )
    ep.update(episode)
    return EpisodePost(
        title=f"Episode {slug}",
        slug=slug,
        url=f"articles/{slug}/",
        date=datetime(2026, month, day, 8, tzinfo=EST),
        modified=modified,
        content='<p>See <a href="/book/discovery/">a session</a>.</p>',
        episode=Episode(**ep),
    )


def test_channel_urls_are_absolute_and_guid_follows_the_feed_url():
    channel, _ = build_podcast_feed(settings(), ORIGIN, [post()])
    assert channel.feed_url == "https://hart.example/podcast/feed.xml"
    assert channel.link == "https://hart.example/podcast/"
    assert channel.image_url == "https://hart.example/podcast/cover.png"
    assert channel.guid == podcast_guid(channel.feed_url)
    assert [p.name for p in channel.persons] == ["Dr. Eleanor Hart"]


def test_a_pinned_guid_survives_a_new_domain():
    pinned = "d14c1ff9-f39d-59f8-ab63-10f2649e189c"
    assert channel_guid(settings(guid=pinned), "https://new-domain.example") == pinned
    one = build_podcast_feed(settings(guid=pinned), ORIGIN, [post()])[1][0].guid
    two = build_podcast_feed(settings(guid=pinned), "https://new.example", [post()])[1][0].guid
    assert one == two == str(uuid.uuid5(uuid.UUID(pinned), "ep1"))


def test_item_guid_can_be_kept_from_a_previous_host():
    assert item_guid(post(guid="libsyn-123"), podcast_guid(ORIGIN)) == "libsyn-123"


def test_items_are_newest_first_with_absolute_links():
    _, items = build_podcast_feed(settings(), ORIGIN, [post("a", day=1), post("b", day=20)])
    assert [i.link for i in items] == [f"{ORIGIN}/articles/b/", f"{ORIGIN}/articles/a/"]
    assert items[0].enclosure.url == f"{ORIGIN}/podcast/audio/b.mp3"
    assert f'href="{ORIGIN}/book/discovery/"' in items[0].description


def test_last_build_date_is_the_newest_content_date():
    edited = datetime(2026, 10, 1, 9, tzinfo=EST)
    channel, _ = build_podcast_feed(
        settings(), ORIGIN, [post("a", day=1), post("b", day=20, modified=edited)]
    )
    assert channel.last_build_date == edited
    empty, items = build_podcast_feed(settings(), ORIGIN, [])
    assert empty.last_build_date is None and items == []


def test_explicit_inherits_from_the_show_unless_the_post_says():
    _, items = build_podcast_feed(
        settings(explicit=True), ORIGIN, [post("a", day=1), post("b", day=2, explicit=False)]
    )
    assert [i.explicit for i in items] == [False, True]


def test_remote_audio_keeps_its_url():
    url = "https://media.example.org/ep.mp3"
    _, items = build_podcast_feed(settings(), ORIGIN, [post(audio=url, remote=True)])
    assert items[0].enclosure.url == url


def test_guest_appearance_links_the_show_and_can_be_left_out():
    guest = post("guest", show="Rounds & Reflections", show_url="https://rounds.example.org/ep/1/")
    _, items = build_podcast_feed(settings(), ORIGIN, [guest, post()])
    assert items[0].description.startswith(
        '<p>First published on <a href="https://rounds.example.org/ep/1/">'
        "Rounds &amp; Reflections</a>.</p>"
    )
    _, items = build_podcast_feed(settings(feed_guest_appearances=False), ORIGIN, [guest, post()])
    assert [i.guid for i in items] == [
        item_guid(post(), podcast_guid(f"{ORIGIN}/podcast/feed.xml"))
    ]


def test_transcripts_and_chapters_get_absolute_urls_and_types():
    vtt = Transcript("text/vtt", (Cue(0.0, None, "Hi"),))
    html = Transcript("text/html", (Cue(None, None, "Hi"),))
    _, items = build_podcast_feed(
        settings(),
        ORIGIN,
        [
            post("a", day=1, transcript_path="podcast/t/a.vtt", transcript=vtt),
            post(
                "b",
                day=2,
                transcript_path="podcast/t/b.html",
                transcript=html,
                chapters_path="podcast/c/b.json",
            ),
        ],
    )
    b, a = items
    assert (a.transcript.url, a.transcript.type, a.transcript.rel) == (
        f"{ORIGIN}/podcast/t/a.vtt",
        "text/vtt",
        "captions",
    )
    assert (b.transcript.type, b.transcript.rel) == ("text/html", None)
    assert b.chapters.url == f"{ORIGIN}/podcast/c/b.json"
    assert a.chapters is None


def test_the_whole_feed_parses():
    channel, items = build_podcast_feed(settings(), ORIGIN, [post("a", day=1), post("b", day=2)])
    parsed = feedparser.parse(build_feed(channel, items))
    assert not parsed.bozo
    assert [e.title for e in parsed.entries] == ["Episode b", "Episode a"]
