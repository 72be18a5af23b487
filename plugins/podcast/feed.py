"""A podcast RSS 2.0 feed with the `itunes` and `podcast` namespaces.

Built on the standard library's ElementTree rather than feedgen: feedgen's
podcast extension writes `itunes:explicit` as "yes"/"no"/"clean", values
Apple stopped accepting (it wants "true"/"false"), has no `podcast:`
namespace, needs lxml, and defaults `lastBuildDate` to the wall clock,
which breaks reproducible builds unless every caller remembers to override
it. A builder this small is easier to keep correct than a dependency to
patch around; ElementTree does the escaping and namespace declarations,
so the output is always well-formed XML.

The module is pure: plain dataclasses in, bytes out.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime

from ..config.podcast import Category
from .episode_fields import Person

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
NAMESPACES = {"itunes": ITUNES, "podcast": PODCAST, "atom": ATOM}
# The namespace UUID the Podcasting 2.0 spec fixes for podcast:guid.
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")

for _prefix, _uri in NAMESPACES.items():
    # Idempotent; without it ElementTree would write ns0:, ns1: prefixes.
    ET.register_namespace(_prefix, _uri)

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_SITE_ABSOLUTE = re.compile(r"""(\s(?:href|src)=)(["'])/(?!/)""")


@dataclass(frozen=True)
class FeedLink:
    url: str
    type: str
    rel: str | None = None


@dataclass(frozen=True)
class FeedItem:
    title: str
    link: str
    guid: str
    pub_date: datetime
    description: str  # HTML; escaped into the element text
    enclosure: FeedLink  # url and MIME type of the audio
    length: int
    duration: int
    episode_type: str
    explicit: bool
    episode: int | None = None
    season: int | None = None
    transcript: FeedLink | None = None
    chapters: FeedLink | None = None
    persons: tuple[Person, ...] = ()


@dataclass(frozen=True)
class FeedChannel:
    title: str
    link: str
    feed_url: str
    description: str
    language: str
    author: str
    owner_name: str
    owner_email: str
    image_url: str
    categories: tuple[Category, ...]
    explicit: bool
    show_type: str
    locked: bool
    guid: str
    last_build_date: datetime | None = None
    copyright: str | None = None
    persons: tuple[Person, ...] = ()


def podcast_guid(feed_url: str) -> str:
    """UUIDv5 of the feed URL without its scheme and trailing slashes (spec rule)."""
    seed = _SCHEME.sub("", feed_url.strip()).rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, seed))


def absolute_links(html: str, origin: str) -> str:
    """Make site-absolute links (href="/x") absolute: apps have no base URL."""
    return _SITE_ABSOLUTE.sub(lambda m: f"{m.group(1)}{m.group(2)}{origin}/", html)


def rfc822(moment: datetime) -> str:
    return format_datetime(moment)


def build_feed(channel: FeedChannel, items: list[FeedItem] | tuple[FeedItem, ...]) -> bytes:
    rss = ET.Element("rss", {"version": "2.0"})
    ch = ET.SubElement(rss, "channel")
    _text(ch, "title", channel.title)
    _text(ch, "link", channel.link)
    _text(ch, "description", channel.description)
    _text(ch, "language", channel.language)
    if channel.copyright:
        _text(ch, "copyright", channel.copyright)
    if channel.last_build_date is not None:
        _text(ch, "lastBuildDate", rfc822(channel.last_build_date))
    ET.SubElement(
        ch,
        _q(ATOM, "link"),
        {"href": channel.feed_url, "rel": "self", "type": "application/rss+xml"},
    )
    image = ET.SubElement(ch, "image")
    _text(image, "url", channel.image_url)
    _text(image, "title", channel.title)
    _text(image, "link", channel.link)

    _text(ch, _q(ITUNES, "author"), channel.author)
    owner = ET.SubElement(ch, _q(ITUNES, "owner"))
    _text(owner, _q(ITUNES, "name"), channel.owner_name)
    _text(owner, _q(ITUNES, "email"), channel.owner_email)
    ET.SubElement(ch, _q(ITUNES, "image"), {"href": channel.image_url})
    for category in channel.categories:
        parent = ET.SubElement(ch, _q(ITUNES, "category"), {"text": category.name})
        if category.subcategory:
            ET.SubElement(parent, _q(ITUNES, "category"), {"text": category.subcategory})
    _text(ch, _q(ITUNES, "explicit"), _bool(channel.explicit))
    _text(ch, _q(ITUNES, "type"), channel.show_type)

    _text(ch, _q(PODCAST, "guid"), channel.guid)
    locked = ET.SubElement(ch, _q(PODCAST, "locked"), {"owner": channel.owner_email})
    locked.text = "yes" if channel.locked else "no"
    _persons(ch, channel.persons)

    for item in items:
        _item(ch, item)

    ET.indent(rss, space="  ")
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True) + b"\n"


def _item(channel: ET.Element, item: FeedItem) -> None:
    el = ET.SubElement(channel, "item")
    _text(el, "title", item.title)
    _text(el, "link", item.link)
    guid = ET.SubElement(el, "guid", {"isPermaLink": "false"})
    guid.text = item.guid
    _text(el, "pubDate", rfc822(item.pub_date))
    _text(el, "description", item.description)
    ET.SubElement(
        el,
        "enclosure",
        {"url": item.enclosure.url, "length": str(item.length), "type": item.enclosure.type},
    )
    _text(el, _q(ITUNES, "duration"), str(item.duration))
    _text(el, _q(ITUNES, "episodeType"), item.episode_type)
    if item.season is not None:
        _text(el, _q(ITUNES, "season"), str(item.season))
    if item.episode is not None:
        _text(el, _q(ITUNES, "episode"), str(item.episode))
    _text(el, _q(ITUNES, "explicit"), _bool(item.explicit))
    if item.transcript is not None:
        attrs = {"url": item.transcript.url, "type": item.transcript.type}
        if item.transcript.rel:
            attrs["rel"] = item.transcript.rel
        ET.SubElement(el, _q(PODCAST, "transcript"), attrs)
    if item.chapters is not None:
        ET.SubElement(
            el, _q(PODCAST, "chapters"), {"url": item.chapters.url, "type": item.chapters.type}
        )
    _persons(el, item.persons)


def _persons(parent: ET.Element, persons: tuple[Person, ...]) -> None:
    for person in persons:
        attrs = {"role": person.role, "group": person.group}
        if person.href:
            attrs["href"] = person.href
        ET.SubElement(parent, _q(PODCAST, "person"), attrs).text = person.name


def _text(parent: ET.Element, tag: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = value
    return element


def _q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def _bool(value: bool) -> str:
    # Apple accepts only "true"/"false" since 2022; "yes"/"clean" are rejected.
    return "true" if value else "false"
