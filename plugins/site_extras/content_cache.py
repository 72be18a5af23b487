"""Pelican's content cache, kept only for the settings and code it was made with.

Pelican keeps what its readers made of each file (HTML and metadata) in
`CACHE_PATH/<generator>-Readers` and trusts it while the file's stamp is
unchanged; it never asks whether the settings or the libraries that read the
file changed (a new Markdown extension, TIMEZONE, Pelican itself), and would
serve pages made under the old ones. Here the cache lives in a folder named
after a fingerprint of everything that shapes what a reader makes: every
setting (the build's own "_" objects and where files go excepted), the
Python version and the versions of the reading libraries. Change any of
them and the build starts from an empty cache; of the older folders only
the last used is kept (the local and the production settings alternate).
With CHECK_MODIFIED_METHOD a hash, a file's stamp is its content, so a fresh
checkout (new modification times) still finds its entries.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from importlib import metadata
from pathlib import Path, PurePath
from types import CodeType

PREFIX = "content-"
ROOT_KEY = "_CACHE_ROOT"  # CACHE_PATH as configured: the template cache lives there
# Where this build's files are written, and whether to read the cache: neither
# changes what a reader makes of a file (`--ignore-cache` rewrites the same cache).
IGNORED = {"OUTPUT_PATH", "CACHE_PATH", "LOAD_CONTENT_CACHE"}
KEEP = 2  # fingerprints' folders kept, the one in use included
LIBRARIES = ("pelican", "markdown", "docutils", "pygments", "typogrify", "smartypants")


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
    versions = []
    for library in LIBRARIES:
        try:
            versions.append((library, metadata.version(library)))
        except metadata.PackageNotFoundError:
            versions.append((library, None))
    shape = stable((sys.version, versions, kept))
    return hashlib.sha256(shape.encode()).hexdigest()[:16]


def use_fingerprinted_folder(settings: dict) -> Path | None:
    """Point CACHE_PATH at this fingerprint's folder (before any generator
    opens its cache) and remove the folders of other fingerprints. Nothing
    to do when the content cache is off."""
    if not settings.get("CACHE_CONTENT"):
        return None
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
    settings["CACHE_PATH"] = str(folder)
    return folder
