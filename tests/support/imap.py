"""A real IMAP server for tests: Dovecot on 127.0.0.1 with its own test-only
config, so the desk's IMAP code meets a server's real replies (separators,
TRYCREATE, IDLE, a refused connection) rather than a mock's guesses. Nothing
here reads or changes the machine's own Dovecot setup or any real mailbox.

Dovecot runs as root (its master needs it to switch users) but refuses to
open mail as uid 0, so mail belongs to the `dovecot` user. pytest's temporary
folders sit under a root-only (0700) `/tmp/pytest-of-root`, which that user
cannot enter; so the mail and Dovecot's sockets live in a private folder of
their own in the system temporary folder (also short enough for Unix socket
paths), and the config, passwd-file and log stay in the caller's `folder`.
"""

from __future__ import annotations

import email
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, cast

import pytest

from tests.support.desk import free_port

if TYPE_CHECKING:
    from imapclient import IMAPClient

HOST = "127.0.0.1"
INSTALL_HINT = "apt-get install dovecot-imapd"
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
# The user Dovecot's packages create; mail processes and the mail run as it.
MAIL_USER = "dovecot"
LOGIN_USER = "dovenull"
# What the hosted mailboxes coaches use answer; the desk must still ask (separator()).
SEPARATOR = "/"


def dovecot_binary() -> str | None:
    """Debian puts it in /usr/sbin, which is not on every user's PATH."""
    found = shutil.which("dovecot")
    if found:
        return found
    fallback = Path("/usr/sbin/dovecot")
    return str(fallback) if os.access(fallback, os.X_OK) else None


def _missing(reason: str, in_ci: str) -> NoReturn:
    """Skip locally, fail in CI (as tests/conftest.py `require` does): a test
    that needs a real server must never pass in CI by not running."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(in_ci, pytrace=False)
    pytest.skip(reason)


def require_dovecot() -> str:
    """The dovecot binary, or a skip (locally) / failure (CI) saying how to get it."""
    binary = dovecot_binary()
    if binary is None:
        _missing(
            f"Dovecot not installed: {INSTALL_HINT}",
            f"Dovecot is missing; .ci/run must install it ({INSTALL_HINT})",
        )
    try:
        pwd.getpwnam(MAIL_USER)
        pwd.getpwnam(LOGIN_USER)
    except KeyError:
        _missing(
            f"Dovecot's users {MAIL_USER} and {LOGIN_USER} are missing: {INSTALL_HINT}",
            f"Dovecot's users {MAIL_USER} and {LOGIN_USER} are missing; .ci/run must install"
            " dovecot-imapd",
        )
    # The config below has Dovecot switch to its own users; only root can.
    if os.geteuid() != 0:
        _missing(
            "Dovecot tests need root (Dovecot switches to its own users)",
            "Dovecot tests need root; .ci/run runs the tests as root",
        )
    return binary


def _config(*, port: int, runtime: Path, mail: Path, passwd: Path, log: Path) -> str:
    # LAYOUT=fs stores "Bookings/Done" as nested directories, so with a "/"
    # namespace a name may also hold "." (Maildir++ refuses "Archive v1.2").
    return f"""\
