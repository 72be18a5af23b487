"""Builds one after another in one process, as `invoke livereload` runs
them: each is the same as a fresh process's build, an edit shows up, a
broken article fails only that build, and nothing piles up between them
(log handlers, the problem counter)."""

from __future__ import annotations

import textwrap

from tests.support.fixture_site import write_fixture_site
from tests.support.site import build_site, run_python, snapshot

DRIVER = textwrap.dedent(
    """
    import logging, sys
    from pathlib import Path
    from sitetools.build import build_into
    content, settings, out = sys.argv[1:4]
    article = Path(content, "articles", "lorem.md")
    args = [content, "-s", settings]
    codes = [build_into(Path(out), args, in_process=True)]
    Path(out).rename(out + "-first")
    article.write_text(article.read_text(encoding="utf-8") + "\\nVelit in process.\\n",
                       encoding="utf-8")
    codes.append(build_into(Path(out), args, in_process=True))
    good = article.read_text(encoding="utf-8")
    article.write_text("Title: Broken\\nDate: 03/11/2026\\n\\nText.\\n", encoding="utf-8")
    codes.append(build_into(Path(out), args, in_process=True))
    article.write_text(good, encoding="utf-8")
    codes.append(build_into(Path(out), args, in_process=True))
    print(codes, len(logging.getLogger().handlers))
    """
)


def test_builds_in_one_process_match_a_fresh_one_and_follow_edits(tmp_path):
    settings, content = write_fixture_site(tmp_path)
    fresh = build_site(tmp_path / "fresh", settings_file=str(settings), content=content).output
    out = tmp_path / "out"
    # An old site a killed process was still removing: the next build removes it.
    left = tmp_path / "out.previous-1-2"
    left.mkdir()
    (left / "index.html").write_text("old", encoding="utf-8")
    proc = run_python(DRIVER, str(content), str(settings), str(out))
    assert proc.returncode == 0, proc.stderr
    codes, handlers = proc.stdout.splitlines()[-1].rsplit(" ", 1)
    assert codes == "[0, 0, 1, 0]"
    # The sites each build replaced were removed in the background, all of them,
    # and so was the one left behind.
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("out")) == [
        "out",
        "out-first",
        "out.lock",
    ]
    assert handlers == "0"  # the plain handler each build added is gone again
    assert snapshot(tmp_path / "out-first") == snapshot(fresh)
    assert "Velit in process." in (out / "articles/lorem/index.html").read_text(encoding="utf-8")
    # The broken build failed on its own and said so in one line, once (a
    # handler left from an earlier build would print it twice).
    (line,) = proc.stderr.splitlines()
    assert "lorem.md: Date: 03/11/2026" in line


KEEPS_NOTHING = textwrap.dedent(
    """
    import gc, sys
    from pathlib import Path
    from pelican.contents import Content
    from sitetools.build import build_into
    content, settings, out = sys.argv[1:4]
    alive = []
    for n in range(3):
        assert build_into(Path(out), [content, "-s", settings], in_process=True) == 0
        gc.collect()
        alive.append(sum(isinstance(o, Content) for o in gc.get_objects()))
    print(alive)
    """
)


def test_a_long_running_process_keeps_no_page_of_an_earlier_build(tmp_path):
    # livereload builds on every save for hours: a build's pages, articles
    # and their HTML must all be freed once it is over.
    settings, content = write_fixture_site(tmp_path)
    proc = run_python(KEEPS_NOTHING, str(content), str(settings), str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "[0, 0, 0]"
