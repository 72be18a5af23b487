"""The build's memo: bytes come back only for the same key and version, a
damaged or hostile file is ignored (never executed), and only what this
build used is kept."""

from __future__ import annotations

import os
import pickle
import sys

import pytest

from plugins.common.memo import Memo, installed_stamps, key_of


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


def test_installed_stamps_name_where_a_package_is_without_importing_it(monkeypatch):
    # As in a build that has not imported it yet (the modules come back after).
    for name in [n for n in sys.modules if n.split(".")[0] == "recurring_ical_events"]:
        monkeypatch.delitem(sys.modules, name)
    (stamp,) = installed_stamps("recurring_ical_events")
    assert "recurring_ical_events" in stamp and "__init__.py" in stamp
    assert "recurring_ical_events" not in sys.modules
    assert installed_stamps("no_such_package_here") == ["no_such_package_here: absent"]


def _copy_of_plugins(tmp_path):
    import shutil

    from plugins.common import memo

    copy = tmp_path / "plugins"
    shutil.copytree(memo.PLUGINS, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_every_source_file_of_the_package_changes_its_digest(tmp_path):
    """No hand-kept list: editing any one file of the package (any of them,
    not only those some memo happened to name) gives another digest."""
    from plugins.common.memo import SOURCE_SUFFIXES, source_digest

    copy = _copy_of_plugins(tmp_path)
    files = sorted(p for p in copy.rglob("*") if p.suffix in SOURCE_SUFFIXES)
    assert len(files) > 50
    seen = {source_digest(copy)}
    for path in files:
        path.write_bytes(path.read_bytes() + b"\n")
        source_digest.cache_clear()
        digest = source_digest(copy)
        assert digest not in seen, path
        seen.add(digest)
    (copy / "booking" / "added.py").write_text("X = 1\n")
    source_digest.cache_clear()
    assert source_digest(copy) not in seen


def test_every_memo_version_follows_a_change_anywhere_in_the_package(tmp_path, monkeypatch):
    """The booking, podcast and search memos are keyed by the whole package's
    code: a changed module their bytes come from only through an import
    (here the slot labels and the common calendar code) still changes them."""
    from plugins.booking import busy, ics
    from plugins.common import memo
    from plugins.podcast import media
    from plugins.site_search import generator as search

    versions = (busy.memo_version, ics.memo_version, media.memo_version, search._memo_version)
    copy = _copy_of_plugins(tmp_path)
    monkeypatch.setattr(memo, "PLUGINS", copy, raising=False)
    memo.source_digest.cache_clear()
    before = [version() for version in versions]
    for changed in (copy / "booking" / "labels.py", copy / "common" / "files.py"):
        changed.write_bytes(changed.read_bytes() + b"# changed\n")
        memo.source_digest.cache_clear()
        after = [version() for version in versions]
        assert all(a != b for a, b in zip(after, before, strict=True)), changed
        before = after
    memo.source_digest.cache_clear()


def test_every_memo_version_follows_a_library_added_or_upgraded(tmp_path, monkeypatch):
    """No hand-kept list of libraries either: a distribution no memo names
    (here a Markdown extension) installed, then upgraded, changes them all."""
    from plugins.booking import busy, ics
    from plugins.common import memo
    from plugins.podcast import media
    from plugins.site_search import generator as search

    versions = (busy.memo_version, ics.memo_version, media.memo_version, search._memo_version)
    site_packages = tmp_path / "site-packages"
    site_packages.mkdir()
    monkeypatch.syspath_prepend(str(site_packages))
    memo.installed_distributions.cache_clear()
    before = [version() for version in versions]
    installed = site_packages / "pymdown_extensions-10.0.dist-info"
    for step in ("installed", "upgraded"):
        if step == "installed":
            installed.mkdir()
        else:
            installed.rename(site_packages / "pymdown_extensions-10.1.dist-info")
        memo.installed_distributions.cache_clear()
        after = [version() for version in versions]
        assert all(a != b for a, b in zip(after, before, strict=True)), step
        before = after
    memo.installed_distributions.cache_clear()
