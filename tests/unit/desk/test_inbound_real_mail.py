"""read_message and request() on the shapes real mail programs send:
calendar replies from Outlook, Gmail and Apple Mail, bounces and
out-of-office answers, HTML-only messages, form notifications with
checkboxes; and every field of what the desk reads, asserted."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from plugins.booking.desk.inbound import (
    MAX_CALENDAR,
    CalendarReply,
    read_message,
    request,
)
from plugins.config.booking import Question

UID = "discovery-20261124T140000Z@hartcoaching.example"
LABELS = {"name": ["My name:"], "zone": ["My time zone:"], "note": ["Anything:"]}
ZONES = {"Europe/Paris", "America/New_York"}


def reply_ics(partstat: str, attendee: str, *, method: str = "REPLY", extra: str = "") -> str:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        f"METHOD:{method}\r\n{extra}BEGIN:VEVENT\r\nUID:{UID}\r\n"
        "DTSTAMP:20261123T100000Z\r\nDTSTART:20261124T140000Z\r\nDTEND:20261124T143000Z\r\n"
        f"ATTENDEE;PARTSTAT={partstat};CN=Zoë:mailto:{attendee}\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def message(body: str = "", *, html: str = "", calendar: str = "", as_file=False, **headers):
    msg = EmailMessage()
    msg["From"] = headers.pop("sender", "Zoë O'Brien <Zoe.OBrien@Example.org>")
    msg["To"] = "hello@hartcoaching.example"
    msg["Subject"] = headers.pop("subject", "Accepted: Discovery session")
    msg["Message-ID"] = "<abc.123@example.org>"
    for key, value in headers.items():
        msg[key.replace("_", "-")] = value
    if body:
        msg.set_content(body)
    if html:
        if body:
            msg.add_alternative(html, subtype="html")
        else:
            msg.set_content(html, subtype="html")
    if calendar:
        if as_file:
            msg.add_attachment(
                calendar.encode(), maintype="application", subtype="ics", filename="invite.ics"
            )
        else:
            msg.add_alternative(calendar, subtype="calendar", params={"method": "REPLY"})
    return msg.as_bytes()


CALENDAR_REPLIES = {
    # Outlook: text, then text/calendar;method=REPLY in the alternative.
    "outlook": (
        message("Zoë has accepted.", calendar=reply_ics("ACCEPTED", "Zoe.OBrien@Example.org")),
        CalendarReply(UID, "zoe.obrien@example.org", "ACCEPTED"),
    ),
    # Gmail: an invite.ics attachment (application/ics) beside the text.
    "gmail": (
        message(
            "Zoë declined this invitation.",
            calendar=reply_ics("DECLINED", "zoe.obrien@example.org"),
            as_file=True,
        ),
        CalendarReply(UID, "zoe.obrien@example.org", "DECLINED"),
    ),
    # Apple Mail: a VTIMEZONE before the event, a lowercase partstat.
    "apple mail": (
        message(
            "",
            html="<p>Zoë has <b>tentatively</b> accepted</p>",
            calendar=reply_ics(
                "tentative",
                "zoe.obrien@example.org",
                extra="BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nBEGIN:STANDARD\r\n"
                "DTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n"
                "END:STANDARD\r\nEND:VTIMEZONE\r\n",
            ),
        ),
        CalendarReply(UID, "zoe.obrien@example.org", "TENTATIVE"),
    ),
}


@pytest.mark.parametrize("name", sorted(CALENDAR_REPLIES))
def test_calendar_replies_from_real_programs(name):
    raw, expected = CALENDAR_REPLIES[name]
    assert read_message(raw).calendar_reply == expected


@pytest.mark.parametrize(
    "calendar",
    [
        reply_ics("ACCEPTED", "zoe@example.org", method="REQUEST"),  # not a reply
        reply_ics("ACCEPTED", "zoe@example.org").replace("METHOD:REPLY\r\n", ""),
        # Two attendees in one reply: whose answer is it? None.
        reply_ics("ACCEPTED", "zoe@example.org").replace(
            "END:VEVENT", "ATTENDEE;PARTSTAT=DECLINED:mailto:other@example.org\r\nEND:VEVENT"
        ),
        # Too large to be a reply.
        reply_ics("ACCEPTED", "zoe@example.org").replace(
            "END:VEVENT", "COMMENT:" + "x" * (MAX_CALENDAR + 10) + "\r\nEND:VEVENT"
        ),
        "BEGIN:VCALENDAR\r\nthis is not a calendar",
    ],
    ids=["request", "no method", "two attendees", "too large", "broken"],
)
def test_what_is_not_a_readable_reply_is_none(calendar):
    assert read_message(message("x", calendar=calendar)).calendar_reply is None


def test_a_reply_without_an_attendee_is_skipped_for_the_next_event():
    two = reply_ics("ACCEPTED", "zoe@example.org").replace(
        "BEGIN:VEVENT", "BEGIN:VEVENT\r\nUID:first@x\r\nEND:VEVENT\r\nBEGIN:VEVENT", 1
    )
    reply = read_message(message("x", calendar=two)).calendar_reply
    assert reply == CalendarReply(UID, "zoe@example.org", "ACCEPTED")


@pytest.mark.parametrize(
    ("headers", "auto"),
    [
        ({"Auto_Submitted": "auto-replied"}, True),  # out of office (RFC 3834)
        ({"Auto_Submitted": "auto-generated"}, True),  # a bounce
        ({"Auto_Submitted": "No"}, False),
        ({"X_Autoreply": "yes"}, True),
        ({"X_Autorespond": "Out of office"}, True),
        ({}, False),
    ],
)
def test_bounces_and_out_of_office_answers_are_marked(headers, auto):
    assert read_message(message("I am away until Monday.", **headers)).auto_submitted is auto


def test_every_field_of_a_plain_request():
    raw = message(
        "Hello\r\n\r\n[[book discovery-20261124T140000Z fr]]\r\n",
        subject="  Booking   request: Monday  ",
        Reply_To="Someone Else <someone@elsewhere.example>",
        In_Reply_To="<prev.1@hartcoaching.example>",
        References="<root.0@hartcoaching.example> <prev.1@hartcoaching.example>",
        Authentication_Results="mx.example; dmarc=pass header.from=example.org; spf=pass",
    )
    found = read_message(raw)
    assert found.message_id == "<abc.123@example.org>"
    assert (found.sender, found.sender_name) == ("zoe.obrien@example.org", "Zoë O'Brien")
    assert found.reply_to == "someone@elsewhere.example"
    assert found.subject == "Booking request: Monday"
    assert found.text.startswith("Hello\n\n[[book")
    assert found.references == (
        "<prev.1@hartcoaching.example>",
        "<root.0@hartcoaching.example>",
        "<prev.1@hartcoaching.example>",
    )
    assert found.token is not None and found.token.slot_id == "discovery-20261124T140000Z"
    assert found.token.language == "fr"
    assert found.authenticated and found.auth_failures == ()
    assert found.calendar_reply is None and not found.auto_submitted


def test_an_html_only_message_is_read_as_its_text_with_line_breaks():
    html = (
        "<html><body><div>My name: Zoë</div><p>My time zone: Europe/Paris</p>"
        "line one<br>line two<ul><li>a</li><li>b</li></ul>"
        "<p>[[book discovery-20261124T140000Z]]</p></body></html>"
    )
    found = read_message(message(html=html))
    assert "My name: Zoë\n" in found.text and "line one\nline two" in found.text
    assert "\na\n" in found.text and "\nb\n" in found.text and "<" not in found.text
    assert found.token is not None and found.token.slot_id == "discovery-20261124T140000Z"
    asked = request(found, (), LABELS, ZONES)
    assert (asked.name, asked.zone) == ("Zoë", "Europe/Paris")


def test_an_address_that_is_not_one_gives_no_sender():
    assert read_message(message("x", sender="not an address")).sender == ""
    two = read_message(message("x", sender="a@example.org, b@example.org"))
    assert (two.sender, two.sender_name) == ("", "")


CHECKBOX = (Question("I agree to the terms", "checkbox", (), True),)


@pytest.mark.parametrize(
    ("value", "answer"),
    [
        ("yes", "yes"),
        ("Yes.", "yes"),
        ("oui", "yes"),
        ("no", "no"),
        ("nein", "no"),
        ("yes or no", ""),  # the prompt left as it was
        ("oui ou non", ""),
        ("", ""),
        ("maybe", ""),
    ],
)
def test_a_checkbox_in_a_mailto_request(value, answer):
    body = f"My name: Zoë\nI agree to the terms: {value}\n"
    found = request(read_message(message(body)), CHECKBOX, LABELS, ZONES)
    assert found.answers == (("I agree to the terms", answer),)
    assert found.missing == (() if answer else ("I agree to the terms",))


def test_a_checkbox_in_a_form_notification():
    body = "name: Ada\nemail: ada@example.org\nq1: yes\ntoken: x\n"
    found = request(
        read_message(message(body, sender="forms@backend.example")), CHECKBOX, LABELS, ZONES
    )
    assert found.answers == (("I agree to the terms", "yes"),) and found.missing == ()
    unchecked = body.replace("q1: yes\n", "")
    found = request(read_message(message(unchecked)), CHECKBOX, LABELS, ZONES)
    assert found.answers == (("I agree to the terms", ""),)
    assert found.missing == ("I agree to the terms",)


CHOICE = (Question("Your role", "choice", ("Resident", "Attending"), False),)


def test_a_form_notification_with_fields_left_out():
    body = "name: Ada\nemail: ada@example.org\n"  # no token, note, zone or answers
    found = request(
        read_message(message(body, sender="forms@backend.example")), CHOICE, LABELS, ZONES
    )
    assert (found.name, found.email, found.zone, found.note) == ("Ada", "ada@example.org", "", "")
    assert found.answers == (("Your role", ""),) and found.honeypot is False
    nameless = request(read_message(message("token: x\n")), CHOICE, LABELS, ZONES)
    assert (nameless.name, nameless.email, nameless.note) == ("", "", "")
    bad = request(read_message(message("name: A\nemail: not-an-address\n")), (), LABELS, ZONES)
    assert bad.email == ""


def test_long_words_are_cut_to_their_limits():
    body = (
        f"name: {'N' * 250}\nemail: ada@example.org\nq1: {'a' * 1200}\n"
        f"note: {'n' * 2500}\ntoken: x\n"
    )
    free_text = (Question("Anything", "text", (), False),)
    found = request(read_message(message(body)), free_text, LABELS, ZONES)
    assert len(found.name) == 200 and len(found.note) == 2000
    assert len(found.answers[0][1]) == 1000


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("attending", "Attending"),  # any case
        ("I am a Resident", "Resident"),
        ("Resident and Attending", "Resident and Attending"),  # both: as written
        ("(Resident / Attending)", ""),  # the prompt left as it was
        ("neither", "neither"),
    ],
)
def test_a_choice_answer_in_a_mailto_request(written, kept):
    body = f"My name: Zoë\nYour role: {written}\nAnything: a first question\n"
    found = request(read_message(message(body)), CHOICE, LABELS, ZONES)
    assert found.answers == (("Your role", kept),)
    assert found.note == "a first question" and found.honeypot is False
    assert found.zone == ""  # none named


def test_a_mailto_request_takes_the_senders_name_when_none_is_written():
    found = request(read_message(message("Hello, a time please.\n")), (), LABELS, ZONES)
    assert (found.name, found.email) == ("Zoë O'Brien", "zoe.obrien@example.org")
