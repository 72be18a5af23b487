"""Wall-clock deadlines for network exchanges.

Socket timeouts bound each read, not the exchange: a server that sends one
byte a second never trips them. `Deadline.run` does the work in a daemon
thread and stops waiting when the time is up; the thread is abandoned (its
socket has a timeout of its own, and a daemon thread never keeps the build
or the desk from exiting), and the caller fails closed with TimeoutError.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        return max(0.0, self.end - time.monotonic())

    def run(self, work: Callable[[], T]) -> T:
        """`work()`, or TimeoutError once the deadline has passed."""
        outcome: dict[str, object] = {}

        def target() -> None:
            try:
                outcome["value"] = work()
            except BaseException as error:  # handed back to the caller below
                outcome["error"] = error

        thread = threading.Thread(target=target, daemon=True, name="deadline")
        thread.start()
        thread.join(self.remaining())
        if thread.is_alive():
            raise TimeoutError(f"no complete answer within {self.seconds:g} s")
        if "error" in outcome:
            raise outcome["error"]  # type: ignore[misc]
        return outcome["value"]  # type: ignore[return-value]
