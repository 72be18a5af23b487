"""The settings loader's other ways in and its exact lines: Python-level
settings (`of`, for a pelicanconf.py without site.toml), the [site] table's
own checks, tables written as values, the stand-in coach that lets every
other table get its line, and the Pelican settings a site.toml stands for."""

from __future__ import annotations

import pytest

from plugins.config.load import KEY, Settings, SettingsError, from_tables, of, pelican_settings

COACH = {"name": "Ines Duarte", "email": "ines@duarte.example", "timezone": "Europe/Lisbon"}
SESSION = {"slug": "intro", "title": "Intro", "duration_minutes": 30}
BOOKING = {"weekly_hours": {"mon": ["09:00-12:00"]}, "sessions": [SESSION]}
PODCAST = {"description": "D", "image": "p/c.png", "categories": ["Business"]}


def lines(tables: dict, file_name: str = "site.toml") -> list[str]:
    with pytest.raises(SettingsError) as caught:
        from_tables(tables, file_name)
    return caught.value.lines


def test_an_error_keeps_every_line_and_splits_the_first_into_setting_and_problem():
    error = SettingsError(["site.toml, [site] url: must be: this", "site.toml, [coach] name: x"])
    assert (error.setting, error.problem) == ("site.toml, [site] url", "must be: this")
    assert str(error) == "site.toml, [site] url: must be: this\nsite.toml, [coach] name: x"


def test_a_table_it_does_not_read_is_named_with_the_closest_one_and_the_list():
    found = lines({"coach": COACH, "bookings": {}, "colours": {}})
    tables = "[site], [coach], [[coaches]], [[menu]], [booking], [podcast], [editor], [design]"
    assert found == [
        f"site.toml, [bookings]: not a table this site reads (it reads {tables})"
        '; did you mean "[booking]"?',
        f"site.toml, [colours]: not a table this site reads (it reads {tables})",
    ]


@pytest.mark.parametrize("table", ["site", "coach", "booking", "podcast", "editor", "design"])
def test_a_table_written_as_a_value_is_one_line_and_nothing_more(table):
    tables = {"coach": COACH, table: "yes"}
    assert lines(tables, "mine.toml") == [
        f"mine.toml, [{table}]: must be a table (a [{table}] line), not a value"
    ]


def test_menu_and_coaches_written_as_values_are_one_line_each():
    assert lines({"coach": COACH, "menu": "Home", "coaches": "all"}) == [
        "site.toml, [[menu]]: write each menu entry as [[menu]] with label and link",
        "site.toml, [[coaches]]: write each coach as [[coaches]] with slug, ...",
    ]


@pytest.mark.parametrize(
    ("site", "line"),
    [
        (
            {"extra_languages": "fr"},
            "site.toml, [site] extra_languages: must be a list like [\"fr\"], not 'fr'",
        ),
        (
            {"extra_languages": ["fr", 3]},
            "site.toml, [site] extra_languages, item 2: must be non-empty text, not 3",
        ),
        (
            {"url": "http://ines.example"},
            "site.toml, [site] url: must be an https:// address, not 'http://ines.example'",
        ),
        (
            {"url": "https://ines example.org"},
            "site.toml, [site] url: must be an https:// address, not 'https://ines example.org'",
        ),
        ({"url": "https:///"}, "site.toml, [site] url: must be an https:// address, not 'https:'"),
        ({"name": 7}, "site.toml, [site] name: must be non-empty text, not 7"),
        ({"subtitle": 7}, "site.toml, [site] subtitle: must be non-empty text, not 7"),
    ],
)
def test_each_site_mistake_is_its_own_exact_line(site, line):
    found = lines({"site": site, "coach": COACH})
    assert found[0].startswith(line), found


def test_a_site_address_is_kept_without_its_last_slash_and_a_short_one_is_fine():
    settings = from_tables({"site": {"url": "https://ines.example/"}, "coach": COACH})
    assert settings.site.url == "https://ines.example"
    assert from_tables({"site": {"url": "https://a.b"}, "coach": COACH}).site.url == "https://a.b"


def test_when_the_coach_is_wrong_the_other_tables_get_only_their_own_lines():
    # Her table is wrong in every key the others inherit: booking and the
    # podcast are still read (with stand-ins), and add nothing of their own.
    bad_coach = {"name": 5, "email": "nobody", "timezone": "Mars/Base"}
    found = lines({"coach": bad_coach, "booking": BOOKING, "podcast": PODCAST})
    assert len(found) == 1 and found[0].startswith("site.toml, [coach] "), found
    assert lines({"coach": "x", "booking": BOOKING}) == [
        "site.toml, [coach]: must be a table (a [coach] line), not a value"
    ]
    # ... and a mistake of their own is still found beside hers.
    wrong = {**BOOKING, "horizon_days": -1}
    found = lines({"coach": {**bad_coach, "name": "Ines"}, "booking": wrong})
    assert [line.split(":")[0] for line in found] == [
        "site.toml, [coach] email",
        "site.toml, [booking] horizon_days",
    ]


