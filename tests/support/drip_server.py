"""A server on 127.0.0.1 that answers one byte at a time: the slowest client
a timeout meets in real life (a stalled proxy, a failing mail server), and
one that per-read socket timeouts never catch."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def dripping(answer: bytes, *, every: float = 0.2, speaks_first: bool = False) -> Iterator[int]:
    """Yields the port. Each connection gets `answer` one byte every `every`
    seconds, after reading the request (or at once when `speaks_first`, as
    an SMTP server does); runs until the test leaves the block."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    stop = threading.Event()

    def serve(connection: socket.socket) -> None:
        with connection:
            connection.settimeout(0.5)
            if not speaks_first:
                try:
                    connection.recv(65536)
                except OSError:
                    return
            for byte in answer:
                if stop.wait(every):
                    return
                try:
                    connection.sendall(bytes([byte]))
                except OSError:
                    return

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=serve, args=(connection,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        time.sleep(0.15)
        listener.close()
