"""What a worker process does: parse source files with Pelican's readers
and hand back what Pelican's reader cache would hold for them.

A file whose parsing logs a warning or raises is left out of the results:
Pelican then reads it itself, so the warning or error is reported (and
counted by the strict build) exactly as it would be without workers.
"""

from __future__ import annotations

import logging
import pickle

from pelican.readers import _filter_discardable_metadata

_state: dict = {}  # the worker process's readers, made by its first task


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _start(setup: bytes) -> None:
    settings, readers = pickle.loads(setup)
    collect = _Collect()
    root = logging.getLogger()
    root.handlers[:] = [collect]
    root.setLevel(logging.WARNING)
    _state["collect"] = collect
    _state["readers"] = {fmt: cls(settings) for fmt, cls in readers.items()}


def read(setup: bytes, jobs: list[tuple[str, str]]) -> list[tuple[str, object, dict]]:
    """(path, format) pairs -> (path, content, metadata) for the clean ones.

    `setup` is the pickled (settings, reader classes), sent with every task
    (a few kilobytes) so no state has to be set up before the first one; the
    first task in a process uses it."""
    if "readers" not in _state:
        _start(setup)
    collect: _Collect = _state["collect"]
    results = []
    for path, fmt in jobs:
        before = collect.count
        try:
            content, metadata = _state["readers"][fmt].read(path)
        except Exception:  # Pelican reads it again and reports the error
            continue
        if collect.count == before:
            results.append((path, content, _filter_discardable_metadata(metadata)))
    return results
