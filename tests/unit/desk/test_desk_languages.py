"""The desk's messages in the booking's language: the site's by default, the
client's with --lang (kept in the ledger as ATTENDEE;LANGUAGE=, RFC 5545)."""

from __future__ import annotations

import email
import re
from dataclasses import replace
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import icalendar
import pytest
from babel.messages.extract import extract_from_file

from plugins.booking import tokens
from plugins.booking.desk import commands, inbox
from plugins.booking.desk.commands import self_service_links
from plugins.booking.desk.inbound import read_message
from plugins.booking.desk.invitations import REQUEST, TEMPLATES, invitation, message
from plugins.booking.desk.letters import Letters, when
from plugins.booking.desk.work import PENDING, Item, read
from tests.support.desk_sample import BOOKING, CLIENT_EMAIL, CLIENT_NAME, FREE, NOW, make_desk
from tests.support.languages import SHIPPED, english_left, pieces

# The coach's own words (never translated) in Latin, so any English in a
# message is ours.
LATIN = [
    {
        **BOOKING["sessions"][0],
        "title": "Sed ut perspiciatis",
        "description": "Nemo enim ipsam.",
        "location": "Visio",
    }
]


def _eml(outbox, stem: str) -> email.message.EmailMessage:
    data = (outbox / f"{stem}.eml").read_bytes()
    return data, email.message_from_bytes(data, policy=policy.default)


def _text(msg) -> str:
    return msg.get_body(("plain",)).get_content()


@pytest.mark.parametrize("code", [c for c in SHIPPED if c != "en"])
def test_every_message_of_a_site_in_another_language_is_in_that_language(tmp_path, code):
    desk = replace(make_desk(tmp_path, sessions=LATIN), default_lang=code)
    commands.confirm(desk, FREE[0], CLIENT_NAME, CLIENT_EMAIL, "Visio : https://v.example/1")
    commands.reschedule(desk, FREE[0], FREE[1])
    commands.cancel(desk, FREE[1], "")
    for stem in (
        f"{FREE[0]}-request-0",
        f"{FREE[0]}-cancel-1",
        f"{FREE[1]}-request-0",
        f"{FREE[1]}-cancel-1",
    ):
        _, msg = _eml(desk.outbox, stem)
        words = str(msg["Subject"]) + "\n" + _text(msg)
        assert english_left(words, code) == [], (stem, words)
        calendar = icalendar.Calendar.from_ical((desk.outbox / f"{stem}.ics").read_bytes())
        for alarm in calendar.walk("VALARM"):
            assert english_left(str(alarm["DESCRIPTION"]), code) == []


def test_the_english_checker_finds_english(tmp_path):
    """The check above can fail: an English message is English to it."""
    desk = make_desk(tmp_path)
    commands.confirm(desk, FREE[0], CLIENT_NAME, CLIENT_EMAIL)
    _, msg = _eml(desk.outbox, f"{FREE[0]}-request-0")
    assert "your {session} with {coach} is confirmed:"[:4] in _text(msg)
    assert len(english_left(_text(msg), "fr")) >= 3


def test_a_french_confirmation_reads_naturally_and_names_the_coachs_local_time(tmp_path):
    desk = replace(make_desk(tmp_path), default_lang="fr")
    commands.confirm(desk, FREE[0], "Léa Dubois", "lea@example.fr", "")
    raw, msg = _eml(desk.outbox, f"{FREE[0]}-request-0")
    header = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")  # 7-bit clean: RFC 2047 words
    assert re.search(r"^Subject: .*=\?utf-8\?", header, re.M)
    # 14:00 UTC on Monday 23 November is 09:00 in New York (the coach's zone).
    when = "lundi 23 novembre 2026 à 09:00-09:30, heure de l’Est nord-américain"
    subject = str(msg["Subject"]).replace("\u00a0", " ")
    assert subject == f"Rendez-vous confirmé : Complimentary 30-minute discovery session, {when}"
    body = _text(msg).replace("\u00a0", " ").replace("\r\n", "\n")
    assert body.startswith("Bonjour Léa Dubois,\n\nVotre rendez-vous « Complimentary")
    assert f"Date : {when} (14:00-14:30 UTC)" in body


