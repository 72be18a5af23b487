"""Setting paths and the one configuration error that names them.

Every message about a bad setting starts with the setting as the coach
writes it in pelicanconf.py, in one quoting style:
`BOOKING["sessions"][0]["slug"]: "Intro" must be lowercase letters...`.
"""

from __future__ import annotations


def setting_name(root: str, *keys: str | int) -> str:
    """BOOKING, "sessions", 0, "slug" -> BOOKING["sessions"][0]["slug"]."""
    return root + "".join(f'["{k}"]' if isinstance(k, str) else f"[{k}]" for k in keys)


class SiteError(Exception):
    """Base of every error a coach may see: `str()` is the whole one-line
    message (what is wrong, where, and what to write instead). The Pelican
    glue and the desk's command line print it and exit 1, never a traceback."""


class ConfigError(SiteError):
    """A setting is missing, malformed or contradictory; `setting` names it."""

    def __init__(self, setting: str, problem: str) -> None:
        self.setting = setting
        self.problem = problem
        super().__init__(f"{setting}: {problem}")


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message, or its type's name."""
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
