"""Her photographs, published the way a phone deserves: `<picture>` with
AVIF and WebP at several widths, width and height set, metadata (EXIF GPS)
stripped, each photo encoded once and kept by its content's hash.

Pure modules (no Pelican): `photos` (Pillow: read, turn upright, resize,
encode), `store` (the renditions kept on disk between builds), `markup`
(the `<picture>` element and its preload link), `cards` (the link
previews' social cards, drawn with Pillow). `generator.py` is the only one
that imports Pelican: the `picture()`, `preload_photo()` and
`social_image()` template functions, the `<img>` of her articles and pages
turned into `<picture>` as they are written, and her photos taken out of
Pelican's static copy.
"""


def register() -> None:
    from .generator import register as _register

    _register()
