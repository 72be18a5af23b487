"""Pelican's content cache, kept only for the settings and code it was made with.

Pelican keeps what its readers made of each file (HTML and metadata) in
`CACHE_PATH/<generator>-Readers` and trusts it while the file's stamp is
unchanged; it never asks whether the settings or the libraries that read the
file changed (a new Markdown extension, TIMEZONE, Pelican itself), and would
serve pages made under the old ones. Here the cache lives in a folder named
after a fingerprint of everything that shapes what a reader makes: every
setting (the build's own "_" objects and where files go excepted), the
Python version, every installed library's version
(`memo.installed_distributions`: a Markdown extension added or upgraded
counts, and no list of the reading libraries can be forgotten) and our
own code (`memo.source_digest` of the plugins package: parallel_read's
workers make entries of this cache). Change any of them and the build
starts from an empty cache; of the older folders only
the last used is kept (the local and the production settings alternate).
With CHECK_MODIFIED_METHOD a hash, a file's stamp is its content, so a fresh
checkout (new modification times) still finds its entries.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from pathlib import Path, PurePath
from time import time as _now
from types import CodeType

from ..common import memo
from ..common.files import write_atomically

PREFIX = "content-"
ROOT_KEY = "_CACHE_ROOT"  # CACHE_PATH as configured: the template cache lives there
# Where this build's files are written, and whether to read the cache: neither
# changes what a reader makes of a file (`--ignore-cache` rewrites the same cache).
IGNORED = {"OUTPUT_PATH", "CACHE_PATH", "LOAD_CONTENT_CACHE"}
KEEP = 2  # fingerprints' folders kept, the one in use included
SHARED_KEY = "_CACHE_SHARED"  # the fingerprint's folder; CACHE_PATH is this build's copy
PRIVATE = ".building-"
MANIFEST = "MANIFEST.json"
# A build takes seconds; a private folder this old belongs to one that died.
ABANDONED_SECONDS = 3600


def stable(value: object) -> str:
    """A text that is equal for equal settings in any process (no ids, no
    addresses); objects it cannot describe make every build differ, which
    only costs the cache."""
    if isinstance(value, Mapping):
        items = sorted((stable(k), stable(v)) for k, v in value.items())
        return "{" + ",".join(f"{k}:{v}" for k, v in items) + "}"
    if isinstance(value, list | tuple):
        return type(value).__name__ + "[" + ",".join(stable(v) for v in value) + "]"
    if isinstance(value, set | frozenset):
        return "set[" + ",".join(sorted(stable(v) for v in value)) + "]"
    if value is None or isinstance(
        value, str | bytes | int | float | bool | date | datetime | time | timedelta | PurePath
    ):
        return repr(value)
    if isinstance(value, CodeType):
        return stable((value.co_code, value.co_names, value.co_consts))
    if isinstance(value, type) or callable(value):
        module = getattr(value, "__module__", "?")
        name = getattr(value, "__qualname__", type(value).__qualname__)
        code = getattr(value, "__code__", None)  # a function written in the settings file
        body = ""
        if code is not None:
            parts = (code.co_code, code.co_names, [stable(c) for c in code.co_consts])
            body = hashlib.sha256(repr(parts).encode()).hexdigest()[:12]
        return f"<{module}.{name}{body}>"
    text = repr(value)
    if " at 0x" in text:
        return f"<unknown {id(value)}>"  # never equal across builds: no reuse
    return text


def fingerprint(settings: Mapping) -> str:
    kept = {k: v for k, v in settings.items() if not k.startswith("_") and k not in IGNORED}
    libraries = memo.installed_distributions()
    shape = stable((sys.version, libraries, memo.source_digest(memo.PLUGINS), kept))
    return hashlib.sha256(shape.encode()).hexdigest()[:16]


def use_fingerprinted_folder(settings: dict) -> Path | None:
    """Point CACHE_PATH at a private copy of this fingerprint's folder (before
    any generator opens its cache) and remove the folders of other
    fingerprints. Nothing to do when the content cache is off.

    Pelican writes its cache files in place, so two builds sharing one
    folder could leave a file half written, and Pelican stops on a file it
    cannot unpickle. Each build therefore works in a copy of the files the
    folder's manifest vouches for (name and size), and `keep_this_builds_cache`
    moves its files back one atomic rename each, the manifest last."""
    if not settings.get("CACHE_CONTENT"):
        return None
    if SHARED_KEY in settings:
        return Path(settings[SHARED_KEY])
    root = Path(settings.get(ROOT_KEY) or settings["CACHE_PATH"])
    settings[ROOT_KEY] = str(root)
    folder = root / f"{PREFIX}{fingerprint(settings)}"
    folder.mkdir(parents=True, exist_ok=True)
    os.utime(folder)  # last used now
    # The local and the production settings (publishconf.py) each keep
    # theirs; older fingerprints' folders are removed.
    others = sorted(
        (f for f in root.glob(f"{PREFIX}*") if f != folder and f.is_dir()),
        key=lambda f: f.stat().st_mtime,
        reverse=True,
    )
    for old in others[KEEP - 1 :]:
        shutil.rmtree(old, ignore_errors=True)
    _remove_abandoned(root)
    private = Path(tempfile.mkdtemp(prefix=f"{PRIVATE}{folder.name}-", dir=root))
    for name in _vouched(folder):
        with contextlib.suppress(OSError):  # replaced meanwhile: start that one cold
            shutil.copyfile(folder / name, private / name)
    settings[SHARED_KEY] = str(folder)
    settings["CACHE_PATH"] = str(private)
    return folder


def keep_this_builds_cache(settings: dict) -> None:
    """After a build: its cache files replace the shared ones, the manifest last."""
    shared, private = settings.get(SHARED_KEY), Path(settings["CACHE_PATH"])
    if not shared or not private.name.startswith(PRIVATE):
        return
    sizes = {}
    # A build under other settings may have removed the shared folder
    # meanwhile: this build's cache is then only lost, never half kept.
    with contextlib.suppress(OSError):
        Path(shared).mkdir(parents=True, exist_ok=True)
        for entry in private.iterdir():
            if entry.is_file():
                sizes[entry.name] = entry.stat().st_size
                os.replace(entry, Path(shared, entry.name))
        manifest = json.dumps(sizes, sort_keys=True).encode()
        write_atomically(Path(shared, MANIFEST), manifest, durable=False)
    shutil.rmtree(private, ignore_errors=True)


def _vouched(folder: Path) -> list[str]:
    """The files of `folder` whose size is the one the manifest recorded."""
    try:
        sizes = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(sizes, dict):
        return []
    found = []
    for name, size in sizes.items():
        path = folder / str(name)
        with contextlib.suppress(OSError):
            if path.parent == folder and path.stat().st_size == size:
                found.append(path.name)
    return found


def _remove_abandoned(root: Path) -> None:
    """Private folders of builds that stopped before keeping their cache."""
    now = _now()
    for folder in root.glob(f"{PRIVATE}*"):
        with contextlib.suppress(OSError):
            if now - folder.stat().st_mtime > ABANDONED_SECONDS:
                shutil.rmtree(folder, ignore_errors=True)
