"""Reading hostile email: codes, signatures, the coach's yes/no, form and
mailto requests, calendar replies and the provider's verdict."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plugins.booking import tokens
from plugins.booking.desk import signing
from plugins.booking.desk.inbound import answer, read_message, request
from plugins.booking.desk.reminders import due
from plugins.booking.ledger_format import CONFIRMED, Entry, Ledger
from plugins.config.booking import Question

SLOT = "discovery-20261124T140000Z"
KEY = b"k" * 32
LABELS = {"name": ["My name:", "Mon nom :"], "zone": ["My time zone:"], "note": ["Anything:"]}
ZONES = {"Europe/Paris", "America/New_York"}


def raw(subject: str, body: str, **headers: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = headers.pop("sender", "Zoë <zoe@example.org>")
    msg["To"] = "coach@example.org"
    msg["Subject"] = subject
    for key, value in headers.items():
        msg[key.replace("_", "-")] = value
    msg.set_content(body)
    return msg.as_bytes()


@given(
    before=st.text(alphabet=st.characters(blacklist_characters="[]"), max_size=80),
    after=st.text(alphabet=st.characters(blacklist_characters="[]"), max_size=80),
)
def test_a_request_code_survives_any_text_around_it(before, after):
    code = tokens.request_token(SLOT, "fr")
    found = tokens.find(f"{before}{code}{after}")
    assert found == tokens.Token(tokens.BOOK, SLOT, "fr")


def test_codes_survive_reply_prefixes_case_and_quoting():
    code = tokens.request_token(SLOT)
    assert tokens.find(f"AW: Re: {code.upper()}").slot_id == SLOT
    assert tokens.find(f"> > {code}\n").slot_id == SLOT
    assert tokens.find("[[book discovery-2026112T140000Z]]") is None


def test_a_signature_is_bound_to_the_action_the_slot_and_the_sequence():
    signature = signing.sign(KEY, "cancel", SLOT, 0)
    assert len(signature) == 26 and signature.isalnum()
    good = tokens.Token("cancel", SLOT, sequence=0, signature=signature)
    assert signing.verify(KEY, good)
    for forged in (
        tokens.Token("cancel", SLOT, sequence=1, signature=signature),
        tokens.Token("move", SLOT, sequence=0, signature=signature, to=SLOT),
        tokens.Token("cancel", "discovery-20261124T143000Z", sequence=0, signature=signature),
    ):
        assert not signing.verify(KEY, forged)
    assert not signing.verify(b"x" * 32, good)


def test_a_short_secret_is_refused_with_the_variable_named():
    with pytest.raises(signing.SigningError, match=r"BOOKING_LINK_SECRET.*shorter than 16"):
        signing.secret({"BOOKING_LINK_SECRET": "short"}, "BOOKING_LINK_SECRET")
    with pytest.raises(signing.SigningError, match="is not set"):
        signing.required_secret({}, "BOOKING_LINK_SECRET")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Yes\n\nOn Monday you wrote:\n> no", ("yes", "")),
        ("oui, parfait", ("yes", "")),
        ("No - I am away.\nSorry!\n-- \nEleanor", ("no", "I am away. Sorry!")),
        ("Nein.", ("no", "")),
        ("> yes\nmaybe", ("", "")),
        ("Yesterday was fine", ("", "")),
    ],
)
def test_the_coachs_answer(text, expected):
    assert answer(text) == expected


def test_a_mailto_request_in_french_with_questions():
    questions = (
        Question("Your role", "choice", ("Resident", "Attending"), True),
        Question("Anything else", "text", (), False),
    )
    body = (
        "Bonjour,\n\nMon nom : Zoë O'Brien\nMy time zone: Europe/Paris (for me: lundi)\n"
        "Your role: Attending\nAnything else:\n\n[[book discovery-20261124T140000Z fr]]\n"
    )
    found = request(read_message(raw("x", body)), questions, LABELS, ZONES)
    assert found.name == "Zoë O'Brien"
    assert found.email == "zoe@example.org"
    assert found.zone == "Europe/Paris"
    assert found.answers == (("Your role", "Attending"), ("Anything else", ""))
    assert found.missing == ()


def test_a_choice_left_as_the_prompt_is_not_an_answer():
    questions = (Question("Your role", "choice", ("Resident", "Attending"), True),)
    body = "My name: Zoë\nYour role: (Resident / Attending)\n"
    found = request(read_message(raw("x", body)), questions, LABELS, ZONES)
    assert found.answers == (("Your role", ""),) and found.missing == ("Your role",)


def test_a_form_notification_and_its_honeypot():
    questions = (Question("Your role", "text", (), False),)
    body = (
        "name: Ada\nemail: ADA@example.org\nq1: Resident\nnote: first line\n  second line\n"
        "visitor_time: America/New_York (for me: Monday)\n_gotcha:\n"
        f"token: {tokens.request_token(SLOT)}\n"
    )
    found = request(
        read_message(raw("x", body, sender="forms@backend.example")), questions, LABELS, ZONES
    )
    assert (found.name, found.email, found.zone) == ("Ada", "ada@example.org", "America/New_York")
    assert found.answers == (("Your role", "Resident"),)
    assert found.note == "first line second line"
    assert not found.honeypot
    robot = request(
        read_message(raw("x", body.replace("_gotcha:", "_gotcha: x"))), questions, LABELS, ZONES
    )
    assert robot.honeypot


def test_only_the_topmost_authentication_results_counts():
    data = raw(
        "x",
        "y",
        Authentication_Results="mx.coach.example; dkim=pass; spf=pass; dmarc=pass",
    ).replace(b"MIME-Version:", b"Authentication-Results: forged; dmarc=fail\nMIME-Version:", 1)
    assert data.index(b"dmarc=pass") < data.index(b"dmarc=fail")  # the provider's is on top
    assert read_message(data).auth_failures == ()
    failing = raw("x", "y", Authentication_Results="mx.example; spf=fail; dkim=fail; dmarc=pass")
    assert read_message(failing).auth_failures == ("dkim", "spf")


def test_a_message_without_message_id_still_has_a_stable_one():
    data = raw("x", "y")
    assert read_message(data).message_id == read_message(data).message_id
    assert read_message(data).message_id != read_message(raw("x", "z")).message_id


def test_a_header_with_a_line_break_cannot_be_written():
    from plugins.booking.desk.invitations import envelope

    now = datetime(2026, 11, 22, tzinfo=UTC)
    with pytest.raises(ValueError):
        envelope(
            "Hello",
            sender=("Coach", "coach@example.org"),
            to=("Eve\r\nBcc: victim@example.org", "eve@example.org"),
            reply_to=None,
            now=now,
            message_id="<a@b>",
            in_reply_to="<x>\r\nBcc: victim@example.org",
        )


def entry(start: datetime, created: datetime) -> Entry:
    return Entry(
        uid="u",
        slot_id=f"discovery-{start:%Y%m%dT%H%M%SZ}",
        session="discovery",
        start=start,
        end=start + timedelta(minutes=30),
        status=CONFIRMED,
        sequence=0,
        summary="s",
        location="",
        organizer_name="C",
        organizer_email="c@example.org",
        name="Z",
        email="z@example.org",
        note="",
        reason="",
        created=created,
        modified=created,
    )


def test_reminders_due_the_nearest_lead_only_never_after_the_start_nor_before_booking():
    start = datetime(2026, 11, 24, 14, tzinfo=UTC)
    book = Ledger(path=None, entries=(entry(start, start - timedelta(days=3)),))
    leads = (24, 1)
    assert due(book, leads, start - timedelta(hours=25)) == []
    assert [d.hours for d in due(book, leads, start - timedelta(hours=20))] == [24]
    assert [d.hours for d in due(book, leads, start - timedelta(minutes=30))] == [1]
    assert due(book, leads, start) == []
    late = Ledger(path=None, entries=(entry(start, start - timedelta(hours=10)),))
    assert [d.hours for d in due(late, leads, start - timedelta(hours=5))] == []
    assert [d.hours for d in due(late, leads, start - timedelta(minutes=50))] == [1]


def test_the_desk_knows_its_own_message_ids_and_only_for_its_host():
    from plugins.booking.desk.letters import name_for, written_by_desk

    host = "hartcoaching.example"
    ours = [
        f"<{SLOT}-request-0.20261122T120000@{host}>",
        f"<summary.{'0a' * 16}@{host}>",
        f"<{name_for('<x@y>', 'unavailable')}@{host}>",
        f"<{SLOT}-0-remind-24h@{host}>",
    ]
    assert all(written_by_desk(message_id, host) for message_id in ours)
    assert not written_by_desk(f"<summary.{'0a' * 16}@elsewhere.example>", host)
    assert not written_by_desk(f"<CAF12345@{host}>", host)  # her own mail program's
