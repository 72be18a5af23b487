"""The `<picture>` element for a published photo: AVIF, then WebP, then
the stripped copy in an `<img>` with its width and height (no layout
shift), lazy unless it is the page's first (then fetched first)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import PurePosixPath

from .photos import FORMATS, Rendition


@dataclass(frozen=True)
class PublishedPhoto:
    """A photo's renditions under their published names (site paths)."""

    source: str  # the photo's path under content/ ("images/anna.jpg"), also its fallback's
    files: tuple[tuple[str, Rendition], ...]  # (site path, rendition)

    @property
    def fallback(self) -> Rendition:
        return self.files[-1][1]


def published(source: str, made: list[Rendition], tag: str) -> PublishedPhoto:
    """Names for the renditions of `source`: beside it, its stem, a tag of
    its content (a new photo under the old name gets new addresses, so no
    cache shows the old one), the width and the format; the fallback keeps
    the photo's own name."""
    path = PurePosixPath(source)
    files = [(f"{path.parent / path.stem}.{tag}.{r.width}.{r.format}", r) for r in made[:-1]]
    files.append((source, made[-1]))
    return PublishedPhoto(source, tuple(files))


def picture(
    photo: PublishedPhoto,
    alt: str,
    sizes: str,
    *,
    site_url: str = "",
    css_class: str = "",
    first: bool = False,
) -> str:
    def url(path: str) -> str:
        return escape(f"{site_url}/{path}")

    parts = ["<picture>"]
    for kind in FORMATS:
        srcset = ", ".join(f"{url(p)} {r.width}w" for p, r in photo.files if r.format == kind)
        if srcset:
            parts.append(f'<source type="image/{kind}" srcset="{srcset}" sizes="{escape(sizes)}">')
    fallback = photo.fallback
    loading = 'fetchpriority="high"' if first else 'loading="lazy" decoding="async"'
    css = f' class="{escape(css_class)}"' if css_class else ""
    parts.append(
        f'<img{css} src="{url(photo.source)}" alt="{escape(alt)}" '
        f'width="{fallback.width}" height="{fallback.height}" {loading}>'
    )
    parts.append("</picture>")
    return "".join(parts)


def preload(photo: PublishedPhoto, sizes: str, *, site_url: str = "") -> str:
    """The `<link rel="preload">` for a page's first photo (its largest
    paint): the browser fetches the right AVIF before it reads the body."""
    srcset = ", ".join(
        escape(f"{site_url}/{p} {r.width}w") for p, r in photo.files if r.format == FORMATS[0]
    )
    return (
        f'<link rel="preload" as="image" type="image/{FORMATS[0]}" '
        f'imagesrcset="{srcset}" imagesizes="{escape(sizes)}" fetchpriority="high">'
    )
