"""Facts about media files: audio size and duration, cover-art dimensions.

Audio is read with mutagen (maintained, pure Python, reads the Xing/LAME
header so the duration of a CBR or VBR MP3 is exact without decoding),
through the one format module its name calls for. Images are opened with
Pillow, which reads only the header here.

`MediaFacts` keeps what it found in the build memo, so an unchanged show
does not even import mutagen or Pillow. A file up to 16 MB (cover art, a
short episode) is known by its bytes' SHA-256, so the scheduled workflow's
fresh checkout (every file a new time) still finds it. A larger one is
known by its path, size and modification time, as make and Pelican's mtime
check know files: hashing a season of hour-long episodes would cost more
than reading their headers, so a fresh checkout reads those again.
"""

from __future__ import annotations

import hashlib
import importlib
from dataclasses import dataclass
from pathlib import Path

from ..common.memo import Memo, code_version, key_of, plain_bytes
from .errors import MediaError

# Apple Podcasts artwork rules: square, 1400-3000 px a side, JPEG or PNG, RGB.
COVER_MIN = 1400
COVER_MAX = 3000
_IMAGE_MIME = {"PNG": "image/png", "JPEG": "image/jpeg"}
HASHED_UP_TO = 16 * 2**20  # bytes: see the module's docstring


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


# The mutagen classes an audio name calls for; any other name tries them all.
_AUDIO_KINDS = {
    ".mp3": ("mp3:MP3",),
    ".m4a": ("mp4:MP4",),
    ".aac": ("aac:AAC", "mp4:MP4"),
    ".opus": ("oggopus:OggOpus",),
    ".ogg": ("oggvorbis:OggVorbis", "oggopus:OggOpus", "oggflac:OggFLAC"),
    ".oga": ("oggvorbis:OggVorbis", "oggopus:OggOpus", "oggflac:OggFLAC"),
}


def _audio_kinds(suffix: str) -> list[type] | None:
    names = _AUDIO_KINDS.get(suffix.lower())
    if names is None:
        return None
    kinds = []
    for name in names:
        module, cls = name.split(":")
        kinds.append(getattr(importlib.import_module(f"mutagen.{module}"), cls))
    return kinds


def probe_audio(path: Path) -> AudioInfo:
    if not path.is_file():
        raise MediaError(f"file {path.name!r} not found")
    import mutagen  # imported here: a build whose facts are all in the memo never loads it

    try:
        audio = mutagen.File(path, options=_audio_kinds(path.suffix))
    except mutagen.MutagenError as err:
        raise MediaError(f"{path.name!r} is not readable audio ({err})") from None
    if audio is None or not getattr(audio.info, "length", 0):
        raise MediaError(f"{path.name!r} is not an audio file mutagen recognises")
    return AudioInfo(length=path.stat().st_size, duration=float(audio.info.length))


def probe_image(path: Path) -> ImageInfo:
    if not path.is_file():
        raise MediaError(f"file {path.name!r} not found")
    from PIL import Image, UnidentifiedImageError

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


class MediaFacts:
    """`probe_audio` and `probe_image` through a memo (see the module's
    docstring). A file that fails is never kept: its error comes every build."""

    def __init__(self, memo: Memo) -> None:
        self.memo = memo

    def audio(self, path: Path) -> AudioInfo:
        return AudioInfo(*self._facts("audio", path, 2, lambda: _fields(probe_audio(path))))

    def image(self, path: Path) -> ImageInfo:
        return ImageInfo(*self._facts("image", path, 4, lambda: _fields(probe_image(path))))

    def _facts(self, kind: str, path: Path, count: int, probe) -> tuple:
        try:
            stat = path.stat()
        except OSError:
            return probe()  # the probe names what is missing
        if stat.st_size <= HASHED_UP_TO:
            key = key_of(kind, hashlib.sha256(path.read_bytes()).hexdigest())
        else:
            key = key_of(kind, str(path.resolve()), str(stat.st_size), str(stat.st_mtime_ns))
        facts = self.memo.value(key)
        if isinstance(facts, tuple) and len(facts) == count:  # else damaged: read again
            return facts
        facts = probe()
        self.memo.put(key, plain_bytes(facts))
        return facts


def _fields(info: AudioInfo | ImageInfo) -> tuple:
    return tuple(getattr(info, name) for name in info.__dataclass_fields__)


def memo_version() -> str:
    return code_version()
