"""Photographs for the tests, made here: a phone-like JPEG with what a
phone writes into it (GPS position, camera, orientation), so a test can
show none of it reaches the site."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

GPS_IFD = 0x8825
ORIENTATION = 0x0112
MAKE = 0x010F


def phone_photo(width: int = 1600, height: int = 1200, *, rotated: bool = True) -> bytes:
    """A JPEG of `width` x `height` as stored, with EXIF GPS (Hartford, CT),
    a camera make, and (rotated) orientation 6: shown upright it is
    `height` wide and `width` tall."""
    image = Image.new("RGB", (width, height), (200, 170, 140))
    draw = ImageDraw.Draw(image)
    for i in range(0, width, 40):  # detail, so the encoders have work to do
        draw.line([(i, 0), (width - i, height)], fill=(40 + i % 200, 90, 120), width=7)
    draw.ellipse([width // 3, height // 4, width // 2, height // 2], fill=(250, 230, 200))
    exif = Image.Exif()
    exif[MAKE] = "PhoneCo"
    exif[ORIENTATION] = 6 if rotated else 1
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (41.0, 45.0, 50.0), 3: "W", 4: (72.0, 41.0, 6.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()
