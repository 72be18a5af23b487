"""From validated settings and episode posts to the feed's records: absolute
URLs, stable guids and dates. Pure: the glue passes plain data in.
"""

from __future__ import annotations

import html
import uuid
from dataclasses import dataclass
from datetime import datetime

from ..config.podcast import PodcastSettings
from .episodes import Episode
from .feed import FeedChannel, FeedItem, FeedLink, absolute_links, podcast_guid
from .transcript import MIME_TYPES as TRANSCRIPT_MIME

FEED_PATH = "podcast/feed.xml"
INDEX_PATH = "podcast/"


@dataclass(frozen=True)
class EpisodePost:
    """What the feed needs from one Pelican article."""

    title: str  # plain text
    slug: str
    url: str  # site-relative, e.g. "articles/ep1/"
    date: datetime
    modified: datetime | None
    content: str  # show notes, HTML
    episode: Episode


def channel_guid(settings: PodcastSettings, origin: str) -> str:
    """The pinned guid, else the one the spec derives from the feed URL."""
    return settings.guid or podcast_guid(f"{origin}/{FEED_PATH}")


def item_guid(post: EpisodePost, show_guid: str) -> str:
    # Derived from the show's guid and the slug, not the URL: the site can
    # move domain (with PODCAST["guid"] pinned) without apps re-downloading.
    return post.episode.guid or str(uuid.uuid5(uuid.UUID(show_guid), post.slug))


def in_feed(post: EpisodePost, settings: PodcastSettings) -> bool:
    return settings.feed_guest_appearances or not post.episode.guest_appearance


def build_channel(settings: PodcastSettings, origin: str, posts: list[EpisodePost]) -> FeedChannel:
    dates = [d for post in posts for d in (post.date, post.modified) if d is not None]
    return FeedChannel(
        title=settings.title,
        link=f"{origin}/{INDEX_PATH}",
        feed_url=f"{origin}/{FEED_PATH}",
        description=settings.description,
        language=settings.language,
        author=settings.author,
        owner_name=settings.owner_name,
        owner_email=settings.owner_email,
        image_url=f"{origin}/{settings.image}",
        categories=settings.categories,
        explicit=settings.explicit,
        show_type=settings.show_type,
        locked=settings.locked,
        guid=channel_guid(settings, origin),
        # Newest content date, never the clock: two builds of the same
        # content produce the same bytes.
        last_build_date=max(dates) if dates else None,
        copyright=settings.copyright,
        persons=settings.persons,
    )


def build_item(
    post: EpisodePost, settings: PodcastSettings, origin: str, show_guid: str
) -> FeedItem:
    ep = post.episode
    description = absolute_links(post.content, origin)
    if ep.guest_appearance:
        intro = (
            f'<p>First published on <a href="{html.escape(ep.show_url or "")}">'
            f"{html.escape(ep.show or '')}</a>.</p>"
        )
        description = intro + description
    transcript = None
    if ep.transcript_path:
        mime = TRANSCRIPT_MIME["." + ep.transcript_path.rsplit(".", 1)[-1].lower()]
        timed = ep.transcript.timed if ep.transcript else False
        transcript = FeedLink(f"{origin}/{ep.transcript_path}", mime, "captions" if timed else None)
    return FeedItem(
        title=post.title,
        link=f"{origin}/{post.url}",
        guid=item_guid(post, show_guid),
        pub_date=post.date,
        description=description,
        enclosure=FeedLink(ep.audio if ep.remote else f"{origin}/{ep.audio}", ep.mime),
        length=ep.length,
        duration=ep.duration,
        episode_type=ep.episode_type,
        explicit=settings.explicit if ep.explicit is None else ep.explicit,
        episode=ep.episode,
        season=ep.season,
        transcript=transcript,
        chapters=(
            FeedLink(f"{origin}/{ep.chapters_path}", ep.chapters_mime) if ep.chapters_path else None
        ),
        persons=ep.persons,
    )


def build_podcast_feed(
    settings: PodcastSettings, origin: str, posts: list[EpisodePost]
) -> tuple[FeedChannel, list[FeedItem]]:
    """Channel and items, newest first, for `feed.build_feed`."""
    listed = sorted((p for p in posts if in_feed(p, settings)), key=lambda p: p.date, reverse=True)
    channel = build_channel(settings, origin, listed)
    return channel, [build_item(p, settings, origin, channel.guid) for p in listed]
