"""Speed and quality measurements (bench/): run by invoke, never by pytest."""

from __future__ import annotations

from sitetools.commands.abort import Abort
from sitetools.commands.build import build
from sitetools.commands.project import Project
from sitetools.commands.shell import run


def bench(
    project: Project,
    sizes: str,
    runs: int,
    real_clock: bool,
    folder: str,
    booking: bool,
    large: bool = False,
    program: bool = True,
) -> None:
    """Our build vs plain Pelican, cold and warm (bench/build.py), with the
    slot engine (bench/booking.py); `large` adds 1,000 articles; `program`
    a coaching program of 1 to 50 coaches (bench/program.py)."""
    # Every benchmark runs even when one misses a target; the first miss's
    # status ends the command.
    status = run(
        [project.tool("python"), "bench/build.py", "--sizes", sizes, "--runs", str(runs)]
        + (["--real-clock"] if real_clock else [])
        + (["--folder", folder] if folder else [])
        + (["--booking"] if booking else [])
        + (["--large"] if large else []),
        check=False,
    )
    if program:
        run(
            [project.tool("python"), "bench/program.py", "--runs", str(runs)]
            + (["--folder", folder] if folder else []),
            check=not status,
        )
    if status:
        raise Abort(None, status)


def bench_booking(project: Project, events: str, runs: int) -> None:
    """The booking engine per busy-calendar size (bench/booking.py)."""
    run([project.tool("python"), "bench/booking.py", "--events", events, "--runs", str(runs)])


def audit(project: Project, port: int) -> None:
    """Lighthouse (mobile) on four pages of a fresh build (bench/audit.py)."""
    build(project)
    run([project.tool("python"), "bench/audit.py", "--port", str(port)])
