"""The RSS builder: namespaces, Apple's required elements, escaping, guids."""

from __future__ import annotations

import io
import uuid
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta, timezone

import feedparser
from hypothesis import given
from hypothesis import strategies as st

from plugins.config.podcast import Category
from plugins.podcast.episode_fields import Person
from plugins.podcast.feed import (
    ITUNES,
    PODCAST,
    PODCAST_GUID_NAMESPACE,
    FeedChannel,
    FeedItem,
    FeedLink,
    absolute_links,
    build_feed,
    podcast_guid,
)

IT, PC = f"{{{ITUNES}}}", f"{{{PODCAST}}}"
EST = timezone(timedelta(hours=-5))


def channel(**changes) -> FeedChannel:
    values = dict(
        title="Second Opinions",
        link="https://hart.example/podcast/",
        feed_url="https://hart.example/podcast/feed.xml",
        description="Short conversations & more",
        language="en-us",
        author="Dr. Eleanor Hart",
        owner_name="Eleanor Hart",
        owner_email="hello@hart.example",
        image_url="https://hart.example/podcast/cover.png",
        categories=(Category("Health & Fitness", "Medicine"), Category("Business")),
        explicit=False,
        show_type="episodic",
        locked=True,
        guid=podcast_guid("https://hart.example/podcast/feed.xml"),
        last_build_date=datetime(2026, 9, 15, 8, tzinfo=EST),
        persons=(Person("Dr. Eleanor Hart"),),
    )
    values.update(changes)
    return FeedChannel(**values)


def item(**changes) -> FeedItem:
    values = dict(
        title="Ep. 1: Why <doctors> hire coaches & more",
        link="https://hart.example/articles/ep1/",
        guid="guid-1",
        pub_date=datetime(2026, 6, 2, 8, tzinfo=EST),
        description='<p>Notes with <a href="https://hart.example/book/">a link</a></p>',
        enclosure=FeedLink("https://hart.example/podcast/audio/ep1.mp3", "audio/mpeg"),
        length=202165,
        duration=50,
        episode_type="full",
        explicit=True,
        episode=1,
        season=1,
        transcript=FeedLink("https://hart.example/t.vtt", "text/vtt", "captions"),
        chapters=FeedLink("https://hart.example/c.json", "application/json+chapters"),
        persons=(
            Person("Dr. Eleanor Hart"),
            Person("Bo Chen", "guest", "cast", "https://bo.example/"),
        ),
    )
    values.update(changes)
    return FeedItem(**values)


def test_guid_namespace_and_the_specs_own_examples():
    assert uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6") == PODCAST_GUID_NAMESPACE
    # Examples from the podcast namespace's guid documentation.
    assert podcast_guid("https://mp3s.nashownotes.com/pc20rss.xml") == (
        "917393e3-1b1e-5cef-ace4-edaa54e1f810"
    )
    assert podcast_guid("https://podnews.net/rss") == "9b024349-ccf0-5f69-a609-6b82873eab3c"


def test_guid_ignores_scheme_and_trailing_slashes():
    expected = str(uuid.uuid5(PODCAST_GUID_NAMESPACE, "hart.example/podcast/feed"))
    for url in ("https://hart.example/podcast/feed", "http://hart.example/podcast/feed//"):
        assert podcast_guid(url) == expected


