"""`invoke init`'s reading of a coach's answers: hours in plain words, a time
zone from a city or a near miss, one line for each mistake."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from plugins.common.zones import iana_zones
from sitetools.init_hours import describe, describe_zone
from sitetools.init_places import CITIES
from sitetools.init_site import InitError, parse_hours, read_answers, resolve_zone, session_slug
from tests.support.languages import CATALOGS

MEXICO_CITY = {"mon": ["10:00-14:00"], "wed": ["10:00-14:00"], "fri": ["16:00-19:00"]}
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
        # A day after a time starts the next group, with or without ; or ,
        ("mon wed 10-14 fri 16-19", MEXICO_CITY),
        ("mon wed 10-14; fri 16-19", MEXICO_CITY),
        ("mon wed 10-14, fri 16-19", MEXICO_CITY),
        ("fri-mon 9-10", {d: ["09:00-10:00"] for d in ("mon", "fri", "sat", "sun")}),
    ],
)
def test_hours_in_plain_words(text, hours):
    assert parse_hours(text) == hours


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "lun mié 10-14 vie 16-19"),
        ("es", "Lunes, Miércoles 10-14; Viernes 16-19"),
        ("es", "lun. mie. 10-14 vie. 16-19"),
        ("fr", "lundi mercredi 10h-14h vendredi 16h-19h"),
        ("de", "Mo Mi 10-14 Fr 16-19"),
        ("pt_BR", "seg qua 10-14 sex 16-19"),
        ("es", "mon wed 10-14 fri 16-19"),  # English works in every language
    ],
)
def test_weekday_names_in_the_sites_language(language, text):
    assert parse_hours(text, language) == MEXICO_CITY


def test_the_hours_are_read_back_in_words_and_the_zone_with_its_offsets():
    assert describe(MEXICO_CITY, "es") == (
        "Lunes 10:00-14:00, Miércoles 10:00-14:00, Viernes 16:00-19:00"
    )
    assert describe(MEXICO_CITY) == "Monday 10:00-14:00, Wednesday 10:00-14:00, Friday 16:00-19:00"
    now = datetime(2026, 12, 6, tzinfo=UTC)
    assert describe_zone("America/Mexico_City", now) == (
        "America/Mexico_City, UTC-6 all year (no daylight saving)"
    )
    assert describe_zone("Europe/Madrid", now) == (
        "Europe/Madrid, UTC+1, UTC+2 in summer (clocks change by 1 hour)"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "hours: write when you are free"),
        ("tue", "hours: tue: which hours?"),
        ("tue 9-25", "hours: 9-25: '25' is not a time"),
        ("9-12 tue", "hours: 9-12: which days? Write the days first"),
        ("tue 12-9", "hours: 12:00-09:00 ends before it starts"),
        ("tue 9-12 11-14", "hours: two ranges on tue overlap"),
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
        ("Ciudad de México", "", "México", "America/Mexico_City"),
        ("CDMX", "", "", "America/Mexico_City"),
        ("", "", "Japon", "Asia/Tokyo"),
        ("México", "", "", "America/Mexico_City"),
        ("München", "", "", "Europe/Berlin"),
        ("Zürich", "", "", "Europe/Zurich"),
        ("Genève", "", "Suisse", "Europe/Zurich"),
        ("São Paulo", "", "", "America/Sao_Paulo"),
        ("NYC", "", "", "America/New_York"),
        ("LA", "", "", "America/Los_Angeles"),
        ("", "Hartford", "USA", "America/New_York"),
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


def test_the_currency_comes_from_her_country():
    mexico = read_answers({**BASE, "timezone": "CDMX", "country": "México"}, CATALOGS)
    assert (mexico.currency, mexico.timezone) == ("MXN", "America/Mexico_City")
    assert "currency: MXN (from your country" in " ".join(mexico.notes)
    assert read_answers({**BASE, "country": "Suisse"}, CATALOGS).currency == "CHF"
    assert read_answers({**BASE, "currency": "usd"}, CATALOGS).currency == "USD"
    with pytest.raises(InitError, match="currency: 'PESOS' is not a currency code"):
        read_answers({**BASE, "currency": "pesos"}, CATALOGS)


def test_every_short_name_we_list_is_a_zone_tzdata_has():
    assert set(CITIES.values()) <= iana_zones()


def test_the_sessions_address_comes_from_its_whole_title():
    assert session_slug("Sesión de descubrimiento gratuita") == (
        "sesion-de-descubrimiento-gratuita"
    )
    assert session_slug("Séance découverte de 45 minutes") == "seance-decouverte-de-45-minutes"
    assert session_slug("Kostenloses Erstgespräch") == "kostenloses-erstgesprach"
    assert session_slug("45") == "session"
