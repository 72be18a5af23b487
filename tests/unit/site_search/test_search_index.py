"""The index: BM25 weights, title above body, sharded files, folded forms,
cut postings, and nothing but the documents it is given."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.site_search import index as index_module
from plugins.site_search.index import Document, build_index, document_key, shard_of
from plugins.site_search.words import fold, words

FILLER = "Clients bring questions about careers, time and leadership. " * 5


def _doc(url: str, title: str = "Notes", body: str = FILLER, **extra) -> Document:
    return Document(url=url, title=title, body=body, **extra)


def _shard(index, word: str) -> dict:
    return json.loads(index.files[f"shards/{shard_of(word, index.shard_keys)}.json"])


def _postings(index, word: str) -> list[tuple[int, int]]:
    shard = _shard(index, word)
    found = []
    for term in shard["f"][word].split():
        doc = 0
        flat = shard["p"][term]
        for gap, weight in zip(flat[::2], flat[1::2], strict=True):
            doc += gap
            found.append((doc, weight))
    return sorted(found, key=lambda entry: (-entry[1], entry[0]))


def test_a_word_leads_to_the_documents_that_hold_it_best_first():
    docs = [
        _doc("a/", body=FILLER + " resilience"),
        _doc("b/", body=FILLER),
        _doc("c/", body=FILLER + " resilience resilience resilience"),
    ]
    index = build_index(docs, "en")
    assert [doc for doc, _ in _postings(index, "resilience")] == [2, 0]


def test_a_title_word_outweighs_the_same_word_in_the_body():
    docs = [_doc("a/", body=FILLER + " burnout"), _doc("b/", title="Burnout", body=FILLER)]
    assert _postings(build_index(docs, "en"), "burnout")[0][0] == 1


def test_a_heading_word_outweighs_the_same_word_in_the_body():
    docs = [
        _doc("a/", body=FILLER + " boundaries"),
        _doc("b/", body=FILLER + " boundaries", headings="boundaries"),
    ]
    assert _postings(build_index(docs, "en"), "boundaries")[0][0] == 1


def test_every_form_of_a_word_leads_to_its_stem():
    index = build_index([_doc("a/", body="coaching coaches coached")], "en")
    forms = _shard(index, "coaching")["f"]
    assert forms["coaching"] == forms["coaches"] == forms["coached"] == "coach"


def test_accented_words_are_filed_under_their_folded_form():
    index = build_index([_doc("a/", body="L'épanouissement des équipes.")], "fr")
    shard = _shard(index, "epanouissement")
    assert shard["f"]["epanouissement"] == "epanou"
    assert "épanouissement" not in shard["f"]
    assert _shard(index, "equipes")["f"]["equipes"] == "equip"


def test_a_word_in_too_many_documents_keeps_its_best_postings_and_is_marked(monkeypatch):
    monkeypatch.setattr(index_module, "MAX_POSTINGS", 3)
    docs = [
        _doc(f"{i}/", body=FILLER + " the" * (i + 1) + (" rare" if i == 0 else ""))
        for i in range(5)
    ]
    index = build_index(docs, "en")
    kept = _postings(index, "the")
    assert len(kept) == 3 and 0 not in [doc for doc, _ in kept]  # the fewest "the"s
    assert _shard(index, "the")["c"] == ["the"]
    assert "c" not in _shard(index, "rare")


def test_one_file_per_document_with_what_a_result_shows():
    doc = _doc("articles/x/", title="Été", body="Un texte.", date="20 novembre 2026")
    index = build_index([doc], "fr")
    assert json.loads(index.files["docs/0.json"]) == {
        "t": "Été",
        "u": "articles/x/",
        "d": "20 novembre 2026",
        "x": "Un texte.",
    }


def test_the_excerpt_source_is_cut(monkeypatch):
    monkeypatch.setattr(index_module, "EXCERPT_SOURCE_CHARS", 10)
    index = build_index([_doc("a/", body="0123456789 tail")], "en")
    assert json.loads(index.files["docs/0.json"])["x"] == "0123456789"


def test_an_empty_site_has_an_empty_index():
    index = build_index([], "en")
    assert index.files == {} and index.shard_keys == ()


def test_the_shard_keys_name_exactly_the_shard_files():
    index = build_index([_doc("a/"), _doc("b/", body="Œuvre ça 2026")], "fr")
    shards = {path[len("shards/") : -len(".json")] for path in index.files if "shards/" in path}
    assert shards == set(index.shard_keys)
    assert "_153-75" in shards


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=80), min_size=1, max_size=6))
def test_every_word_of_every_document_can_be_found_and_the_build_is_reproducible(bodies):
    docs = [_doc(f"{i}/", title="", body=body) for i, body in enumerate(bodies)]
    first, second = build_index(docs, "en"), build_index(docs, "en")
    assert first.files == second.files
    for i, body in enumerate(bodies):
        for word in words(body):
            folded = fold(word)
            assert i in [doc for doc, _ in _postings(first, folded)]


@pytest.mark.parametrize("language", ["en", "fr", "de", "es", "pt_BR", "nl", "it"])
def test_every_shipped_language_builds(language):
    assert build_index([_doc("a/")], language).shard_keys


def test_a_big_shard_is_split_by_one_more_letter(monkeypatch):
    monkeypatch.setattr(index_module, "SHARD_BYTES", 200)
    body = "co coach coaches coaching coat coats cobalt cod code codes codex " * 3
    index = build_index([_doc("a/", body=body), _doc("b/", body="coda")], "en")
    assert {"co", "coa", "cob", "cod"} <= set(index.shard_keys)
    assert _shard(index, "co")["f"] == {"co": "co"}  # the word of two letters stays
    assert "coaching" in _shard(index, "coaching")["f"]
    assert shard_of("coaching", index.shard_keys) in {"coa", "coac"}
    for word in ("cobalt", "codex", "coda", "coat"):
        assert _postings(index, word), word
    assert shard_of("zebra", index.shard_keys) is None


def test_an_index_from_kept_analyses_is_the_same_and_analyses_only_new_pages():
    pages = [
        Document("articles/a/", "Coaching residents", "Residents coaching each other weekly."),
        Document("articles/b/", "Burnout", "Burnout among attending physicians.", "Signs"),
        Document("pages/about/", "About", "A coach for physicians and residents."),
    ]
    first = build_index(pages, "en")
    assert set(first.analyses) == {document_key(p, "en") for p in pages}
    edited = [*pages[:2], Document("pages/about/", "About", "A coach for surgeons now.")]
    again = build_index(edited, "en", first.analyses)
    assert again.files == build_index(edited, "en").files
    assert list(again.analyses) == [document_key(edited[2], "en")]  # only the edited page
    assert build_index(pages, "en", first.analyses).files == first.files


def test_a_damaged_kept_analysis_is_made_again():
    docs = [_doc("a/", body="coaching burnout"), _doc("b/", body="boundaries")]
    fresh = build_index(docs, "en")
    damaged = {document_key(docs[0], "en"): b"not a pickle"}
    again = build_index(docs, "en", damaged)
    assert again.files == fresh.files
    assert set(again.analyses) == set(fresh.analyses)
