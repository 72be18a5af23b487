"""The coach's mailbox over IMAP ([booking] inbox), through IMAPClient.

The desk only reads messages (BODY.PEEK: nothing is marked read), moves the
ones it handled into done_folder and the ones it cannot read or act on into
unreadable_folder, and waits with IDLE (RFC 2177) in `--watch`. The
password comes from the environment variable password_env names; errors
name the server and the variable, never the secret.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date, timedelta

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from ...common.errors import first_line
from ...config.desk import InboxSettings
from ..errors import BookingError

TIMEOUT_SECONDS = 60
LOOK_BACK_DAYS = 30  # older messages are the coach's to handle
MAX_BYTES = 2_000_000  # a request is a few kilobytes; a bigger message is not read
IDLE_SECONDS = 25 * 60  # RFC 2177: renew IDLE well before 29 minutes


class ImapError(BookingError):
    def __init__(self, inbox: InboxSettings, problem: str) -> None:
        super().__init__(f"[booking] inbox <{inbox.host}:{inbox.port}>: {problem}")


@dataclass(frozen=True)
class Fetched:
    uid: int
    raw: bytes


class Mailbox:
    def __init__(self, client: IMAPClient, inbox: InboxSettings) -> None:
        self.client = client
        self.inbox = inbox

    def messages(self, known: set[str]) -> list[Fetched]:
        """Every recent message whose Message-ID is not in `known`, oldest first,
        plus the known ones (with empty bytes) so the caller can move them."""
        since = date.today() - timedelta(days=LOOK_BACK_DAYS)
        uids = sorted(self.client.search(["SINCE", since]))
        if not uids:
            return []
        heads = self.client.fetch(uids, ["RFC822.SIZE", "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])
        wanted, found = [], []
        for uid in uids:
            data = heads.get(uid, {})
            head = data.get(b"BODY[HEADER.FIELDS (MESSAGE-ID)]", b"")
            message_id = head.decode("latin-1").partition(":")[2].strip()
            if message_id and message_id in known:
                found.append(Fetched(uid, b""))
            elif data.get(b"RFC822.SIZE", 0) <= MAX_BYTES:
                wanted.append(uid)
        if wanted:
            bodies = self.client.fetch(wanted, ["BODY.PEEK[]"])
            found += [Fetched(uid, bodies[uid][b"BODY[]"]) for uid in wanted if uid in bodies]
        return sorted(found, key=lambda f: f.uid)

    def move(self, uids: list[int]) -> None:
        """Handled: into done_folder."""
        self._move(uids, self.inbox.done_folder)

    def set_aside(self, uids: list[int]) -> None:
        """Not readable or not actionable: into unreadable_folder, where the
        coach can look at them and the desk never reads them again."""
        self._move(uids, self.inbox.unreadable_folder)

    def _move(self, uids: list[int], folder: str) -> None:
        if not uids:
            return
        target = self._folder(folder)
        try:
            self._move_now(uids, target)
        except IMAPClientError as error:
            # Another run (an `inbox --watch` beside the hourly `desk-run`)
            # moved some of them first: they are where they belong. Move
            # what is still here; any other refusal is a real failure.
            if "EXPUNGEISSUED" not in str(error).upper():
                raise
            here = self.client.search(["UID", ",".join(str(uid) for uid in uids)])
            self._move_now(sorted(set(here) & set(uids)), target)

    def _move_now(self, uids: list[int], target: str) -> None:
        if not uids:
            return
        if self.client.has_capability("MOVE"):
            self.client.move(uids, target)
        else:
            self.client.copy(uids, target)
            self.client.delete_messages(uids)
            self.client.expunge(uids)

    def _folder(self, folder: str) -> str:
        """A folder setting with the server's own separator ("." on many servers)."""
        listed = self.client.list_folders(directory="", pattern="")
        separator = listed[0][1].decode() if listed and listed[0][1] else "/"
        name = folder.replace("/", separator)
        if not self.client.folder_exists(name):
            self.client.create_folder(name)
        return name

    def erase(self, address: str) -> int:
        """Delete the messages from, to or copied to `address` in the folders
        the desk files into (done_folder, unreadable_folder), never in the
        coach's own; the number deleted."""
        deleted = 0
        for folder in (self.inbox.done_folder, self.inbox.unreadable_folder):
            name = self._folder(folder)
            self.client.select_folder(name)
            uids: set[int] = set()
            for field in ("FROM", "TO", "CC"):
                uids |= set(self.client.search([field, address]))
            if uids:
                self.client.delete_messages(sorted(uids))
                self.client.expunge()
                deleted += len(uids)
        self.client.select_folder(self.inbox.folder)
        return deleted

    def wait(self, seconds: float = IDLE_SECONDS) -> bool:
        """IDLE until the server announces a new message (True) or `seconds` pass.
        A NOOP first: a message that came in since the last fetch is news now,
        not after the next IDLE timeout."""
        if _announces_new(self.client.noop()[1]):
            return True
        self.client.idle()
        try:
            responses = self.client.idle_check(timeout=seconds)
        finally:
            self.client.idle_done()
        return _announces_new(responses)


def _announces_new(responses) -> bool:
    return any(
        isinstance(r, tuple) and len(r) > 1 and r[1] in (b"EXISTS", b"RECENT") for r in responses
    )


@contextmanager
def opened(inbox: InboxSettings, environ: Mapping[str, str]) -> Iterator[Mailbox]:
    """A logged-in Mailbox on `inbox.folder`; any failure is one ImapError line."""
    secret = environ.get(inbox.password_env, "")
    if not secret:
        raise ImapError(
            inbox,
            f"the environment variable {inbox.password_env} (password_env) is not set; "
            "set it to your mail password (an app password with most providers)",
        )
    try:
        client = IMAPClient(
            inbox.host,
            port=inbox.port,
            ssl=inbox.security == "ssl",
            ssl_context=ssl.create_default_context(),
            timeout=TIMEOUT_SECONDS,
        )
    except (OSError, IMAPClientError) as exc:
        raise ImapError(inbox, f"cannot connect ({first_line(exc)})") from None
    try:
        if inbox.security == "starttls":
            client.starttls(ssl.create_default_context())
        client.login(inbox.username, secret)
        client.select_folder(inbox.folder)
    except LoginError:
        _close(client)
        raise ImapError(
            inbox, f"the server refused user {inbox.username!r} and {inbox.password_env}"
        ) from None
    except (OSError, IMAPClientError) as exc:
        _close(client)
        raise ImapError(inbox, f"{first_line(exc)}") from None
    try:
        yield Mailbox(client, inbox)
    except (TimeoutError, OSError, IMAPClientError) as exc:
        raise ImapError(inbox, f"the connection failed ({first_line(exc)})") from None
    finally:
        _close(client)


def _close(client: IMAPClient) -> None:
    with suppress(OSError, IMAPClientError):
        client.logout()
