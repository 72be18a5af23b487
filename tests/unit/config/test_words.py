"""Her words per language: the edition in a language written with a dash
or an underscore, the keys she gave in it, and one-line keys kept to one
line in every language."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from plugins.config.errors import ConfigError
from plugins.config.words import Collector, InLanguage, Words


@dataclass(frozen=True)
class Card(InLanguage):
    title: str
    body: str
    words: Words = ()


def test_an_edition_is_found_whichever_way_the_language_is_written():
    read = Collector(("en", "pt_BR", "fr"))
    card = Card(
        title=read("title", {"en": "Hello", "pt_BR": "Olá", "fr": "Bonjour"}, "[x] title"),
        body=read("body", "Same everywhere", "[x] body"),
        words=(),
    )
    card = Card(card.title, card.body, tuple(read.words))
    assert card.in_language("pt-BR").title == "Olá"
    assert card.in_language("pt_BR").title == "Olá"
    assert card.in_language("pt-BR").body == "Same everywhere"
    assert card.given_in("pt-BR") == {"title"} == card.given_in("pt_BR")
    assert card.given_in("fr") == {"title"} and card.given_in("de") == set()
    assert card.in_language("de") == card and card.in_language("en").title == "Hello"


def test_a_one_line_key_stays_one_line_in_every_language():
    read = Collector(("en", "fr"))
    with pytest.raises(ConfigError):
        read("title", {"en": "Hello", "fr": "Bon\njour"}, "[x] title")
    assert read("body", {"en": "a\nb", "fr": "c\nd"}, "[x] body", multiline=True) == "a\nb"
    assert read.words == [("fr", "body", "c\nd")]
