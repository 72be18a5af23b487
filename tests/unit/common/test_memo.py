"""The build's memo: bytes come back only for the same key and version, a
damaged or hostile file is ignored (never executed), and only what this
build used is kept."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys

import pytest

from plugins.common.memo import Memo, installed_stamps, key_of
from tests.support.site import ROOT


def test_bytes_come_back_from_the_file_for_the_same_key_and_version(tmp_path):
    path = tmp_path / "memo.pickle"
    first = Memo(path, "v1")
    assert first.get(key_of("a"), lambda: b"made") == b"made"
    assert first.made == 1
    first.save()
    again = Memo(path, "v1")
    assert again.get(key_of("a"), lambda: b"other") == b"made"
    assert again.made == 0


def test_another_version_or_key_makes_the_bytes_again(tmp_path):
    path = tmp_path / "memo.pickle"
    memo = Memo(path, "v1")
    memo.get(key_of("a"), lambda: b"old")
    memo.save()
    assert Memo(path, "v2").get(key_of("a"), lambda: b"new") == b"new"
    assert Memo(path, "v1").get(key_of("b"), lambda: b"new") == b"new"


def test_only_the_entries_one_build_used_are_kept(tmp_path):
    path = tmp_path / "memo.pickle"
    memo = Memo(path, "v")
    memo.get(key_of("a"), lambda: b"a")
    memo.get(key_of("b"), lambda: b"b")
    memo.save()
    later = Memo(path, "v")
    later.get(key_of("b"), lambda: b"x")
    later.save()
    kept = Memo(path, "v")
    assert kept.get(key_of("a"), lambda: b"remade") == b"remade"
    assert kept.get(key_of("b"), lambda: b"x") == b"b"


def test_an_unchanged_memo_is_not_written_again(tmp_path):
    path = tmp_path / "memo.pickle"
    memo = Memo(path, "v")
    memo.get(key_of("a"), lambda: b"a")
    memo.save()
    os.utime(path, ns=(0, 0))
    again = Memo(path, "v")
    again.get(key_of("a"), lambda: b"a")
    again.save()
    assert path.stat().st_mtime_ns == 0


class _Boom:
    def __reduce__(self):
        return (os.system, ("touch pwned",))


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x80\x05 truncated",
        pickle.dumps(["not", "a", "dict"]),
        pickle.dumps({"version": "v", "entries": {key_of("a"): "text, not bytes"}}),
        pickle.dumps({"version": "v", "entries": {key_of("a"): _Boom()}}),
    ],
    ids=["empty", "truncated", "list", "text", "hostile"],
)
def test_a_damaged_or_hostile_file_is_ignored_and_runs_nothing(tmp_path, monkeypatch, data):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "memo.pickle"
    path.write_bytes(data)
    assert Memo(path, "v").get(key_of("a"), lambda: b"fresh") == b"fresh"
    assert not (tmp_path / "pwned").exists()


def test_a_cache_folder_that_cannot_be_written_costs_only_speed(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would be")
    memo = Memo(blocked / "memo.pickle", "v")
    assert memo.get(key_of("a"), lambda: b"a") == b"a"
    memo.save()  # no exception
    assert Memo(None, "v").get(key_of("a"), lambda: b"b") == b"b"


def test_keys_differ_when_any_part_does_and_parts_cannot_run_together():
    assert key_of("ab", "c") != key_of("a", "bc")
    assert key_of("a") == key_of("a")


def test_installed_stamps_name_where_a_package_is_without_importing_it():
    probe = (
        "import sys; from plugins.common.memo import installed_stamps;"
        "(stamp,) = installed_stamps('recurring_ical_events');"
        "print(stamp); print('recurring_ical_events' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert "recurring_ical_events" in out[0] and "__init__.py" in out[0]
    assert out[1] == "False"
    assert installed_stamps("no_such_package_here") == ["no_such_package_here: absent"]
