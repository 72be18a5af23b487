"""What would publish a broken site stops the build with one line naming the
file or setting and what to write, exit status 1, and the previous output/
untouched: a missing photo, a link or menu entry to a page that is not
there, a link to a removed session, a day/month date, an unknown zone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.fixture_site import write_fixture_site
from tests.support.site import DEFAULT_EPOCH, ROOT, snapshot


def _build(root: Path, out: Path, lines: str = "") -> tuple[int, str]:
    """build_into, as `invoke build` runs it (the swap that keeps the old output)."""
    settings, content = write_fixture_site(root, lines=lines)
    code = (
        "import sys; from pathlib import Path; from sitetools.build import build_into; "
        f"sys.exit(build_into(Path({str(out)!r}), "
        f"[{str(content)!r}, '-s', {str(settings)!r}, '--ignore-cache']))"
    )
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(DEFAULT_EPOCH)}
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    return proc.returncode, proc.stdout + proc.stderr


CASES = [
    (
        'COACH["photo"] = "images/portrait.jpg"',
        None,
        "site: [coach] photo: images/portrait.jpg is not a file in your content folder",
    ),
    (
        'MENU = [{"label": "Qui", "link": "a-propos/"}]',
        None,
        "site: /a-propos/ is not on the site but",
    ),
    (
        "",
        ("articles/lien.md", "Title: Lien\nDate: 2026-11-01\n\n[Réserver](/book/discovery/)\n"),
        "site: /book/discovery/ is not on the site but articles/lien/index.html links to it; "
        "the session was renamed or removed",
    ),
    (
        "",
        ("articles/image.md", "Title: Image\nDate: 2026-11-01\n\n![x](/images/absente.png)\n"),
        "site: /images/absente.png is not on the site but articles/image/index.html links to it",
    ),
    (
        "",
        ("articles/date.md", "Title: Date\nDate: 03/11/2026\n\nTexte.\n"),
        "site: articles/date.md: Date: 03/11/2026 could be read as two different days; "
        "write it year-month-day, like 2026-11-03",
    ),
    (
        'TIMEZONE = "Paris"',
        None,
        "site: TIMEZONE: unknown time zone 'Paris' (did you mean \"Europe/Paris\"?)",
    ),
]


@pytest.mark.parametrize(("lines", "extra", "message"), CASES)
def test_a_broken_site_is_refused_with_one_line_and_the_last_good_one_stays(
    tmp_path, lines, extra, message
):
    out = tmp_path / "output"
    code, log = _build(tmp_path, out)
    assert code == 0, log
    before = snapshot(out)
    if extra:
        name, text = extra
        (tmp_path / "content" / name).write_text(text, encoding="utf-8")
    code, log = _build(tmp_path, out, lines)
    problems = [line for line in log.splitlines() if line.strip()]
    assert code == 1
    assert len(problems) == 1 and problems[0].startswith(message), log
    assert "Traceback" not in log and "Could not process" not in log
    assert snapshot(out) == before
