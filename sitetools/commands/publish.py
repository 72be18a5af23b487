"""Publishing the production site: by rsync over SSH, or to a gh-pages branch."""

from __future__ import annotations

import os
import shutil

from sitetools.commands.abort import Abort
from sitetools.commands.build import publishing, require_siteurl, safe_build
from sitetools.commands.project import Project
from sitetools.commands.shell import run


def publish(project: Project) -> None:
    """Build the production site and rsync it to DEPLOY_SSH_HOST:DEPLOY_SSH_PATH."""
    if not (project.ssh_host and project.ssh_path):
        raise Abort(
            "publish: set DEPLOY_SSH_HOST and DEPLOY_SSH_PATH (and optionally "
            "DEPLOY_SSH_USER, DEPLOY_SSH_PORT) first; see README, Publishing."
        )
    if not shutil.which("rsync"):
        raise Abort("publish: rsync is not installed.")
    require_siteurl("publish")
    with publishing(project):
        safe_build(project, project.settings_publish, locked=True)  # only a good build is uploaded
        upload_by_rsync(project)


def upload_by_rsync(project: Project) -> None:
    target = project.ssh_host
    if project.ssh_user:
        target = f"{project.ssh_user}@{target}"
    # --delay-updates: new files go into place together at the end, so no
    # visitor gets a new page whose new stylesheet is not uploaded yet;
    # --delete-after: old files go last, so a page loaded just before the
    # upload can still fetch its (old, fingerprinted) stylesheet.
    run(
        [
            "rsync",
            "-e",
            f"ssh -p {project.ssh_port}",
            "-P",
            "-rvzc",
            "--delay-updates",
            "--delete-after",
            f"{project.deploy_path}/",
            f"{target}:{project.ssh_path.rstrip('/')}/",
        ]
    )


def gh_pages(project: Project) -> None:
    """Build the production site and push it to the gh-pages branch of DEPLOY_REMOTE."""
    remote = deploy_remote()
    require_siteurl("gh-pages")
    with publishing(project):
        safe_build(project, project.settings_publish, locked=True)
        push_to_gh_pages(project, remote)


def deploy_remote() -> str:
    """Where gh-pages pushes: a remote the coach names (DEPLOY_REMOTE), never
    this project's `origin` by default: in a clone, origin is the project
    she copied, not her site."""
    remote = os.environ.get("DEPLOY_REMOTE", "").strip()
    if not remote:
        raise Abort(
            "gh-pages: DEPLOY_REMOTE is not set: create your own repository on GitHub, "
            "then e.g. DEPLOY_REMOTE=git@github.com:you/your-site.git invoke gh-pages "
            "(docs/publishing.md)"
        )
    if remote == "origin":
        raise Abort(
            "gh-pages: DEPLOY_REMOTE=origin is where this project was cloned from, not your "
            "site; set DEPLOY_REMOTE to your own repository's address (docs/publishing.md)"
        )
    return remote


def push_to_gh_pages(project: Project, remote: str) -> None:
    run(
        [
            project.tool("ghp-import"),
            "-b",
            project.github_pages_branch,
            "-r",
            remote,
            "-m",
            project.commit_message,
            "--no-jekyll",
            project.deploy_path,
            "-p",
        ]
    )
