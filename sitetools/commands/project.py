"""The project a command works on: its folder, settings files, output and
the deploy settings read from the environment."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    """Names follow pelican-quickstart's tasks.py CONFIG, so Pelican's
    documentation applies."""

    root: Path
    # The folder of this Python's tools (pelican, ruff, pytest, ghp-import...).
    bin: Path
    settings_base: str = "pelicanconf.py"
    settings_publish: str = "publishconf.py"
    content: str = "content"
    deploy_path: str = "output"
    host: str = "127.0.0.1"
    port: int = 8000
    ssh_host: str = ""
    ssh_user: str = ""
    ssh_port: str = "22"
    ssh_path: str = ""
    github_pages_branch: str = "gh-pages"
    commit_message: str = "Publish site"

    @classmethod
    def at(cls, root: Path, environ: Mapping[str, str] = os.environ) -> Project:
        """The project in `root`. Publishing over SSH is set by environment
        variables (README, "Publishing"): nothing secret is stored in the
        repository."""
        return cls(
            root=root,
            bin=Path(sys.executable).parent,
            ssh_host=environ.get("DEPLOY_SSH_HOST", ""),
            ssh_user=environ.get("DEPLOY_SSH_USER", ""),
            ssh_port=environ.get("DEPLOY_SSH_PORT", "22"),
            ssh_path=environ.get("DEPLOY_SSH_PATH", ""),
        )

    @property
    def output(self) -> Path:
        return self.root / self.deploy_path

    def tool(self, name: str) -> str:
        """A program installed beside this Python."""
        return str(self.bin / name)
