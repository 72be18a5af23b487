"""Files are written only when their bytes change, and never half."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugins.common.files import write_if_changed
from plugins.render_memo.changed_only import ChangedOnlyFile


def test_identical_bytes_leave_the_file_untouched(tmp_path: Path):
    page = tmp_path / "index.html"
    assert write_if_changed(page, b"<p>one</p>")
    stat = page.stat()
    assert not write_if_changed(page, b"<p>one</p>")
    assert (page.stat().st_mtime_ns, page.stat().st_ino) == (stat.st_mtime_ns, stat.st_ino)


def test_changed_bytes_replace_the_file_by_rename(tmp_path: Path):
    page = tmp_path / "index.html"
    page.write_bytes(b"<p>old</p>")
    reader = page.open("rb")  # a server still sending the old page
    assert write_if_changed(page, b"<p>new</p>")
    assert page.read_bytes() == b"<p>new</p>"
    assert reader.read() == b"<p>old</p>"
    reader.close()
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]


def test_the_handle_takes_text_and_bytes(tmp_path: Path):
    feed = tmp_path / "feed.xml"
    with ChangedOnlyFile(feed, "utf-8") as handle:
        handle.write("<feed>é")
        handle.write(b"</feed>")
    assert feed.read_text(encoding="utf-8") == "<feed>é</feed>"


def test_a_failed_render_leaves_the_old_file(tmp_path: Path):
    page = tmp_path / "index.html"
    page.write_text("good", encoding="utf-8")
    with pytest.raises(RuntimeError), ChangedOnlyFile(page, "utf-8") as handle:
        handle.write("half")
        raise RuntimeError("template error")
    assert page.read_text(encoding="utf-8") == "good"
