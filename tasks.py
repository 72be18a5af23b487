"""Tasks for building, previewing, testing and publishing the site.

Run `invoke --list` for the list. Names follow pelican-quickstart's tasks.py
so Pelican's documentation applies; `test`, `lint` and the booking tasks are
ours. `make serve` and `make test` bootstrap the tools and call these.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from contextlib import contextmanager, suppress
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
CONFIG = {
    "settings_base": "pelicanconf.py",
    "settings_publish": "publishconf.py",
    "content": "content",
    "deploy_path": "output",
    "host": "127.0.0.1",
    "port": 8000,
    # Publishing over SSH: set these environment variables (see README,
    # "Publishing"); nothing secret is stored in the repository.
    "ssh_host": os.environ.get("DEPLOY_SSH_HOST", ""),
    "ssh_user": os.environ.get("DEPLOY_SSH_USER", ""),
    "ssh_port": os.environ.get("DEPLOY_SSH_PORT", "22"),
    "ssh_path": os.environ.get("DEPLOY_SSH_PATH", ""),
    "github_pages_branch": "gh-pages",
    "commit_message": "Publish site",
}


def _pelican_cmd(settings: str, output: str, *extra: str) -> str:
    args = [str(BIN / "python"), "-m", "sitetools.build", CONFIG["content"], "-s", settings]
    return shlex.join([*args, "-o", output, *extra])


@contextmanager
def _publishing():
    """Build and upload under one lock: what is uploaded is one whole build."""
    from sitetools.build import OutputLocked, output_locked

    try:
        with output_locked(ROOT / CONFIG["deploy_path"]):
            yield
    except OutputLocked as error:
        raise Exit(f"publish: {error}", code=1) from None


def _safe_build(
    c,
    settings: str,
    *,
    locked: bool = False,
    extra: tuple[str, ...] = (),
    in_process: bool = False,
) -> None:
    """Build into a temporary folder; swap it in only when the build succeeded."""
    from sitetools.build import OutputLocked, build_into

    out = ROOT / CONFIG["deploy_path"]
    args = [CONFIG["content"], "-s", settings, *extra]
    try:
        code = build_into(out, args, hold_lock=not locked, in_process=in_process)
    except OutputLocked as error:
        raise Exit(f"build: {error}", code=1) from None
    if code != 0:
        raise Exit(f"build failed; {out.name}/ was left as it was.", code=1)


@task
def clean(c):
    """Remove generated files: output/ (and a cut-off build's folders beside
    it), Pelican's cache folders (cache/, .cache/) and test-artifacts/."""
    out = ROOT / CONFIG["deploy_path"]
    beside = [out.with_name(out.name + suffix) for suffix in (".building", ".previous")]
    for folder in (out, *beside, ROOT / "cache", ROOT / ".cache", ROOT / "test-artifacts"):
        shutil.rmtree(folder, ignore_errors=True)


@task
def build(c):
    """Build the local version of the site into output/."""
    _safe_build(c, CONFIG["settings_base"])


@task
def rebuild(c):
    """`clean` then `build`."""
    clean(c)
    build(c)


@task
def regenerate(c):
    """Rebuild whenever a file changes."""
    c.run(_pelican_cmd(CONFIG["settings_base"], CONFIG["deploy_path"], "-r"), pty=False)


