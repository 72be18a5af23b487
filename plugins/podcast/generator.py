"""The only Pelican-aware module: attach episodes to posts, write the podcast
index page and the feed.

`PodcastGenerator` (from `get_generators`) works in `generate_context`, which
Pelican runs after reading every post and before writing any file: it
validates PODCAST and the cover art, gives each post with podcast fields an
`article.podcast` (an `Episode`) and the `podcast_episode` template, and
builds the feed. `generate_output` writes `podcast/index.html` through
Pelican's writer (relative URLs, overwrite checks, sitemap) and
`podcast/feed.xml` as bytes.

Problems are collected, each logged as one CRITICAL line naming the post (or
setting) and the field, then the build stops with exit status 1 before a
file is written: every mistake is reported in one run. CRITICAL because
Pelican's `--fatal` turns an ERROR into a traceback; SystemExit because
Pelican's catch-all `except Exception` would add another. Same contract as
the booking plugin.
"""

from __future__ import annotations

import logging
import re
from html import unescape
from itertools import chain
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from ..common.memo import Memo
from ..config import of
from ..config.placement import check_cover_published
from ..config.podcast import PodcastSettings
from .catalog import FEED_PATH, INDEX_PATH, EpisodePost, build_podcast_feed, in_feed
from .episode_fields import parse_episode
from .episodes import resolve_episode
from .errors import MediaError, PodcastConfigError, PodcastError
from .feed import build_feed
from .media import MediaFacts, check_cover
from .media import memo_version as media_memo_version

log = logging.getLogger(__name__)
EPISODE_TEMPLATE = "podcast_episode"
MEMO_FILE = "podcast-media.pickle"
INDEX_TEMPLATE = "podcast_index"


class PodcastGenerator(Generator):
    """Writes podcast/index.html and podcast/feed.xml."""

    def generate_context(self) -> None:
        problems: list[PodcastError] = []
        # Audio and cover facts an earlier build read (see media.MediaFacts).
        memo = Memo(Path(self.settings["CACHE_PATH"], MEMO_FILE), media_memo_version())
        self.media = MediaFacts(memo)
        episodes = self._attach_episodes(problems)
        self.podcast = None
        if self.settings.get("PODCAST") is None and not episodes and not problems:
            return  # a site without a show: no podcast page, no feed
        show = self._show(problems)
        memo.save()
        if problems:
            for problem in problems:
                log.critical("podcast: %s", problem)
            raise SystemExit(1)
        assert show is not None  # no problems means the settings loaded
        self.podcast = show
        origin = self.settings["FEED_DOMAIN"].rstrip("/")
        posts = [_episode_post(a, origin) for a in episodes]
        self.episodes = episodes  # newest first, as Pelican sorts them
        self.feed_episodes = [a for a, p in zip(episodes, posts, strict=True) if in_feed(p, show)]
        channel, items = build_podcast_feed(show, origin, posts)
        self.feed_bytes = build_feed(channel, items)
        # Every template (episode pages included) sees the validated show.
        self.context["PODCAST_SHOW"] = show
        self.context["PODCAST_FEED_URL"] = channel.feed_url
        log.info("podcast: %d episode(s), %d in the feed", len(episodes), len(items))

    def _show(self, problems: list[PodcastError]) -> PodcastSettings | None:
        try:
            show = of(self.settings).podcast
            if show is None:
                raise PodcastConfigError(None, "missing, or not a table; see docs/podcast.md")
            check_cover_published(show, self.settings["STATIC_PATHS"])
            try:
                check_cover(self.media.image(Path(self.path) / show.image))
            except MediaError as err:
                raise PodcastConfigError("image", f"{show.image}: {err}") from None
        except (PodcastError, PodcastConfigError) as err:
            problems.append(err)
            return None
        return show

    def _attach_episodes(self, problems: list[PodcastError]) -> list:
        """Episode posts among the published articles; drafts and translations
        get their episode data and template too, so every page renders."""
        content_root = Path(self.path)
        published = self.context.get("articles", [])
        others = chain(self.context.get("hidden_articles", []), self.context.get("drafts", []))
        published_ids = {id(a) for a in published}
        episodes = []
        for article in chain(published, others):
            for post in (article, *getattr(article, "translations", [])):
                try:
                    spec = parse_episode(_source_name(post, content_root), post.metadata)
                    if spec is None:
                        continue
                    post.podcast = resolve_episode(
                        spec, content_root, self.settings["STATIC_PATHS"], self.media.audio
                    )
                except PodcastError as err:
                    problems.append(err)
                    continue
                # An explicit `Template:` in the post wins over ours.
                if "template" not in post.metadata:
                    post.template = EPISODE_TEMPLATE
                if post is article and id(article) in published_ids:
                    episodes.append(article)
        return episodes

    def generate_output(self, writer) -> None:
        if self.podcast is None:
            return
        writer.write_file(
            INDEX_PATH + "index.html",
            self.get_template(INDEX_TEMPLATE),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            podcast=self.podcast,
            episodes=self.episodes,
            feed_episodes=self.feed_episodes,
        )
        target = Path(self.output_path, FEED_PATH)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(self.feed_bytes)


def _source_name(article, content_root: Path) -> str:
    """``content/podcast/ep1.md``: the file the author has to open."""
    source = Path(article.source_path)
    try:
        return f"{content_root.name}/{source.relative_to(content_root).as_posix()}"
    except ValueError:
        return str(source)


def _episode_post(article, origin: str) -> EpisodePost:
    return EpisodePost(
        title=unescape(re.sub(r"<[^>]+>", "", article.title)),
        slug=article.slug,
        url=article.url,
        date=article.date,
        modified=getattr(article, "modified", None),
        # Pelican resolves {filename}/{static} links against the origin we pass.
        content=article.get_content(origin),
        episode=article.podcast,
    )


def get_generators(_pelican) -> type[Generator]:
    return PodcastGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
