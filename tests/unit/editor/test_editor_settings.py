"""The EDITOR setting (`[editor]` in site.toml) and the Decap config made
from it: every mistake is one line naming the setting."""

from __future__ import annotations

import pytest

from plugins.config.editor import parse_editor
from plugins.config.errors import ConfigError
from plugins.config.load import SettingsError, from_tables
from plugins.editor.decap_config import decap_config, decap_locale
from plugins.editor.fields import collections


def test_a_repository_and_branch_are_read_with_main_as_the_default():
    editor = parse_editor({"repo": "margaux/atelier-site"})
    assert (editor.repo, editor.branch, editor.local_backend) == (
        "margaux/atelier-site",
        "main",
        None,
    )
    assert parse_editor(None).repo is None


@pytest.mark.parametrize(
    ("raw", "setting", "words"),
    [
        ({"repo": "https://github.com/margaux/site"}, "[editor] repo", '"owner/name"'),
        ({"repo": "margaux"}, "[editor] repo", '"owner/name"'),
        ({"repo": "a/b", "branch": "main branch"}, "[editor] branch", '"main"'),
        ({"repo": "a/b", "auth_url": "http://auth.example.org"}, "[editor] auth_url", "https://"),
        ({"repo": "a/b", "repository": "a/b"}, "[editor] repository", "repo, branch"),
        (
            {"repo": "a/b", "local_backend": "http://127.0.0.1:8081"},
            "[editor] local_backend",
            "not",
        ),
        ("a/b", "[editor]", "[editor] table"),
    ],
)
def test_each_mistake_is_one_line_naming_the_setting(raw, setting, words):
    with pytest.raises(ConfigError) as caught:
        parse_editor(raw)
    message = str(caught.value)
    assert message.startswith(setting + ":") and words in message and "\n" not in message


def test_the_local_backend_comes_only_from_invoke_edit_and_only_on_this_computer():
    assert parse_editor({}, "http://127.0.0.1:8081/api/v1").local_backend == (
        "http://127.0.0.1:8081/api/v1"
    )
    with pytest.raises(ConfigError, match="EDITOR_LOCAL_BACKEND"):
        parse_editor({}, "https://proxy.example.org/api/v1")


def test_site_toml_editor_table_becomes_the_editor_setting():
    settings = from_tables({"coach": {"name": "M"}, "editor": {"repo": "m/site"}})
    assert settings.editor.repo == "m/site"
    with pytest.raises(SettingsError, match=r"\[editor\]: must be a table"):
        from_tables({"editor": "m/site"})
    with pytest.raises(SettingsError, match=r'did you mean "\[editor\]"'):
        from_tables({"editr": {"repo": "m/site"}})


@pytest.mark.parametrize(
    ("language", "locale"),
    [("en", "en"), ("fr_CA", "fr"), ("pt_BR", "pt"), ("pt-BR", "pt"), ("nl", "nl"), ("sv", "en")],
)
def test_the_site_language_picks_decap_s_own_ui_language(language, locale):
    assert decap_locale(language) == locale


def _forms() -> list[dict]:
    return collections(
        lambda text: text,
        content="content",
        day_names=dict.fromkeys(("mon", "tue", "wed", "thu", "fri", "sat", "sun"), "Day"),
        zones=["Europe/Paris"],
        settings_file="site.toml",
    )


def test_the_config_names_the_repository_the_sign_in_helper_and_the_local_backend():
    editor = parse_editor(
        {"repo": "m/site", "branch": "live", "auth_url": "https://auth.m.workers.dev"},
        "http://127.0.0.1:8091/api/v1",
    )
    forms = _forms()
    config = decap_config(editor, language="fr", site_url="https://m.example", collections=forms)
    assert config["backend"]["repo"] == "m/site" and config["backend"]["branch"] == "live"
    assert config["backend"]["base_url"] == "https://auth.m.workers.dev"
    assert config["local_backend"] == {"url": "http://127.0.0.1:8091/api/v1"}
    assert config["locale"] == "fr" and config["site_url"] == "https://m.example"
    podcast = next(c for c in config["collections"] if c["name"] == "podcast")
    assert podcast["media_folder"] == "/content/podcast/audio"
    assert podcast["public_folder"] == "podcast/audio"


