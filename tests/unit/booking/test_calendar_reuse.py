"""CalendarMemo: last build's calendar files are kept only when intact and
made from identical inputs."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from plugins.booking.calendar_reuse import CalendarMemo, inputs_digest

FILES = {"slots.json": b"[]", "20261124T140000Z.ics": b"BEGIN:VCALENDAR\r\n"}


def _write(folder: Path) -> dict[str, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in FILES.items():
        (folder / name).write_bytes(data)
    return {name: hashlib.sha256(data).digest() for name, data in FILES.items()}


def _saved(tmp_path: Path, digest: bytes) -> Path:
    memo = CalendarMemo()
    memo.record("book/discovery", digest, _write(tmp_path / "out" / "book" / "discovery"))
    memo.save(tmp_path / "memo")
    return tmp_path / "memo"


def test_inputs_digest_follows_the_inputs():
    now = datetime(2026, 11, 22, 12, tzinfo=UTC)
    assert inputs_digest(("doc", now)) == inputs_digest(("doc", now))
    assert inputs_digest(("doc", now)) != inputs_digest(("doc", now.replace(hour=13)))


def test_intact_files_with_the_same_inputs_are_kept(tmp_path: Path):
    path = _saved(tmp_path, b"d")
    folder = tmp_path / "out" / "book" / "discovery"
    memo = CalendarMemo.load(path)
    assert memo.reuse("book/discovery", b"d", folder, [])
    assert not CalendarMemo.load(path).reuse("book/discovery", b"other", folder, [])
    (folder / "slots.json").write_bytes(b"[1]")
    assert not CalendarMemo.load(path).reuse("book/discovery", b"d", folder, [])


def test_files_come_from_the_last_good_output_into_a_fresh_folder(tmp_path: Path):
    path = _saved(tmp_path, b"d")
    fresh = tmp_path / "building" / "book" / "discovery"
    assert CalendarMemo.load(path).reuse("book/discovery", b"d", fresh, [tmp_path / "out"])
    assert {p.name: p.read_bytes() for p in fresh.iterdir()} == FILES


def test_a_corrupt_memo_reuses_nothing(tmp_path: Path):
    bad = tmp_path / "memo"
    bad.write_bytes(b"junk")
    assert not CalendarMemo.load(bad).reuse("book/discovery", b"d", tmp_path, [])
