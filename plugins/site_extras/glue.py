"""Pelican signal handlers for the site-wide additions."""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime
from pathlib import Path

from pelican import signals
from pelican.plugins.sitemap import sitemap

from .reading import reading_minutes, word_count
from .sitemap_fix import absolutize

log = logging.getLogger(__name__)


def build_clock() -> datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if raw is None:
        return datetime.now(UTC)
    try:
        return datetime.fromtimestamp(int(raw), UTC)
    except ValueError:
        msg = f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {raw!r}"
        raise SystemExit(msg) from None


def annotate_articles(generator) -> None:
    articles = generator.articles  # newest first
    for i, article in enumerate(articles):
        article.word_count = word_count(article.content)
        article.reading_time = reading_minutes(article.word_count)
        article.newer = articles[i - 1] if i > 0 else None
        article.older = articles[i + 1] if i + 1 < len(articles) else None


def write_robots(pelican) -> None:
    origin = pelican.settings.get("SITEURL") or pelican.settings["FEED_DOMAIN"]
    text = f"User-agent: *\nAllow: /\n\nSitemap: {origin}/sitemap.xml\n"
    Path(pelican.output_path, "robots.txt").write_text(text, encoding="utf-8")


def fix_sitemap(pelican) -> None:
    path = Path(pelican.output_path, "sitemap.xml")
    if path.exists() and not pelican.settings.get("SITEURL"):
        xml = path.read_text(encoding="utf-8")
        path.write_text(absolutize(xml, pelican.settings["FEED_DOMAIN"]), encoding="utf-8")


def pin_sitemap_clock(_pelican) -> None:
    # pelican-sitemap stamps undated pages (home, archives, pages) with its
    # own datetime.now(); use the build clock so SOURCE_DATE_EPOCH builds
    # are byte-identical.
    sitemap.generator.now = build_clock()


def register() -> None:
    signals.initialized.connect(pin_sitemap_clock)
    signals.article_generator_finalized.connect(annotate_articles)
    signals.finalized.connect(write_robots)
    signals.finalized.connect(fix_sitemap)
