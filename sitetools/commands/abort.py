"""The one exception that ends a command cleanly."""

from __future__ import annotations


class Abort(Exception):
    """Stop the command: `message` is the one line the coach reads (None when
    the program that failed has already said why), `code` the exit status."""

    def __init__(self, message: str | None = None, code: int = 1) -> None:
        super().__init__(message or "")
        self.message = message
        self.code = code
