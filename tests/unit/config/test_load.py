"""site.toml -> one typed Settings; every mistake a coach makes is a line
naming the file, the table and the key as she wrote them."""

from __future__ import annotations

import dataclasses
import re

import pytest

from plugins.config.load import (
    SettingsError,
    SiteFileError,
    from_tables,
    load,
    load_site_file,
    pelican_settings,
)

COACH = {"name": "Margaux Martin", "email": "bonjour@margaux.example", "timezone": "Europe/Paris"}
SESSION = {"slug": "decouverte", "title": "Séance découverte", "duration_minutes": 30}
GOOD = f"""
[site]
language = "fr"

[coach]
name = "{COACH["name"]}"
email = "{COACH["email"]}"
timezone = "{COACH["timezone"]}"
social = [{{ label = "Mastodon", url = "https://m.example/@m" }}]

[[menu]]
label = "Articles"
link = "archives/"

[booking]
horizon_days = 14

[booking.weekly_hours]
tue = ["09:00-12:00", "14:00-18:00"]

[[booking.sessions]]
slug = "decouverte"
title = "Séance découverte"
duration_minutes = 30
"""


def write(tmp_path, text: str):
    path = tmp_path / "site.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_is_one_frozen_typed_object_with_the_coach_filled_in(tmp_path):
    settings = load(write(tmp_path, GOOD))
    assert settings.booking.timezone == "Europe/Paris"
    assert settings.booking.organizer.name == "Margaux Martin"
    assert settings.booking.organizer.email == "bonjour@margaux.example"
    assert settings.booking.sessions[0].horizon_days == 14
    assert settings.booking.sessions[0].buffer_after_minutes == 0  # the schema's default
    assert settings.desk.policy == "coach" and settings.desk.booking is settings.booking
    assert settings.coach.social == (("Mastodon", "https://m.example/@m"),)
    assert settings.menu == ({"label": "Articles", "link": "archives/"},)
    assert settings.podcast is None and settings.editor.repo is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.coach = None  # type: ignore[misc]


def test_the_pelican_settings_come_from_the_typed_object(tmp_path):
    settings = load(
        write(
            tmp_path,
            GOOD + '\n[podcast]\ndescription = "Vox"\n'
            'image = "podcast/cover.png"\ncategories = ["Business > Careers"]\n',
        )
    )
    values = pelican_settings(settings)
    assert values["SITENAME"] == values["AUTHOR"] == "Margaux Martin"
    assert values["TIMEZONE"] == "Europe/Paris" and values["DEFAULT_LANG"] == "fr"
    assert values["COACH"] is settings.coach and values["SETTINGS"] is settings
    assert "CNAME" not in values
    assert settings.podcast.author == "Margaux Martin"
    assert settings.podcast.owner_email == "bonjour@margaux.example"
    assert [p.name for p in settings.podcast.persons] == ["Margaux Martin"]
    assert settings.podcast.language == "fr"
    domain = from_tables({"site": {"domain": "coach.example.fr"}})
    assert pelican_settings(domain)["CNAME"] == "coach.example.fr"


