"""`pelican`, but strict and quiet about it: `python -m sitetools.build ARGS`.

Takes the same arguments as the `pelican` command. Differences:

* Any warning or error fails the build (exit 1), like `--fatal warnings`, but
  the build runs to the end so every problem is reported, each on one line
  naming the file or setting. (`--fatal` raises at the first warning and prints
  a Python traceback, which tells a coach nothing.)
* Tracebacks are shown only with `--debug`; log lines are plain, one per
  message (pass `--log-handler rich` for Pelican's columns).

`invoke build` then swaps the finished output into place only on success,
one build (or publish) at a time: see `output_locked`.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

# A build of tens of articles takes seconds; one that has held the lock for
# ten minutes is stuck, and the next scheduled run says so instead of waiting.
LOCK_TIMEOUT_SECONDS = 600


class OutputLocked(Exception):
    """The output folder cannot be taken for a build or publish: another one
    is still running, or its lock cannot be made (a read-only or full disk)."""


class ProblemCounter:
    """A log-record factory that counts warnings/errors and flattens them."""

    def __init__(self, keep_tracebacks: bool) -> None:
        self.problems = 0
        self._keep = keep_tracebacks
        self._factory = logging.getLogRecordFactory()

    def __call__(self, *args, **kwargs) -> logging.LogRecord:
        record = self._factory(*args, **kwargs)
        if record.levelno >= logging.WARNING:
            self.problems += 1
            if not self._keep:
                message = record.getMessage()
                # Pelican logs "Could not process X" from inside an except
                # block without the reason; the reason is what a coach needs.
                active = sys.exc_info()[1]
                if active is not None and str(active) not in message:
                    message = f"{message}: {active}"
                record.exc_info = None
                record.msg = " ".join(message.split())
                record.args = ()
        return record


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Pelican's default "rich" log handler wraps long messages at the
    # terminal's (or an inherited COLUMNS) width; a problem must stay on one
    # line so it can be read and grepped.
    if not any(arg.startswith("--log-handler") for arg in argv):
        argv = ["--log-handler", "plain", *argv]
    root = logging.getLogger()
    # Put back as found: `invoke livereload` builds again and again in one process.
    handlers, level, factory = list(root.handlers), root.level, logging.getLogRecordFactory()
    if "plain" in argv:
        # Pelican's "plain" installs no handler at all, so only Python's
        # last-resort handler prints, and only warnings: `--verbose` showed
        # nothing. One message per line, as that handler writes them.
        # Pelican then skips basicConfig, which also set the level plugins
        # log at; set it the way --verbose/--debug would have.
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        root.addHandler(handler)
        root.setLevel(
            logging.DEBUG
            if {"-D", "--debug"} & set(argv)
            else logging.INFO
            if {"-v", "--verbose"} & set(argv)
            else logging.WARNING
        )
    from pelican import main as pelican_main

    counter = ProblemCounter(keep_tracebacks="--debug" in argv or "-D" in argv)
    logging.setLogRecordFactory(counter)
    try:
        pelican_main(argv)
        code = 0
    except SystemExit as exc:
        if isinstance(exc.code, str):
            # A settings file that stops with a message (publishconf.py
            # without SITEURL): the message is the one thing to show.
            print(exc.code, file=sys.stderr)
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        logging.setLogRecordFactory(factory)
        root.handlers[:] = handlers
        root.setLevel(level)
        _forget_pelicans_memos()
    if code == 0 and counter.problems:
        print(f"Build failed: {counter.problems} warning(s) or error(s) above.", file=sys.stderr)
        code = 1
    return code


def _forget_pelicans_memos() -> None:
    """Pelican keeps every page's HTML and summary in caches that belong to
    its Content class, keyed by the page itself: in a process that builds
    again and again (livereload, `invoke edit`) each build's whole site
    would stay in memory (measured: 5 MB more per build of 100 articles).
    The build is over: nothing asks for them again."""
    from pelican.contents import Content

    for name in ("get_content", "get_summary"):
        cache = getattr(Content.__dict__.get(name), "cache", None)
        if isinstance(cache, dict):
            cache.clear()


@contextmanager
def output_locked(output: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Hold `<output>.lock` (flock, across processes): two builds started at
    once (an hourly cron run that overlaps a slow one) run one after the
    other, and a publish uploads a folder no build is swapping. Waits at
    most `timeout` seconds, then raises OutputLocked (at once when the lock
    file cannot be made: a read-only or full disk)."""
    import filelock  # here, not at the top: a build (main) never takes the lock

    output = output.resolve()
    lock = filelock.FileLock(str(output.with_name(output.name + ".lock")))
    try:
        lock.acquire(timeout=0)
    except filelock.Timeout:
        print(f"Waiting for another build of {output.name}/ to finish…", file=sys.stderr)
        try:
            lock.acquire(timeout=timeout)
        except filelock.Timeout:
            raise OutputLocked(
                f"another build or publish of {output.name}/ has run for more than "
                f"{timeout:g} s; nothing was changed (if none is running, delete "
                f"{output.name}.lock)"
            ) from None
    except OSError as error:  # a read-only or full disk (after Timeout: it is an OSError too)
        raise OutputLocked(
            f"the folder {output.parent} cannot be written ({error.strerror or error}): "
            f"{output.name}.lock cannot be made there; nothing was changed"
        ) from None
    try:
        yield
    finally:
        lock.release()


