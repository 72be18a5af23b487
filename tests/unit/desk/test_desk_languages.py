"""The desk's messages in the booking's language: the site's by default, the
client's with --lang (kept in the ledger as ATTENDEE;LANGUAGE=, RFC 5545)."""

from __future__ import annotations

import email
import re
from dataclasses import replace
from email import policy

import icalendar
import pytest

from plugins.booking.desk import commands
from plugins.booking.ledger_format import read
from tests.support.desk_sample import BOOKING, CLIENT_EMAIL, CLIENT_NAME, FREE, make_desk
from tests.support.languages import SHIPPED, english_left

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
