"""The editor's file format (plugins/editor/static/pelican-format.js) against
Pelican's own Markdown reader: what the editor writes is read by the build
exactly as the same metadata written by hand, and a file opened and saved
unchanged stays byte for byte the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from pelican.contents import Article
from pelican.readers import Readers
from pelican.settings import read_settings

from tests.support.editor import run_format
from tests.support.site import SAMPLE_CONTENT

pytestmark = pytest.mark.node

HAND_WRITTEN = """\
Title: Burnout: what now? Première étape
Date: 2026-11-20 10:00
Category: Médecine & carrière
Tags: burnout, career change, « priorités »
Summary: A line with "quotes", a colon: and an accent, é.

Text with an accent (é) and [a link](https://example.org/book/?a=1&b=2).

- a list
"""

# What Decap's form holds for the same article: the datetime widget's
# format, the tags field's text, the Markdown widget's body.
FORM_DATA = {
    "Title": "Burnout: what now? Première étape",
    "Date": "2026-11-20 10:00",
    "Category": "Médecine & carrière",
    "Tags": "burnout, career change, « priorités »",
    "Summary": 'A line with "quotes", a colon: and an accent, é.',
    "body": "Text with an accent (é) and [a link](https://example.org/book/?a=1&b=2).\n\n- a list",
}


def _read(path: Path, tmp_path: Path) -> Article:
    settings = read_settings(
        override={"PATH": str(path.parent), "CACHE_PATH": str(tmp_path / "cache")}
    )
    return Readers(settings).read_file(
        base_path=str(path.parent), path=path.name, content_class=Article, context={}
    )


def _facts(article: Article) -> dict:
    return {
        "title": article.title,
        "date": article.date,
        "category": article.category.name,
        "tags": [tag.name for tag in article.tags],
        "summary": article.summary,
        "slug": article.slug,
        "content": article._content,
    }


def test_an_editor_file_builds_to_the_same_article_as_one_written_by_hand(node, tmp_path):
    [written] = run_format(node, [("toFile", FORM_DATA)])
    editor_dir, hand_dir = tmp_path / "editor", tmp_path / "hand"
    editor_dir.mkdir()
    hand_dir.mkdir()
    (editor_dir / "post.md").write_text(written, encoding="utf-8")
    (hand_dir / "post.md").write_text(HAND_WRITTEN, encoding="utf-8")
    from_editor = _facts(_read(editor_dir / "post.md", tmp_path))
    assert from_editor == _facts(_read(hand_dir / "post.md", tmp_path))
    assert from_editor["slug"] == "burnout-what-now-premiere-etape"
    assert from_editor["tags"] == ["burnout", "career change", "« priorités »"]
    assert 'href="https://example.org/book/?a=1&amp;b=2"' in from_editor["content"]


def test_the_editor_opens_a_hand_written_file_with_its_fields_filled_in(node):
    [data] = run_format(node, [("fromFile", HAND_WRITTEN)])
    order = data.pop("__pelican_key_order")
    assert data == {**FORM_DATA, "body": FORM_DATA["body"] + "\n"}
    assert order == "Title,Date,Category,Tags,Summary"


def test_a_saved_file_keeps_its_own_line_order_whatever_order_decap_hands_back(node):
    [data] = run_format(node, [("fromFile", HAND_WRITTEN)])
    shuffled = dict(reversed(list(data.items())))
    shuffled["Podcast_type"] = "full"  # a field the file did not have yet
    [saved] = run_format(node, [("toFile", shuffled)])
    assert saved.startswith(HAND_WRITTEN.split("\n\n")[0] + "\nPodcast_type: full\n\n")


def test_blank_optional_fields_are_left_out_and_lines_stay_one_line(node, tmp_path):
    data = {"Title": "Short", "Date": "2026-11-20 10:00", "Tags": "", "Summary": "", "body": "x"}
    data_with_lines = {**data, "Title": "Two\nlines", "Save_as": ""}
    plain, folded = run_format(node, [("toFile", data), ("toFile", data_with_lines)])
    assert plain == "Title: Short\nDate: 2026-11-20 10:00\n\nx\n"
    # An empty Save_as is meaningful (the home page is not written on its own).
    assert folded == "Title: Two lines\nDate: 2026-11-20 10:00\nSave_as:\n\nx\n"


def test_every_sample_file_opened_and_saved_unchanged_is_byte_for_byte_the_same(node):
    files = sorted(SAMPLE_CONTENT.glob("*/*.md"))
    assert len(files) >= 8
    texts = [path.read_text(encoding="utf-8") for path in files]
    parsed = run_format(node, [("fromFile", text) for text in texts])
    saved = run_format(node, [("toFile", data) for data in parsed])
    assert dict(zip(files, saved, strict=True)) == dict(zip(files, texts, strict=True))
