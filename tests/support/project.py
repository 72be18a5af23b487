"""A copy of this project as a coach's clone holds it (its tracked files)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.support.site import ROOT


def project_copy(target: Path) -> Path:
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.split(b"\0")
    for name in filter(None, (f.decode() for f in files)):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def sample_project(project: Path) -> Path:
    """Make a project copy the frozen sample practice (its content/ and
    site.toml), whatever the coach made of hers."""
    from tests.support.site import SAMPLE

    shutil.rmtree(project / "content", ignore_errors=True)
    shutil.copytree(SAMPLE / "content", project / "content")
    shutil.copy(SAMPLE / "site.toml", project / "site.toml")
    return project
