"""Folding, splitting and stemming: what the index and search.js agree on."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from plugins.site_search.words import fold, shard_key, stemmer_for, word_counts, words


def test_fold_drops_case_and_accents_but_keeps_letters():
    assert fold("Épanouïe") == "epanouie"
    assert fold("Straße") == "strasse"
    assert fold("ÇA") == "ca"
    assert fold("œuvre") == "œuvre"  # a letter of its own, not an accented one


@given(st.text())
def test_folding_twice_changes_nothing(text):
    assert fold(fold(text)) == fold(text)


def test_words_split_at_apostrophes_and_dashes_and_skip_single_letters():
    assert list(words("L'équipe, bien-être : à 9 h 30 !")) == ["équipe", "bien", "être", "9", "30"]


def test_words_are_lower_case_nfkc_with_accents_kept():
    assert list(words("Dérive ﬁnale")) == ["dérive", "finale"]  # the "ﬁ" ligature


@given(st.text())
def test_every_word_is_letters_or_digits(text):
    for word in words(text):
        assert word and all(ch.isalnum() or 0x300 <= ord(ch) <= 0x36F for ch in word)


def test_each_shipped_language_stems_its_own_inflections():
    cases = {
        "en": ("coaching", "coaches"),
        "fr": ("entretiens", "entretien"),
        "de": ("führungskräfte", "führungskraft"),
        "es": ("entrevistas", "entrevista"),
        "pt_BR": ("carreiras", "carreira"),
        "nl": ("gesprekken", "gesprek"),
        "it": ("colloqui", "colloquio"),
    }
    for language, (one, other) in cases.items():
        stem = stemmer_for(language)
        assert fold(stem(one)) == fold(stem(other)), language


def test_a_language_without_an_algorithm_keeps_whole_words():
    assert stemmer_for("sv")("samtalen") == "samtalen"


@given(st.text(min_size=1))
def test_shard_keys_are_safe_file_names(text):
    key = shard_key(fold(text)[:2])
    # "_" alone: a word made only of marks that folding removes (U+11CAA).
    assert re.fullmatch(r"[a-z0-9]{1,2}|_([0-9a-f]+(-[0-9a-f]+)?)?", key), key


def test_shard_keys_spell_letters_outside_ascii_as_code_points():
    assert shard_key("co") == "co"
    assert shard_key("a") == "a"
    assert shard_key("œu") == "_153-75"


@given(st.text())
def test_word_counts_count_the_words(text):
    assert sum(word_counts(text).values()) == len(list(words(text)))
