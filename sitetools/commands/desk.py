"""The booking desk's tasks (docs/desk.md): each runs `python -m
plugins.booking.desk`; `desk_run` is the scheduled round (inbox, reminders,
commit the ledger, build, publish)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sitetools.commands.abort import Abort
from sitetools.commands.build import preview, require_siteurl
from sitetools.commands.project import Project
from sitetools.commands.publish import deploy_remote, push_to_gh_pages, upload_by_rsync
from sitetools.commands.shell import run


def desk(project: Project, settings: str, *args: str) -> None:
    """Run `python -m plugins.booking.desk` from the project folder, where the
    ledger and outbox paths start; its one-line error is the whole message."""
    command = [project.tool("python"), "-m", "plugins.booking.desk"]
    command += ["--settings", settings or project.settings_base, *args]
    code = run(command, cwd=project.root, check=False)
    if code != 0:
        raise Abort(code=code or 1)


def confirm(
    project: Project,
    slot: str,
    name: str,
    email: str,
    note: str,
    lang: str,
    settings: str,
    client_zone: str = "",
) -> None:
    args = ["confirm", "--slot", slot, "--name", name, "--email", email, "--note", note]
    desk(project, settings, *args, "--lang", lang, "--client-zone", client_zone)


def cancel(project: Project, slot: str, reason: str, settings: str) -> None:
    desk(project, settings, "cancel", "--slot", slot, "--reason", reason)


def reschedule(project: Project, slot: str, to: str, settings: str) -> None:
    desk(project, settings, "reschedule", "--slot", slot, "--to", to)


def bookings(project: Project, all: bool, settings: str) -> None:
    desk(project, settings, "bookings", *(["--all"] if all else []))


def sync_calendar(project: Project, settings: str) -> None:
    desk(project, settings, "sync-calendar")


def export(project: Project, email: str, settings: str) -> None:
    desk(project, settings, "export", email)


def forget(project: Project, email: str, settings: str) -> None:
    desk(project, settings, "forget", email)


def ledger_key(project: Project, rotate: bool, settings: str) -> None:
    desk(project, settings, "ledger-key", *(["--rotate"] if rotate else []))


def inbox(project: Project, watch: bool, settings: str) -> None:
    desk(project, settings, "inbox", *(["--watch"] if watch else []))


def remind(project: Project, settings: str) -> None:
    desk(project, settings, "remind")


def desk_run(project: Project, publish: str, commit: bool, push: bool, settings: str) -> None:
    """One scheduled round: inbox, reminders, commit the ledger, build, publish."""
    if publish not in {"", "publish", "gh-pages"}:
        raise Abort(f'desk-run: --publish must be "publish" or "gh-pages", not {publish!r}')
    require_siteurl("desk-run")
    loaded = desk_config(project, settings)
    with one_desk_run(loaded.ledger_path) as alone:
        if not alone:
            # Not a failure: the round that is running does this one's work,
            # and mail that arrives meanwhile waits for the next round.
            print("desk-run: another desk run is in progress; this one stops here.")
            return
        desk_round(project, loaded, publish, commit or push, push, settings)


def desk_round(
    project: Project, loaded, publish: str, commit: bool, push: bool, settings: str
) -> None:
    failed = []
    for step in desk_steps(loaded):
        try:
            desk(project, settings, step)
        except Abort:
            # Nothing is lost: the failed step left no half-done work, and the
            # next run retries it. The site is still rebuilt with what is recorded.
            failed.append(step)
    if commit:
        commit_ledger(project, loaded, push=push)
    preview(project)
    if publish == "publish":
        upload_by_rsync(project)
    elif publish == "gh-pages":
        push_to_gh_pages(project, deploy_remote())
    if failed:
        raise Abort(f"desk-run: {' and '.join(failed)} failed (see above); the next run retries")


def desk_config(project: Project, settings: str):
    """The desk as `python -m plugins.booking.desk` sees it (one line if the settings are wrong)."""
    from plugins.booking.desk.cli import load_desk
    from plugins.common.errors import SiteError

    try:
        return load_desk(settings or project.settings_base)
    except SiteError as error:
        raise Abort(f"desk-run: {error}") from None


@contextmanager
def one_desk_run(ledger: Path) -> Iterator[bool]:
    """True while this is the only desk run of this ledger (an exclusive lock
    on `<ledger>.desk-run.lock`), False at once when another holds it: two
    rounds at once would handle and move the same emails."""
    import filelock

    lock = filelock.FileLock(str(ledger.with_name(ledger.name + ".desk-run.lock")))
    try:
        ledger.parent.mkdir(parents=True, exist_ok=True)
        lock.acquire(timeout=0)
    except filelock.Timeout:
        yield False
        return
    except OSError as error:
        raise Abort(
            f"desk-run: the ledger's folder {ledger.parent} cannot be written "
            f"({error.strerror or error}); nothing was done"
        ) from None
    try:
        yield True
    finally:
        lock.release()


def desk_steps(loaded) -> list[str]:
    """The rounds this site is set up for: without BOOKING["inbox"] (or SMTP,
    for reminders) the scheduled run only rebuilds, as before."""
    ds = loaded.desk_settings
    steps = ["inbox"] if ds.inbox is not None else []
    return steps + (["remind"] if ds.smtp is not None else [])


def commit_ledger(project: Project, loaded, *, push: bool) -> None:
    """The ledger and the queue of unsent mail, committed with a plain message,
    so the next run (on a fresh machine) starts where this one stopped.
    Never a temporary file (`.*.tmp`: a write that a killed or concurrent
    command has not finished; it holds client names)."""
    paths = desk_paths(project, loaded)
    if not paths:
        return
    root = project.root
    run(["git", "add", "-A", "-f", "--", *paths, ":(exclude,glob)**/.*.tmp"], cwd=root)
    if run(["git", "diff", "--cached", "--quiet"], cwd=root, check=False) == 0:
        return
    run(["git", "commit", "-q", "-m", "Bookings: the desk's scheduled round"], cwd=root)
    if push:
        run(["git", "push", "-q"], cwd=root)


def desk_paths(project: Project, loaded) -> list[str]:
    """The ledger and the outbox queue, as the desk resolves them."""
    from plugins.booking.desk.outgoing import queue_folder

    paths = [loaded.ledger_path, queue_folder(loaded.outbox)]
    root = project.root
    return [str(p.relative_to(root)) for p in paths if p.exists() and p.is_relative_to(root)]
