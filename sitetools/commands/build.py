"""Building the site: clean, build (into a temporary folder, swapped in only
when it succeeded), rebuild, regenerate, and the production preview."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager

from sitetools.commands.abort import Abort
from sitetools.commands.project import Project
from sitetools.commands.shell import run


def clean(project: Project) -> None:
    """Remove output/ (and a cut-off build's folders beside it), Pelican's
    cache folders (cache/, .cache/) and test-artifacts/."""
    out = project.output
    beside = [out.with_name(out.name + suffix) for suffix in (".building", ".previous")]
    root = project.root
    for folder in (out, *beside, root / "cache", root / ".cache", root / "test-artifacts"):
        shutil.rmtree(folder, ignore_errors=True)


def safe_build(
    project: Project,
    settings: str,
    *,
    locked: bool = False,
    extra: tuple[str, ...] = (),
    in_process: bool = False,
) -> None:
    """Build into a temporary folder; swap it in only when the build succeeded."""
    from sitetools.build import OutputLocked, build_into

    out = project.output
    args = [project.content, "-s", settings, *extra]
    try:
        code = build_into(out, args, hold_lock=not locked, in_process=in_process)
    except OutputLocked as error:
        raise Abort(f"build: {error}") from None
    if code != 0:
        raise Abort(f"build failed; {out.name}/ was left as it was.")


def build(project: Project) -> None:
    """The local version of the site, into output/."""
    safe_build(project, project.settings_base)


def rebuild(project: Project) -> None:
    clean(project)
    build(project)


def regenerate(project: Project) -> None:
    """Pelican's own watcher: build again whenever a file changes."""
    args = [project.tool("python"), "-m", "sitetools.build", project.content]
    run([*args, "-s", project.settings_base, "-o", project.deploy_path, "-r"])


def require_siteurl(task_name: str) -> None:
    """The public build needs the site's address; say so before building."""
    if not os.environ.get("SITEURL", "").startswith(("https://", "http://")):
        raise Abort(
            f"{task_name}: SITEURL is not set: set it to the address of your site, e.g. "
            f"SITEURL=https://coach.example.fr invoke {task_name} (docs/publishing.md)"
        )


def preview(project: Project) -> None:
    """The production version of the site (needs SITEURL)."""
    require_siteurl("preview")
    safe_build(project, project.settings_publish)


@contextmanager
def publishing(project: Project) -> Iterator[None]:
    """Build and upload under one lock: what is uploaded is one whole build."""
    from sitetools.build import OutputLocked, output_locked

    try:
        with output_locked(project.output):
            yield
    except OutputLocked as error:
        raise Abort(f"publish: {error}") from None
