"""A {filename} link to a file that is gone is named with the file that
carries it, before anything is written."""

from __future__ import annotations

from plugins.site_extras.intrasite import missing_targets


def test_links_to_missing_files_are_named_as_she_wrote_them(tmp_path):
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "pages").mkdir()
    (content / "articles/coaching.md").write_text("x")
    source = content / "pages/about.md"
    text = (
        '<a href="{filename}/articles/coaching.md">ok</a>'
        '<a href="{filename}../articles/coaching.md#top">ok too</a>'
        '<a href="{filename}/articles/deleted.md">gone</a>'
        "<img src='|static|../images/missing.png'>"
        '<a href="https://example.org/{filename}">not ours</a>'
    )
    assert missing_targets(text, source, content) == [
        "{filename}/articles/deleted.md",
        "{static}../images/missing.png",
    ]
