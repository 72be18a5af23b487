"""Renditions kept between builds, by the photo's content: a photo that did
not change is never encoded again, one that changed always is.

Each photo's renditions live in a folder named by the SHA-256 of its bytes
and the version of this package's code (with Pillow's), under the build's
cache folder (or PHOTOS_CACHE_PATH, which the tests' sites share): a new
encoder setting or a new Pillow makes new folders, and the build keeps
only the folders it used (so the cache does not grow with every photo
ever replaced). A shared store is never pruned: other builds may be
reading and writing it at the same moment.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from ..common.files import write_if_changed
from .photos import Rendition

MANIFEST = "renditions.json"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class RenditionStore:
    def __init__(self, folder: Path, version: str) -> None:
        self.folder = folder
        self.version = version[:16]
        self.used: set[str] = set()
        self.encoded = 0  # photos encoded by this build (the rest came from the store)

    def get(self, data: bytes, make: Callable[[bytes], list[Rendition]]) -> list[Rendition]:
        name = f"{digest(data)[:32]}-{self.version}"
        self.used.add(name)
        place = self.folder / name
        kept = self._read(place)
        if kept is not None:
            return kept
        made = make(data)
        self.encoded += 1
        self._write(place, made)
        return made

    def _read(self, place: Path) -> list[Rendition] | None:
        try:
            listed = json.loads((place / MANIFEST).read_text(encoding="utf-8"))
            return [
                Rendition(r["width"], r["height"], r["format"], (place / r["file"]).read_bytes())
                for r in listed
            ]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _write(self, place: Path, made: Iterable[Rendition]) -> None:
        place.mkdir(parents=True, exist_ok=True)
        listed = []
        for r in made:
            file = f"{r.width}.{r.format}"
            write_if_changed(place / file, r.data)
            listed.append({"width": r.width, "height": r.height, "format": r.format, "file": file})
        # The manifest last: a folder without it (a build stopped midway) is made again.
        write_if_changed(place / MANIFEST, json.dumps(listed).encode())

    def forget_unused(self) -> None:
        """Remove the folders this build did not use."""
        if not self.folder.is_dir():
            return
        for place in self.folder.iterdir():
            if place.is_dir() and place.name not in self.used:
                shutil.rmtree(place, ignore_errors=True)
