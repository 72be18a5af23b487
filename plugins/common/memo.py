"""Bytes a build made before, kept in one file under CACHE_PATH for the next build.

A scheduled rebuild publishes nearly the same slot calendars every time (the
horizon moves by an hour, a booking takes one time away), and serialising
them is most of a small site's booking work. Each entry is keyed by the
SHA-256 of everything that goes into the bytes, and the file records the
version it was made under, derived from our own code (every source file of
the `plugins` package, found by walking the folder, never listed by hand)
and every installed library's version (read from sys.path's listings, never
listed by hand either); a file of another version is ignored,
so a changed input or a changed writer can never be served old bytes.

The file holds plain data (the version and a dict of str -> bytes) and
nothing else: it is read with an
unpickler that refuses every class, so a tampered cache can fail to load
(the build then makes everything again) but cannot run code. It is written
atomically, so two builds at once leave one of their files, never a mix.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import io
import os
import pickle
import sys
import zoneinfo
from collections.abc import Callable
from pathlib import Path

from .files import write_atomically


class _PlainData(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


def plain_bytes(value: object) -> bytes:
    """Plain data (dicts, lists, tuples, str, bytes, numbers) as bytes for a memo."""
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def plain_value(data: bytes) -> object:
    """`plain_bytes`'s value back; UnpicklingError for anything but plain data."""
    return _PlainData(io.BytesIO(data)).load()


def kept_value(data: bytes | None) -> object | None:
    """`plain_value` of bytes a memo kept, or None when there are none or
    they are damaged (the caller then makes the value again)."""
    if data is None:
        return None
    try:
        return plain_value(data)
    except (pickle.UnpicklingError, EOFError, TypeError, ValueError):
        return None


def key_of(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


# Our own code: the `plugins` package this module is part of.
PLUGINS = Path(__file__).resolve().parents[1]
# What a source file of a package may be: code, and the templates and
# scripts it reads at build time.
SOURCE_SUFFIXES = (".py", ".html", ".txt", ".js", ".json", ".toml", ".css")


@functools.cache
def source_digest(folder: Path) -> str:
    """The SHA-256 of every source file under `folder` (its path there and
    its bytes), found by walking it, so a file added, changed or removed
    anywhere in the package changes it and no list can forget one. Kept for
    the process: a long-running one (`invoke edit`) runs the code it loaded
    at its start, which is what the digest then describes."""
    digest = hashlib.sha256()
    files: list[tuple[tuple[str, ...], str]] = []  # (its parts under folder, its path)
    for place, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if name != "__pycache__"]
        where = Path(place).relative_to(folder).parts
        files.extend(
            ((*where, name), os.path.join(place, name))
            for name in names
            if os.path.splitext(name)[1] in SOURCE_SUFFIXES
            and os.path.isfile(os.path.join(place, name))
        )
    for parts, path in sorted(files):
        with open(path, "rb") as source:
            data = source.read()
        digest.update("/".join(parts).encode() + b"\x00")
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


@functools.cache
def installed_distributions() -> str:
    """The SHA-256 of the name and version of every distribution installed
    where this Python imports from (the `name-version.dist-info` folders of
    each sys.path entry: one listing each, nothing imported or opened), so
    a library added, removed or upgraded changes it and no list of the
    libraries that matter can forget one. Kept for the process, as
    `source_digest`."""
    found = []
    for entry in sys.path:
        if not entry:
            continue
        try:
            names = os.listdir(entry)
        except OSError:  # a zip file, or gone
            continue
        found += [f"{entry}/{n}" for n in names if n.endswith((".dist-info", ".egg-info"))]
    return key_of(*sorted(found))


def code_version(
    *, packages: tuple[str, ...] = (), extra: tuple[str, ...] = (), code: Path | None = None
) -> str:
    """A memo's version: the digest of our code (`source_digest`, the whole
    `plugins` package unless `code` names another folder), every installed
    library's name and version (`installed_distributions`), where any
    `packages` are installed, and `extra`."""
    return key_of(
        source_digest(code or PLUGINS),
        installed_distributions(),
        *installed_stamps(*packages),
        *extra,
    )


def installed_stamps(*packages: str) -> list[str]:
    """Where each package is installed and when its files were written, found
    without importing it (importing icalendar is what a memo hit saves, and
    importlib.metadata takes longer still): an upgrade rewrites the files."""
    stamps = []
    for package in packages:
        spec = importlib.util.find_spec(package)
        origin = spec.origin if spec else None
        if origin is None:
            stamps.append(f"{package}: absent")
            continue
        record = os.stat(origin)
        stamps.append(f"{package}: {origin} {record.st_size} {record.st_mtime_ns}")
    return stamps


def zone_file_stamps() -> list[str]:
    """The system's time zone database, which zoneinfo reads before tzdata."""
    stamps = []
    for folder in zoneinfo.TZPATH:
        version = Path(folder, "tzdata.zi")
        if version.is_file():
            stamps.append(f"{version} {version.stat().st_mtime_ns}")
    return stamps


class Memo:
    """`get(key, make)`: the bytes stored under `key`, or `make()` stored there.

    Only the entries asked for in this build are saved, so the file never
    grows past one build's worth."""

    def __init__(self, path: Path | None, version: str) -> None:
        self._path = path
        self._version = version
        self._old = self._load()
        self._now: dict[str, bytes] = {}
        self.made = 0

    def _load(self) -> dict[str, bytes]:
        if self._path is None:
            return {}
        try:
            data = _PlainData(io.BytesIO(self._path.read_bytes())).load()
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
            return {}
        if not isinstance(data, dict) or data.get("version") != self._version:
            return {}
        entries = data.get("entries")
        return entries if isinstance(entries, dict) else {}

    def get(self, key: str, make: Callable[[], bytes]) -> bytes:
        data = self.lookup(key)
        if data is None:
            data = make()
            self.put(key, data)
        return data

    def lookup(self, key: str) -> bytes | None:
        """The bytes kept under `key` (kept again), or None."""
        data = self._now.get(key)
        if data is None:
            data = self._old.get(key)
            if not isinstance(data, bytes):
                return None
            self._now[key] = data
        return data

    def value(self, key: str) -> object | None:
        """The plain data kept under `key` (kept again), or None: see kept_value."""
        return kept_value(self.lookup(key))

    def put(self, key: str, data: bytes) -> None:
        self._now[key] = data
        self.made += 1

    def save(self) -> None:
        """Write the file if this build made or dropped an entry; a cache
        folder that cannot be written only costs the next build its speed."""
        if self._path is None or (not self.made and self._now.keys() == self._old.keys()):
            return
        data = pickle.dumps(
            {"version": self._version, "entries": self._now}, protocol=pickle.HIGHEST_PROTOCOL
        )
        with contextlib.suppress(OSError):
            write_atomically(self._path, data, durable=False)
