"""BOOKING_VIEW (the template context), slots.json, labels and the mailto link."""

from __future__ import annotations

from datetime import UTC, date, datetime
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from plugins.booking import tokens
from plugins.booking.labels import day_label, time_label, zone_label
from plugins.booking.links import mailto
from plugins.booking.plan import make_plan
from plugins.booking.views import booking_view, manage_view, price_label, slots_document
from plugins.config.booking import parse_settings
from tests.support.booking_settings import NOW, booking
from tests.support.languages import ENGLISH, language


def _view(raw=None, lang=ENGLISH):
    plan = make_plan(parse_settings(raw or booking()), content_path=".", now=NOW)
    return booking_view(plan, lang)[0]


def test_session_view_contract():
    view = _view()
    assert {
        "slug": view["slug"],
        "title": view["title"],
        "duration_minutes": view["duration_minutes"],
        "price": view["price"],
        "price_label": view["price_label"],
        "url": view["url"],
        "minimum_notice_hours": view["minimum_notice_hours"],
        "horizon_days": view["horizon_days"],
        "timezone": view["timezone"],
        "zone_label": view["zone_label"],
        "generated_at": view["generated_at"],
    } == {
        "slug": "discovery",
        "title": "Discovery session",
        "duration_minutes": 30,
        "price": 0,
        "price_label": "Complimentary",
        "url": "book/discovery/",
        "minimum_notice_hours": 24,
        "horizon_days": 28,
        "timezone": "America/New_York",
        "zone_label": "Eastern Time",
        "generated_at": "2026-11-22T12:00:00Z",
    }
    assert view["description"] and view["location"]


def test_days_group_slots_by_the_coachs_local_date():
    day = _view()["days"][0]
    assert day["date"] == "2026-11-23"
    assert day["label"] == "Monday, November 23, 2026"
    slot = day["slots"][0]
    assert slot == slot | {
        "id": "discovery-20261123T140000Z",
        "stamp": "20261123T140000Z",
        "start": "2026-11-23T14:00:00Z",
        "end": "2026-11-23T14:30:00Z",
        "time_label": "9:00 AM",
        "full_label": "Monday, November 23, 2026, 9:00 AM Eastern Time",
        "url": "book/discovery/20261123T140000Z/",
        "ics": "book/discovery/20261123T140000Z.ics",
    }


def test_a_late_evening_slot_belongs_to_its_local_date_not_its_utc_date():
    raw = booking(weekly_hours={"mon": ["22:00-23:00"]})
    day = _view(raw)["days"][0]
    assert day["date"] == "2026-11-23"
    assert day["slots"][0]["start"] == "2026-11-24T03:00:00Z"
    assert day["slots"][0]["time_label"] == "10:00 PM"


def test_slots_document_has_the_issues_shape():
    document = slots_document(_view())
    assert document["timezone"] == "America/New_York"
    assert document["generated_at"] == "2026-11-22T12:00:00Z"
    assert document["session"]["slug"] == "discovery"
    first = document["slots"][0]
    assert (first["id"], first["start"], first["end"], first["ics"]) == (
        "discovery-20261123T140000Z",
        "2026-11-23T14:00:00Z",
        "2026-11-23T14:30:00Z",
        "book/discovery/20261123T140000Z.ics",
    )
    assert len(document["slots"]) == sum(len(d["slots"]) for d in _view()["days"])


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("America/New_York", "Eastern Time"),
        ("Asia/Kathmandu", "Nepal Time"),
        ("Australia/Lord_Howe", "Lord Howe Time"),
        ("America/Santiago", "Chile Time"),
        ("UTC", "Coordinated Universal Time"),
        ("Etc/GMT+5", "UTC-05:00"),
        ("America/Argentina/Buenos_Aires", "Buenos Aires Time"),
    ],
)
def test_zone_labels(key, label):
    assert zone_label(key, ENGLISH) == label