def test_feed_has_every_required_element_and_parses_cleanly():
    xml = build_feed(channel(), [item()])
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    root = ET.fromstring(xml)
    ch = root.find("channel")
    for tag in ("title", "link", "description", "language", "lastBuildDate", "image/url"):
        assert ch.findtext(tag), tag
    assert ch.find(f"{IT}image").get("href").endswith(".png")
    assert ch.find(f"{IT}category").get("text") == "Health & Fitness"
    assert ch.find(f"{IT}category/{IT}category").get("text") == "Medicine"
    assert ch.findtext(f"{IT}explicit") == "false"
    assert ch.findtext(f"{IT}type") == "episodic"
    assert ch.findtext(f"{IT}owner/{IT}email") == "hello@hart.example"
    assert ch.findtext(f"{PC}guid") == podcast_guid("https://hart.example/podcast/feed.xml")
    locked = ch.find(f"{PC}locked")
    assert (locked.text, locked.get("owner")) == ("yes", "hello@hart.example")
    assert ch.findtext("lastBuildDate") == "Tue, 15 Sep 2026 08:00:00 -0500"

    el = ch.find("item")
    assert el.findtext("title") == "Ep. 1: Why <doctors> hire coaches & more"
    assert el.find("guid").get("isPermaLink") == "false"
    assert el.findtext("pubDate") == "Tue, 02 Jun 2026 08:00:00 -0500"
    enclosure = el.find("enclosure").attrib
    assert enclosure == {
        "url": "https://hart.example/podcast/audio/ep1.mp3",
        "length": "202165",
        "type": "audio/mpeg",
    }
    assert el.findtext(f"{IT}duration") == "50"
    assert el.findtext(f"{IT}explicit") == "true"
    assert (el.findtext(f"{IT}episode"), el.findtext(f"{IT}season")) == ("1", "1")
    assert el.findtext(f"{IT}episodeType") == "full"
    assert el.find(f"{PC}transcript").attrib == {
        "url": "https://hart.example/t.vtt",
        "type": "text/vtt",
        "rel": "captions",
    }
    assert el.find(f"{PC}chapters").get("type") == "application/json+chapters"
    guest = el.findall(f"{PC}person")[1]
    assert (guest.text, guest.get("role"), guest.get("href")) == (
        "Bo Chen",
        "guest",
        "https://bo.example/",
    )
    assert parsed.entries[0].description.startswith("<p>Notes with")


def test_namespaces_are_declared_on_the_root():
    xml = build_feed(channel(), [item()])
    assert xml.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<rss ")
    declared = {
        prefix: uri for _event, (prefix, uri) in ET.iterparse(io.BytesIO(xml), ["start-ns"])
    }
    assert declared == {
        "atom": "http://www.w3.org/2005/Atom",
        "itunes": ITUNES,
        "podcast": PODCAST,
    }


def test_optional_parts_are_left_out():
    xml = build_feed(
        channel(last_build_date=None, persons=(), locked=False),
        [
            item(
                episode=None,
                season=None,
                transcript=None,
                chapters=None,
                persons=(),
                explicit=False,
            )
        ],
    )
    ch = ET.fromstring(xml).find("channel")
    assert ch.find("lastBuildDate") is None
    assert ch.findtext(f"{PC}locked") == "no"
    el = ch.find("item")
    for tag in (f"{IT}episode", f"{IT}season", f"{PC}transcript", f"{PC}chapters", f"{PC}person"):
        assert el.find(tag) is None, tag
    assert el.findtext(f"{IT}explicit") == "false"


def test_empty_feed_is_still_valid_rss():
    parsed = feedparser.parse(build_feed(channel(), []))
    assert not parsed.bozo and parsed.entries == []


def test_absolute_links():
    html = '<a href="/book/">b</a> <img src="/i.png"> <a href="//cdn.example/x">c</a> <a href="https://x.example/">d</a>'
    assert absolute_links(html, "https://hart.example") == (
        '<a href="https://hart.example/book/">b</a> <img src="https://hart.example/i.png"> '
        '<a href="//cdn.example/x">c</a> <a href="https://x.example/">d</a>'
    )


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1))
def test_any_title_survives_the_round_trip(title):
    xml = build_feed(
        channel(title=title), [item(title=title, pub_date=datetime(2026, 1, 1, tzinfo=UTC))]
    )
    root = ET.fromstring(xml)
    assert root.findtext("channel/title") == title
    assert root.findtext("channel/item/title") == title