def build_into(
    output: Path,
    args: list[str],
    env: dict[str, str] | None = None,
    *,
    hold_lock: bool = True,
    in_process: bool = False,
) -> int:
    """Build into a sibling temporary folder; replace `output` only on success.

    A failed build (bad article, unreachable busy calendar) leaves the last
    good site byte-for-byte as it was, so a scheduled rebuild can never
    publish a half-written or possibly wrong site. `hold_lock=False`: the
    caller already holds output_locked(output) (publishing does, around the
    build and the upload). `in_process=True` builds in this process (`env`
    unused): Pelican, the plugins and the libraries are loaded once, which
    is what `invoke livereload` waits for on every edit (about half of a
    small site's build is loading them).
    """
    if hold_lock:
        with output_locked(output):
            return build_into(output, args, env, hold_lock=False, in_process=in_process)
    output = output.resolve()
    building = output.with_name(output.name + ".building")
    previous = output.with_name(output.name + ".previous")
    if previous.is_dir() and not output.exists():
        # A swap was cut off between its two renames (power loss, kill -9):
        # the last good site is `previous`; put it back, never delete it.
        previous.rename(output)
    shutil.rmtree(building, ignore_errors=True)
    for left in output.parent.iterdir():  # see _clear_up_later
        if left.name.startswith(f"{previous.name}-") and left.is_dir():
            shutil.rmtree(left, ignore_errors=True)
    if in_process:
        collecting = gc.isenabled()
        gc.disable()  # see __main__ below; collected after the build, in the background
        try:
            code = main([*args, "-o", str(building)])
        finally:
            if collecting:
                gc.enable()
    else:
        cmd = [sys.executable, "-m", "sitetools.build", *args, "-o", str(building)]
        code = subprocess.run(cmd, env=env, check=False).returncode
    if code != 0:
        shutil.rmtree(building, ignore_errors=True)
        if in_process:
            _clear_up_later(None)
        return code
    try:
        shutil.rmtree(previous, ignore_errors=True)
        if output.exists():
            output.rename(previous)
        building.rename(output)
    except OSError as error:
        # A read-only or busy folder: put the last good site back, drop the new one.
        if previous.is_dir() and not output.exists():
            previous.rename(output)
        shutil.rmtree(building, ignore_errors=True)
        print(
            f"The new site could not replace {output.name}/ ({error.strerror or error}); "
            f"{output.name}/ was left as it was.",
            file=sys.stderr,
        )
        return 1
    if in_process:
        _clear_up_later(previous)
    else:
        shutil.rmtree(previous, ignore_errors=True)
    return 0


def _clear_up_later(previous: Path | None) -> None:
    """After an in-process build, while the browser already reloads the new
    site (a long-running process, livereload or `invoke edit`, has the
    time): the last site is removed, under a name of its own so the next
    build never meets it half removed (one left by a process that was
    killed is removed by the next build), and the build's garbage that only
    the cyclic collector frees is collected."""
    trash = None
    if previous is not None:
        trash = previous.with_name(f"{previous.name}-{os.getpid()}-{time.monotonic_ns()}")
        try:
            previous.rename(trash)
        except OSError:
            shutil.rmtree(previous, ignore_errors=True)
            trash = None

    def clear_up() -> None:
        if trash is not None:
            shutil.rmtree(trash, ignore_errors=True)
        gc.collect()

    threading.Thread(target=clear_up, name="clear-up-after-build").start()


def exit_without_teardown(code: int) -> None:
    """End the process without freeing, one by one, every page, article and
    template the build made: that teardown is a tenth of a second on a small
    site (measured: 0.1-0.2 s of a 1 s build of 30 articles) and buys nothing,
    as the operating system takes the memory back at once.

    Only when nothing else runs (no thread but daemons, which a normal exit
    stops unfinished too, no child process, no profiler or coverage tracer
    waiting to write its report at exit); the
    handlers registered to run at exit (logging's flush among them) and the
    standard streams run and flush first. Otherwise a normal exit."""
    import atexit

    multiprocessing = sys.modules.get("multiprocessing")
    others = [t for t in threading.enumerate() if t is not threading.main_thread()]
    busy = (
        any(not t.daemon for t in others)
        or (multiprocessing is not None and multiprocessing.active_children())
        or sys.getprofile() is not None
        or sys.gettrace() is not None
    )
    run_handlers = getattr(atexit, "_run_exitfuncs", None)
    if busy or run_handlers is None:
        sys.exit(code)
    run_handlers()
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    # No cyclic garbage collection in a build process: a build makes tens of
    # thousands of objects that live to its end, and each of the collector's
    # rounds walks them all again (measured: 0.05 s of a 0.55 s build of 30
    # articles). Reference counting still frees nearly everything; what only
    # the collector would free is the operating system's at exit (measured:
    # a peak of 140 MB instead of 109 MB at 1,000 articles).
    gc.disable()
    exit_without_teardown(main())
