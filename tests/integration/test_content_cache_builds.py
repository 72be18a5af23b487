"""Pelican's content cache as pelicanconf.py turns it on: a cached build is
the same as one that reads every file, an edited article shows up, and a
changed setting is never served from a cache made under the old one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.fixture_site import write_fixture_site
from tests.support.site import DEFAULT_EPOCH, ROOT, snapshot

CACHE_ON = """
LOAD_CONTENT_CACHE = True
CACHE_CONTENT = True
CONTENT_CACHING_LAYER = "reader"
CHECK_MODIFIED_METHOD = "sha256"
GZIP_CACHE = False
"""


def cached_build(settings: Path, content: Path, output: Path, *extra: str) -> Path:
    """A build that loads the cache (build_site always passes --ignore-cache)."""
    cmd = [sys.executable, "-m", "sitetools.build", str(content), "-s", str(settings)]
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(DEFAULT_EPOCH)}
    proc = subprocess.run(
        [*cmd, "-o", str(output), *extra],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return output


def test_cached_builds_match_a_full_read_and_follow_edits_and_settings(tmp_path):
    settings, content = write_fixture_site(tmp_path, lines=CACHE_ON)
    article = content / "articles/quoted.md"
    article.write_text(
        "Title: Quoted\nDate: 2026-11-10 09:00\nCategory: Lorem\nSlug: quoted\n\n"
        '"Lorem" -- ipsum\n',
        encoding="utf-8",
    )
    full = cached_build(settings, content, tmp_path / "full", "--ignore-cache")
    folders = list((tmp_path / "cache").glob("content-*"))
    assert len(folders) == 1
    assert (folders[0] / "ArticlesGenerator-Readers").is_file()
    warm = cached_build(settings, content, tmp_path / "warm")
    assert snapshot(warm) == snapshot(full)

    article.write_text(article.read_text(encoding="utf-8") + "\nVelit edited.\n", encoding="utf-8")
    edited = cached_build(settings, content, tmp_path / "edited")
    assert "Velit edited." in (edited / "articles/quoted/index.html").read_text(encoding="utf-8")

    # A Markdown extension changes what the reader makes of an unchanged file.
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + '\nMARKDOWN = {"extension_configs": {"markdown.extensions.extra": {},'
        ' "markdown.extensions.smarty": {}}, "output_format": "html5"}\n',
        encoding="utf-8",
    )
    smart = cached_build(settings, content, tmp_path / "smart")
    assert "&ldquo;Lorem&rdquo;" in (smart / "articles/quoted/index.html").read_text(
        encoding="utf-8"
    )
    after = sorted((tmp_path / "cache").glob("content-*"), key=lambda f: f.stat().st_mtime)
    assert len(after) == 2 and after[0] == folders[0]  # a new folder; the old one unused


def test_a_french_site_keeps_its_cache_and_builds_at_once_never_break_it(tmp_path):
    """A site not in English holds compiled catalogs (with their plural rule)
    in the settings every cached page carries; and two builds sharing one
    cache folder at once must leave it whole for the next one."""
    settings, content = write_fixture_site(tmp_path, lang="fr", lines=CACHE_ON)
    full = cached_build(settings, content, tmp_path / "full", "--ignore-cache")
    (folder,) = (tmp_path / "cache").glob("content-*")
    assert (folder / "ArticlesGenerator-Readers").stat().st_size > 1000
    assert "ArticlesGenerator-Readers" in (folder / "MANIFEST.json").read_text(encoding="utf-8")
    cmd = [sys.executable, "-m", "sitetools.build", str(content), "-s", str(settings)]
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(DEFAULT_EPOCH)}
    running = [
        subprocess.Popen(
            [*cmd, "-o", str(tmp_path / f"at-once-{n}")],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for n in range(3)
    ]
    for proc in running:
        output = proc.communicate(timeout=300)[0].decode()
        assert proc.returncode == 0, output
    after = cached_build(settings, content, tmp_path / "after")
    for n in range(3):
        assert snapshot(tmp_path / f"at-once-{n}") == snapshot(full)
    assert snapshot(after) == snapshot(full)
    assert not list((tmp_path / "cache").glob(".building-*"))  # every private copy put back


def test_a_cache_file_cut_short_is_not_read(tmp_path):
    settings, content = write_fixture_site(tmp_path, lines=CACHE_ON)
    full = cached_build(settings, content, tmp_path / "full", "--ignore-cache")
    (folder,) = (tmp_path / "cache").glob("content-*")
    readers = folder / "ArticlesGenerator-Readers"
    readers.write_bytes(readers.read_bytes()[:100])  # what a full disk leaves behind
    again = cached_build(settings, content, tmp_path / "again")
    assert snapshot(again) == snapshot(full)
