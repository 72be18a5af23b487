"""The content cache's folder is named after everything that shapes what a
reader makes of a file; another fingerprint's folder is removed."""

from __future__ import annotations

import os
from pathlib import Path

from plugins.site_extras.content_cache import (
    PREFIX,
    ROOT_KEY,
    fingerprint,
    keep_this_builds_cache,
    stable,
    use_fingerprinted_folder,
)

BASE = {
    "TIMEZONE": "Europe/Paris",
    "MARKDOWN": {"extension_configs": {"markdown.extensions.extra": {}}},
    "CACHE_CONTENT": True,
    "LOAD_CONTENT_CACHE": True,
}


def test_equal_settings_give_one_fingerprint_and_any_change_another():
    assert fingerprint(dict(BASE)) == fingerprint(dict(reversed(list(BASE.items()))))
    assert fingerprint({**BASE, "TIMEZONE": "UTC"}) != fingerprint(BASE)
    markdown = {"extension_configs": {"markdown.extensions.smarty": {}}}
    assert fingerprint({**BASE, "MARKDOWN": markdown}) != fingerprint(BASE)


def test_where_files_go_whether_to_load_and_the_builds_own_objects_do_not_count():
    same = {
        **BASE,
        "OUTPUT_PATH": "/elsewhere",
        "CACHE_PATH": "/other",
        "LOAD_CONTENT_CACHE": False,
        "_ASSET_CATALOG": object(),
    }
    assert fingerprint(same) == fingerprint(BASE)


def test_objects_without_a_stable_description_never_match():
    class Opaque:
        pass

    first, second = Opaque(), Opaque()
    assert stable(first) != stable(second)


def test_a_function_in_the_settings_counts_by_its_code():
    def slug(text):
        return text.lower()

    first = stable(slug)

    def slug(text):
        return text.upper()

    assert stable(slug) != first


def test_the_folder_follows_the_fingerprint_and_old_ones_are_removed(tmp_path: Path):
    old, last = tmp_path / f"{PREFIX}0123456789abcdef", tmp_path / f"{PREFIX}fedcba9876543210"
    old.mkdir()
    last.mkdir()
    os.utime(old, (1, 1))  # the least recently used
    (tmp_path / "jinja-abc").mkdir()
    settings = {**BASE, "CACHE_PATH": str(tmp_path)}
    folder = use_fingerprinted_folder(settings)
    assert folder == tmp_path / f"{PREFIX}{fingerprint(settings)}"
    private = Path(settings["CACHE_PATH"])  # this build's own copy, put back at the end
    assert private.parent == tmp_path and private.name.startswith(f".building-{folder.name}")
    assert settings[ROOT_KEY] == str(tmp_path)
    assert not old.exists()
    assert last.is_dir()  # the other settings file's (publishconf.py) is kept
    assert (tmp_path / "jinja-abc").is_dir()  # the template cache is left alone
    assert use_fingerprinted_folder(settings) == folder  # called again: the same folder


def test_nothing_changes_with_the_cache_off(tmp_path: Path):
    settings = {**BASE, "CACHE_CONTENT": False, "CACHE_PATH": str(tmp_path)}
    assert use_fingerprinted_folder(settings) is None
    assert settings["CACHE_PATH"] == str(tmp_path)


def test_a_build_works_on_a_copy_of_what_the_manifest_vouches_for(tmp_path: Path):
    settings = {**BASE, "CACHE_PATH": str(tmp_path)}
    folder = use_fingerprinted_folder(settings)
    private = Path(settings["CACHE_PATH"])
    (private / "ArticlesGenerator-Readers").write_bytes(b"first build")
    keep_this_builds_cache(settings)
    assert (folder / "ArticlesGenerator-Readers").read_bytes() == b"first build"
    assert not private.exists()

    again = {**BASE, "CACHE_PATH": str(tmp_path)}
    use_fingerprinted_folder(again)
    assert (Path(again["CACHE_PATH"]) / "ArticlesGenerator-Readers").read_bytes() == b"first build"

    (folder / "ArticlesGenerator-Readers").write_bytes(b"cut")  # not the size recorded
    third = {**BASE, "CACHE_PATH": str(tmp_path)}
    use_fingerprinted_folder(third)
    assert list(Path(third["CACHE_PATH"]).iterdir()) == []


def test_abandoned_private_copies_are_removed_and_fresh_ones_kept(tmp_path: Path):
    dead, running = tmp_path / ".building-content-x-dead", tmp_path / ".building-content-x-live"
    dead.mkdir()
    running.mkdir()
    os.utime(dead, (1, 1))
    use_fingerprinted_folder({**BASE, "CACHE_PATH": str(tmp_path)})
    assert not dead.exists()
    assert running.is_dir()


def test_a_change_to_our_code_gives_another_fingerprint(tmp_path, monkeypatch):
    """parallel_read's workers make this cache's entries: a changed worker
    (or any file of the plugins package) must not be served old ones."""
    import shutil

    from plugins.common import memo

    copy = tmp_path / "plugins"
    shutil.copytree(memo.PLUGINS, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(memo, "PLUGINS", copy, raising=False)
    memo.source_digest.cache_clear()
    before = fingerprint(dict(BASE))
    worker = copy / "parallel_read" / "worker.py"
    worker.write_bytes(worker.read_bytes() + b"# changed\n")
    memo.source_digest.cache_clear()
    assert fingerprint(dict(BASE)) != before
    memo.source_digest.cache_clear()


def test_a_library_added_or_upgraded_gives_another_fingerprint(tmp_path, monkeypatch):
    """A Markdown extension (or any library) the build may read with: no
    hand-kept list of the reading libraries decides whether it counts."""
    from plugins.common import memo

    site_packages = tmp_path / "site-packages"
    site_packages.mkdir()
    monkeypatch.syspath_prepend(str(site_packages))
    memo.installed_distributions.cache_clear()
    before = fingerprint(dict(BASE))
    (site_packages / "pymdown_extensions-10.0.dist-info").mkdir()
    memo.installed_distributions.cache_clear()
    added = fingerprint(dict(BASE))
    (site_packages / "pymdown_extensions-10.0.dist-info").rename(
        site_packages / "pymdown_extensions-10.1.dist-info"
    )
    memo.installed_distributions.cache_clear()
    assert len({before, added, fingerprint(dict(BASE))}) == 3
    memo.installed_distributions.cache_clear()
