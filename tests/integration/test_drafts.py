"""Drafts (`Status: draft`) are the coach's unfinished words: the public
build (publishconf.py, what every host runs) writes them nowhere, not even
at Pelican's guessable `drafts/<slug>/`; only the local build (pelicanconf.py,
`invoke build`, served on this computer) shows them for preview."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.support.site import SAMPLE_CONTENT, build_site, sample_publishconf

DRAFT_TITLE = "Quorvantine unfinished thoughts"
DRAFT_PAGE_TITLE = "Zelphirix pricing idea"


def _content_with_drafts(folder: Path) -> Path:
    content = folder / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    (content / "articles/unfinished.md").write_text(
        f"Title: {DRAFT_TITLE}\nDate: 2026-11-20 09:00\nCategory: Coaching\n"
        "Status: draft\nSlug: unfinished\n\nNot ready: Quorvantine.\n",
        encoding="utf-8",
    )
    (content / "pages/pricing-idea.md").write_text(
        f"Title: {DRAFT_PAGE_TITLE}\nStatus: draft\nSlug: pricing-idea\n\nZelphirix.\n",
        encoding="utf-8",
    )
    return content


def _files_mentioning(output: Path, *words: str) -> list[str]:
    found = []
    for path in output.rglob("*"):
        if path.is_file() and path.suffix not in (".gz", ".br"):  # copies of files checked
            data = path.read_bytes()
            if any(word.encode() in data for word in words):
                found.append(str(path.relative_to(output)))
    return found


def test_a_public_build_writes_no_draft_anywhere(tmp_path):
    content = _content_with_drafts(tmp_path)
    out = tmp_path / "public"
    build_site(
        out,
        settings_file=str(sample_publishconf(tmp_path)),
        content=content,
        env={"SITEURL": "https://coach.example.org"},
    )
    assert (out / "index.html").is_file()
    assert not (out / "drafts").exists()
    assert list(out.rglob("*unfinished*")) == [] and list(out.rglob("*pricing-idea*")) == []
    assert _files_mentioning(out, "Quorvantine", "Zelphirix") == []


def test_the_local_build_shows_drafts_for_preview(tmp_path):
    content = _content_with_drafts(tmp_path)
    out = tmp_path / "output"
    build_site(out, content=content)
    assert DRAFT_TITLE in (out / "drafts/unfinished/index.html").read_text("utf-8")
