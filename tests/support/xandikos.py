"""Xandikos (PyPI `xandikos`) as a second real CalDAV server on 127.0.0.1.

It is stricter than Radicale where real calendar apps hurt: a PUT whose UID
already lives under another href is refused with `412 no-uid-conflict`
(RFC 4791 5.3.2.1). It has no password check of its own on plain HTTP, so
any password is accepted; the helper has the same shape as
tests.support.desk.Radicale so the desk's CalDAV tests run against both.
"""

from __future__ import annotations

import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.desk import CalDavAccount, free_port, stop, wait_for_port

USER_PATH = "/user/"  # --current-user-principal; calendars live under /user/calendars/


@dataclass(frozen=True)
class Xandikos(CalDavAccount):
    url: str
    username: str = "coach"
    password: str = "any password: xandikos does not check it"

    def path(self, name: str) -> str:
        """The calendar's path as a coach would paste it into `calendars`."""
        return f"{USER_PATH}calendars/{name.lower()}/"


@contextmanager
def xandikos(folder: Path):
    """`xandikos serve` on 127.0.0.1 over `folder`, with its default calendar
    (/user/calendars/calendar/) and address book created on start."""
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = folder / "xandikos.log"
    with open(log, "wb") as sink:
        process = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("xandikos")),
                "serve",
                "--directory",
                str(folder / "storage"),
                "--state-dir",
                str(folder / "state"),
                "--defaults",
                "--current-user-principal",
                USER_PATH,
                "--listen-address",
                "127.0.0.1",
                "--port",
                str(port),
                "--no-detect-systemd",
            ],
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for_port(port, process, log, "xandikos")
        yield Xandikos(f"http://127.0.0.1:{port}/")
    finally:
        stop(process)
