"""What each output file was last rendered from, kept between builds.

An entry is (key, SHA-256 of the file's bytes). A page is reused only when
its key matches *and* a file with exactly those bytes is on disk, so a file
edited by hand, left by another build or half-written is rendered again.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable
from pathlib import Path

from ..common.files import write_if_changed

Entry = tuple[bytes, bytes]


class RenderMemo:
    """Page entries, plus `extras`: whatever else the caller keeps between
    builds (parsed-template facts), saved as they are at the end."""

    def __init__(
        self, previous: dict[str, Entry] | None = None, extras: dict | None = None
    ) -> None:
        self._previous = previous or {}
        self._current: dict[str, Entry] = {}
        self.extras: dict = extras or {}

    @classmethod
    def load(cls, path: Path) -> RenderMemo:
        """The memo saved by the last build; empty if missing or unreadable."""
        try:
            with path.open("rb") as handle:
                data = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
            return cls()
        if not (isinstance(data, tuple) and len(data) == 2):
            return cls()
        pages, extras = data
        valid = (
            isinstance(pages, dict)
            and isinstance(extras, dict)
            and all(isinstance(v, tuple) and len(v) == 2 for v in pages.values())
        )
        return cls(pages, extras) if valid else cls()

    def save(self, path: Path) -> None:
        """Only what this build wrote: pages that are gone drop out."""
        path.parent.mkdir(parents=True, exist_ok=True)
        data = (self._current, self.extras)
        write_if_changed(path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))

    def recall(self, name: str, key: bytes, roots: Iterable[Path]) -> str | None:
        """The text rendered last time for `name` with this `key`, if intact on disk."""
        entry = self._previous.get(name)
        if entry is None or entry[0] != key:
            return None
        for root in roots:
            try:
                data = Path(root, name).read_bytes()
            except OSError:
                continue
            if hashlib.sha256(data).digest() == entry[1]:
                self._current[name] = entry
                return data.decode("utf-8")
        return None

    def remember(self, name: str, key: bytes, text: str) -> None:
        self._current[name] = (key, hashlib.sha256(text.encode("utf-8")).digest())
