"""The desk's mail reader at its edges: comment nesting in headers, the
Message-ID read from the raw header, calendar replies' own shapes, the
coach's answer with curly apostrophes, checkbox answers in six languages."""

from __future__ import annotations

import hashlib
import re

import pytest

from plugins.booking.desk.inbound import (
    MAX_COMPONENTS,
    _checked,
    _comment_depth,
    _reply_in,
    answer,
    message_id_of,
)


@pytest.mark.parametrize(
    ("value", "depth"),
    [
        ("plain", 0),
        ("a (b (c) d) e", 2),
        ("(a)(b)(c)", 1),
        ('"(not (a comment))" (one)', 1),
        (r"\( (one) \)", 1),
        (r"(a \) still one)", 1),
        ("))) (one)", 1),
        ("((((deep))))", 4),
        ('(a "quoted" b (c))', 2),
    ],
)
def test_comment_depth(value, depth):
    assert _comment_depth(value) == depth


def test_the_message_id_comes_from_the_header_only():
    raw = (
        b"From: a@example.org\r\nMessage-ID:\r\n <folded.1@example.org>\r\nSubject: x\r\n\r\n"
        b"Message-ID: <in-the-body@example.org>\r\n"
    )
    assert message_id_of(raw) == "<folded.1@example.org>"
    lf_only = b"From: a@example.org\nSubject: x\n\nMessage-ID: <in-the-body@example.org>\n"
    expected = f"<sha256-{hashlib.sha256(lf_only).hexdigest()[:32]}@no-message-id>"
    assert message_id_of(lf_only) == expected
    assert re.fullmatch(r"<sha256-[0-9a-f]{32}@no-message-id>", expected)
    # A header after a blank line inside the body of a CRLF message is not the header.
    crlf_then_lf = b"From: a@example.org\r\n\r\nx\n\nMessage-ID: <late@example.org>\n"
    assert message_id_of(crlf_then_lf).startswith("<sha256-")


def calendar(body: str):
    import icalendar

    return icalendar.Calendar.from_ical(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n" + body + "END:VCALENDAR\r\n"
    )


def test_a_reply_s_method_and_attendee_in_any_case_and_shape():
    reply = _reply_in(
        calendar(
            "METHOD:reply\r\nBEGIN:VEVENT\r\nUID:" + "u" * 600 + "\r\n"
            "ATTENDEE;CN=Zoë:MAILTO:Zoe@Example.org\r\nEND:VEVENT\r\n"
        )
    )
    assert reply is not None
    assert len(reply.uid) == 500 and reply.attendee == "zoe@example.org"
    assert reply.partstat == ""  # none given
    bare = _reply_in(
        calendar(
            "METHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:u1\r\n"
            "ATTENDEE;PARTSTAT=accepted:zoe@example.org\r\nEND:VEVENT\r\n"
        )
    )
    assert (bare.uid, bare.attendee, bare.partstat) == ("u1", "zoe@example.org", "ACCEPTED")
    assert (
        _reply_in(calendar("BEGIN:VEVENT\r\nUID:u\r\nATTENDEE:mailto:a@b.c\r\nEND:VEVENT\r\n"))
        is None
    )
    todo = "METHOD:REPLY\r\nBEGIN:VTODO\r\nUID:t\r\nATTENDEE:mailto:a@b.c\r\nEND:VTODO\r\n"
    assert _reply_in(calendar(todo)) is None


def test_too_many_components_in_a_reply_are_not_read():
    from email.message import EmailMessage

    from plugins.booking.desk.inbound import read_message

    # The calendar's own BEGIN line counts: MAX_COMPONENTS in all is read, one more is not.
    for events, readable in ((MAX_COMPONENTS - 1, True), (MAX_COMPONENTS, False)):
        body = "".join(
            f"BEGIN:VEVENT\r\nUID:u{i}\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:z@example.org\r\n"
            "END:VEVENT\r\n"
            for i in range(events)
        )
        text = (
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nMETHOD:REPLY\r\n"
            + body
            + "END:VCALENDAR\r\n"
        )
        msg = EmailMessage()
        msg["From"] = "z@example.org"
        msg.set_content("x")
        msg.add_alternative(text, subtype="calendar")
        assert (read_message(msg.as_bytes()).calendar_reply is not None) is readable, events


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oui, mais n’est-ce pas trop tôt ?", ("", "")),
        ("Oui n'importe quand", ("", "")),
        ("No, I’m away that week.", ("no", "I’m away that week")),
        ("Yes!\n\n> On Monday you wrote:\n> no", ("yes", "")),
    ],
)
def test_the_coach_s_answer_with_curly_apostrophes(text, expected):
    assert answer(text) == expected


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("ja oder nein", ""),
        ("sí o no", ""),
        ("ja of nee", ""),
        ("oui ou non", ""),
        ("yes or no", ""),
        ("ja", "yes"),
        ("nee", "no"),
    ],
)
def test_a_checkbox_prompt_left_as_it_was_in_each_language(value, kept):
    assert _checked(value) == kept
