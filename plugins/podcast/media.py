"""Facts about media files: audio size and duration, cover-art dimensions.

Audio is read with mutagen (maintained, pure Python, reads the Xing/LAME
header so the duration of a CBR or VBR MP3 is exact without decoding).
Images are opened with Pillow, which reads only the header here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import mutagen
from PIL import Image, UnidentifiedImageError

from .errors import MediaError

# Apple Podcasts artwork rules: square, 1400-3000 px a side, JPEG or PNG, RGB.
COVER_MIN = 1400
COVER_MAX = 3000
_IMAGE_MIME = {"PNG": "image/png", "JPEG": "image/jpeg"}


@dataclass(frozen=True)
class AudioInfo:
    length: int  # bytes: the enclosure length must be exact
    duration: float  # seconds


@dataclass(frozen=True)
class ImageInfo:
    width: int
    height: int
    format: str  # "PNG" or "JPEG"
    mode: str  # Pillow's colour mode, "RGB" for artwork Apple accepts

    @property
    def mime(self) -> str:
        return _IMAGE_MIME[self.format]


def probe_audio(path: Path) -> AudioInfo:
    if not path.is_file():
        raise MediaError(f"file {path.name!r} not found")
    try:
        audio = mutagen.File(path)
    except mutagen.MutagenError as err:
        raise MediaError(f"{path.name!r} is not readable audio ({err})") from None
    if audio is None or not getattr(audio.info, "length", 0):
        raise MediaError(f"{path.name!r} is not an audio file mutagen recognises")
    return AudioInfo(length=path.stat().st_size, duration=float(audio.info.length))


def probe_image(path: Path) -> ImageInfo:
    if not path.is_file():
        raise MediaError(f"file {path.name!r} not found")
    try:
        with Image.open(path) as image:
            info = ImageInfo(image.width, image.height, image.format or "", image.mode)
    except (UnidentifiedImageError, OSError) as err:
        raise MediaError(f"{path.name!r} is not a readable image ({err})") from None
    if info.format not in _IMAGE_MIME:
        raise MediaError(f"{path.name!r} is {info.format or 'unknown'}; use JPEG or PNG")
    # Hosts pick the Content-Type from the name; a mismatch breaks some apps.
    expected = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}.get(path.suffix.lower())
    if expected != info.format:
        raise MediaError(f"{path.name!r} holds a {info.format} image; rename it or convert it")
    return info


def check_cover(info: ImageInfo) -> None:
    """Raise unless the artwork meets Apple's size, shape and colour rules."""
    size = f"{info.width}×{info.height} px"
    if info.width != info.height:
        raise MediaError(f"cover art must be square, not {size}")
    if not COVER_MIN <= info.width <= COVER_MAX:
        raise MediaError(f"cover art must be {COVER_MIN}-{COVER_MAX} px a side, not {size}")
    if info.mode != "RGB":
        raise MediaError(f"cover art must use the RGB colour space, not {info.mode}")
