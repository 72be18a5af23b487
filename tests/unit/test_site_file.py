"""site.toml -> the settings Pelican sees; a file TOML cannot read is one line
with its line and column."""

from __future__ import annotations

import pytest

from sitetools.site_file import SiteFileError, load_site_file, settings_from

COACH = {"name": "Margaux Martin", "email": "bonjour@margaux.example", "timezone": "Europe/Paris"}


def test_the_coach_is_written_once_and_filled_in_where_needed():
    settings = settings_from(
        {
            "site": {"language": "fr"},
            "coach": {**COACH, "social": [{"label": "Mastodon", "url": "https://m.example/@m"}]},
            "booking": {"weekly_hours": {"tue": ["09:00-12:00"]}, "sessions": []},
            "podcast": {"title": "Vox"},
            "menu": [{"label": "Articles", "link": "archives/"}],
        }
    )
    assert settings["SITENAME"] == settings["AUTHOR"] == "Margaux Martin"
    assert settings["TIMEZONE"] == settings["BOOKING"]["timezone"] == "Europe/Paris"
    assert settings["BOOKING"]["organizer"] == {
        "name": "Margaux Martin",
        "email": "bonjour@margaux.example",
    }
    assert settings["PODCAST"]["author"] == "Margaux Martin"
    assert settings["PODCAST"]["persons"] == ["Margaux Martin | host"]
    assert settings["COACH"]["social"] == [("Mastodon", "https://m.example/@m")]
    assert settings["DEFAULT_LANG"] == "fr" and settings["MENU"][0]["link"] == "archives/"
    assert "CNAME" not in settings
    assert settings_from({"site": {"domain": "coach.example.fr"}})["CNAME"] == "coach.example.fr"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[coach]\nname = Margaux\n",
            "site.toml: line 2, column 8: invalid value; text goes in double quotes",
        ),
        (
            '[coach]\nname = "Margaux"\nname = "Martin"\n',
            "site.toml: line 3, column 16: cannot overwrite a value",
        ),
        ('[coahc]\nname = "M"\n', "site.toml: [coahc] is not a section this site reads"),
        ('[site]\ntitle = "M"\n', "site.toml: [site] title is not a setting"),
    ],
)
def test_a_mistake_is_one_line_with_where_and_what_to_write(tmp_path, text, message):
    path = tmp_path / "site.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SiteFileError) as error:
        load_site_file(path)
    assert str(error.value).startswith(message), str(error.value)
    assert "\n" not in str(error.value)


def test_a_misspelt_section_gets_a_suggestion(tmp_path):
    path = tmp_path / "site.toml"
    path.write_text("[bookings]\nhorizon_days = 3\n", encoding="utf-8")
    with pytest.raises(SiteFileError) as error:
        load_site_file(path)
    assert str(error.value).endswith('did you mean "[booking]"?')


def test_a_missing_file_says_how_to_make_one(tmp_path):
    with pytest.raises(SiteFileError) as error:
        load_site_file(tmp_path / "site.toml")
    assert "run `make init` to write it" in str(error.value)
