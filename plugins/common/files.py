"""Atomic file writes: a reader sees the old file or the new one, never half of one.

`write_if_changed` also leaves a file alone when it already holds the same
bytes: rewriting an identical page costs a truncate and a fresh block
allocation (measured: 1 ms a file on an ext4 disk mounted with `discard`,
half of a 1,000-article rebuild), and a new mtime makes `rsync` and CDNs
treat it as changed."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomically(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write a temporary file beside `path`, then rename it over `path`.

    `durable` also flushes the bytes to disk before the rename, so the new
    file survives a power cut (the ledger and the outbox need that; files of
    a build that is swapped into place whole do not)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` to `path` unless it already holds exactly that; True if written."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    write_atomically(path, data, durable=False)
    return True
