"""The shared checks at their edges: whole numbers, bounds, text, names."""

from __future__ import annotations

import math

import pytest

from plugins.config import validate
from plugins.config.errors import ConfigError

NAME = "[booking] max_per_day"


@pytest.mark.parametrize("value", [7.5, "7", True, None, math.nan, math.inf])
def test_a_whole_number_setting_refuses_what_is_not_one(value):
    with pytest.raises(ConfigError, match="must be a whole number"):
        validate.number(value, NAME, positive=True, whole=True)


def test_bounds_are_inclusive_and_named():
    assert validate.number(24, NAME, positive=True, whole=True, maximum=24) == 24
    assert validate.number(0, NAME, positive=False, whole=True, maximum=24) == 0
    with pytest.raises(ConfigError, match="must be at most 24, not 25"):
        validate.number(25, NAME, positive=True, whole=True, maximum=24)
    with pytest.raises(ConfigError, match="greater than 0"):
        validate.number(0, NAME, positive=True)
    with pytest.raises(ConfigError, match="0 or more"):
        validate.number(-0.5, NAME, positive=False)
    assert validate.number(0.5, NAME, positive=True) == 0.5
    assert validate.number(7, NAME, positive=True) == 7  # an int is a number


def test_text_is_stripped_and_control_characters_are_named():
    assert validate.text("  Lyon  ", "[coach] location") == "Lyon"
    with pytest.raises(ConfigError, match="U\\+000D; write it on one line"):
        validate.text("a\rb", "[coach] location")
    assert validate.text("a\nb", "[booking] sessions, item 1, description", multiline=True)
    with pytest.raises(ConfigError, match="U\\+0009; use \\\\n for a line break"):
        validate.text("a\tb", "x", multiline=True)
    for empty in ("", "   ", None, 3):
        with pytest.raises(ConfigError, match="must be non-empty text"):
            validate.text(empty, "x")


def test_unknown_keys_suggest_the_nearest():
    with pytest.raises(ConfigError) as caught:
        validate.known_keys({"wieght": 1}, ["weight", "slug"], lambda k: f"[[coaches]] {k}")
    assert str(caught.value) == '[[coaches]] wieght: unknown setting (did you mean "weight"?)'
    with pytest.raises(ConfigError) as caught:
        validate.known_keys({"zzz": 1}, ["weight"], lambda k: k)
    assert str(caught.value) == "zzz: unknown setting"


def test_environment_variable_names_and_loopback_hosts():
    assert validate.env_name("BOOKING_LEDGER_KEY", "x") == "BOOKING_LEDGER_KEY"
    for bad in ("AGE-SECRET-KEY-1QQ", "1ABC", "has space"):
        with pytest.raises(ConfigError, match="not an environment variable name"):
            validate.env_name(bad, "x")
    assert all(validate.is_loopback(h) for h in ("localhost", "127.0.0.1", "::1", "127.8.9.1"))
    assert not any(validate.is_loopback(h) for h in ("example.org", "10.0.0.1", "", None))


def test_per_language_words_need_the_site_language_first():
    assert validate.per_language("Hola", "x", ["es", "en"]) == [("es", "Hola")]
    assert validate.per_language({"en": "Hi", "es": "Hola"}, "x", ["es", "en"]) == [
        ("es", "Hola"),
        ("en", "Hi"),
    ]
    with pytest.raises(ConfigError, match="needs its text in es"):
        validate.per_language({"en": "Hi"}, "x", ["es", "en"])
    with pytest.raises(ConfigError, match="'fr' is not a language of this site"):
        validate.per_language({"es": "Hola", "fr": "Salut"}, "x", ["es", "en"])
    with pytest.raises(ConfigError, match="no \\[site\\] language"):
        validate.per_language({"es": "Hola"}, "x", [])


def test_each_message_names_the_setting_it_checks():
    for check, what in ((validate.email, "[coach] email"), (validate.env_name, "x_env")):
        with pytest.raises(ConfigError) as caught:
            check(3, what)
        assert str(caught.value) == f"{what}: must be non-empty text, not 3"
    with pytest.raises(ConfigError) as caught:
        validate.env_name("my password", "[booking] caldav, password_env")
    assert str(caught.value) == (
        "[booking] caldav, password_env: 'my password' is not an environment variable name; "
        "put the password in an environment variable and name that variable here"
    )
    assert validate.is_loopback("localhost.localdomain")


def test_per_language_words_edges():
    assert validate.per_language("Hi", "x", []) == [("", "Hi")]
    assert validate.per_language({"pt-BR": "Olá"}, "x", ["pt-BR", "en"]) == [("pt_BR", "Olá")]
    with pytest.raises(ConfigError) as caught:
        validate.per_language("a\nb", "x", ["en"])
    assert "U+000A" in str(caught.value)
    assert validate.per_language({"es": "a\nb"}, "x", ["es"], multiline=True) == [("es", "a\nb")]
    with pytest.raises(ConfigError) as caught:
        validate.per_language({"es": "a\nb"}, "x", ["es"])
    assert str(caught.value).startswith("x.es: contains the control character U+000A")
    with pytest.raises(ConfigError) as caught:
        validate.per_language({"es": "Hola", "en": ""}, "[coach] tagline", ["es", "en"])
    assert str(caught.value) == "[coach] tagline.en: must be non-empty text, not ''"
    with pytest.raises(ConfigError) as caught:
        validate.per_language({"de": "Hallo"}, "x", ["es", "en"])
    assert str(caught.value) == "x.de: 'de' is not a language of this site (es, en)"
    with pytest.raises(ConfigError) as caught:
        validate.per_language({"en": "Hi"}, "x", ["es", "en"])
    assert str(caught.value) == 'x: needs its text in es, the site\'s language: es = "…"'
    with pytest.raises(ConfigError) as caught:
        validate.per_language({"es": "Hola"}, "x", [])
    assert str(caught.value) == "x: is given per language, but the site has no [site] language"
