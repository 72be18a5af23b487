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
    """Maps every theme-static path to its hashed name.

    Every file under the theme's static folder is published under its
    hashed name only, so reference each with `asset()` in templates (a CSS
    `url()` would have to use the hashed name too). The names are fixed when
    the catalog is made, not as pages use them, so what is published does
    not depend on which pages were rendered.
    """

    def __init__(self, static_dir: Path) -> None:
        self.names: dict[str, str] = {
            path.relative_to(static_dir).as_posix(): hashed_name(
                path.relative_to(static_dir).as_posix(), path.read_bytes()
            )
            for path in sorted(static_dir.rglob("*"))
            if path.is_file()
        }
        self._static_dir = static_dir

    def name(self, relative: str) -> str:
        try:
            return self.names[relative]
        except KeyError:
            raise FileNotFoundError(
                f"theme asset not found: {self._static_dir / relative}"
            ) from None
