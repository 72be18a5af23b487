"""Who sent it (the provider's verdict), what they typed (names, control
characters), and the headers the desk writes with names in them."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from email import message_from_bytes, policy

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plugins.booking.desk.authentication import Verdict, verdict
from plugins.booking.desk.invitations import envelope
from plugins.booking.desk.visitor_text import person_name, printable

ZOE = "zoe@example.org"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        # What Gmail, Fastmail and Outlook write when all is well.
        (
            "mx.google.com; dkim=pass header.i=@example.org header.s=s1 header.b=Ab1; "
            "spf=pass (google.com: domain of zoe@example.org designates 192.0.2.1 as "
            "permitted sender) smtp.mailfrom=zoe@example.org; dmarc=pass (p=NONE) "
            "header.from=example.org",
            Verdict(True),
        ),
        ("mx.example; dmarc=pass header.from=example.org", Verdict(True)),
        ("mx.example; dkim=pass header.d=example.org", Verdict(True)),
        ("mx.example; spf=pass smtp.mailfrom=zoe@example.org", Verdict(True)),
        # A parent domain vouches for a subdomain (DMARC's relaxed alignment).
        ("mx.example; dkim=pass header.d=example.org", Verdict(True)),
        # Passed, but for somebody else's domain: the sender's own is unproven.
        ("mx.example; dkim=pass header.d=evil.example", Verdict(False)),
        ("mx.example; spf=pass smtp.mailfrom=bounce@evil.example", Verdict(False)),
        ("mx.example; dkim=pass header.d=org", Verdict(False)),
        ("mx.example; dkim=pass header.d=ample.org", Verdict(False)),
        # DMARC failed: nothing else counts.
        (
            "mx.example; dmarc=fail header.from=example.org; dkim=pass header.d=example.org",
            Verdict(False, ("dmarc",)),
        ),
        # SPF failed but aligned DKIM passed: DMARC itself would pass.
        (
            "mx.example; dkim=pass header.d=example.org; spf=fail smtp.mailfrom=zoe@example.org",
            Verdict(True, ("spf",)),
        ),
        ("mx.example; dkim=permerror header.d=example.org", Verdict(False, ("dkim",))),
        ("mx.example; dmarc=none header.from=example.org", Verdict(False)),
        ("mx.example; none", Verdict(False)),
        ("mx.example; dkim=neutral header.d=example.org", Verdict(False)),
        ("this is not a verdict ;; =", Verdict(False)),
    ],
)
def test_the_providers_verdict_on_the_sender(header, expected):
    assert verdict([header], ZOE) == expected


def test_only_the_topmost_verdict_counts_the_sender_may_have_written_the_rest():
    written_by_sender = "mx.example; dmarc=pass header.from=example.org"
    providers = "mx.coach.example; dmarc=fail header.from=example.org"
    assert verdict([providers, written_by_sender], ZOE) == Verdict(False, ("dmarc",))
    assert verdict([], ZOE) == Verdict(False)


def test_a_subdomain_sender_is_vouched_for_by_its_parent_never_the_reverse():
    assert verdict(["mx; dkim=pass header.d=example.org"], "a@mail.example.org").passed
    assert not verdict(["mx; dkim=pass header.d=mail.example.org"], ZOE).passed


@pytest.mark.parametrize(
    "name",
    ["Zoë O'Brien", "José Pérez, Jr.", "J.-P. Müller", "Dr. Ann Lee", "李小龍", "O’Neil", "Ann"],
)
def test_plain_names_greet(name):
    assert person_name(name) == name


@pytest.mark.parametrize(
    "text",
    [
        "Claim your prize at https://prize.example",
        "www.prize.example",
        "zoe@example.org",
        "R2D2",
        "Zoë (Zo) O'Brien",
        "Ann; Bcc: x",
        "Ann <b>",
        "a" * 81,
        "",
        "   ",
        "-Ann",
        "Ann,Lee",
    ],
)
def test_anything_else_greets_neutrally(text):
    assert person_name(text) == ""


def test_a_name_is_greeted_without_its_extra_spaces_or_controls():
    assert person_name("  Anne   Marie ") == "Anne Marie"
    assert person_name("Anne\x1b Marie") == "Anne Marie"


@given(st.text())
def test_printable_keeps_no_control_or_format_character(text):
    kept = printable(text)
    assert len(kept) == len(text)
    assert all(
        ch in "\n\t" or unicodedata.category(ch) not in {"Cc", "Cf", "Cs", "Co", "Cn"}
        for ch in kept
    )


@given(st.text())
def test_a_greeting_name_never_holds_a_digit_an_at_sign_a_slash_or_a_colon(text):
    name = person_name(text)
    assert not any(ch.isdigit() or ch in "@/:<>()[];" for ch in name)


@pytest.mark.parametrize("name", ["José Pérez, Jr.", "Zoë (Zo) O'Brien", 'Ann "Nan" Lee'])
def test_names_in_to_and_from_survive_the_email_parser_exactly(name):
    msg = envelope(
        "Subject",
        sender=(name, "coach@example.org"),
        to=(name, ZOE),
        reply_to=None,
        now=datetime(2026, 11, 22, 12, tzinfo=UTC),
        message_id="<1@example.org>",
    )
    msg.set_content("Hello")
    parsed = message_from_bytes(msg.as_bytes(), policy=policy.default)
    for header in ("To", "From"):
        [address] = parsed[header].addresses
        assert address.display_name == name
        assert parsed[header].defects == ()
    assert parsed.defects == []


@pytest.mark.parametrize(
    "header",
    [
        # The domain is not the first property, or written as providers vary it.
        "mx.example; dkim=pass header.s=mail header.d=example.org",
        "mx.example; dkim=pass header.d=example.org.",
        'mx.example; spf=pass smtp.mailfrom="<zoe@example.org>"',
        "mx.example; dkim=pass header.d=EXAMPLE.ORG",
    ],
)
def test_a_pass_is_read_however_the_provider_writes_the_domain(header):
    assert verdict([header], ZOE).passed


def test_printable_keeps_line_breaks_and_tabs():
    assert printable("a\nb\tc\x1bd") == "a\nb\tc d"


def test_names_in_scripts_with_combining_marks_greet():
    assert person_name("अनिल कुमार") == "अनिल कुमार"  # Devanagari vowel signs are marks


def test_a_name_of_the_longest_length_greets_and_one_more_letter_does_not():
    assert person_name("A" * 80) == "A" * 80
    assert person_name("A" * 81) == ""


@pytest.mark.parametrize("text", ["Zoë²", "Ⅻ Smith", "Ann½"])
def test_numbers_that_are_not_digits_are_no_names(text):
    assert person_name(text) == ""
