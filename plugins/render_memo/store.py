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

from .changed_only import write_if_changed

Entry = tuple[bytes, bytes]


class RenderMemo:
    def __init__(self, previous: dict[str, Entry] | None = None) -> None:
        self._previous = previous or {}
        self._current: dict[str, Entry] = {}

    @classmethod
    def load(cls, path: Path) -> RenderMemo:
        """The memo saved by the last build; empty if missing or unreadable."""
        try:
            with path.open("rb") as handle:
                data = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
            return cls()
        valid = isinstance(data, dict) and all(
            isinstance(v, tuple) and len(v) == 2 for v in data.values()
        )
        return cls(data if valid else None)

    def save(self, path: Path) -> None:
        """Only what this build wrote: pages that are gone drop out."""
        path.parent.mkdir(parents=True, exist_ok=True)
        write_if_changed(path, pickle.dumps(self._current, protocol=pickle.HIGHEST_PROTOCOL))

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
