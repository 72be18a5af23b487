"""The privacy page's facts come from the settings that decide them."""

from __future__ import annotations

import pytest

from plugins.config.load import from_tables
from plugins.privacy.facts import facts

BASE = {
    "site": {"name": "Atelier Lindqvist"},
    "coach": {"name": "Margaux", "email": "bonjour@lindqvist.example", "timezone": "Europe/Paris"},
    "booking": {
        "weekly_hours": {"mon": ["09:00-12:00"]},
        "sessions": [{"slug": "s", "title": "S", "duration_minutes": 30}],
    },
}


def with_booking(**extra) -> dict:
    return {**BASE, "booking": {**BASE["booking"], **extra}}


def test_a_plain_site_requests_by_email_keeps_a_year_and_names_no_service():
    found = facts(from_tables(BASE))
    assert (found.name, found.email, found.books) == (
        "Atelier Lindqvist",
        "bonjour@lindqvist.example",
        True,
    )
    assert (found.form_host, found.video_host, found.calendar_host) == ("", "", "")
    assert (found.desk_reads_mail, found.encrypted, found.keep_days) == (False, False, 365)


@pytest.mark.parametrize(
    ("extra", "field", "value"),
    [
        (
            {"request_form_action": "https://forms.example.net/f/x1"},
            "form_host",
            "forms.example.net",
        ),
        ({"video": {"rooms_at": "https://meet.example.org/"}}, "video_host", "meet.example.org"),
        ({"video": {"room": "https://call.example.com/margaux"}}, "video_host", "call.example.com"),
        (
            {
                "inbox": {
                    "host": "imap.example.org",
                    "username": "margaux",
                    "password_env": "IMAP_PASSWORD",
                }
            },
            "desk_reads_mail",
            True,
        ),
        ({"ledger_key_env": "BOOKING_LEDGER_KEY"}, "encrypted", True),
        ({"keep_client_data_days": 90}, "keep_days", 90),
        (
            {
                "caldav": {
                    "url": "https://dav.example.org/cal/",
                    "username": "m",
                    "password_env": "DAV",
                    "calendars": ["Work"],
                }
            },
            "calendar_host",
            "dav.example.org",
        ),
    ],
)
def test_each_fact_follows_its_setting(extra, field, value):
    assert getattr(facts(from_tables(with_booking(**extra))), field) == value
    assert getattr(facts(from_tables(BASE)), field) != value


def test_a_site_without_booking_says_nothing_about_requests():
    tables = {k: v for k, v in BASE.items() if k != "booking"}
    found = facts(from_tables(tables))
    assert not found.books and found.email == "bonjour@lindqvist.example"
    assert (found.form_host, found.video_host, found.calendar_host) == ("", "", "")
    assert (found.desk_reads_mail, found.encrypted, found.keep_days) == (False, False, 0)


def test_requests_go_to_the_invitations_organizer_when_she_names_one():
    organizer = {"name": "Accueil", "email": "accueil@lindqvist.example"}
    assert facts(from_tables(with_booking(organizer=organizer))).email == organizer["email"]


def test_the_podcast_fact_follows_the_podcast_table():
    podcast = {"description": "D", "image": "p/c.png", "categories": ["Business"]}
    assert facts(from_tables({**BASE, "podcast": podcast})).podcast is True
    assert facts(from_tables(BASE)).podcast is False