def _serve_output(port: int) -> None:
    from sitetools.server import make_server

    server = make_server(ROOT / CONFIG["deploy_path"], CONFIG["host"], port)
    print(f"Serving the site at http://{CONFIG['host']}:{port}/ (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


@task
def serve(c, port: int = 0):
    """Serve output/ at http://127.0.0.1:8000/."""
    if not (ROOT / CONFIG["deploy_path"] / "index.html").exists():
        raise Exit("Nothing to serve yet: run `invoke build` first.", code=1)
    _serve_output(port or CONFIG["port"])


def _interrupt(*_args) -> None:
    raise KeyboardInterrupt


EDITOR_SERVER = ROOT / "node_modules/decap-server/dist/middlewares.js"
EDITOR_BUNDLE = ROOT / "node_modules/decap-cms/dist/decap-cms.js"
EDITOR_BACKEND = ROOT / "sitetools/decap_backend.cjs"


def _free_port(host: str, near: int) -> int:
    """A port nobody listens on now, to suggest in place of a taken one:
    the first free one of the ten after `near + 10`, else any."""
    import socket

    for candidate in [*range(near + 10, near + 20), 0]:
        with socket.socket() as probe:
            try:
                probe.bind((host, candidate))
            except OSError:
                continue
            return probe.getsockname()[1]
    raise OSError("no free port")  # bind to port 0 does not fail in practice


def _editor_rules():
    """What the editor's local backend lets through (sitetools/backend_rules.py),
    with the media folders the build's config.yml names."""
    from plugins.editor.decap_config import media_folders, read_config
    from sitetools.backend_rules import Rules

    config = read_config((ROOT / CONFIG["deploy_path"] / "admin/config.yml").read_text("utf-8"))
    return Rules(root=ROOT, content=CONFIG["content"], media_folders=media_folders(config))


@task(
    help={
        "port": "the site's port (default 8000)",
        "backend_port": "the editor's local backend port (default 8081)",
        "open": "open /admin/ in your browser (--no-open: only print its address)",
    }
)
def edit(c, port=0, backend_port=0, open=True):  # the name gives invoke's --no-open
    """Edit the site in your browser: build, start the editor's local backend
    (it saves into this folder's content/ and site.toml only), serve the site
    and open /admin/ (docs/editor.md)."""
    import json
    import secrets
    import shutil
    import signal
    import socket
    import subprocess
    import threading
    import time
    import webbrowser

    node = shutil.which("node")
    if not (node and EDITOR_SERVER.exists() and EDITOR_BUNDLE.exists()):
        raise Exit(
            "edit: the editor is not installed; run `npm ci` in this folder "
            "(it needs Node.js, https://nodejs.org) and try again",
            code=1,
        )
    host = CONFIG["host"]
    port = int(port or CONFIG["port"])
    backend_port = int(backend_port or 8081)
    backend = f"http://{host}:{backend_port}/api/v1"
    # One -e for both: Pelican keeps only the last -e flag. FEED_DOMAIN: the
    # editor's "view live" link and the feeds name the port actually served.
    site = f"http://{host}:{port}"
    extra = ("-e", f"EDITOR_LOCAL_BACKEND={json.dumps(backend)}", f"FEED_DOMAIN={json.dumps(site)}")
    _safe_build(c, CONFIG["settings_base"], extra=extra)
    from sitetools.backend_guard import make_guard
    from sitetools.server import make_server

    # decap-server itself listens on a private port and answers only the
    # guard, which holds the secret; the editor page talks to the guard.
    secret = secrets.token_urlsafe(32)
    with socket.socket() as probe:
        probe.bind((host, 0))
        upstream = probe.getsockname()[1]
    try:
        guard = make_guard(
            _editor_rules(), port=backend_port, site_port=port, upstream=upstream, secret=secret
        )
    except OSError:
        free = _free_port(host, backend_port)
        raise Exit(f"edit: port {backend_port} is in use; try --backend-port={free}", 1) from None
    try:
        server = make_server(ROOT / CONFIG["deploy_path"], host, port)
    except OSError:
        guard.server_close()
        free = _free_port(host, port)
        raise Exit(f"edit: port {port} is in use; try --port={free}", code=1) from None
    env = {
        **os.environ,
        "PORT": str(upstream),
        "GIT_REPO_DIRECTORY": str(ROOT),
        "LOG_LEVEL": "warn",
        "EDITOR_GUARD_SECRET": secret,
    }
    proxy = subprocess.Popen([node, str(EDITOR_BACKEND)], cwd=ROOT, env=env)
    # A stop by the test runner or the system ends the backend too.
    signal.signal(signal.SIGTERM, _interrupt)
    serving = []
    try:
        deadline = time.monotonic() + 20
        while True:
            if proxy.poll() is not None:
                raise Exit("edit: the editor's backend stopped (its message is above)", code=1)
            try:
                socket.create_connection((host, upstream), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise Exit("edit: the editor's backend did not start", code=1) from None
                time.sleep(0.2)
        url = f"http://{host}:{port}/admin/"
        print(f"The editor is at {url} (Ctrl-C stops). What you save there is written")
        print(f"into this folder, and the site at {site}/ is built again.", flush=True)
        # Without a desktop, Python would start a text browser (lynx, w3m)
        # in this terminal and wait for it: only print the address there.
        desktop = sys.platform != "linux" or {"DISPLAY", "WAYLAND_DISPLAY"} & set(os.environ)
        if open and desktop:
            webbrowser.open(url)
        for running in (guard, server):
            threading.Thread(target=running.serve_forever, daemon=True).start()
            serving.append(running)
        with suppress(KeyboardInterrupt):
            _rebuild_on_save(c, extra)
    finally:
        for running in serving:
            running.shutdown()  # waits for serve_forever, so only once started
        guard.server_close()
        server.server_close()
        proxy.terminate()
        try:
            proxy.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proxy.kill()


def _saved_files() -> dict[str, tuple[int, int]]:
    """What the editor writes: the content folder and site.toml, by stamp."""
    stamps = {}
    for path in [ROOT / "site.toml", *(ROOT / CONFIG["content"]).rglob("*")]:
        with suppress(OSError):
            info = path.stat()
            stamps[str(path)] = (info.st_mtime_ns, info.st_size)
    return stamps


def _rebuild_on_save(c, extra: tuple[str, ...], pause: float = 0.5) -> None:
    """Build again (in this process: Pelican stays loaded) once the files
    the editor saves have changed and then stood still for `pause` seconds
    (a save writes a file and its media one after the other)."""
    import time

    seen = _saved_files()
    while True:
        time.sleep(pause)
        now = _saved_files()
        if now == seen:
            continue
        while (later := _saved_files()) != now:
            now = later
            time.sleep(pause)
        seen = now
        with suppress(Exit):  # a failed build has said why; the last good site stays
            _safe_build(c, CONFIG["settings_base"], extra=extra, in_process=True)
            print("The site is up to date with what you saved.", flush=True)


@task
def reserve(c):
    """`build`, then `serve`."""
    build(c)
    serve(c)


def _require_siteurl(task_name: str) -> None:
    """The public build needs the site's address; say so before building."""
    if not os.environ.get("SITEURL", "").startswith(("https://", "http://")):
        raise Exit(
            f"{task_name}: SITEURL is not set: set it to the address of your site, e.g. "
            f"SITEURL=https://coach.example.fr invoke {task_name} (docs/publishing.md)",
            code=1,
        )


@task
def preview(c):
    """Build the production version of the site (needs SITEURL)."""
    _require_siteurl("preview")
    _safe_build(c, CONFIG["settings_publish"])


@task
def livereload(c):
    """Build, serve, and rebuild + reload the browser when a file changes."""
    from livereload import Server

    build(c)

    def again() -> None:
        # In this process: Pelican and the plugins stay loaded between edits.
        # A failed build only prints; the last good site stays served.
        with suppress(Exit):
            _safe_build(c, CONFIG["settings_base"], in_process=True)

    def again_with_new_code() -> None:
        # Changed plugin code is only loaded by a fresh process.
        with suppress(Exit):
            build(c)

    server = Server()
    for pattern in ("pelicanconf.py", "site.toml", "content/**/*", "theme/**/*"):
        server.watch(pattern, again)
    server.watch("plugins/**/*.py", again_with_new_code)
    server.serve(host=CONFIG["host"], port=CONFIG["port"], root=CONFIG["deploy_path"])


@task
def publish(c):
    """Build the production site and rsync it to DEPLOY_SSH_HOST:DEPLOY_SSH_PATH."""
    if not (CONFIG["ssh_host"] and CONFIG["ssh_path"]):
        raise Exit(
            "publish: set DEPLOY_SSH_HOST and DEPLOY_SSH_PATH (and optionally "
            "DEPLOY_SSH_USER, DEPLOY_SSH_PORT) first; see README, Publishing.",
            code=1,
        )
    if not shutil.which("rsync"):
        raise Exit("publish: rsync is not installed.", code=1)
    _require_siteurl("publish")
    with _publishing():
        _safe_build(c, CONFIG["settings_publish"], locked=True)  # only a good build is uploaded
        _upload_by_rsync(c)


def _upload_by_rsync(c) -> None:
    target = CONFIG["ssh_host"]
    if CONFIG["ssh_user"]:
        target = f"{CONFIG['ssh_user']}@{target}"
    # --delay-updates: new files go into place together at the end, so no
    # visitor gets a new page whose new stylesheet is not uploaded yet;
    # --delete-after: old files go last, so a page loaded just before the
    # upload can still fetch its (old, fingerprinted) stylesheet.
    c.run(
        shlex.join(
            [
                "rsync",
                "-e",
                f"ssh -p {CONFIG['ssh_port']}",
                "-P",
                "-rvzc",
                "--delay-updates",
                "--delete-after",
                f"{CONFIG['deploy_path']}/",
                f"{target}:{CONFIG['ssh_path'].rstrip('/')}/",
            ]
        )
    )


@task
def gh_pages(c):
    """Build the production site and push it to the gh-pages branch of DEPLOY_REMOTE."""
    remote = _deploy_remote()
    _require_siteurl("gh-pages")
    with _publishing():
        _safe_build(c, CONFIG["settings_publish"], locked=True)
        _push_to_gh_pages(c, remote)


def _deploy_remote() -> str:
    """Where gh-pages pushes: a remote the coach names (DEPLOY_REMOTE), never
    this project's `origin` by default: in a clone, origin is the project
    she copied, not her site."""
    remote = os.environ.get("DEPLOY_REMOTE", "").strip()
    if not remote:
        raise Exit(
            "gh-pages: DEPLOY_REMOTE is not set: create your own repository on GitHub, "
            "then e.g. DEPLOY_REMOTE=git@github.com:you/your-site.git invoke gh-pages "
            "(docs/publishing.md)",
            code=1,
        )
    if remote == "origin":
        raise Exit(
            "gh-pages: DEPLOY_REMOTE=origin is where this project was cloned from, not your "
            "site; set DEPLOY_REMOTE to your own repository's address (docs/publishing.md)",
            code=1,
        )
    return remote


def _push_to_gh_pages(c, remote: str) -> None:
    c.run(
        shlex.join(
            [
                str(BIN / "ghp-import"),
                "-b",
                CONFIG["github_pages_branch"],
                "-r",
                remote,
                "-m",
                CONFIG["commit_message"],
                "--no-jekyll",
                CONFIG["deploy_path"],
                "-p",
            ]
        )
    )


@task
def lint(c):
    """ruff check + ruff format --check."""
    c.run(f"{BIN / 'ruff'} check .", pty=False)
    c.run(f"{BIN / 'ruff'} format --check .", pty=False)


@task
def test(c, k="", x=False):
    """Lint, then run the whole test suite (pytest)."""
    lint(c)
    # -n auto: spread over the cores; loadfile keeps each file on one worker,
    # in order, as its module-scoped servers and fixtures expect.
    args = [str(BIN / "pytest"), "-n", "auto", "--dist", "loadfile"]
    if k:
        args += ["-k", k]
    if x:
        args.append("-x")
    c.run(shlex.join(args), pty=False)


@task
def bench(c, sizes="30,100,1000", runs=3, real_clock=True, folder="", booking=True):
    """Speed: our build vs plain Pelican (bench/build.py), the slot engine vs
    its floor (bench/booking.py), and every ratio in one table."""
    c.run(
        shlex.join(
            [str(BIN / "python"), "bench/build.py", "--sizes", sizes, "--runs", str(runs)]
            + (["--real-clock"] if real_clock else [])
            + (["--folder", folder] if folder else [])
            + (["--booking"] if booking else [])
        )
    )


@task
def bench_booking(c, events="2000,20000", runs=5):
    """Booking engine benchmark (bench/booking.py): engine / floor per busy-calendar size."""
    c.run(
        shlex.join(
            [str(BIN / "python"), "bench/booking.py", "--events", events, "--runs", str(runs)]
        )
    )


@task
def audit(c, port=8000):
    """Lighthouse (mobile) on four pages of a fresh build (bench/audit.py)."""
    build(c)
    c.run(shlex.join([str(BIN / "python"), "bench/audit.py", "--port", str(port)]))


# --- the booking desk (docs/desk.md) ------------------------------------------


def _desk(c, settings: str, *args: str) -> None:
    """Run `python -m plugins.booking.desk` from the project folder, where the
    ledger and outbox paths start; its one-line error is the whole message."""
    command = [str(BIN / "python"), "-m", "plugins.booking.desk"]
    command += ["--settings", settings or CONFIG["settings_base"], *args]
    with c.cd(str(ROOT)):
        result = c.run(shlex.join(command), warn=True, pty=False)
    if not result.ok:
        raise Exit(code=result.exited or 1)


@task(
    help={
        "slot": "slot id from the request, e.g. discovery-20261124T140000Z",
        "name": "the client's name",
        "email": "the client's email address",
        "note": "a line for the client, e.g. the video link",
        "lang": "the client's language for this booking's emails, e.g. fr (default: the site's)",
        "settings": "settings file (default pelicanconf.py)",
    }
)
def confirm(c, slot, name, email, note="", lang="", settings=""):
    """Confirm a requested time: ledger, invitation + .eml in outbox/, optional SMTP/CalDAV."""
    args = ["confirm", "--slot", slot, "--name", name, "--email", email, "--note", note]
    _desk(c, settings, *args, "--lang", lang)


@task(help={"slot": "the booked slot id", "reason": "a line for the client"})
def cancel(c, slot, reason="", settings=""):
    """Cancel a booking (METHOD:CANCEL invitation); the time is offered again on the next build."""
    _desk(c, settings, "cancel", "--slot", slot, "--reason", reason)


@task(help={"slot": "the booked slot id", "to": "the new slot id"})
def reschedule(c, slot, to, settings=""):
    """Move a booking to another time for the same client (cancel + confirm, one step)."""
    _desk(c, settings, "reschedule", "--slot", slot, "--to", to)


@task(name="bookings", help={"all": "include past and cancelled bookings"})
def list_bookings(c, all=False, settings=""):
    """List upcoming bookings in your time zone."""
    _desk(c, settings, "bookings", *(["--all"] if all else []))


@task(name="sync-calendar")
def sync_calendar(c, settings=""):
    """Bring your CalDAV calendar (BOOKING["caldav"]) in line with the ledger."""
    _desk(c, settings, "sync-calendar")


@task(help={"watch": "stay connected and handle each email as it arrives (IMAP IDLE)"})
def inbox(c, watch=False, settings=""):
    """Handle the booking emails in BOOKING["inbox"]: requests, your yes/no, clients' changes."""
    _desk(c, settings, "inbox", *(["--watch"] if watch else []))


@task
def remind(c, settings=""):
    """Send the reminders that are due (BOOKING["reminder_hours"], default 24 h and 1 h before)."""
    _desk(c, settings, "remind")


@task(
    name="desk-run",
    help={
        "publish": "after building: publish (rsync), gh-pages, or nothing (the workflow deploys)",
        "commit": "commit the ledger and unsent mail back to this (private) repository",
        "push": "push that commit (implies --commit)",
    },
)
def desk_run(c, publish="", commit=False, push=False, settings=""):
    """One scheduled round: inbox, reminders, commit the ledger, build, publish (docs/desk.md)."""
    if publish not in {"", "publish", "gh-pages"}:
        raise Exit(f'desk-run: --publish must be "publish" or "gh-pages", not {publish!r}', code=1)
    _require_siteurl("desk-run")
    desk = _desk_config(settings)
    with _one_desk_run(desk.ledger_path) as alone:
        if not alone:
            # Not a failure: the round that is running does this one's work,
            # and mail that arrives meanwhile waits for the next round.
            print("desk-run: another desk run is in progress; this one stops here.")
            return
        _desk_round(c, desk, publish, commit or push, push, settings)


def _desk_round(c, desk, publish: str, commit: bool, push: bool, settings: str) -> None:
    failed = []
    for step in _desk_steps(desk):
        try:
            _desk(c, settings, step)
        except Exit:
            # Nothing is lost: the failed step left no half-done work, and the
            # next run retries it. The site is still rebuilt with what is recorded.
            failed.append(step)
    if commit:
        _commit_ledger(c, desk, push=push)
    preview(c)
    if publish == "publish":
        _upload_by_rsync(c)
    elif publish == "gh-pages":
        _push_to_gh_pages(c, _deploy_remote())
    if failed:
        raise Exit(
            f"desk-run: {' and '.join(failed)} failed (see above); the next run retries", code=1
        )


def _desk_config(settings: str):
    """The desk as `python -m plugins.booking.desk` sees it (one line if the settings are wrong)."""
    from plugins.booking.desk.cli import load_desk
    from plugins.common.config import SiteError

    try:
        return load_desk(settings or CONFIG["settings_base"])
    except SiteError as error:
        raise Exit(f"desk-run: {error}", code=1) from None


@contextmanager
def _one_desk_run(ledger: Path):
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
        raise Exit(
            f"desk-run: the ledger's folder {ledger.parent} cannot be written "
            f"({error.strerror or error}); nothing was done",
            code=1,
        ) from None
    try:
        yield True
    finally:
        lock.release()


def _desk_steps(desk) -> list[str]:
    """The rounds this site is set up for: without BOOKING["inbox"] (or SMTP,
    for reminders) the scheduled run only rebuilds, as before."""
    ds = desk.desk_settings
    steps = ["inbox"] if ds.inbox is not None else []
    return steps + (["remind"] if ds.smtp is not None else [])


def _commit_ledger(c, desk, *, push: bool) -> None:
    """The ledger and the queue of unsent mail, committed with a plain message,
    so the next run (on a fresh machine) starts where this one stopped.
    Never a temporary file (`.*.tmp`: a write that a killed or concurrent
    command has not finished; it holds client names)."""
    paths = _desk_paths(desk)
    if not paths:
        return
    with c.cd(str(ROOT)):
        c.run(
            shlex.join(["git", "add", "-A", "-f", "--", *paths, ":(exclude,glob)**/.*.tmp"]),
            pty=False,
        )
        if c.run("git diff --cached --quiet", warn=True, pty=False).ok:
            return
        c.run(
            shlex.join(["git", "commit", "-q", "-m", "Bookings: the desk's scheduled round"]),
            pty=False,
        )
        if push:
            c.run("git push -q", pty=False)


def _desk_paths(desk) -> list[str]:
    """The ledger and the outbox queue, as the desk resolves them."""
    from plugins.booking.desk.outgoing import queue_folder

    paths = [desk.ledger_path, queue_folder(desk.outbox)]
    return [str(p.relative_to(ROOT)) for p in paths if p.exists() and p.is_relative_to(ROOT)]


TRANSLATIONS = ROOT / "theme/translations"


@task(help={"new": "start a catalog for another language, e.g. --new=sv"})
def translations(c, new=""):
    """Extract our words into messages.pot and update every catalog (docs/translating.md)."""
    pybabel = shlex.quote(str(BIN / "pybabel"))
    folder = shlex.quote(str(TRANSLATIONS))
    with c.cd(str(ROOT)):
        c.run(
            f"{pybabel} extract -F {folder}/babel.cfg -k N_ --no-location --sort-output "
            f'--project="Coaching site" --copyright-holder="The coaching site authors" '
            f"-o {folder}/messages.pot .",
            hide="out",
        )
        if new:
            c.run(f"{pybabel} init -i {folder}/messages.pot -d {folder} -l {shlex.quote(new)}")
        c.run(
            f"{pybabel} update -i {folder}/messages.pot -d {folder} "
            "--no-fuzzy-matching --ignore-obsolete"
        )
        # A compile is the check: it fails on a broken catalog and reports
        # how much of each is translated (the build compiles in memory).
        c.run(f"{pybabel} compile -d {folder} --statistics -o /dev/null", warn=True)


INIT_QUESTIONS = [
    ("name", "Your name, as it should appear on every page", ""),
    ("credentials", "Credentials (optional)", ""),
    ("email", "The email address clients write to", ""),
    ("city", "Your city", ""),
    ("country", "Your country", ""),
    ("timezone", "Your time zone (a city like Paris works)", ""),
    ("language", "The site's language: en, fr, de, es, pt_BR, nl or it", "en"),
    ("tagline", "One line under your name on the home page", ""),
    ("hours", 'When you are free, e.g. "tue wed 9-12:30 14-18"', ""),
    ("session_title", "The free session's title", "Discovery session"),
    ("session_minutes", "Its length in minutes", "30"),
    ("notice_hours", "Hours of notice you need", "24"),
    ("horizon_days", "How many days ahead clients may book", "28"),
    ("remove_samples", "Remove the sample articles, episodes and media? (yes/no)", "yes"),
]


@task(help={"answers": "a TOML file of answers (see sitetools/init_site.py); no questions asked"})
def init(c, answers=""):
    """Make the site yours: your name, hours and session; removes the sample practice."""
    import tomllib

    from plugins.common.language import catalog_folder
    from sitetools.init_site import InitError, apply, read_answers

    if answers:
        try:
            data = tomllib.loads(Path(answers).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise Exit(f"init: {answers}: {error}", code=1) from None
    else:
        data = {}
        print("A few questions; press Enter to keep the value in [brackets].")
        for key, question, default in INIT_QUESTIONS:
            reply = input(f"{question}{f' [{default}]' if default else ''}: ").strip() or default
            if reply:
                data[key] = reply
        for key in ("session_minutes", "notice_hours", "horizon_days"):
            if key in data:
                data[key] = int(data[key]) if str(data[key]).isdigit() else data[key]
        data["remove_samples"] = str(data.get("remove_samples", "yes")).lower() in {"yes", "y"}
    try:
        apply(ROOT, read_answers(data, catalog_folder(ROOT / "theme")))
    except InitError as error:
        raise Exit(f"init: {error}", code=1) from None
    print("Done. Next: `make serve` to see your site; write articles in content/articles/.")


@task
def check(c):
    """Check your own site (content/ with pelicanconf.py): links, images, HTML,
    accessibility, calendar files, podcast feed; a plain report."""
    with c.cd(str(ROOT)):
        result = c.run(shlex.join([str(BIN / "python"), "-m", "sitetools.check"]), warn=True)
    if not result.ok:
        raise Exit(code=1)
