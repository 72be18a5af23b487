"""The desk's queue of messages to send: `<outbox>/queue/`, then `<outbox>/sent/`.

A message is queued (written atomically, under a name that says what it is
for) before the ledger records the work that made it, and sent only after
that record is written. Sending moves it to sent/, so a run stopped by a
dead SMTP server sends the rest next time, and nothing is sent twice except
a message whose move was cut off between the server's "250 OK" and the
rename (mail is at-least-once everywhere; its Message-ID lets mail programs
drop the copy).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from email import message_from_bytes
from email.message import EmailMessage
from pathlib import Path

from ...common.files import write_atomically
from ...common.sealed import PLAIN, Vault
from ...config.desk import SmtpSettings
from ..errors import BookingError
from . import mail
from .invitations import MAIL_POLICY


class OutboxError(BookingError):
    """The outbox cannot be written (a read-only folder, a full disk)."""

    def __init__(self, folder: Path, exc: OSError, done: str = "nothing was changed") -> None:
        super().__init__(
            f"the outbox folder {folder} cannot be written ({exc.strerror or exc}); {done}"
        )


def queue_folder(outbox: Path) -> Path:
    return outbox / "queue"


def sent_folder(outbox: Path) -> Path:
    return outbox / "sent"


def put(outbox: Path, name: str, msg: EmailMessage, key: Vault = PLAIN) -> None:
    """Queue `msg` as `name` (replacing an unsent one of the same name from a
    run that stopped before recording it); a sent one is never queued again.
    Sealed with `key` when the coach gave one (common.sealed)."""
    if (sent_folder(outbox) / f"{name}.eml").exists():
        return
    try:
        write_atomically(queue_folder(outbox) / f"{name}.eml", key.seal(msg.as_bytes()))
    except OSError as exc:
        raise OutboxError(queue_folder(outbox), exc) from None


def waiting(outbox: Path) -> list[str]:
    folder = queue_folder(outbox)
    if not folder.is_dir():
        return []
    # In the order they were queued: an invitation before the coach's copy.
    paths = sorted(folder.glob("*.eml"), key=lambda p: (p.stat().st_mtime_ns, p.name))
    return [p.stem for p in paths]


def drop_unrecorded(outbox: Path, recorded: Iterable[str]) -> list[str]:
    """Queued messages no ledger record stands for: a run stopped between
    queueing and recording. The rerun makes them again if they are still due."""
    known = set(recorded)
    dropped = [name for name in waiting(outbox) if name not in known]
    for name in dropped:
        try:
            (queue_folder(outbox) / f"{name}.eml").unlink(missing_ok=True)
        except OSError as exc:
            raise OutboxError(queue_folder(outbox), exc) from None
    return dropped


def flush(
    outbox: Path,
    smtp: SmtpSettings,
    environ: Mapping[str, str],
    report: Callable[[str], object],
    key: Vault = PLAIN,
) -> int:
    """Send every queued message, oldest first; a MailError stops the
    flush and leaves the rest queued."""
    sent = 0
    for name in waiting(outbox):
        path = queue_folder(outbox) / f"{name}.eml"
        msg = message_from_bytes(key.open(path.read_bytes(), path), policy=MAIL_POLICY)
        assert isinstance(msg, EmailMessage)
        mail.send(msg, smtp, environ)
        try:
            sent_folder(outbox).mkdir(parents=True, exist_ok=True)
            path.replace(sent_folder(outbox) / f"{name}.eml")
        except OSError as exc:
            raise OutboxError(
                sent_folder(outbox), exc, f"{name} was sent and may be sent again next time"
            ) from None
        sent += 1
        report(f"Sent {name} to {msg['To']}.")
    return sent
