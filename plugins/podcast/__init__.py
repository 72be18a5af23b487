"""Podcast episodes as Pelican posts, a podcast index page and an RSS feed
for Apple Podcasts and Podcasting 2.0 apps. See docs/podcast.md.

Pure modules (no Pelican): settings, episodes, media, transcript, chapters,
catalog, feed. `generator.py` is the only one that imports Pelican.
"""


def register() -> None:
    # Imported here so the pure modules stay importable (and testable)
    # without Pelican's plugin machinery.
    from .generator import register as _register

    _register()
