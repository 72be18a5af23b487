"""The desk's store for the bookings ledger: lock, then write atomically.

The format (and reading it) is the engine's (plugins.booking.ledger_format).
Writes are atomic (a temporary file in the same folder, then os.replace),
the previous version is kept as `<ledger>.bak`, and a ledger that does not
parse is never overwritten. Callers hold `locked()` around
read-modify-write so two commands running at once cannot lose a booking.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import filelock

from ...common.files import write_atomically
from ..ledger_format import Ledger, LedgerError
from .work import to_ical

LOCK_TIMEOUT_SECONDS = 60


def remove_leftovers(path: Path, outbox: Path) -> None:
    """Temporary files of a write that was killed halfway (they hold client
    names), beside the ledger and anywhere under the outbox (its queue/ and
    sent/ too); only ever called under the lock, when no write is running."""
    for leftover in [*path.parent.glob(f".{path.name}*.tmp"), *outbox.rglob(".*.tmp")]:
        try:
            leftover.unlink(missing_ok=True)
        except OSError as exc:
            raise LedgerError(path, unwritable(leftover.parent, exc)) from None


def unwritable(folder: Path, exc: OSError) -> str:
    """The one line for a folder the desk cannot write: read-only, full, missing."""
    return f"the folder {folder} cannot be written ({exc.strerror or exc}); nothing was changed"


@contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """An exclusive lock on `<ledger>.lock` (flock on Linux/macOS, LockFileEx on
    Windows via filelock); the lock file itself may stay behind harmlessly."""
    lock = filelock.FileLock(str(path.with_name(path.name + ".lock")), timeout=timeout)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except filelock.Timeout:
        raise LedgerError(
            path, f"another booking command has held its lock for {timeout:g} s; try again"
        ) from None
    except OSError as exc:  # a read-only or full disk: the lock file cannot be made
        raise LedgerError(path, unwritable(path.parent, exc)) from None
    try:
        yield
    finally:
        lock.release()


def write(ledger: Ledger, *, backup: bool = True) -> None:
    """Atomically replace the ledger, first keeping the current file as `.bak`
    (`backup=False`: the second write of one command keeps the `.bak` of
    the state before it). Sealed when the ledger was read with a key."""
    path = ledger.path
    data = ledger.vault.seal(to_ical(ledger))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if backup and path.exists():
            write_atomically(path.with_name(path.name + ".bak"), path.read_bytes())
        write_atomically(path, data)
    except OSError as exc:
        raise LedgerError(path, f"cannot write it: {exc.strerror or exc}") from None
