"""Content-hashed names for theme CSS/JS, so a CDN may cache them forever.

`site.css` becomes `site.3f2a9c1b7d.css`: a changed file gets a new name, so
no visitor ever gets a stale stylesheet with fresh HTML. JavaScript and CSS
are published without comments and layout whitespace (rjsmin and rcssmin:
the sources stay readable and commented; a visitor on a phone downloads
the bytes that run). Both are deterministic, so builds stay byte-identical.
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


def published(relative: str, data: bytes) -> bytes:
    """The bytes the site serves for a theme file."""
    if relative.endswith(".js"):
        import rjsmin

        return rjsmin.jsmin(data.decode("utf-8")).encode("utf-8")
    if relative.endswith(".css"):
        import rcssmin

        return rcssmin.cssmin(data.decode("utf-8")).encode("utf-8")
    return data


class AssetCatalog:
    """Maps every theme-static path to its hashed name.

    Every file under the theme's static folder is published under its
    hashed name only, so reference each with `asset()` in templates (a CSS
    `url()` would have to use the hashed name too). The names are fixed when
    the catalog is made, not as pages use them, so what is published does
    not depend on which pages were rendered.
    """

    def __init__(self, static_dir: Path) -> None:
        self.data: dict[str, bytes] = {
            path.relative_to(static_dir).as_posix(): published(
                path.relative_to(static_dir).as_posix(), path.read_bytes()
            )
            for path in sorted(static_dir.rglob("*"))
            if path.is_file()
        }
        self.names: dict[str, str] = {
            relative: hashed_name(relative, data) for relative, data in self.data.items()
        }
        self._static_dir = static_dir

    def add(self, relative: str, data: bytes) -> None:
        """A file made by the build (a look's fonts and CSS), published
        like the theme's own; a CSS file's `url()`s must use hashed names."""
        self.data[relative] = published(relative, data)
        self.names[relative] = hashed_name(relative, self.data[relative])

    def publish(self, theme_out: Path) -> None:
        """Replace each copied theme file by its published bytes under its hashed name."""
        for relative, hashed in self.names.items():
            (theme_out / hashed).parent.mkdir(parents=True, exist_ok=True)  # a made file's folder
            (theme_out / hashed).write_bytes(self.data[relative])
            (theme_out / relative).unlink(missing_ok=True)

    def name(self, relative: str) -> str:
        try:
            return self.names[relative]
        except KeyError:
            raise FileNotFoundError(
                f"theme asset not found: {self._static_dir / relative}"
            ) from None
