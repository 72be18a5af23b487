"""The signature on a client's Cancel and Choose-another-time links.

HMAC-SHA256 over the action, the booked slot and the booking's SEQUENCE,
keyed with a secret from the environment variable [booking] link_secret_env
names (never a setting, never in the repository or the site), cut to 128
bits and written in lowercase base32 (26 characters that survive any mail
program). The SEQUENCE makes the links of a cancelled or moved booking
worthless for the next client of the same slot.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping

from ..errors import BookingError
from ..tokens import Token

MIN_SECRET_LENGTH = 16
MAKE_ONE = 'python -c "import secrets; print(secrets.token_urlsafe(32))"'


class SigningError(BookingError):
    pass


def secret(environ: Mapping[str, str], variable: str) -> bytes | None:
    """The key, or None when the variable is unset (no self-service links)."""
    value = environ.get(variable)
    if not value:
        return None
    if len(value) < MIN_SECRET_LENGTH:
        raise SigningError(
            f"the environment variable {variable} ([booking] link_secret_env) is shorter "
            f"than {MIN_SECRET_LENGTH} characters; make a long one with {MAKE_ONE}"
        )
    return value.encode()


def required_secret(environ: Mapping[str, str], variable: str) -> bytes:
    key = secret(environ, variable)
    if key is None:
        raise SigningError(
            f"the environment variable {variable} ([booking] link_secret_env) is not set; "
            f"it signs your clients' cancel and move links: make one with {MAKE_ONE}"
        )
    return key


def sign(key: bytes, action: str, slot_id: str, sequence: int) -> str:
    digest = hmac.new(key, f"{action}|{slot_id}|{sequence}".encode(), hashlib.sha256).digest()
    # 128 bits are 26 base32 characters, then padding: cut, not stripped.
    return base64.b32encode(digest[:16]).decode()[:26].lower()


def verify(key: bytes, token: Token) -> bool:
    expected = sign(key, token.action, token.slot_id, token.sequence)
    return hmac.compare_digest(expected, token.signature)
