"""Podcasting 2.0 JSON chapters."""

from __future__ import annotations

import json

import pytest

from plugins.podcast.chapters import Chapter, parse_chapters, read_chapters
from plugins.podcast.errors import MediaError


def test_chapters_in_order_without_hidden_ones():
    data = {
        "version": "1.2.0",
        "chapters": [
            {"startTime": 0, "title": "Welcome"},
            {"startTime": 12.5, "title": "Art change only", "toc": False, "img": "x.png"},
            {"startTime": 19.5, "title": " Why ", "url": "https://example.org/why"},
            {"startTime": 30},
        ],
    }
    assert parse_chapters(data) == (
        Chapter(0.0, "Welcome"),
        Chapter(19.5, "Why", "https://example.org/why"),
    )


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ([], "version"),
        ({"chapters": [{"startTime": 0, "title": "A"}]}, "version"),
        ({"version": "1.2.0", "chapters": []}, "non-empty"),
        ({"version": "1.2.0", "chapters": ["A"]}, "not an object"),
        ({"version": "1.2.0", "chapters": [{"title": "A"}]}, "startTime"),
        ({"version": "1.2.0", "chapters": [{"startTime": True, "title": "A"}]}, "startTime"),
        ({"version": "1.2.0", "chapters": [{"startTime": -1, "title": "A"}]}, "startTime"),
        (
            {"version": "1.2.0", "chapters": [{"startTime": 9}, {"startTime": 3}]},
            "before",
        ),
        ({"version": "1.2.0", "chapters": [{"startTime": 0, "title": 5}]}, "title"),
        (
            {"version": "1.2.0", "chapters": [{"startTime": 0, "title": "A", "url": "js:x"}]},
            "url",
        ),
    ],
)
def test_bad_chapters(data, words):
    with pytest.raises(MediaError, match=words):
        parse_chapters(data)


def test_read_chapters(tmp_path):
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"version": "1.2.0", "chapters": [{"startTime": 0, "title": "A"}]}))
    assert read_chapters(path) == (Chapter(0.0, "A"),)
    path.write_text("{not json")
    with pytest.raises(MediaError, match="not valid JSON"):
        read_chapters(path)
    with pytest.raises(MediaError, match="not found"):
        read_chapters(tmp_path / "missing.json")
