"""The link signature's key and shape, at their edges."""

from __future__ import annotations

import pytest

from plugins.booking.desk.signing import (
    MIN_SECRET_LENGTH,
    SigningError,
    required_secret,
    secret,
    sign,
    verify,
)
from plugins.booking.tokens import CANCEL, Token

VARIABLE = "BOOKING_LINK_SECRET"


def test_a_secret_of_exactly_the_minimum_length_is_the_key():
    text = "k" * MIN_SECRET_LENGTH
    assert secret({VARIABLE: text}, VARIABLE) == text.encode()
    assert required_secret({VARIABLE: text}, VARIABLE) == text.encode()
    with pytest.raises(SigningError, match="shorter than 16 characters"):
        secret({VARIABLE: text[1:]}, VARIABLE)


def test_required_secret_reads_the_variable_it_is_given():
    environ = {VARIABLE: "a-long-test-secret-for-signing", "OTHER": "another-long-secret-value"}
    assert required_secret(environ, "OTHER") == b"another-long-secret-value"
    assert secret({}, VARIABLE) is None
    with pytest.raises(SigningError, match=f"{VARIABLE} .* is not set"):
        required_secret({VARIABLE: ""}, VARIABLE)
    # Non-ASCII secrets are keys as their UTF-8 bytes.
    assert secret({VARIABLE: "ñ" * 16}, VARIABLE) == ("ñ" * 16).encode("utf-8")


def test_every_signature_is_26_lowercase_base32_characters():
    key = b"a-long-test-secret-for-signing"
    signatures = [sign(key, CANCEL, "discovery-20261124T140000Z", n) for n in range(400)]
    assert all(len(s) == 26 and s.isalnum() and s == s.lower() for s in signatures)
    # The 26th character holds the last 3 bits: eight possible letters, all seen.
    assert {s[-1] for s in signatures} == set("aeimquy4")
    token = Token(CANCEL, "discovery-20261124T140000Z", sequence=7, signature=signatures[7])
    assert verify(key, token)
    assert not verify(b"another-long-secret-key", token)
