"""Serving output/ locally: serve, reserve (build then serve), livereload."""

from __future__ import annotations

from contextlib import suppress

from sitetools.commands.abort import Abort
from sitetools.commands.build import build, safe_build
from sitetools.commands.project import Project


def serve_output(project: Project, port: int) -> None:
    from sitetools.server import make_server

    server = make_server(project.output, project.host, port)
    print(f"Serving the site at http://{project.host}:{port}/ (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


def serve(project: Project, port: int = 0) -> None:
    if not (project.output / "index.html").exists():
        raise Abort("Nothing to serve yet: run `invoke build` first.")
    serve_output(project, port or project.port)


def reserve(project: Project) -> None:
    build(project)
    serve(project)


def livereload(project: Project) -> None:
    """Build, serve, and rebuild + reload the browser when a file changes."""
    from livereload import Server

    build(project)

    def again() -> None:
        # In this process: Pelican and the plugins stay loaded between edits.
        # A failed build only prints; the last good site stays served.
        with suppress(Abort):
            safe_build(project, project.settings_base, in_process=True)

    def again_with_new_code() -> None:
        # Changed plugin code is only loaded by a fresh process.
        with suppress(Abort):
            build(project)

    server = Server()
    server.SFH = this_computer_only(project.port)
    for pattern in ("pelicanconf.py", "site.toml", "content/**/*", "theme/**/*"):
        server.watch(pattern, again)
    server.watch("plugins/**/*.py", again_with_new_code)
    server.serve(host=project.host, port=project.port, root=project.deploy_path)


def this_computer_only(port: int):
    """livereload's file handler, answering 403 unless the request is
    addressed to this computer by name at `port` (as `serve` does): a page
    that points its own domain at 127.0.0.1 (DNS rebinding) cannot read the
    preview, drafts included."""
    from livereload.handlers import StaticFileHandler
    from tornado.web import HTTPError

    from sitetools.server import is_local_host

    class ThisComputerOnly(StaticFileHandler):
        def prepare(self):
            if not is_local_host(self.request.headers.get("Host"), port):
                raise HTTPError(403)
            return super().prepare()

    return ThisComputerOnly
