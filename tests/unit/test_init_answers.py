"""`invoke init`'s reading of a coach's answers: hours in plain words, a time
zone from a city or a near miss, one line for each mistake."""

from __future__ import annotations

import pytest

from sitetools.init_site import InitError, parse_hours, read_answers, resolve_zone, session_slug
from tests.support.languages import CATALOGS

BASE = {
    "name": "Margaux Martin",
    "email": "bonjour@margaux.example",
    "timezone": "Europe/Paris",
    "hours": "tue 9-12",
    "session_title": "Séance découverte",
}


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("tue wed 9-12:30 14-18", {d: ["09:00-12:30", "14:00-18:00"] for d in ("tue", "wed")}),
        ("mon-wed 9-17", {d: ["09:00-17:00"] for d in ("mon", "tue", "wed")}),
        ("Tuesday 9h30-12h; fri 14:00-18:00", {"tue": ["09:30-12:00"], "fri": ["14:00-18:00"]}),
        ("mon, thu 8-9", {"mon": ["08:00-09:00"], "thu": ["08:00-09:00"]}),
    ],
)
def test_hours_in_plain_words(text, hours):
    assert parse_hours(text) == hours


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "hours: write when you are free"),
        ("tue", 'hours: "tue" needs days and times'),
        ("tue 9-25", "hours: '25' in \"tue 9-25\" is not a time"),
        ("tue morning", "hours: 'morning' is neither a day"),
    ],
)
def test_hours_that_cannot_be_read_say_how_to_write_them(text, message):
    with pytest.raises(InitError) as error:
        parse_hours(text)
    assert str(error.value).startswith(message)


@pytest.mark.parametrize(
    ("value", "city", "country", "zone"),
    [
        ("Europe/Paris", "", "", "Europe/Paris"),
        ("Paris", "", "", "Europe/Paris"),
        ("new york", "", "", "America/New_York"),
        ("", "Kolkata", "India", "Asia/Kolkata"),
        ("", "Lyon", "France", "Europe/Paris"),
    ],
)
def test_a_zone_from_a_city_or_the_country(value, city, country, zone):
    assert resolve_zone(value, city, country)[0] == zone


def test_a_near_miss_names_the_zones_meant():
    with pytest.raises(InitError) as error:
        resolve_zone("Europe/Pari")
    assert (
        str(error.value)
        == "timezone: 'Europe/Pari' is not a time zone; did you mean Europe/Paris, Europe/Madrid?"
    )
    with pytest.raises(InitError) as error:
        resolve_zone("", "Lyon", "Canada")
    assert "America/" in str(error.value)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"email": "not-an-address"}, "email: 'not-an-address' is not an email address"),
        ({"language": "ja"}, "language: 'ja' is not a language this site has"),
        ({"session_minutes": 0}, "session_minutes: must be a number from 1 to 1,440, not 0"),
        ({"colour": "blue"}, "colour: not a question init asks"),
        ({"name": ""}, "name: write it as text in quotes"),
    ],
)
def test_each_bad_answer_is_one_line_naming_it(change, message):
    with pytest.raises(InitError) as error:
        read_answers({**BASE, **change}, CATALOGS)
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


def test_the_sessions_address_comes_from_its_title():
    assert session_slug("Séance découverte de 45 minutes") == "seance-decouverte"
    assert session_slug("Kostenloses Erstgespräch") == "kostenloses-erstgesprach"
    assert session_slug("45") == "session"
