"""RenderMemo: reuse only an intact file rendered with the same key."""

from __future__ import annotations

from pathlib import Path

from plugins.render_memo.store import RenderMemo


def _saved(tmp_path: Path, pages: dict[str, str], key: bytes = b"k") -> Path:
    memo = RenderMemo()
    for name, text in pages.items():
        memo.remember(name, key, text)
        (tmp_path / "out" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "out" / name).write_text(text, encoding="utf-8")
    memo.save(tmp_path / "cache" / "memo")
    return tmp_path / "cache" / "memo"


def test_recall_needs_the_same_key_and_the_same_bytes(tmp_path: Path):
    path = _saved(tmp_path, {"a/index.html": "<p>é</p>", "b/index.html": "<p>b</p>"})
    out = tmp_path / "out"
    memo = RenderMemo.load(path)
    assert memo.recall("a/index.html", b"k", [out]) == "<p>é</p>"
    assert memo.recall("a/index.html", b"other", [out]) is None
    (out / "b/index.html").write_text("<p>edited</p>", encoding="utf-8")
    assert memo.recall("b/index.html", b"k", [out]) is None
    assert memo.recall("c/index.html", b"k", [out]) is None


def test_recall_falls_back_to_the_previous_output(tmp_path: Path):
    path = _saved(tmp_path, {"index.html": "home"})
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    memo = RenderMemo.load(path)
    assert memo.recall("index.html", b"k", [fresh, tmp_path / "out"]) == "home"


def test_only_what_this_build_wrote_is_saved(tmp_path: Path):
    path = _saved(tmp_path, {"old/index.html": "old", "kept/index.html": "kept"})
    memo = RenderMemo.load(path)
    assert memo.recall("kept/index.html", b"k", [tmp_path / "out"]) == "kept"
    memo.save(path)
    again = RenderMemo.load(path)
    assert again.recall("old/index.html", b"k", [tmp_path / "out"]) is None
    assert again.recall("kept/index.html", b"k", [tmp_path / "out"]) == "kept"


def test_a_missing_or_corrupt_memo_is_an_empty_one(tmp_path: Path):
    assert RenderMemo.load(tmp_path / "nothing").recall("x", b"k", [tmp_path]) is None
    bad = tmp_path / "bad"
    bad.write_bytes(b"\x80\x05garbage")
    assert RenderMemo.load(bad).recall("x", b"k", [tmp_path]) is None
