"""`invoke edit`: build, start the editor's local backend behind its guard,
serve the site, and build again whenever the editor saves."""

from __future__ import annotations

import os
import sys
from contextlib import suppress

from sitetools.commands.abort import Abort
from sitetools.commands.build import safe_build
from sitetools.commands.project import Project

EDITOR_SERVER = "node_modules/decap-server/dist/middlewares.js"
EDITOR_BUNDLE = "node_modules/decap-cms/dist/decap-cms.js"
EDITOR_BACKEND = "sitetools/decap_backend.cjs"


def _interrupt(*_args) -> None:
    raise KeyboardInterrupt


def free_port(host: str, near: int) -> int:
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


def editor_rules(project: Project):
    """What the editor's local backend lets through (sitetools/backend_rules.py),
    with the media folders the build's config.yml names."""
    from plugins.editor.decap_config import media_folders, read_config
    from sitetools.backend_rules import Rules

    config = read_config((project.output / "admin/config.yml").read_text("utf-8"))
    return Rules(root=project.root, content=project.content, media_folders=media_folders(config))


def start_home_translations(project: Project) -> list[str]:
    """The editor's form for each language's home page needs its file: an
    empty translation of content/pages/home.md for each of site.toml's
    extra languages that has none yet (what is there is left alone)."""
    from plugins.common.errors import SiteError
    from plugins.config import load
    from plugins.editor.fields import home_file, home_translation

    pages = project.root / project.content / "pages"
    try:
        languages = load(project.root / "site.toml").site.extra_languages
    except (SiteError, OSError):
        return []  # the build names what is wrong
    started = []
    for code in languages:
        path = pages / home_file(code)
        if (pages / home_file()).exists() and not path.exists():
            path.write_text(home_translation(code), encoding="utf-8")
            started.append(path.name)
    return started


def edit(project: Project, port: int = 0, backend_port: int = 0, open: bool = True) -> None:
    """Build, start the editor's local backend (it saves into the project's
    content/ and site.toml only), serve the site and open /admin/."""
    import json
    import secrets
    import shutil
    import signal
    import socket
    import subprocess
    import threading
    import time
    import webbrowser

    root = project.root
    node = shutil.which("node")
    if not (node and (root / EDITOR_SERVER).exists() and (root / EDITOR_BUNDLE).exists()):
        raise Abort(
            "edit: the editor is not installed; run `npm ci` in this folder "
            "(it needs Node.js, https://nodejs.org) and try again"
        )
    host = project.host
    port = int(port or project.port)
    backend_port = int(backend_port or 8081)
    backend = f"http://{host}:{backend_port}/api/v1"
    # One -e for both: Pelican keeps only the last -e flag. FEED_DOMAIN: the
    # editor's "view live" link and the feeds name the port actually served.
    site = f"http://{host}:{port}"
    extra = ("-e", f"EDITOR_LOCAL_BACKEND={json.dumps(backend)}", f"FEED_DOMAIN={json.dumps(site)}")
    start_home_translations(project)
    safe_build(project, project.settings_base, extra=extra)
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
            editor_rules(project),
            port=backend_port,
            site_port=port,
            upstream=upstream,
            secret=secret,
        )
    except OSError:
        free = free_port(host, backend_port)
        raise Abort(f"edit: port {backend_port} is in use; try --backend-port={free}") from None
    try:
        server = make_server(project.output, host, port)
    except OSError:
        guard.server_close()
        free = free_port(host, port)
        raise Abort(f"edit: port {port} is in use; try --port={free}") from None
    env = {
        **os.environ,
        "PORT": str(upstream),
        "GIT_REPO_DIRECTORY": str(root),
        "LOG_LEVEL": "warn",
        "EDITOR_GUARD_SECRET": secret,
        "EDITOR_PARENT_PID": str(os.getpid()),  # it leaves when this process is gone
    }
    proxy = subprocess.Popen([node, str(root / EDITOR_BACKEND)], cwd=root, env=env)
    # A stop by the test runner or the system ends the backend too.
    signal.signal(signal.SIGTERM, _interrupt)
    serving = []
    try:
        deadline = time.monotonic() + 20
        while True:
            if proxy.poll() is not None:
                raise Abort("edit: the editor's backend stopped (its message is above)")
            try:
                socket.create_connection((host, upstream), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise Abort("edit: the editor's backend did not start") from None
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
            rebuild_on_save(project, extra)
    finally:
        proxy.terminate()  # first: nothing below may keep it running
        for running in serving:
            running.shutdown()  # waits for serve_forever, so only once started
        guard.server_close()
        server.server_close()
        try:
            proxy.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proxy.kill()


def saved_files(project: Project) -> dict[str, tuple[int, int]]:
    """What the editor writes: the content folder and site.toml, by stamp."""
    stamps = {}
    for path in [project.root / "site.toml", *(project.root / project.content).rglob("*")]:
        with suppress(OSError):
            info = path.stat()
            stamps[str(path)] = (info.st_mtime_ns, info.st_size)
    return stamps


def rebuild_on_save(project: Project, extra: tuple[str, ...], pause: float = 0.5) -> None:
    """Build again (in this process: Pelican stays loaded) once the files
    the editor saves have changed and then stood still for `pause` seconds
    (a save writes a file and its media one after the other)."""
    import time

    seen = saved_files(project)
    while True:
        time.sleep(pause)
        now = saved_files(project)
        if now == seen:
            continue
        while (later := saved_files(project)) != now:
            now = later
            time.sleep(pause)
        seen = now
        with suppress(Abort):  # a failed build has said why; the last good site stays
            safe_build(project, project.settings_base, extra=extra, in_process=True)
            print("The site is up to date with what you saved.", flush=True)
