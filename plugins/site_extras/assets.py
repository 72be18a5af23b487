"""Content-hashed names for theme CSS/JS, so a CDN may cache them forever.

`site.css` becomes `site.3f2a9c1b7d.css`: a changed file gets a new name, so
no visitor ever gets a stale stylesheet with fresh HTML.
"""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath

DIGEST_LENGTH = 10


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:DIGEST_LENGTH]


def hashed_name(relative: str, data: bytes) -> str:
    path = PurePosixPath(relative)
    return str(path.with_name(f"{path.stem}.{digest(data)}{path.suffix}"))


class AssetCatalog:
    """Maps theme-static paths to hashed names; remembers what pages used."""

    def __init__(self, static_dir: Path) -> None:
        self._static_dir = static_dir
        self.used: dict[str, str] = {}

    def name(self, relative: str) -> str:
        if relative not in self.used:
            source = self._static_dir / relative
            if not source.is_file():
                raise FileNotFoundError(f"theme asset not found: {source}")
            self.used[relative] = hashed_name(relative, source.read_bytes())
        return self.used[relative]
