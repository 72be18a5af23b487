"""`invoke check`: the coach's own site checked (sitetools/check.py), a plain report."""

from __future__ import annotations

from sitetools.commands.abort import Abort
from sitetools.commands.project import Project
from sitetools.commands.shell import run


def check(project: Project) -> None:
    """The report is the message: a failed check ends with status 1 and no line of ours."""
    if run([project.tool("python"), "-m", "sitetools.check"], cwd=project.root, check=False):
        raise Abort(code=1)
