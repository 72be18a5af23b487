"""Fast builds must never be wrong builds.

render_memo reuses a page only when everything it is rendered from is
unchanged, and parallel_read parses articles in worker processes; in every
case below the result is compared byte for byte with a cold, serial build
of the same input.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from sitetools.build import build_into
from tests.support.site import (
    DEFAULT_EPOCH,
    ROOT,
    build_site,
    html_files,
    layered_settings,
    snapshot,
)

# The memo file lives in the cache folder, never in the output.
MEMO = re.compile(r"render_memo: (\d+) pages reused, (\d+) rendered")
PARSED = re.compile(r"parallel_read: (\d+) of (\d+) files parsed in worker processes")


def _counts(log: str) -> tuple[int, int]:
    match = MEMO.search(log)
    assert match, log[-2000:]
    return int(match[1]), int(match[2])


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content", folder)
    return folder


def _cold(tmp_path: Path, content: Path, name: str, **kwargs) -> dict[str, bytes]:
    return snapshot(build_site(tmp_path / name, content=content, **kwargs).output)


def _atomic_build(tmp_path: Path, content: Path, *extra: str) -> int:
    """`invoke build`'s path: build_into with the content cache in tmp_path/cache."""
    args = [str(content), "-s", "pelicanconf.py", "-e", "CACHE_CONTENT=true"]
    args += ["LOAD_CONTENT_CACHE=true", f'CACHE_PATH="{tmp_path / "cache"}"', *extra]
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(DEFAULT_EPOCH)}
    return build_into(tmp_path / "output", args, env=env)


def test_a_no_change_rebuild_renders_nothing_and_matches_a_cold_build(
    tmp_path: Path, content: Path
):
    out, cache = tmp_path / "out", tmp_path / "cache"
    first = build_site(out, content=content, cache=cache, verbose=True)
    reused, rendered = _counts(first.log)
    assert (reused, rendered) == (0, len(html_files(out)))
    pages = html_files(out)
    stamps = {p: p.stat().st_mtime_ns for p in [*pages, *out.rglob("*.ics")]}

    again = build_site(out, content=content, cache=cache, verbose=True)
    assert _counts(again.log) == (len(pages), 0)
    # Unchanged pages and invites are not even rewritten: rsync and CDNs see
    # no change.
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps
    assert snapshot(out) == _cold(tmp_path, content, "cold")
    assert not any(p.name == "RenderMemo" for p in out.rglob("*"))


