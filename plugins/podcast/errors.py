"""The plugin's own exceptions; each renders as one line naming what to fix."""

from __future__ import annotations

from ..common.errors import SiteError
from ..config.podcast import PodcastConfigError

__all__ = ["EpisodeError", "MediaError", "PodcastConfigError", "PodcastError"]


class PodcastError(SiteError):
    """Anything that must stop the build; `str()` is the whole message."""


class EpisodeError(PodcastError):
    """A bad podcast field in one post; names the post's file and the field."""

    def __init__(self, source: str, field: str, problem: str) -> None:
        self.source = source
        self.field = field
        self.problem = problem
        super().__init__(f"{source}: {field}: {problem}")


class MediaError(ValueError):
    """An audio or image file that cannot be used; the caller adds the context."""