# Test-only Dovecot config written by tests/support/imap.py; nothing else reads it.
base_dir = {runtime}
state_dir = {runtime / "state"}
log_path = {log}
# Names the processes in ps ("dovecot-test-PORT/imap"), so a leftover is recognisable.
instance_name = dovecot-test-{port}
listen = {HOST}
protocols = imap
ssl = no
disable_plaintext_auth = no
# Tests that try a wrong password should not wait Dovecot's 2 s.
auth_failure_delay = 0
default_login_user = {LOGIN_USER}
default_internal_user = {MAIL_USER}
default_internal_group = {MAIL_USER}
# The dovecot user has a system uid, below Dovecot's default floor of 500.
first_valid_uid = 0
mail_location = maildir:{mail}/%u:LAYOUT=fs
mail_fsync = never
# IDLE wakes on inotify; this is the fallback poll if inotify is unavailable.
mailbox_idle_check_interval = 1 secs
namespace inbox {{
  inbox = yes
  separator = {SEPARATOR}
}}
service imap-login {{
  inet_listener imap {{
    address = {HOST}
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
# The passwd-file sits in the caller's (root-only) folder: read it as root.
service auth {{
  user = root
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {passwd}
}}
userdb {{
  driver = static
  args = uid={MAIL_USER} gid={MAIL_USER} home={mail}/%u
}}
"""


class Dovecot:
    """One running (or stopped) test server; `stop()` and `start()` keep the
    port and the mail, so a test can see what the desk does while IMAP is down
    and after it is back."""

    host: str
    port: int
    username: str
    password: str
    users: dict[str, str]
    mail: Path
    log: Path

    def __init__(
        self,
        *,
        binary: str,
        config: Path,
        log: Path,
        mail: Path,
        port: int,
        users: dict[str, str],
    ) -> None:
        self.host = HOST
        self.port = port
        self.users = dict(users)
        self.username, self.password = next(iter(self.users.items()))
        self.mail = mail
        self.log = log
        self._binary = binary
        self._config = config
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        if self.running:
            raise RuntimeError(f"Dovecot is already running on {self.host}:{self.port}")
        # Foreground (-F) so the master is our child: its pid is the one to stop.
        with open(self.log, "ab") as sink:
            self._process = subprocess.Popen(
                [self._binary, "-F", "-c", str(self._config)],
                stdin=subprocess.DEVNULL,
                stdout=sink,
                stderr=subprocess.STDOUT,
            )
        try:
            self._wait_for_greeting()
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Stop the master by its pid, then the mail processes it leaves
        serving open connections (a real server going down drops its
        clients). Waits until the port refuses, so "down" means down."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        subprocess.run(
            ["pkill", "-KILL", "-f", f"^dovecot-test-{self.port}/"],
            check=False,
            capture_output=True,
        )
        deadline = time.monotonic() + STOP_TIMEOUT
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex((self.host, self.port)) != 0:
                    return
            time.sleep(0.05)
        raise RuntimeError(f"Dovecot still accepts on port {self.port}:\n{self._log_tail()}")

    def connect(self, username: str | None = None) -> IMAPClient:
        """A logged-in client (a context manager that logs out); `username`
        picks one of `users`, the first by default."""
        from imapclient import IMAPClient

        name = username or self.username
        client = IMAPClient(self.host, self.port, ssl=False, timeout=10)
        try:
            client.login(name, self.users[name])
        except BaseException:
            client.shutdown()
            raise
        return client

    def append(self, raw: bytes, folder: str = "INBOX") -> None:
        """Deliver as a mail provider would show it: a new, unseen message.
        The folder must exist (IMAP answers TRYCREATE otherwise)."""
        with self.connect() as client:
            client.append(folder, raw)

    def messages(self, folder: str = "INBOX") -> list[EmailMessage]:
        """Every message in `folder`, oldest first. Read-only and BODY.PEEK,
        so looking never marks mail as seen for the code under test."""
        with self.connect() as client:
            client.select_folder(folder, readonly=True)
            uids = sorted(client.search("ALL"))
            if not uids:
                return []
            fetched = client.fetch(uids, ["BODY.PEEK[]"])
        return [
            cast(
                EmailMessage,
                email.message_from_bytes(fetched[uid][b"BODY[]"], policy=policy.default),
            )
            for uid in uids
        ]

    def folders(self) -> list[str]:
        with self.connect() as client:
            return sorted(name for _flags, _delimiter, name in client.list_folders())

    def separator(self) -> str:
        """Asked of the server (LIST "" ""), as the desk must: providers differ."""
        with self.connect() as client:
            ((_flags, delimiter, _name),) = client.list_folders("", "")
        return delimiter.decode() if isinstance(delimiter, bytes) else str(delimiter)

    def _wait_for_greeting(self) -> None:
        # A listening port is not enough: imap-login may accept before it can greet.
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._process is None or self._process.poll() is not None:
                raise RuntimeError(f"Dovecot exited while starting:\n{self._log_tail()}")
            try:
                with socket.create_connection((self.host, self.port), timeout=2) as probe:
                    if probe.recv(256).startswith(b"* OK"):
                        return
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError(
            f"Dovecot did not greet on {self.host}:{self.port} within {START_TIMEOUT:.0f} s:\n"
            f"{self._log_tail()}"
        )

    def _log_tail(self) -> str:
        try:
            return self.log.read_text(errors="replace")[-3000:]
        except OSError:
            return "(no Dovecot log)"


@contextmanager
def dovecot(folder: Path, users: dict[str, str] | None = None) -> Iterator[Dovecot]:
    """A running Dovecot IMAP server on 127.0.0.1 (plain LOGIN, no TLS: loopback
    only), with one maildir per user and "/" as the hierarchy separator; the
    server is stopped on exit and its mail removed. Call `require_dovecot()`
    first so a machine without Dovecot skips (or CI fails) with the reason."""
    binary = dovecot_binary()
    if binary is None:
        raise RuntimeError(f"Dovecot not installed: {INSTALL_HINT}")
    users = {"coach": "secret"} if users is None else users
    if not users:
        raise ValueError("dovecot() needs at least one user")
    for name, password in users.items():
        if not name or any(c in name + password for c in ":\n\r"):
            raise ValueError(f"a passwd-file cannot hold this user or password: {name!r}")
    folder = folder.resolve()  # Dovecot's config takes absolute paths only
    folder.mkdir(parents=True, exist_ok=True)
    passwd = folder / "passwd"
    passwd.write_text(
        "".join(f"{name}:{{PLAIN}}{password}::::::\n" for name, password in users.items()),
        encoding="utf-8",
    )
    passwd.chmod(0o600)
    private = Path(tempfile.mkdtemp(prefix="dovecot-"))
    try:
        # The login user must reach the login sockets, the mail user the mail.
        private.chmod(0o755)
        runtime = private / "run"
        runtime.mkdir(mode=0o755)
        mail = private / "mail"
        mail.mkdir(mode=0o700)
        owner = pwd.getpwnam(MAIL_USER)
        os.chown(mail, owner.pw_uid, owner.pw_gid)
        port = free_port()
        log = folder / "dovecot.log"
        config = folder / "dovecot.conf"
        config.write_text(
            _config(port=port, runtime=runtime, mail=mail, passwd=passwd, log=log),
            encoding="utf-8",
        )
        server = Dovecot(binary=binary, config=config, log=log, mail=mail, port=port, users=users)
        try:
            server.start()
            yield server
        finally:
            server.stop()
    finally:
        shutil.rmtree(private, ignore_errors=True)
