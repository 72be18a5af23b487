"""Folders that refuse writes, for tests that run as root.

As root, `chmod a-w` stops nothing (root ignores permission bits), so a
read-only folder is made the way a coach meets one: the folder bind-mounted
read-only onto itself (`mount --bind`, then `remount,ro`: its files stay
readable, every write fails with EROFS, as on a read-only disk or share),
else marked immutable (`chattr +i`: EPERM on creating, renaming or
removing anything in it). A full disk is a small tmpfs mounted on the
folder and filled up (ENOSPC). Both need root; where neither works (an
unprivileged container), the test is skipped with the reason. Every mount
is undone on the way out, whatever the test did.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _run(*args: str) -> bool:
    return subprocess.run(args, capture_output=True, check=False).returncode == 0


def _refuses_writes(folder: Path) -> bool:
    probe = folder / ".probe"
    try:
        probe.write_bytes(b"")
    except OSError:
        return True
    probe.unlink()
    return False


@contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """`folder` (made if missing) read-only while the block runs."""
    folder.mkdir(parents=True, exist_ok=True)
    if _run("mount", "--bind", str(folder), str(folder)):
        try:
            if _run("mount", "-o", "remount,bind,ro", str(folder)) and _refuses_writes(folder):
                yield folder
                return
        finally:
            _run("umount", str(folder))
    if shutil.which("chattr") and _run("chattr", "+i", str(folder)):
        try:
            if _refuses_writes(folder):
                yield folder
                return
        finally:
            _run("chattr", "-i", str(folder))
    pytest.skip("cannot make a read-only folder here (needs root: mount --bind or chattr +i)")


@contextmanager
def full(folder: Path, size_kb: int = 256) -> Iterator[Path]:
    """`folder` (made if missing, its files copied in) on a tiny tmpfs that is full."""
    folder.mkdir(parents=True, exist_ok=True)
    saved = folder.with_name(folder.name + ".saved")
    shutil.copytree(folder, saved)
    if not _run("mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(folder)):
        shutil.rmtree(saved)
        pytest.skip("cannot mount a small tmpfs here (needs root) to fill a disk")
    try:
        shutil.copytree(saved, folder, dirs_exist_ok=True)
        filler = folder / ".filler"
        try:
            with open(filler, "wb") as handle:
                while True:
                    handle.write(b"\0" * 4096)
                    handle.flush()
                    os.fsync(handle.fileno())
        except OSError:
            pass
        yield folder
    finally:
        _run("umount", str(folder))
        shutil.rmtree(saved, ignore_errors=True)