@pytest.mark.parametrize(
    ("code", "key", "label"),
    [
        ("fr", "Europe/Paris", "heure d’Europe centrale"),
        ("fr", "Europe/Kyiv", "heure : Kyiv"),
        ("de", "Europe/Berlin", "Mitteleuropäische Zeit"),
        ("es", "UTC", "tiempo universal coordinado"),
        ("pt_BR", "America/Sao_Paulo", "Horário de Brasília"),
        ("nl", "Europe/Amsterdam", "Midden-Europese tijd"),
        ("it", "Europe/Rome", "Ora dell’Europa centrale"),
    ],
)
def test_zone_labels_are_cldrs_names_in_the_sites_language(code, key, label):
    assert zone_label(key, language(code)) == label


@pytest.mark.parametrize(
    ("code", "day", "time"),
    [
        ("en", "Tuesday, November 24, 2026", "9:05 PM"),
        ("en_GB", "Tuesday, 24 November 2026", "21:05"),
        ("fr", "mardi 24 novembre 2026", "21:05"),
        ("de", "Dienstag, 24. November 2026", "21:05"),
        ("es", "martes, 24 de noviembre de 2026", "21:05"),
        ("pt-BR", "terça-feira, 24 de novembro de 2026", "21:05"),
        ("nl", "dinsdag 24 november 2026", "21:05"),
        ("it", "martedì 24 novembre 2026", "21:05"),
    ],
)
def test_date_and_time_labels_follow_cldr_with_plain_spaces(code, day, time):
    lang = language(code)
    assert day_label(date(2026, 11, 24), lang) == day
    moment = datetime(2026, 11, 24, 21, 5, tzinfo=UTC)
    assert time_label(moment, lang) == time
    assert "\u202f" not in time_label(moment, lang)


@pytest.mark.parametrize(
    ("price", "currency", "code", "label"),
    [
        (0, "USD", "en", "Complimentary"),
        (150, "USD", "en", "$150.00"),
        (90.5, "EUR", "en", "€90.50"),
        (90.5, "EUR", "de", "90,50\u00a0€"),
    ],
)
def test_price_labels(price, currency, code, label):
    assert price_label(price, currency, language(code)) == label


def test_mailto_percent_encodes_subject_and_body():
    link = mailto("hello@hart.example", "Request: Mon, 9:00 AM & more", "Line one\nLine two +")
    parts = urlsplit(link)
    assert parts.scheme == "mailto" and parts.path == "hello@hart.example"
    assert " " not in link and "+" not in link.split("?", 1)[1].replace("%2B", "")
    assert "%0D%0A" in link
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert unquote(parts.query.split("subject=")[1].split("&")[0]) == "Request: Mon, 9:00 AM & more"
    assert query["body"] == "Line one\r\nLine two +"


def _request(slot: dict) -> tuple[str, str]:
    """(subject, body) of a slot's request email, decoded."""
    query = parse_qs(urlsplit(slot["request_mailto"]).query, strict_parsing=True)
    return query["subject"][0], query["body"][0]


def test_slot_request_link_names_the_time_in_words_and_utc():
    subject, body = _request(_view()["days"][0]["slots"][0])
    assert subject.startswith("Booking request: Monday, November 23, 2026, 9:00 AM Eastern Time ")
    assert "(2026-11-23T14:00:00Z)" in body


# --- the request code ([[book <slot> <language>]]) the booking desk reads ---

TOKEN = "[[book discovery-20261123T140000Z en]]"
QUESTIONS = [
    {"label": "Your specialty"},
    {"label": "Your role", "type": "choice", "options": ["Resident", "Attending"]},
    {"label": "First session with a coach", "type": "checkbox", "required": True},
]


def _with_questions(**top):
    return booking(
        sessions=[
            {
                "slug": "discovery",
                "title": "Discovery session",
                "duration_minutes": 30,
                "questions": QUESTIONS,
            }
        ],
        **top,
    )


