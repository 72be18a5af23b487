"""Processes a test run left behind, found by a mark in their environment.

`invoke test` gives pytest a fresh mark (LEFTOVER_MARK); every server and
helper a test starts inherits it, even one that outlives its parent and is
adopted by init. After the run, any process still carrying the mark was
left running by a test: it is named and stopped, and the run fails. Linux
only (/proc); elsewhere nothing is found.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from pathlib import Path

VARIABLE = "LEFTOVER_MARK"


def marked(mark: str, grace: float = 0.0, proc: Path = Path("/proc")) -> list[tuple[int, str]]:
    """(pid, command line) of every process whose environment holds the mark;
    with `grace`, those still there after that many seconds (a server told
    to stop may take a moment)."""
    deadline = time.monotonic() + grace
    while True:
        found = _marked(mark, proc)
        if not found or time.monotonic() >= deadline:
            return found
        time.sleep(0.1)


def _marked(mark: str, proc: Path) -> list[tuple[int, str]]:
    wanted = f"{VARIABLE}={mark}".encode()
    found = []
    for entry in proc.glob("[0-9]*"):
        try:
            if wanted not in (entry / "environ").read_bytes().split(b"\0"):
                continue
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").strip()
        except OSError:  # gone meanwhile, or not ours to read
            continue
        if int(entry.name) != os.getpid():
            found.append((int(entry.name), command.decode(errors="replace")))
    return sorted(found)


def stop(processes: list[tuple[int, str]]) -> None:
    for pid, _ in processes:
        with contextlib.suppress(ProcessLookupError):  # it ended meanwhile
            os.kill(pid, signal.SIGTERM)
