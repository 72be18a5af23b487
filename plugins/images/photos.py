"""A photograph -> its renditions: AVIF and WebP at the widths a page may
need, and one stripped copy in its own format for browsers without either.

Pillow reads JPEG, PNG and WebP, turns the picture upright (EXIF
orientation) and writes it again without any metadata: a phone's photo
carries where it was taken (GPS), the camera and the time, none of which
belongs on a coaching site. Pillow 11.3+ writes AVIF itself (libavif);
the encoders are deterministic, so builds stay byte-identical.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

# The widths a layout asks for, from a 320 px phone at 1x to a wide screen
# at 2x. A photo is never enlarged: widths above its own are left out.
WIDTHS = (320, 480, 640, 960, 1280, 1920)
FORMATS = ("avif", "webp")
READ = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp", "MPO": "jpeg"}
# Quality chosen by eye on portraits and room photographs: no visible
# blocking at 2x, a 960 px portrait near 30 KB in AVIF.
SAVE = {
    # speed 8: 2.3x faster than 6 for 11 % more bytes (measured on a 1400 px
    # cover at six widths); every cold build pays it, a visitor barely.
    "avif": ("AVIF", {"quality": 55, "speed": 8}),
    "webp": ("WEBP", {"quality": 78, "method": 4}),
    "jpeg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True}),
    "png": ("PNG", {"optimize": True}),
}
MAX_PIXELS = 50_000_000  # a 50-megapixel photo; beyond, Pillow's bomb check


class PhotoError(ValueError):
    """Not a photograph this site can publish (the caller names the file)."""


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    format: str  # "avif", "webp", or the source's own ("jpeg", "png")
    data: bytes


def _open(data: bytes) -> tuple[Image.Image, str]:
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        image = Image.open(io.BytesIO(data))
        kind = READ.get(image.format or "")
        if kind is None:
            raise PhotoError(f"is a {image.format} image; use a JPEG, PNG or WebP photo")
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise PhotoError("cannot be read as a JPEG, PNG or WebP photo") from error
    upright = _in_srgb(ImageOps.exif_transpose(image))
    has_alpha = upright.mode in {"RGBA", "LA", "PA"} or "transparency" in upright.info
    mode = "RGBA" if has_alpha else "RGB"
    return upright.convert(mode), ("png" if has_alpha and kind != "webp" else kind)


def _in_srgb(image: Image.Image) -> Image.Image:
    """Colours as the photo's own profile means them (a phone's Display P3),
    in sRGB, which is what a page without a profile is shown in."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in {"RGB", "RGBA"}:
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"))
    except (ImageCms.PyCMSError, OSError):
        return image  # a broken profile: the numbers as they are


def size_of(data: bytes) -> tuple[int, int]:
    """The photo's width and height once upright."""
    image, _ = _open(data)
    return image.size


def renditions(data: bytes, widths: tuple[int, ...] = WIDTHS) -> list[Rendition]:
    """Every rendition of the photo `data`, smallest first; the fallback (in
    the photo's own format, or PNG for transparency) at the largest width."""
    image, own = _open(data)
    width, height = image.size
    chosen = sorted({w for w in widths if w < width} | {min(width, max(widths))})
    made = []
    for w in chosen:
        h = max(1, round(height * w / width))
        scaled = image if w == width else image.resize((w, h), Image.Resampling.LANCZOS)
        for kind in FORMATS:
            made.append(Rendition(w, h, kind, _encode(scaled, kind)))
    w = chosen[-1]
    h = max(1, round(height * w / width))
    scaled = image if w == width else image.resize((w, h), Image.Resampling.LANCZOS)
    fallback = "jpeg" if own == "webp" else own  # every browser shows JPEG and PNG
    made.append(Rendition(w, h, fallback, _encode(scaled, fallback)))
    return made


def _encode(image: Image.Image, kind: str) -> bytes:
    name, options = SAVE[kind]
    if kind == "jpeg" and image.mode != "RGB":
        image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, name, **options)  # no exif=, no icc_profile=: nothing of the camera
    return out.getvalue()
