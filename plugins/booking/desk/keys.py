"""The key of the client files (`invoke ledger-key`): a new one, or a
rotation that re-encrypts everything the desk keeps with a new key.

Rotation is how a coach erases what older commits hold: the repository's
history keeps the ledger and the queue as they were, sealed with the old
key, and once that key is destroyed (replaced everywhere it was stored)
nobody can read them. Every file is read and opened with the current key
before any is written, so a wrong key changes nothing.
"""

from __future__ import annotations

from pathlib import Path

from ...common.files import write_atomically
from ...common.sealed import SealError, new_key, with_key
from . import ledger
from .commands import Desk, DeskError


def instructions(variable: str, key: str) -> list[str]:
    return [
        key,
        "",
        "This is the key that encrypts what the booking desk keeps about your clients.",
        f"Keep it secret, and store it as the environment variable {variable}:",
        f"  - on GitHub: Settings > Secrets and variables > Actions > New repository secret,"
        f" name {variable}, value the line above;",
        f"  - on your computer: export {variable}='<the line above>' (or your shell's way).",
        f'With [booking] ledger_key_env = "{variable}" in site.toml, the desk\'s next write'
        " encrypts the ledger and the outbox.",
    ]


def kept_files(desk: Desk) -> list[Path]:
    """Every file the desk keeps about clients: the ledger (and its .bak)
    and every message in the outbox, its queue and sent/."""
    path = desk.ledger_path
    found = [p for p in (path, path.with_name(path.name + ".bak")) if p.is_file()]
    if desk.outbox.is_dir():
        found += sorted(
            p for p in desk.outbox.rglob("*") if p.is_file() and p.suffix in {".eml", ".ics"}
        )
    return found


def rotate(desk: Desk) -> list[str]:
    """Re-encrypt every kept file with a new key; the lines to print."""
    variable = desk.settings.ledger_key_env
    if not variable:
        raise DeskError(
            '[booking] ledger_key_env is not set; add ledger_key_env = "BOOKING_LEDGER_KEY" '
            "and run invoke ledger-key first"
        )
    old = desk.vault
    if not old.sealing:
        raise DeskError(
            f"the environment variable {variable} is not set: the current key is needed "
            "to re-encrypt (nothing was changed)"
        )
    text = new_key()
    new = with_key(text, variable)
    with ledger.locked(desk.ledger_path, desk.lock_timeout):
        files = kept_files(desk)
        opened = {path: old.open(path.read_bytes(), path) for path in files}  # all, first
        for path, data in opened.items():
            try:
                write_atomically(path, new.seal(data))
            except OSError as exc:
                raise SealError(
                    f"{path} cannot be written ({exc.strerror or exc}); the files before it "
                    f"are sealed with the new key below, the rest with the old one:\n{text}"
                ) from None
    return [
        f"Re-encrypted {len(files)} file(s) with a new key:",
        "",
        *instructions(variable, text),
        "",
        f"Replace {variable} with it everywhere now (this computer, the repository secret),",
        "then destroy the old key: the copies in older commits can no longer be read.",
    ]