# (what she changed in GOOD, the line she must read). Each is a mistake a
# coach makes: a typo in a key or a table, a wrong type, a time range
# backwards, an unknown zone, a bad email, a bad date...
MISTAKES = {
    "typo in a key": (
        ("horizon_days = 14", "horizon_dyas = 14"),
        'site.toml, [booking] horizon_dyas: unknown setting (did you mean "horizon_days"?)',
    ),
    "typo in a table": (
        ("[booking.weekly_hours]", "[booking.weekly_huors]"),
        'site.toml, [booking] weekly_huors: unknown setting (did you mean "weekly_hours"?)',
    ),
    "unknown table": (
        ("[site]", "[sight]"),
        "site.toml, [sight]: not a table this site reads "
        "(it reads [site], [coach], [[coaches]], [[menu]]",
    ),
    "a time range backwards": (
        ('tue = ["09:00-12:00", "14:00-18:00"]', 'tue = ["17:00-09:00"]'),
        'site.toml, [booking] weekly_hours.tue, item 1: "17:00-09:00" ends before it starts',
    ),
    "a time without minutes": (
        ('tue = ["09:00-12:00", "14:00-18:00"]', 'tue = ["9-12"]'),
        "site.toml, [booking] weekly_hours.tue, item 1: '9-12' must look like \"09:00-12:00\"",
    ),
    "overlapping hours": (
        ('"14:00-18:00"', '"11:00-18:00"'),
        'site.toml, [booking] weekly_hours.tue, item 2: "11:00-18:00" overlaps another window',
    ),
    "an unknown zone": (
        ('timezone = "Europe/Paris"', 'timezone = "Paris"'),
        "site.toml, [coach] timezone: unknown time zone 'Paris'",
    ),
    "a bad email": (
        ('email = "bonjour@margaux.example"', 'email = "bonjour at margaux.example"'),
        "site.toml, [coach] email: 'bonjour at margaux.example' is not an email address",
    ),
    "a bad date": (
        (
            "[booking.weekly_hours]",
            '[booking.date_overrides]\n"24/12/2026" = []\n[booking.weekly_hours]',
        ),
        "site.toml, [booking] date_overrides.24/12/2026: not a date; write YYYY-MM-DD",
    ),
    "text where a number goes": (
        ("horizon_days = 14", 'horizon_days = "two weeks"'),
        "site.toml, [booking] horizon_days: must be a whole number 0 or more, not 'two weeks'",
    ),
    "a number out of bounds": (
        ("horizon_days = 14", "horizon_days = 5000"),
        "site.toml, [booking] horizon_days: must be at most 3660 days, not 5000",
    ),
    "a missing session key": (
        ("duration_minutes = 30", ""),
        "site.toml, [booking] sessions, item 1, duration_minutes: missing (it is required)",
    ),
    "a bad slug": (
        ('slug = "decouverte"', 'slug = "Découverte"'),
        'site.toml, [booking] sessions, item 1, slug: "Découverte" must be lowercase letters',
    ),
    "a menu entry without a link": (
        ('link = "archives/"', ""),
        "site.toml, [[menu]] item 1: must have a label and a link",
    ),
    "a social link that is no address": (
        ('url = "https://m.example/@m"', 'url = "m.example/@m"'),
        "site.toml, [coach] social, item 1, url: 'm.example/@m' must be an https:// address",
    ),
    "an unknown choice": (
        ("horizon_days = 14", 'horizon_days = 14\nconfirm = "always"'),
        'site.toml, [booking] confirm: must be "coach" (you approve each request by replying)',
    ),
    "an unknown language": (
        ('language = "fr"', "language = 7"),
        "site.toml, [site] language: must be non-empty text, not 7",
    ),
    "a table written as a value": (
        ("[site]\n", 'editor = "margaux/site"\n[site]\n'),
        "site.toml, [editor]: must be a table (a [editor] line), not a value",
    ),
    "a bad currency": (
        ("horizon_days = 14", 'horizon_days = 14\ncurrency = "euros"'),
        "site.toml, [booking] currency: must be an ISO 4217 code like USD, not 'euros'",
    ),
}


@pytest.mark.parametrize("mistake", MISTAKES.values(), ids=MISTAKES.keys())
def test_a_typical_mistake_names_the_file_table_and_key(tmp_path, mistake):
    (old, new), line = mistake
    assert old in GOOD
    with pytest.raises(SettingsError) as caught:
        load(write(tmp_path, GOOD.replace(old, new, 1)))
    assert caught.value.lines[0].startswith(line), caught.value.lines[0]
    for written in caught.value.lines:
        assert not re.search(
            r"BOOKING|COACH|PODCAST|EDITOR|MENU\b|pelicanconf|\[\d+\]|\['", written
        )


def test_every_table_gets_its_own_line(tmp_path):
    text = GOOD.replace('timezone = "Europe/Paris"', 'timezone = "Paris"').replace(
        "horizon_days = 14", "horizon_days = -1"
    )
    with pytest.raises(SettingsError) as caught:
        load(write(tmp_path, text))
    assert [line.split(":")[0] for line in caught.value.lines] == [
        "site.toml, [coach] timezone",
        "site.toml, [booking] horizon_days",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[coach]\nname = Margaux\n", "site.toml: line 2, column 8: invalid value; text goes in"),
        (
            '[coach]\nname = "Margaux"\nname = "Martin"\n',
            "site.toml: line 3, column 16: cannot overwrite a value",
        ),
    ],
)
def test_a_file_toml_cannot_read_is_one_line_with_where_and_what_to_write(tmp_path, text, message):
    with pytest.raises(SiteFileError) as error:
        load_site_file(write(tmp_path, text))
    assert str(error.value).startswith(message), str(error.value)
    assert "\n" not in str(error.value)


def test_a_misspelt_table_gets_a_suggestion(tmp_path):
    with pytest.raises(SiteFileError) as error:
        load_site_file(write(tmp_path, "[bookings]\nhorizon_days = 3\n"))
    assert str(error.value).endswith('did you mean "[booking]"?')


def test_a_missing_file_says_how_to_make_one(tmp_path):
    with pytest.raises(SiteFileError) as error:
        load_site_file(tmp_path / "site.toml")
    assert "run `make init` to write it" in str(error.value)