def test_the_request_subject_and_body_carry_the_slots_code():
    slot = _view()["days"][0]["slots"][0]
    subject, body = _request(slot)
    assert slot["token"] == TOKEN
    assert slot["request_subject"] == subject
    assert subject == f"Booking request: {slot['full_label']} {TOKEN}"
    lines = body.split("\r\n")
    assert lines[-3:] == [
        "",
        "Please keep this code: it tells the booking desk which time you chose.",
        TOKEN,
    ]
    assert "Slot: " not in body  # the code replaces the old slot line
    for text in (subject, body):
        assert tokens.find(text) == tokens.Token(tokens.BOOK, slot["id"], "en")


def test_the_code_is_read_back_after_the_visitor_edits_around_it():
    slot = _view()["days"][0]["slots"][0]
    subject, body = _request(slot)
    expected = tokens.Token(tokens.BOOK, "discovery-20261123T140000Z", "en")
    edited = body.replace("My name:", "My name: Dr. Ana Ruiz [night shifts]")
    edited = edited.replace("Thank you.", "Thanks!\n\n> quoted [[not a code]]")
    replied = "\n".join("> " + line for line in edited.splitlines())  # quoted in a reply
    assert tokens.find(edited) == expected
    assert tokens.find(replied) == expected
    assert tokens.find("Re: AW: " + subject) == expected
    # Only the code left, the rest of the body deleted, its slot retyped in capitals.
    assert tokens.find("[[ book DISCOVERY-20261123t140000z en ]]") == expected


def test_the_code_names_the_pages_language():
    slot = _view(lang=language("fr"))["days"][0]["slots"][0]
    assert slot["token"] == "[[book discovery-20261123T140000Z fr]]"
    assert tokens.find(_request(slot)[0]).language == "fr"


def test_the_request_body_asks_each_question_after_the_name():
    slot = _view(_with_questions())["days"][0]["slots"][0]
    lines = _request(slot)[1].split("\r\n")
    start = lines.index("My name:")
    assert lines[start - 1] == "My time zone:"  # booking.js completes it
    assert lines[start + 1 : start + 5] == [
        "Your specialty:",
        "Your role: (Resident / Attending)",
        "First session with a coach: yes or no",
        "Anything you would like to know beforehand:",
    ]
    assert not any("privacy notice" in line for line in lines)


def test_the_consent_line_links_the_privacy_page_absolutely():
    raw = _with_questions(consent_page="pages/privacy.html")
    plan = make_plan(parse_settings(raw), content_path=".", now=NOW)
    view = booking_view(plan, ENGLISH, origin="https://coach.example.org/")[0]
    lines = _request(view["days"][0]["slots"][0])[1].split("\r\n")
    consent = "I agree to the privacy notice (https://coach.example.org/pages/privacy.html): yes"
    # Its own paragraph, after the note's: no answer above runs into it.
    note = lines.index("Anything you would like to know beforehand:")
    assert lines[note + 1 : note + 5] == ["", consent, "", "Thank you."]
    assert view["consent_page"] == "pages/privacy.html"


def test_the_session_view_lists_its_questions_with_their_form_fields():
    view = _view(_with_questions())
    assert view["questions"] == [
        {
            "field": "q1",
            "label": "Your specialty",
            "kind": "text",
            "options": [],
            "required": False,
        },
        {
            "field": "q2",
            "label": "Your role",
            "kind": "choice",
            "options": ["Resident", "Attending"],
            "required": False,
        },
        {
            "field": "q3",
            "label": "First session with a coach",
            "kind": "checkbox",
            "options": [],
            "required": True,
        },
    ]
    assert _view()["questions"] == [] and _view()["consent_page"] is None


def test_the_manage_view_of_each_edition():
    plan = make_plan(
        parse_settings(booking(self_service_cutoff_hours=12)), content_path=".", now=NOW
    )
    assert manage_view(plan, ENGLISH) == {
        "url": "book/manage/",
        "index_url": "book/",
        "organizer": {"name": "Dr. Eleanor Hart", "email": "hello@hartcoaching.example"},
        "cutoff_hours": 12,
    }
    french = manage_view(plan, language("fr"), "fr/")
    assert (french["url"], french["index_url"]) == ("fr/book/manage/", "fr/book/")


def test_slots_document_tells_the_manage_page_the_notice():
    assert slots_document(_view())["session"]["minimum_notice_hours"] == 24
