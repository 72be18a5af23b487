"""What a testimonial file may say: each mistake is one line naming the
file and the key, in the coach's words."""

from __future__ import annotations

import pytest

from plugins.testimonials.quotes import QuoteError, read, shown

SOURCE = "content/testimonials/anna.md"


def _read(tmp_path, metadata, quote="<p>Three sessions gave me back my evenings.</p>"):
    return read(
        SOURCE,
        metadata,
        quote,
        content=tmp_path,
        sessions=["discovery", "coaching"],
        languages=["es", "en"],
    )


def test_a_testimonial_with_every_key(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images/anna.jpg").write_bytes(b"jpeg")
    quote = _read(
        tmp_path,
        {
            "author": "Anna K.",
            "role": "Médica de urgencias",
            "photo": "images/anna.jpg",
            "sessions": "discovery, coaching",
            "lang": "en",
            "sample": "yes",
        },
    )
    assert (quote.author, quote.role, quote.photo) == (
        "Anna K.",
        "Médica de urgencias",
        "images/anna.jpg",
    )
    assert quote.sessions == ("discovery", "coaching") and quote.lang == "en" and quote.sample


def test_without_a_language_it_is_in_the_sites_own(tmp_path):
    quote = _read(tmp_path, {"author": "Anna K."})
    assert quote.lang == "es" and quote.sessions == () and not quote.sample


@pytest.mark.parametrize(
    ("metadata", "quote", "line"),
    [
        ({}, "<p>x</p>", "content/testimonials/anna.md, Author: missing"),
        ({"author": "A"}, "<p> </p>", "content/testimonials/anna.md, text: empty"),
        (
            {"author": "A", "photo": "images/nobody.jpg"},
            "<p>x</p>",
            "Photo: images/nobody.jpg is not",
        ),
        ({"author": "A", "photo": "../secret.jpg"}, "<p>x</p>", "Photo: '../secret.jpg' must be"),
        (
            {"author": "A", "sessions": "discovry"},
            "<p>x</p>",
            "Sessions: 'discovry' is not a session (discovery, coaching)",
        ),
        (
            {"author": "A", "lang": "fr"},
            "<p>x</p>",
            "Lang: 'fr' is not a language of this site (es, en)",
        ),
        (
            {"author": "A", "autor": "B"},
            "<p>x</p>",
            "Autor: not a key here; did you mean Author:?",
        ),
    ],
)
def test_each_mistake_is_one_line_naming_the_file_and_key(tmp_path, metadata, quote, line):
    with pytest.raises(QuoteError) as error:
        _read(tmp_path, metadata, quote)
    assert line in str(error.value) and "\n" not in str(error.value)
    assert str(error.value).startswith(SOURCE)


def test_a_page_shows_its_language_and_its_sessions_own(tmp_path):
    a = _read(tmp_path, {"author": "A", "sessions": "discovery"})
    b = _read(tmp_path, {"author": "B", "lang": "en", "sessions": "discovery"})
    c = _read(tmp_path, {"author": "C"})
    assert shown([a, b, c], "es") == [a, c]
    assert shown([a, b, c], "es", "discovery") == [a]
    assert shown([a, b, c], "en", "discovery") == [b]
    assert shown([a, b, c], "en", "coaching") == []