def test_her_words_per_language_and_what_each_edition_shows(tmp_path):
    text = GOOD.replace(
        'title = "Séance découverte"',
        'title = { fr = "Séance découverte", en = "Discovery session" }',
    ).replace('language = "fr"', 'language = "fr"\nextra_languages = ["en"]')
    session = load(write(tmp_path, text)).booking.sessions[0]
    assert session.title == "Séance découverte"
    assert session.in_language("en").title == "Discovery session"
    assert session.in_language("en").location == session.location  # not translated
    assert session.in_language("fr") == session


@pytest.mark.parametrize(
    ("title", "line"),
    [
        (
            '{ fr = "Séance", de = "Sitzung" }',
            "site.toml, [booking] sessions, item 1, title.de: 'de' is not a language of this site",
        ),
        (
            '{ en = "Session" }',
            "site.toml, [booking] sessions, item 1, title: needs its text in fr",
        ),
    ],
)
def test_words_per_language_name_the_language_that_is_wrong(tmp_path, title, line):
    text = GOOD.replace('title = "Séance découverte"', f"title = {title}").replace(
        'language = "fr"', 'language = "fr"\nextra_languages = ["en"]'
    )
    with pytest.raises(SettingsError) as caught:
        load(write(tmp_path, text))
    assert caught.value.lines[0].startswith(line), caught.value.lines[0]


def test_a_menu_label_per_language_and_each_pages_menu():
    from plugins.config.menu import menu_in_language

    data = {
        "site": {"language": "es", "extra_languages": ["en"]},
        "menu": [
            {"label": {"es": "Artículos", "en": "Articles"}, "link": "archives/"},
            {"label": "Podcast", "link": "podcast/"},
        ],
    }
    menu = from_tables(data).menu
    assert [e["label"] for e in menu_in_language(menu, "en")] == ["Articles", "Podcast"]
    assert [e["label"] for e in menu_in_language(menu, "es")] == ["Artículos", "Podcast"]
    data["menu"][0]["label"] = {"en": "Articles"}
    with pytest.raises(SettingsError, match=r"\[\[menu\]\] item 1, label: needs its text in es"):
        from_tables(data)


def test_what_a_second_language_shows_in_the_first_is_listed():
    from plugins.config.untranslated import untranslated

    data = {
        "site": {"language": "es", "extra_languages": ["en"]},
        "coach": {"name": "Lucía", "email": "lucia@example.mx", "timezone": "America/Mexico_City"},
        "menu": [{"label": {"es": "Artículos", "en": "Articles"}, "link": "archives/"}],
        "booking": {
            "weekly_hours": {"mon": ["10:00-14:00"]},
            "sessions": [
                {"slug": "d", "title": {"es": "Sesión", "en": "Session"}, "duration_minutes": 30}
            ],
        },
    }
    assert untranslated(from_tables(data)) == {
        "en": ["[booking] sessions, item 1, description", "[booking] sessions, item 1, location"]
    }
    one_language = {**data, "site": {"language": "es"}, "menu": []}
    one_language["booking"]["sessions"][0]["title"] = "Sesión"
    assert untranslated(from_tables(one_language)) == {}


def test_her_words_on_every_page_may_be_given_per_language():
    from plugins.config.untranslated import untranslated

    data = {
        "site": {
            "language": "es",
            "extra_languages": ["en"],
            "description": {"es": "Coaching en CDMX", "en": "Coaching in Mexico City"},
        },
        "coach": {
            "name": "Lucía",
            "tagline": {"es": "Decidir con calma", "en": "Deciding calmly"},
            "photo_alt": {"es": "Lucía en su estudio"},
            "location": "Ciudad de México, México",
        },
    }
    settings = from_tables(data)
    assert settings.coach.tagline == "Decidir con calma"
    assert settings.coach.in_language("en").tagline == "Deciding calmly"
    # What she did not translate stays in the site's language, and is listed.
    assert settings.coach.in_language("en").photo_alt == "Lucía en su estudio"
    assert settings.site.in_language("en").description == "Coaching in Mexico City"
    assert settings.site.in_language("es").description == "Coaching en CDMX"
    assert untranslated(settings) == {"en": ["[coach] photo_alt", "[coach] location"]}
    # A language the site does not have is refused, named as she wrote it.
    data["coach"]["tagline"]["fr"] = "Décider"
    with pytest.raises(SettingsError, match=r"\[coach\] tagline\.fr: 'fr' is not a language"):
        from_tables(data)
    # The name is one for every language.
    data["coach"]["tagline"].pop("fr")
    data["coach"]["name"] = {"es": "Lucía", "en": "Lucy"}
    with pytest.raises(SettingsError, match=r"\[coach\] name"):
        from_tables(data)
