"""For the people who work on the product: lint, test, translations."""

from __future__ import annotations

import os
import uuid

from sitetools import leftovers
from sitetools.commands.abort import Abort
from sitetools.commands.project import Project
from sitetools.commands.shell import run


def lint(project: Project) -> None:
    """ruff check + ruff format --check."""
    run([project.tool("ruff"), "check", "."])
    run([project.tool("ruff"), "format", "--check", "."])


def test(project: Project, k: str = "", x: bool = False) -> None:
    """Lint, then the whole test suite (pytest)."""
    lint(project)
    # -n auto: spread over the cores; loadfile keeps each file on one worker,
    # in order, as its module-scoped servers and fixtures expect.
    args = [project.tool("pytest"), "-n", "auto", "--dist", "loadfile"]
    if k:
        args += ["-k", k]
    if x:
        args.append("-x")
    mark = uuid.uuid4().hex
    status = run(args, check=False, env={**os.environ, leftovers.VARIABLE: mark})
    left = leftovers.marked(mark, grace=5.0)
    if left:
        leftovers.stop(left)
        names = "; ".join(command[:80] for _, command in left)
        raise Abort(f"the tests left {len(left)} process(es) running (now stopped): {names}")
    if status != 0:
        raise Abort(code=status)


def translations(project: Project, new: str = "") -> None:
    """Extract our words into messages.pot and update every catalog, or start
    the catalog of the language `new` (docs/translating.md)."""
    pybabel = project.tool("pybabel")
    folder = str(project.root / "theme/translations")
    pot = f"{folder}/messages.pot"
    root = project.root
    extract = [pybabel, "extract", "-F", f"{folder}/babel.cfg", "-k", "N_", "--no-location"]
    extract += ["--sort-output", "--project=Coaching site"]
    extract += ["--copyright-holder=The coaching site authors", "-o", pot, "."]
    run(extract, cwd=root, hide_out=True)
    if new:
        run([pybabel, "init", "-i", pot, "-d", folder, "-l", new], cwd=root)
    update = [pybabel, "update", "-i", pot, "-d", folder, "--no-fuzzy-matching"]
    run([*update, "--ignore-obsolete"], cwd=root)
    # A compile is the check: it fails on a broken catalog and reports
    # how much of each is translated (the build compiles in memory).
    compile_ = [pybabel, "compile", "-d", folder, "--statistics", "-o", "/dev/null"]
    run(compile_, cwd=root, check=False)