def test_a_booking_keeps_the_clients_language_through_reschedule_and_cancel(tmp_path):
    desk = make_desk(tmp_path, sessions=LATIN)  # an English site
    commands.confirm(desk, FREE[0], CLIENT_NAME, CLIENT_EMAIL, lang="de")
    entry = read(desk.ledger_path).find(FREE[0])
    assert entry.language == "de"
    assert b"LANGUAGE=de" in desk.ledger_path.read_bytes()
    commands.reschedule(desk, FREE[0], FREE[1])
    assert read(desk.ledger_path).find(FREE[1]).language == "de"
    commands.cancel(desk, FREE[1])
    for stem in (f"{FREE[0]}-cancel-1", f"{FREE[1]}-request-0", f"{FREE[1]}-cancel-1"):
        _, msg = _eml(desk.outbox, stem)
        assert english_left(str(msg["Subject"]) + _text(msg), "de") == [], stem
        assert "Guten Tag" in _text(msg)
    # The coach's own listing stays in the site's language.
    assert "Monday, November 23, 2026" in "\n".join(commands.listing(desk, everything=True))


def test_an_unknown_client_language_is_one_line_naming_the_option(tmp_path):
    desk = make_desk(tmp_path)
    with pytest.raises(commands.DeskError) as error:
        commands.confirm(desk, FREE[0], CLIENT_NAME, CLIENT_EMAIL, lang="klingon")
    assert str(error.value).startswith("--lang: 'klingon' is not a language this site has")
    assert not desk.ledger_path.exists()


def test_the_coach_words_her_own_emails_in_the_theme(tmp_path):
    import shutil

    from plugins.booking.desk.invitations import TEMPLATES

    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES / "desk", templates / "desk")
    mine = templates / "desk/confirmed.txt"
    mine.write_text(
        mine.read_text("utf-8").replace(
            '{{ _("To move or cancel it, simply reply to this email.") }}',
            "À très vite, et n’hésitez pas à m’écrire.",
        ),
        "utf-8",
    )
    desk = replace(
        make_desk(tmp_path / "p", sessions=LATIN), default_lang="fr", templates=templates
    )
    commands.confirm(desk, FREE[0], CLIENT_NAME, CLIENT_EMAIL)
    _, msg = _eml(desk.outbox, f"{FREE[0]}-request-0")
    body = _text(msg)
    assert "À très vite, et n’hésitez pas à m’écrire." in body
    assert "Bonjour" in body  # the rest is still the translated default


def test_a_broken_email_template_is_one_line_and_nothing_is_recorded(tmp_path):
    import shutil

    from plugins.booking.desk.invitations import TEMPLATES

    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES / "desk", templates / "desk")
    (templates / "desk/confirmed.txt").write_text("{{ _('Hello') }\n", "utf-8")
    desk = replace(make_desk(tmp_path / "p"), templates=templates)
    with pytest.raises(commands.BookingError) as error:
        commands.confirm(desk, FREE[0], CLIENT_NAME, CLIENT_EMAIL)
    assert str(error.value).startswith(f"{templates / 'desk/confirmed.txt'}: ")
    assert "fix the template" in str(error.value) and "\n" not in str(error.value)
    assert not desk.ledger_path.exists() and not desk.outbox.exists()


# --- the hands-free desk's emails: summary, unavailable, reminder, notices -------

SECRET = "a-long-test-secret-for-signing-links"
PUBLIC = "https://hartcoaching.example"
# A session with a required intake question (the coach's words: Latin too).
ASKING = [{**LATIN[0], "questions": [{"label": "Quis autem", "required": True}]}]
REQUEST_ID = "<request.1@example.org>"


def _hands_free_desk(tmp_path, code: str, **changes):
    desk = make_desk(
        tmp_path,
        sessions=ASKING,
        environ={"BOOKING_LINK_SECRET": SECRET},
        video={"rooms_at": "https://meet.example.org/"},
        **changes,
    )
    return replace(desk, default_lang=code, origin=PUBLIC)