def test_the_settings_form_edits_special_days_the_way_the_booking_engine_reads_them():
    import re

    from plugins.config.booking import parse_settings
    from tests.support.booking_settings import booking

    forms = _forms()
    (settings,) = next(c for c in forms if c["name"] == "site")["files"]
    booking_form = next(f for f in settings["fields"] if f["name"] == "booking")
    special = next(f for f in booking_form["fields"] if f["name"] == "special_days")
    date_field, hours_field = special["fields"]
    assert (date_field["name"], date_field["format"], date_field["time_format"]) == (
        "date",
        "YYYY-MM-DD",
        False,
    )
    pattern = re.compile(hours_field["field"]["pattern"][0])
    assert pattern.fullmatch("10:00-12:00") and not pattern.fullmatch("10-12")
    # What the form saves (a list of {date, hours}, the date as text) is read.
    parsed = parse_settings(booking(special_days=[{"date": "2026-12-24", "hours": []}]))
    assert {d.isoformat() for d in parsed.hours.overrides} == {"2026-12-24"}


def _forms_in(languages):
    return {
        c["name"]: c
        for c in collections(
            str,
            content="content",
            day_names=dict.fromkeys(("mon", "tue", "wed", "thu", "fri", "sat", "sun"), "d"),
            zones=[],
            settings_file="site.toml",
            languages=languages,
        )
    }


def test_a_second_language_gives_articles_and_pages_a_language_and_an_address_field():
    forms = _forms_in([("es", "Español"), ("en", "English")])
    for name in ("articles", "pages"):
        fields = {f["name"]: f for f in forms[name]["fields"]}
        assert fields["Slug"]["required"] is False and "pattern" in fields["Slug"]
        assert fields["Lang"]["options"] == [{"label": "English", "value": "en"}]
        assert forms[name]["summary"] == "{{Title}} · {{Lang | default('es')}}"


def test_a_site_in_one_language_has_the_address_field_and_no_language_field():
    forms = _forms_in([("en", "English")])
    names = [f["name"] for f in forms["articles"]["fields"]]
    assert "Slug" in names and "Lang" not in names and "summary" not in forms["articles"]


def _session_fields(forms):
    settings = {f["name"]: f for f in forms["site"]["files"][0]["fields"]}
    booking = {f["name"]: f for f in settings["booking"]["fields"]}
    return {f["name"]: f for f in booking["sessions"]["fields"]}, settings["coach"]


def test_on_a_bilingual_site_her_words_have_one_box_per_language():
    sessions, coach = _session_fields(_forms_in([("es", "Español"), ("en", "English")]))
    title = sessions["title"]
    assert title["widget"] == "object"
    assert [(f["name"], f["label"], f["required"]) for f in title["fields"]] == [
        ("es", "Español", True),
        ("en", "English", False),
    ]
    # An optional key's boxes are all optional; a long text keeps its widget.
    description = sessions["description"]
    assert {f["required"] for f in description["fields"]} == {False}
    assert {f["widget"] for f in description["fields"]} == {"text"}
    for key in ("location",):
        assert [f["name"] for f in sessions[key]["fields"]] == ["es", "en"]
    tagline = {f["name"]: f for f in coach["fields"]}["tagline"]
    assert [f["name"] for f in tagline["fields"]] == ["es", "en"]
    # Words that are one for every language keep one box.
    assert "fields" not in sessions["slug"] and "fields" not in sessions["duration_minutes"]


def test_on_a_site_in_one_language_her_words_have_one_box():
    sessions, coach = _session_fields(_forms_in([("en", "English")]))
    assert sessions["title"]["widget"] == "string"
    assert {f["name"]: f for f in coach["fields"]}["tagline"]["widget"] == "string"


def test_testimonials_are_written_with_the_keys_the_build_reads():
    from plugins.testimonials.quotes import OURS

    for languages in ([("en", "English")], [("es", "Español"), ("en", "English")]):
        form = _forms_in(languages)["testimonials"]
        names = [f["name"] for f in form["fields"] if f["name"] != "body"]
        assert {n.lower() for n in names} <= set(OURS)
        assert ("Lang" in names) == (len(languages) > 1)
        assert form["folder"] == "content/testimonials" and form["public_folder"] == "images"