def test_booking_takes_only_what_the_coach_gave():
    # Her zone without her email: the invitations have no sender yet; the
    # line names her [coach] key, not the [booking] organizer she never wrote ...
    no_email = {"name": "Ines", "timezone": "Europe/Lisbon"}
    assert lines({"coach": no_email, "booking": BOOKING}) == [
        "site.toml, [coach] email: missing (booking invitations come from it)"
    ]
    # ... her email without a zone: the hours have no zone yet.
    no_zone = {"name": "Ines", "email": "ines@duarte.example"}
    assert lines({"coach": no_zone, "booking": BOOKING}) == [
        "site.toml, [coach] timezone: missing (your booking hours are in it)"
    ]
    # Both missing, and a mistake of the booking's own: three lines.
    wrong = {**BOOKING, "horizon_days": -1}
    found = lines({"coach": {"name": "Ines"}, "booking": wrong})
    assert [line.split(":")[0] for line in found] == [
        "site.toml, [coach] email",
        "site.toml, [coach] timezone",
        "site.toml, [booking] horizon_days",
    ]
    # Said in [booking] itself, nothing is asked of [coach].
    own = {**BOOKING, "timezone": "Europe/Lisbon", "organizer": {"name": "I", "email": "i@d.org"}}
    assert from_tables({"coach": {"name": "Ines"}, "booking": own}).booking.timezone == (
        "Europe/Lisbon"
    )


def test_the_podcast_feed_is_in_the_sites_language_as_a_bcp47_tag():
    settings = from_tables({"site": {"language": "pt_BR"}, "coach": COACH, "podcast": PODCAST})
    assert settings.podcast.language == "pt-br"
    assert settings.file == "site.toml"
    assert from_tables({"coach": COACH, "podcast": PODCAST}, "x.toml").file == "x.toml"


def test_the_pelican_settings_fall_back_to_the_coach():
    settings = from_tables({"coach": {**COACH, "tagline": "Careers, calmly"}})
    values = pelican_settings(settings)
    assert values["SITENAME"] == "Ines Duarte"
    assert values["SITESUBTITLE"] == "Careers, calmly"
    assert values["TIMEZONE"] == "Europe/Lisbon"
    assert "CNAME" not in values
    named = from_tables(
        {
            "site": {"name": "Duarte", "subtitle": "Sub", "domain": "d.example"},
            "coach": {**COACH, "tagline": "T"},
        }
    )
    values = pelican_settings(named)
    assert (values["SITENAME"], values["SITESUBTITLE"], values["CNAME"]) == (
        "Duarte",
        "Sub",
        "d.example",
    )
    assert values["EXTRA_LANGUAGES"] == [] and values[KEY] is named


# Python-level settings: what a pelicanconf.py without site.toml gives.


def python_settings(**extra) -> dict:
    return {"COACH": dict(COACH), "DEFAULT_LANG": "pt_BR", **extra}


def test_python_settings_become_the_same_typed_settings_once_per_build():
    pelican = python_settings(
        SITENAME="Duarte Coaching",
        SITE={"subtitle": "Sub"},
        EXTRA_LANGUAGES=("en",),
        BOOKING=BOOKING,
        PODCAST=PODCAST,
        AUTHOR="Someone",
    )
    settings = of(pelican)
    assert isinstance(settings, Settings) and pelican[KEY] is settings
    assert of(pelican) is settings  # kept: made once per build
    assert settings.file == ""
    assert (settings.site.name, settings.site.subtitle) == ("Duarte Coaching", "Sub")
    assert (settings.site.language, settings.site.extra_languages) == ("pt_BR", ("en",))
    assert settings.coach.email == "ines@duarte.example"
    assert settings.booking.timezone == "Europe/Lisbon"
    assert settings.booking.sessions[0].slug == "intro"
    assert settings.podcast.language == "pt-br"
    assert settings.desk is not None and settings.editor is not None


def test_python_settings_default_to_english_and_no_booking():
    settings = of({"COACH": dict(COACH)})
    assert (settings.site.language, settings.site.extra_languages) == ("en", ())
    assert settings.booking is None and settings.podcast is None and settings.menu is None
    assert settings.coaches == ()


def test_python_settings_errors_name_the_setting_without_a_file():
    with pytest.raises(SettingsError) as caught:
        of(python_settings(TIMEZONE="Europe/Lisbonn", BOOKING={**BOOKING, "horizon_days": -1}))
    found = caught.value.lines
    assert (
        found[0] == "TIMEZONE: unknown time zone 'Europe/Lisbonn' (did you mean \"Europe/Lisbon\"?)"
    )
    assert found[1].startswith("[booking] horizon_days: "), found
    assert len(found) == 2


def test_python_settings_accept_pelicans_own_timezone_and_none():
    assert of(python_settings(TIMEZONE="Europe/Lisbon")).coach.timezone == "Europe/Lisbon"
    assert of(python_settings(TIMEZONE=None)).site.language == "pt_BR"


def test_every_python_level_table_is_read():
    team = [
        {
            "slug": "amara",
            "name": "Amara",
            "email": "amara@program.example",
            "timezone": "UTC",
            "weekly_hours": {"mon": ["09:00-12:00"]},
        }
    ]
    settings = of(
        python_settings(
            COACHES=team,
            MENU=[{"label": "Articles", "link": "archives/"}],
            EDITOR={"repo": "ines/site", "branch": "live"},
            DESIGN={"accent": "#225588"},
        )
    )
    assert [c.slug for c in settings.coaches] == ["amara"]
    assert settings.menu[0]["label"] == "Articles"
    assert (settings.editor.repo, settings.editor.branch) == ("ines/site", "live")
    assert settings.design.accent == "#225588"


def test_pelicans_author_names_the_podcast_host_when_the_coach_has_no_name():
    # A developer's pelicanconf.py may give AUTHOR and a COACH without a name.
    coach = {"email": "ines@duarte.example", "timezone": "Europe/Lisbon"}
    pelican = {"COACH": coach, "PODCAST": PODCAST, "SITENAME": "Duarte", "AUTHOR": "Ines Duarte"}
    assert "Ines Duarte" in str(of(pelican).podcast.author)
    assert "Ines Duarte" in str(of(python_settings(PODCAST=PODCAST, AUTHOR="Other")).podcast.author)