def _incoming(subject: str, body: str, sender: str = CLIENT_EMAIL, **headers: str):
    """A client's email as the desk reads it from the mailbox; unless told
    otherwise, the coach's provider vouches for its sender."""
    domain = sender.rsplit("@", 1)[1]
    headers.setdefault("Authentication-Results", f"mx.example.org; dmarc=pass header.from={domain}")
    headers = {key: value for key, value in headers.items() if value}
    msg = EmailMessage(policy=policy.SMTP)
    msg["From"] = f"Zoë <{sender}>"
    msg["To"] = BOOKING["organizer"]["email"]
    msg["Subject"] = subject
    msg["Date"] = format_datetime(NOW)
    msg["Message-ID"] = make_msgid(domain="example.org")
    for key, value in headers.items():
        msg[key] = value
    msg.set_content(body)
    return read_message(msg.as_bytes())


def _desk_emails(tmp_path, code: str) -> dict[str, EmailMessage]:
    """Every kind of email the desk writes, in `code` (the site's language),
    made by the desk's own functions: the invitation with and without the
    video room and the client's links (invitations.message), the reminder,
    the coach's summary and the client's "time taken"/"declined"
    (letters.Letters), and what the inbox decides for a request the mail
    provider doubts, a client's cancel or move, and a change inside the
    cut-off (the coach's notices)."""
    desk = _hands_free_desk(tmp_path, code)
    commands.confirm(desk, FREE[0], CLIENT_NAME, CLIENT_EMAIL)
    book = read(desk.ledger_path)
    entry = book.find(FREE[0])
    assert entry.video.startswith("https://meet.example.org/")
    links = self_service_links(desk, entry)
    assert set(links) == {"cancel", "move"}
    lang = desk.language()
    tz = desk.settings.timezone
    sender = desk.settings.organizer.email

    def invite(booked, with_links):
        ics = invitation(booked, REQUEST, desk.now, lang)
        return message(
            booked,
            REQUEST,
            ics,
            timezone=tz,
            sender=sender,
            host=desk.host,
            now=desk.now,
            lang=lang,
            links=links if with_links else None,
        )

    in_person = replace(entry, video="", location="Via Appia", note="")
    letters = Letters(desk, sender)
    start, end = entry.start, entry.end
    item = Item(
        id=REQUEST_ID,
        kind="request",
        status=PENDING,
        created=desk.now,
        slot_id=FREE[2],
        name=CLIENT_NAME,
        email=CLIENT_EMAIL,
        note="Nemo enim ipsam voluptatem.",
        zone="Europe/Paris",  # not the coach's: the summary gives the client's time too
    )
    times = [(when(start, end, tz, lang), f"{PUBLIC}/book/discovery/20261123T150000Z/")]
    code_text = tokens.request_token(FREE[2], code)
    made = {
        "confirmed, video and links": invite(entry, True),
        "confirmed, in person, no links": invite(in_person, False),
        "reminder, video and links": letters.reminder(entry, links, "reminder-1"),
        "reminder, in person": letters.reminder(in_person, {}, "reminder-2"),
        "summary, waiting": letters.summary(
            item,
            start,
            end,
            entry.summary,
            code_text,
            confirmed=False,
            answers=[("Quis autem", "vel eum")],
        ),
        "summary, confirmed": letters.summary(
            item, start, end, entry.summary, code_text, confirmed=True
        ),
        "unavailable, taken": letters.unavailable(
            item, start, end, entry.summary, times, f"{PUBLIC}/book/discovery/", REQUEST_ID
        ),
        "unavailable, not a name": letters.unavailable(
            replace(item, name="Visit https://example.net now"),
            start,
            end,
            entry.summary,
            times,
            f"{PUBLIC}/book/discovery/",
            REQUEST_ID,
        ),
        "unavailable, declined": letters.unavailable(
            item,
            start,
            end,
            entry.summary,
            times,
            f"{PUBLIC}/book/discovery/",
            REQUEST_ID,
            declined=True,
            reason="Ut enim ad minima veniam.",
        ),
    }

    # What the inbox writes: its notices' words are inbox.py's own.
    key = SECRET.encode()
    doubted = _incoming(
        f"Lorem {tokens.request_token(FREE[2], code)}",
        f"My name: Zoë\nMy time zone: Europe/Paris\n\n{tokens.request_token(FREE[2], code)}\n",
        **{"Authentication-Results": "mx.example.org; dmarc=fail header.from=example.org"},
    )
    cancel = tokens.manage_fragment(links["cancel"].split("#", 1)[1])
    move = replace(tokens.manage_fragment(links["move"].split("#", 1)[1]), to=FREE[2])
    late = replace(desk, raw={**desk.raw, "self_service_cutoff_hours": 48})  # FREE[0]: 26 h away
    asks = f"My name: Zoë\nMy time zone: Europe/Paris\n\n{tokens.request_token(FREE[2], code)}\n"
    taken = tokens.request_token(FREE[0], code)
    form = f"name: Zoë\nemail: typed@example.net\nq1: vel eum\ntoken: {code_text}\n"
    summary_id = "<summary.1@example.org>"
    waiting = book.record(replace(item, summary_id=summary_id))
    unclear = _incoming("Re: x", "Hmm", sender, **{"In-Reply-To": summary_id})
    decisions = {
        "request for a taken time": inbox.decide(
            inbox.Context(desk, key),
            book,
            _incoming(f"Lorem {taken}", f"My name: Zoë\n\n{taken}\n", sender="ann@example.net"),
        ),
        "request with another Reply-To": inbox.decide(
            inbox.Context(desk, key),
            book,
            _incoming(f"Lorem {code_text}", asks, **{"Reply-To": "other@example.net"}),
        ),
        "request the provider did not vouch for": inbox.decide(
            inbox.Context(desk, key),
            book,
            _incoming(f"Lorem {code_text}", asks, **{"Authentication-Results": ""}),
        ),
        "request from a form": inbox.decide(
            inbox.Context(desk, key), book, _incoming(f"Lorem {code_text}", form)
        ),
        "unverified cancel": inbox.decide(
            inbox.Context(desk, key),
            book,
            _incoming(cancel.text(), cancel.text(), **{"Authentication-Results": ""}),
        ),
        "cancel from another address": inbox.decide(
            inbox.Context(desk, key),
            book,
            _incoming(cancel.text(), cancel.text(), sender="someone@example.net"),
        ),
        "request the provider doubts": inbox.decide(inbox.Context(desk, key), book, doubted),
        "client cancels": inbox.decide(
            inbox.Context(desk, key), book, _incoming(cancel.text(), cancel.text())
        ),
        "client moves": inbox.decide(
            inbox.Context(desk, key), book, _incoming(move.text(), move.text())
        ),
        "late cancel": inbox.decide(
            inbox.Context(late, key), book, _incoming(cancel.text(), cancel.text())
        ),
        "late move": inbox.decide(
            inbox.Context(late, key), book, _incoming(move.text(), move.text())
        ),
        "the coach's unclear answer": inbox.decide(inbox.Context(desk, key), waiting, unclear),
    }
    for what, decision in decisions.items():
        assert decision.messages, (what, decision.line)
        for name, msg in decision.messages:
            made[f"{what}: {name}"] = msg
    return made


