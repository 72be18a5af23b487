"""The ledger's lock holds against another process (a second desk command)."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import pytest

from plugins.booking.desk import ledger
from plugins.booking.ledger_format import LedgerError


def _hold(path: str, ready, seconds: float) -> None:
    with ledger.locked(Path(path)):
        ready.set()
        time.sleep(seconds)


def test_the_lock_excludes_another_process(tmp_path):
    path = tmp_path / "bookings.ics"
    ready = multiprocessing.Event()
    holder = multiprocessing.Process(target=_hold, args=(str(path), ready, 3))
    holder.start()
    try:
        assert ready.wait(20)
        started = time.monotonic()
        with (
            pytest.raises(LedgerError, match="another booking command"),
            ledger.locked(path, timeout=0.5),
        ):
            pass
        assert time.monotonic() - started >= 0.5
    finally:
        holder.join(20)
    with ledger.locked(path, timeout=0.5):
        pass  # free again once the holder is done
