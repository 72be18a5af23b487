"""Client files at rest, sealed with age when the coach gives a key.

The desk keeps clients' names, addresses, intake answers and messages in
the ledger and the outbox, and a scheduled round commits the ledger and the
queue of unsent mail to her repository. With `[booking] ledger_key_env`
naming an environment variable that holds an age identity
(`AGE-SECRET-KEY-1...`, made by `invoke ledger-key`), every such file is
written encrypted to that identity's recipient (age's X25519, through
pyrage, the Python binding of the Rust implementation rage: a format with a
specification, other implementations to read it with, and no choices of
ours in it), and read back transparently.

A sealed file is recognised by age's header line; a plain file is still
read with a key set (the next write seals it), so turning encryption on
needs no migration step. A sealed file without the key, or with another
key, is an error naming the file and the variable, in one line, before
anything is changed. The identity itself never reaches a log or an error.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import SiteError

MAGIC = b"age-encryption.org/v1\n"
KEY_PREFIX = "AGE-SECRET-KEY-1"


class SealError(SiteError):
    """A sealed file cannot be opened, or the key is not an age key."""


@dataclass(frozen=True)
class Vault:
    """How the desk's client files are kept: sealed to `identity`, or plain
    (identity None). `variable`: the environment variable the key comes from
    ("" when the coach set none)."""

    identity: object | None = None  # pyrage.x25519.Identity
    variable: str = ""

    @property
    def sealing(self) -> bool:
        return self.identity is not None

    def seal(self, data: bytes) -> bytes:
        if self.identity is None:
            return data
        import pyrage

        return pyrage.encrypt(data, [self.identity.to_public()])  # type: ignore[attr-defined]

    def open(self, data: bytes, where: Path | str) -> bytes:
        """The plain bytes of a file read from `where` (named in errors)."""
        if not is_sealed(data):
            return data
        if self.identity is None:
            if self.variable:
                why = f"the environment variable {self.variable} is not set"
            else:
                why = "[booking] ledger_key_env names no variable holding its key"
            raise SealError(
                f"{where} is encrypted and {why}; set it to the key `invoke ledger-key` "
                "gave you (nothing was changed)"
            )
        import pyrage

        try:
            return pyrage.decrypt(data, [self.identity])
        except pyrage.DecryptError:
            raise SealError(
                f"{where} cannot be opened with the key in {self.variable}: it is another "
                "(an older one after a rotation?); nothing was changed"
            ) from None


PLAIN = Vault()  # no key: files as they are


def is_sealed(data: bytes) -> bool:
    return data.startswith(MAGIC)


def vault(variable: str | None, environ: Mapping[str, str]) -> Vault:
    """The vault `[booking] ledger_key_env` asks for, with the key from `environ`."""
    if not variable:
        return Vault()
    text = (environ.get(variable) or "").strip()
    if not text:
        return Vault(None, variable)
    return Vault(identity_from(text, variable), variable)


def identity_from(text: str, variable: str) -> object:
    from pyrage import IdentityError, x25519

    if not text.startswith(KEY_PREFIX):
        raise SealError(
            f"the environment variable {variable} does not hold an age key "
            f"({KEY_PREFIX}...); `invoke ledger-key` makes one"
        )
    try:
        return x25519.Identity.from_str(text)
    except IdentityError:
        raise SealError(
            f"the environment variable {variable} holds a damaged age key; "
            "copy it again exactly as `invoke ledger-key` printed it"
        ) from None


def new_key() -> str:
    """A new age identity, as the text the coach stores as a secret."""
    from pyrage import x25519

    return str(x25519.Identity.generate())


def with_key(text: str, variable: str) -> Vault:
    return Vault(identity_from(text, variable), variable)
