"""The local web server behind `invoke serve` (and the browser tests).

Like a static host: `/path/` serves `/path/index.html`, unknown paths get the
site's 404 page with status 404, `.ics` files are served as calendars.
It answers only requests addressed to this computer by name
(`Host: 127.0.0.1:PORT` or `localhost:PORT`), 403 otherwise: a web page
that points its own domain at 127.0.0.1 (DNS rebinding) cannot read the
preview, which includes the editor's config.
Pelican's own preview server answers a missing file by closing the connection
without a response, which browsers report as a network error, not a 404.
"""

from __future__ import annotations

import os
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

MIME_TYPES = {
    ".ics": "text/calendar; charset=utf-8",
    ".xml": "application/xml",
    ".json": "application/json",
    ".js": "text/javascript",
    ".svg": "image/svg+xml",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".vtt": "text/vtt; charset=utf-8",
    ".yml": "text/yaml; charset=utf-8",  # the editor's config.yml
}


def is_local_host(host: str | None, port: int) -> bool:
    """`host` (a Host header) names this computer at `port`, as a browser
    writes it for http://127.0.0.1:PORT/ or http://localhost:PORT/."""
    return host is not None and host.lower() in (f"127.0.0.1:{port}", f"localhost:{port}")


class SiteHandler(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **SimpleHTTPRequestHandler.extensions_map,
        **MIME_TYPES,
    }

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        if not is_local_host(self.headers.get("Host"), self.server.server_address[1]):
            self.send_error(403, "Host not allowed")
            return False
        return True

    def send_head(self):
        # `invoke edit` and `livereload` swap a rebuilt site in with two
        # renames; a request that falls between them waits for the new one
        # instead of getting a 404.
        for _ in range(50):
            if os.path.isdir(self.directory):
                break
            time.sleep(0.01)
        return super().send_head()

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory, "404.html")
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # quiet: tests and previews stay readable
        pass


class SiteServer(ThreadingHTTPServer):
    # The default backlog of 5 drops connections when a link checker or a
    # browser opens many at once.
    request_queue_size = 128
    daemon_threads = True


def make_server(root: Path, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    handler = partial(SiteHandler, directory=str(root))
    return SiteServer((host, port), handler)


def serve_in_thread(root: Path) -> tuple[ThreadingHTTPServer, str]:
    """Start a server on a free port; returns it and its base URL."""
    server = make_server(root)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"http://{host}:{port}"