def test_an_edited_article_is_rendered_again_everywhere_it_shows(tmp_path: Path, content: Path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    build_site(out, content=content, cache=cache)
    article = next((content / "articles").glob("*.md"))
    text = article.read_text(encoding="utf-8")
    title = re.search(r"^Title: (.+)$", text, re.M)[1]
    article.write_text(text.replace(title, "A retitled article", 1), encoding="utf-8")

    again = build_site(out, content=content, cache=cache, verbose=True)
    assert _counts(again.log)[1] > 0
    pages = [p for p in html_files(out) if "A retitled article" in p.read_text(encoding="utf-8")]
    assert len(pages) > 2  # the article, the home page and the archive at least
    assert snapshot(out) == _cold(tmp_path, content, "cold")


def test_a_changed_template_renders_every_page_again(tmp_path: Path, content: Path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    settings = layered_settings(tmp_path / "conf.py", lines=(f"THEME = {str(theme)!r}",))
    out, cache = tmp_path / "out", tmp_path / "cache"
    build_site(out, content=content, cache=cache, settings_file=str(settings))

    base = theme / "templates" / "base.html"
    base.write_text(
        base.read_text(encoding="utf-8").replace("Skip to main content", "Skip to the content"),
        encoding="utf-8",
    )
    again = build_site(out, content=content, cache=cache, settings_file=str(settings), verbose=True)
    assert _counts(again.log)[0] == 0
    assert snapshot(out) == _cold(tmp_path, content, "cold", settings_file=str(settings))


def test_when_the_clock_moves_only_booking_pages_are_rendered_again(tmp_path: Path, content: Path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    build_site(out, content=content, cache=cache)
    later = DEFAULT_EPOCH + 3 * 86400
    again = build_site(out, content=content, cache=cache, epoch=later, verbose=True)
    reused, rendered = _counts(again.log)
    booking_pages = len(html_files(out / "book"))
    assert (reused, rendered) == (len(html_files(out)) - booking_pages, booking_pages)
    assert snapshot(out) == _cold(tmp_path, content, "cold", epoch=later)


def test_a_page_edited_by_hand_or_a_broken_memo_is_rendered_again(tmp_path: Path, content: Path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    build_site(out, content=content, cache=cache)
    home = out / "index.html"
    home.write_text("tampered", encoding="utf-8")
    again = build_site(out, content=content, cache=cache, verbose=True)
    assert _counts(again.log)[1] == 1
    cold = _cold(tmp_path, content, "cold")
    assert snapshot(out) == cold

    (cache / "RenderMemo").write_bytes(b"not a memo")
    broken = build_site(out, content=content, cache=cache, verbose=True)
    assert _counts(broken.log)[0] == 0
    assert snapshot(out) == cold


def test_parallel_reading_builds_the_same_site(tmp_path: Path, content: Path):
    parallel = build_site(
        tmp_path / "parallel",
        content=content,
        overrides={"PARALLEL_READ_MIN_FILES": 1},
        verbose=True,
    )
    match = PARSED.search(parallel.log)
    assert match and int(match[1]) == int(match[2]) > 5, parallel.log[-2000:]
    serial = layered_settings(tmp_path / "serial.py", without=("parallel_read",))
    assert snapshot(parallel.output) == _cold(
        tmp_path, content, "serial", settings_file=str(serial)
    )


def test_a_broken_article_fails_the_parallel_build_with_the_same_one_line_error(
    tmp_path: Path, content: Path
):
    (content / "articles" / "broken.md").write_text(
        "Title: Broken\nDate: 2026-02-30\n\nText.\n", encoding="utf-8"
    )
    parallel = build_site(
        tmp_path / "parallel",
        content=content,
        overrides={"PARALLEL_READ_MIN_FILES": 1},
        check=False,
    )
    serial = build_site(
        tmp_path / "serial",
        content=content,
        settings_file=str(layered_settings(tmp_path / "s.py", without=("parallel_read",))),
        check=False,
    )
    assert parallel.returncode == serial.returncode == 1

    def problems(log: str) -> list[str]:
        return [line for line in log.splitlines() if "broken.md" in line]

    assert problems(parallel.log) == problems(serial.log) != []


def test_a_cache_written_under_other_reading_settings_is_not_used(tmp_path: Path, content: Path):
    # Pelican alone would serve the cached HTML: the Markdown files' mtimes
    # did not change, only how they are to be read.
    out, cache = tmp_path / "out", tmp_path / "cache"
    build_site(out, content=content, cache=cache)
    smarty = {"MARKDOWN": {"extensions": ["markdown.extensions.smarty"], "output_format": "html5"}}
    again = build_site(out, content=content, cache=cache, overrides=smarty, verbose=True)
    assert "content cache not used" in again.log
    assert _counts(again.log)[0] == 0
    cold = _cold(tmp_path, content, "cold", overrides=smarty)
    assert snapshot(out) == cold
    assert any("&ldquo;" in text.decode() for name, text in cold.items() if name.endswith(".html"))


def test_the_atomic_build_reuses_pages_from_the_last_good_output(tmp_path: Path, content: Path):
    out = tmp_path / "output"
    assert _atomic_build(tmp_path, content) == 0
    first = snapshot(out)
    memo = tmp_path / "cache" / "RenderMemo"
    stamp = memo.stat().st_mtime_ns
    assert _atomic_build(tmp_path, content) == 0
    assert snapshot(out) == first == _cold(tmp_path, content, "cold")
    # Every page was reused from output/: the memo was left byte-identical.
    assert memo.stat().st_mtime_ns == stamp


BUSY_MONDAY = (
    "BEGIN:VEVENT\r\nUID:test-busy-monday@example.org\r\nDTSTAMP:20261101T000000Z\r\n"
    "DTSTART:20261130T140000Z\r\nDTEND:20261130T220000Z\r\nSUMMARY:Clinic\r\nEND:VEVENT\r\n"
)


def test_the_atomic_build_follows_deletions_retagging_and_calendar_changes(
    tmp_path: Path, content: Path, capfd: pytest.CaptureFixture
):
    """What a coach does between two scheduled rebuilds, through the same
    path as `invoke build` (a fresh folder swapped in, pages reused from the
    last good output): each result equals a cold build of the same input."""
    out = tmp_path / "output"
    assert _atomic_build(tmp_path, content, "--verbose") == 0
    monday = [name for name in snapshot(out) if "/20261130T14" in name]
    assert monday  # the sample hours offer Monday morning

    # Articles: one deleted, one loses its tags, one older one added (every
    # list page shifts), and a page edited.
    (content / "articles" / "doctors-are-not-immune-from-illness.md").unlink()
    retagged = content / "articles" / "saying-no-without-guilt.md"
    retagged.write_text(
        re.sub(r"^Tags: .*$", "Tags: boundaries", retagged.read_text("utf-8"), flags=re.M),
        encoding="utf-8",
    )
    (content / "articles" / "an-old-note.md").write_text(
        "Title: An old note\nDate: 2019-03-04 10:00\nCategory: Coaching\nTags: archive\n"
        "Summary: A short note from the early days.\n\nWritten long ago.\n",
        encoding="utf-8",
    )
    about = content / "pages" / "about.md"
    about.write_text(about.read_text("utf-8") + "\nA new closing line.\n", encoding="utf-8")
    assert _atomic_build(tmp_path, content, "--verbose") == 0
    after_edits = snapshot(out)
    # Every page can list articles, so a changed article list renders all.
    assert _counts(capfd.readouterr().err)[0] == 0
    assert not any("doctors-are-not-immune" in name for name in after_edits)
    assert "articles/an-old-note/index.html" in after_edits
    assert after_edits == _cold(tmp_path, content, "cold-edits")

    # The busy calendar gains a clinic day: its slots must go everywhere.
    busy = content / "calendars" / "busy.ics"
    text = busy.read_bytes().decode("utf-8")
    busy.write_bytes(text.replace("END:VCALENDAR", BUSY_MONDAY + "END:VCALENDAR").encode())
    assert _atomic_build(tmp_path, content, "--verbose") == 0
    after_busy = snapshot(out)
    reused, rendered = _counts(capfd.readouterr().err)
    booking_pages = len(html_files(out / "book"))
    assert (reused, rendered) == (len(html_files(out)) - booking_pages, booking_pages)
    assert not any("/20261130T14" in name for name in after_busy)
    assert not any(
        b"20261130T14" in data for name, data in after_busy.items() if name.startswith("book/")
    )
    assert after_busy == _cold(tmp_path, content, "cold-busy")
