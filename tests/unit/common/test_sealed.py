"""Client files sealed with age: a round trip, plain files still read, and
each failure one line naming the file and the variable, never the key."""

from __future__ import annotations

import pytest

from plugins.common.sealed import (
    MAGIC,
    PLAIN,
    SealError,
    is_sealed,
    new_key,
    vault,
    with_key,
)

VARIABLE = "BOOKING_LEDGER_KEY"
DATA = b"BEGIN:VCALENDAR\r\nATTENDEE;CN=Zo\xc3\xab:mailto:zoe@example.org\r\nEND:VCALENDAR\r\n"


def test_a_sealed_file_opens_with_its_key_and_hides_its_text():
    key = new_key()
    box = vault(VARIABLE, {VARIABLE: key})
    sealed = box.seal(DATA)
    assert is_sealed(sealed) and sealed.startswith(MAGIC)
    assert b"zoe@example.org" not in sealed
    assert box.open(sealed, "bookings.ics") == DATA
    # Encryption is randomised: the same text seals to other bytes each time.
    assert box.seal(DATA) != sealed


def test_without_a_key_files_stay_plain_and_plain_files_open_with_a_key():
    assert PLAIN.seal(DATA) == DATA
    assert vault(None, {}).seal(DATA) == DATA
    assert vault(VARIABLE, {}).seal(DATA) == DATA
    assert vault(VARIABLE, {VARIABLE: new_key()}).open(DATA, "bookings.ics") == DATA


def test_a_sealed_file_without_the_key_is_one_line_naming_the_variable():
    sealed = with_key(new_key(), VARIABLE).seal(DATA)
    with pytest.raises(SealError) as caught:
        vault(VARIABLE, {}).open(sealed, "bookings/bookings.ics")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("bookings/bookings.ics is encrypted")
    assert f"the environment variable {VARIABLE} is not set" in message
    with pytest.raises(SealError, match=r"ledger_key_env names no variable"):
        PLAIN.open(sealed, "bookings.ics")


def test_another_key_cannot_open_it_and_the_key_is_never_shown():
    sealed = with_key(new_key(), VARIABLE).seal(DATA)
    other = new_key()
    with pytest.raises(SealError) as caught:
        vault(VARIABLE, {VARIABLE: other}).open(sealed, "bookings.ics")
    assert "cannot be opened with the key in BOOKING_LEDGER_KEY" in str(caught.value)
    assert other not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("hunter2", "does not hold an age key"),
        ("AGE-SECRET-KEY-1QQQQ", "holds a damaged age key"),
    ],
)
def test_a_variable_that_holds_no_age_key_is_refused(text, problem):
    with pytest.raises(SealError, match=problem) as caught:
        vault(VARIABLE, {VARIABLE: text})
    assert text not in str(caught.value)


def test_a_new_key_is_an_age_identity_and_differs_each_time():
    first, second = new_key(), new_key()
    assert first.startswith("AGE-SECRET-KEY-1") and first != second
    assert with_key(first, VARIABLE).sealing


def test_every_message_in_full():
    sealed = with_key(new_key(), VARIABLE).seal(DATA)
    with pytest.raises(SealError) as caught:
        vault(VARIABLE, {}).open(sealed, "bookings/bookings.ics")
    assert str(caught.value) == (
        "bookings/bookings.ics is encrypted and the environment variable BOOKING_LEDGER_KEY "
        "is not set; set it to the key `invoke ledger-key` gave you (nothing was changed)"
    )
    with pytest.raises(SealError) as caught:
        PLAIN.open(sealed, "outbox/queue/a.eml")
    assert str(caught.value) == (
        "outbox/queue/a.eml is encrypted and [booking] ledger_key_env names no variable "
        "holding its key; set it to the key `invoke ledger-key` gave you (nothing was changed)"
    )
    with pytest.raises(SealError) as caught:
        vault(VARIABLE, {VARIABLE: new_key()}).open(sealed, "bookings.ics")
    assert str(caught.value) == (
        "bookings.ics cannot be opened with the key in BOOKING_LEDGER_KEY: it is another "
        "(an older one after a rotation?); nothing was changed"
    )
    with pytest.raises(SealError) as caught:
        with_key("AGE-SECRET-KEY-1QQQQ", "MY_KEY")
    assert str(caught.value) == (
        "the environment variable MY_KEY holds a damaged age key; copy it again exactly as "
        "`invoke ledger-key` printed it"
    )
    box = with_key(new_key(), "MY_KEY")
    assert box.variable == "MY_KEY"
    with pytest.raises(SealError, match="MY_KEY: it is another"):
        box.open(sealed, "x")
