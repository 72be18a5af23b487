"""Her photographs, published the way a phone deserves: `<picture>` with
AVIF and WebP at several widths, width and height set, metadata (EXIF GPS)
stripped, each photo encoded once and kept by its content's hash.

Pure modules (no Pelican): `photos` (Pillow: read, turn upright, resize,
encode), `store` (the renditions kept on disk between builds), `markup`
(the `<picture>` element). `generator.py` is the only one that imports
Pelican: the `picture()` template function, and the `<img>` of her
articles and pages turned into `<picture>` once the site is written.
"""


def register() -> None:
    from .generator import register as _register

    _register()
