"""The one base of every error a coach may see, and how it is printed."""

from __future__ import annotations


class SiteError(Exception):
    """Base of every error a coach may see: `str()` is the whole one-line
    message (what is wrong, where, and what to write instead). The Pelican
    glue and the desk's command line print it and exit 1, never a traceback."""


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message, or its type's name."""
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
