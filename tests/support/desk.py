"""Helpers for the booking desk tests: a throwaway project folder, the desk
command, and local servers (Radicale for CalDAV, aiosmtpd for SMTP). Nothing
here touches the repository's bookings/ or outbox/, or any real server."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.desk_sample import CALENDARS, sample_booking
from tests.support.site import DEFAULT_EPOCH, ROOT, BuildResult, build_site, layered_settings

SETTINGS_NAME = "site_settings.py"  # not pelicanconf.py: it star-imports the real one
PASSWORD_ENV = "DESK_TEST_CALDAV_PASSWORD"


def make_project(root: Path, **booking_changes: object) -> Path:
    """A project folder: content/calendars (the fixture busy.ics) and a settings
    file with the fixture coach's BOOKING (tests/support/desk_sample.py),
    changed by `booking_changes`. The ledger and outbox default to absolute
    paths inside `root`, because builds run with the repository as working
    folder."""
    root.mkdir(parents=True, exist_ok=True)
    calendars = root / "content/calendars"
    if not calendars.exists():
        shutil.copytree(CALENDARS, calendars)
    paths = {"ledger": str(root / "bookings/bookings.ics"), "outbox": str(root / "outbox")}
    booking = sample_booking(**{**paths, **booking_changes})
    layered_settings(
        root / SETTINGS_NAME,
        without=("podcast",),
        lines=(f"BOOKING = json.loads({json.dumps(booking)!r})",),
    )
    return root


def desk_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != PASSWORD_ENV}
    env.update(PYTHONPATH=str(ROOT), SOURCE_DATE_EPOCH=str(DEFAULT_EPOCH), COLUMNS="250")
    env.update(extra)
    return env


def desk_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "plugins.booking.desk", "--settings", SETTINGS_NAME, *args]


def run_desk(project: Path, *args: str, env: dict[str, str] | None = None):
    """`python -m plugins.booking.desk ...` in the project folder."""
    return subprocess.run(
        desk_command(*args),
        cwd=project,
        env=env or desk_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def build_project(project: Path, output: Path, *, check: bool = True) -> BuildResult:
    return build_site(
        output,
        settings_file=str(project / SETTINGS_NAME),
        content=project / "content",
        check=check,
    )


def slot_ids(output: Path, slug: str = "discovery") -> list[str]:
    document = json.loads((output / f"book/{slug}/slots.json").read_text("utf-8"))
    return [slot["id"] for slot in document["slots"]]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop(process: subprocess.Popen) -> None:
    """End a test server: asked first, killed if it does not go in 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_for_port(port: int, process: subprocess.Popen, log: Path, name: str) -> None:
    """Until the server `name` listens on `port`; its log's end if it exits."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited:\n{log.read_text(errors='replace')[-2000:]}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"{name} did not start within 30 s")


class CalDavAccount:
    """What the tests do with a CalDAV server's account, whichever server."""

    url: str
    username: str
    password: str

    def client(self):
        import caldav

        return caldav.DAVClient(
            url=self.url, username=self.username, password=self.password, timeout=10
        )

    def calendar(self, name: str):
        """The user's calendar with this display name, created on first use."""
        principal = self.client().principal()
        for calendar in principal.calendars():
            if calendar.get_display_name() == name:
                return calendar
        return principal.make_calendar(name=name, cal_id=name.lower())

    def settings(self, *calendars: str) -> dict[str, object]:
        return {
            "url": self.url,
            "username": self.username,
            "password_env": PASSWORD_ENV,
            "calendars": list(calendars),
        }


@dataclass(frozen=True)
class Radicale(CalDavAccount):
    url: str
    username: str
    password: str


@contextmanager
def radicale(folder: Path):
    """A real CalDAV server on 127.0.0.1 with htpasswd (plain) authentication."""
    folder.mkdir(parents=True, exist_ok=True)
    users = folder / "users"
    users.write_text("coach:correct horse battery\n", encoding="utf-8")
    port = free_port()
    log = folder / "radicale.log"
    with open(log, "wb") as sink:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "radicale",
                "--config",
                "",
                "--server-hosts",
                f"127.0.0.1:{port}",
                "--storage-filesystem-folder",
                str(folder / "storage"),
                "--auth-type",
                "htpasswd",
                "--auth-htpasswd-filename",
                str(users),
                "--auth-htpasswd-encryption",
                "plain",
                # Radicale waits after a failed login to slow down guessing; tests try one.
                "--auth-delay",
                "0",
                "--logging-level",
                "warning",
            ],
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for_port(port, process, log, "radicale")
        yield Radicale(f"http://127.0.0.1:{port}/", "coach", "correct horse battery")
    finally:
        stop(process)


class _Sink:
    def __init__(self, accept: int | None) -> None:
        self.envelopes: list[tuple[str, list[str], bytes]] = []
        self.accept = accept

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd calls it by this name
        if self.accept is not None and len(self.envelopes) >= self.accept:
            return "554 Transaction failed: quota exceeded"
        self.envelopes.append(
            (envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.original_content))
        )
        return "250 Message accepted for delivery"


@contextmanager
def smtp_sink(
    *, username: str | None = None, password: str | None = None, accept: int | None = None
):
    """An aiosmtpd server on 127.0.0.1 that keeps every message it receives;
    with `username`, it requires AUTH (allowed without TLS: loopback only);
    with `accept`, it refuses every message after that many."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    sink = _Sink(accept)
    kwargs: dict[str, object] = {}
    if username is not None:

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and (
                auth_data.login.decode() == username and auth_data.password.decode() == password
            )
            return AuthResult(success=ok)

        kwargs = {"authenticator": authenticator, "auth_required": True}
        kwargs["auth_require_tls"] = False
    controller = Controller(sink, hostname="127.0.0.1", port=free_port(), **kwargs)
    controller.start()
    try:
        yield controller.hostname, controller.port, sink.envelopes
    finally:
        controller.stop()