def _words(msg) -> str:
    """Subject and text, without the links: an address is not a sentence
    (the manage links hold #cancel. and #move.)."""
    text = str(msg["Subject"]) + "\n" + _text(msg)
    return re.sub(r"\S+://\S+", " ", text)


@pytest.mark.parametrize("code", [c for c in SHIPPED if c != "en"])
def test_every_email_of_the_hands_free_desk_is_in_the_sites_language(tmp_path, code):
    made = _desk_emails(tmp_path, code)
    for what, msg in made.items():
        words = _words(msg)
        assert english_left(words, code) == [], (what, words)


def test_the_hands_free_emails_say_every_word_the_desk_has(tmp_path):
    """The emails above hold every message of the desk's templates and of its
    Python (in English here), so a missing translation cannot hide in a
    branch the test above never takes."""
    made = _desk_emails(tmp_path, "en")
    text = "\n".join(str(msg["Subject"]) + "\n" + _text(msg) for msg in made.values())
    desk_code = Path(commands.__file__).parent
    found = [
        m for p in sorted(desk_code.glob("*.py")) for _, m, *_ in extract_from_file("python", p)
    ]
    for template in sorted((TEMPLATES / "desk").glob("*.txt")):
        found += [
            m
            for _, m, *_ in extract_from_file(
                "jinja2", template, options={"extensions": "jinja2.ext.i18n"}
            )
        ]
    assert len(found) > 40
    missing = [
        (msgid, piece)
        for msgid in found
        for piece in pieces(msgid if isinstance(msgid, str) else msgid[0])
        if piece not in text
    ]
    assert missing == []
