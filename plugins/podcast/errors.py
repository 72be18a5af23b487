"""The plugin's own exceptions; each renders as one line naming what to fix."""

from __future__ import annotations


class PodcastError(Exception):
    """Anything that must stop the build; `str()` is the whole message."""


class PodcastConfigError(PodcastError):
    """A bad value in the PODCAST setting (or a file it points to)."""

    def __init__(self, field: str | None, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"PODCAST[{field!r}]: {problem}" if field else f"PODCAST: {problem}")


class EpisodeError(PodcastError):
    """A bad podcast field in one post; names the post's file and the field."""

    def __init__(self, source: str, field: str, problem: str) -> None:
        self.source = source
        self.field = field
        self.problem = problem
        super().__init__(f"{source}: {field}: {problem}")


class MediaError(ValueError):
    """An audio or image file that cannot be used; the caller adds the context."""
