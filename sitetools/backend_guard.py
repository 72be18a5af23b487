"""The browser editor's local backend as the editor page reaches it
(`invoke edit`): a guard on 127.0.0.1 in front of decap-server, which runs
on a private port and answers only the guard (sitetools/decap_backend.cjs).

The guard answers 403 unless the request is addressed to this computer by
name (`Host: 127.0.0.1:PORT` or `localhost:PORT`: DNS rebinding) and comes
from the editor page itself (`Origin`, when present, is the site server's
own address); it takes only `POST /api/v1` (and its CORS preflight), a
JSON body of at most BODY_LIMIT bytes, and passes on only what
sitetools/backend_rules.py allows. It forwards the JSON it checked, written
again, so decap-server reads exactly what was checked.
"""

from __future__ import annotations

import http.client
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from sitetools.backend_rules import SETTINGS_FILE, Refused, Rules, check, visible
from sitetools.server import is_local_host
from sitetools.settings_merge import keep_notes

API = "/api/v1"
# decap-server's own limit (express.json({limit: "50mb"})): it refuses
# anything larger, so nothing that saved before is refused here, and a
# larger body is refused before it is read. Uploads travel as base64 (4/3
# of the file): an audio file of up to about 37 MB, an hour at 80 kbit/s.
BODY_LIMIT = 50 * 1024 * 1024
SECRET_HEADER = "X-Editor-Guard"


def site_origins(site_port: int) -> frozenset[str]:
    """The editor page's own origins: the site server's addresses."""
    return frozenset({f"http://127.0.0.1:{site_port}", f"http://localhost:{site_port}"})


class GuardServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self, address: tuple[str, int], *, rules: Rules, site_port: int, upstream: int, secret: str
    ):
        super().__init__(address, GuardHandler)
        self.rules = rules
        self.origins = site_origins(site_port)
        self.upstream = upstream
        self.secret = secret


class GuardHandler(BaseHTTPRequestHandler):
    server: GuardServer
    timeout = 120  # a connection that sends nothing is closed, not held

    def _answer(self, status: int, body: bytes, origin: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Origin")
        if origin is not None:
            self.send_header("Access-Control-Allow-Origin", origin)
        self.end_headers()
        self.wfile.write(body)

    def _refuse(self, status: int, reason: str, origin: str | None = None) -> None:
        # One line in the terminal of `invoke edit`: a refusal there means a
        # page tried what the editor never does.
        # The reason may quote the request: nothing in it may drive the terminal.
        shown = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in reason)
        sys.stderr.write(f"edit: refused a request to the editor's backend: {shown}\n")
        self._answer(status, json.dumps({"error": reason}).encode(), origin)

    def _caller(self) -> tuple[bool, str | None]:
        """Whether the request may be answered, and the origin to allow."""
        if not is_local_host(self.headers.get("Host"), self.server.server_address[1]):
            self._refuse(403, "this backend answers only http://127.0.0.1 and localhost")
            return False, None
        origin = self.headers.get("Origin")
        if origin is not None and origin not in self.server.origins:
            self._refuse(403, "this backend answers only the editor's own page")
            return False, None
        if self.path != API:
            self._refuse(404, "not found", origin)
            return False, None
        return True, origin

    def do_OPTIONS(self) -> None:
        ok, origin = self._caller()
        if not ok:
            return
        self.send_response(204)
        self.send_header("Vary", "Origin")
        if origin is not None:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Access-Control-Allow-Methods", "POST")
            self.send_header("Access-Control-Allow-Headers", "Content-Type")
            self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_POST(self) -> None:
        ok, origin = self._caller()
        if not ok:
            return
        if "Transfer-Encoding" in self.headers:
            self._refuse(411, "send the body with a Content-Length", origin)
            return
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._refuse(411, "send the body with a Content-Length", origin)
            return
        if not 0 <= length <= BODY_LIMIT:
            self._refuse(413, f"at most {BODY_LIMIT // 2**20} MB at a time", origin)
            return
        try:
            request = json.loads(self.rfile.read(length))
        except (ValueError, UnicodeDecodeError):
            self._refuse(400, "the request is not JSON", origin)
            return
        try:
            check(request, self.server.rules)
        except Refused as refusal:
            self._refuse(403, str(refusal), origin)
            return
        keep_settings_notes(request, self.server.rules)
        status, answer = self._forward(json.dumps(request).encode())
        if status == 200 and request["action"] in ("entriesByFolder", "getMedia"):
            try:
                shown = visible(request["action"], json.loads(answer), self.server.rules)
            except ValueError:
                pass
            else:
                answer = json.dumps(shown).encode()
        self._answer(status, answer, origin)

    def _forward(self, body: bytes) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.server.upstream, timeout=300)
        try:
            connection.request(
                "POST",
                API,
                body,
                {"Content-Type": "application/json", SECRET_HEADER: self.server.secret},
            )
            response = connection.getresponse()
            return response.status, response.read()
        except OSError:
            return 502, json.dumps({"error": "the editor's backend did not answer"}).encode()
        finally:
            connection.close()

    def _not_allowed(self) -> None:
        ok, origin = self._caller()
        if ok:
            self._refuse(405, "only POST", origin)

    do_GET = do_HEAD = do_PUT = do_DELETE = do_PATCH = _not_allowed

    def log_message(self, format, *args):  # quiet: refusals say themselves
        pass


def keep_settings_notes(request: dict, rules: Rules) -> None:
    """A save of site.toml (checked already) keeps the coach's notes and
    layout: the form's values are written into her own file."""
    if request.get("action") != "persistEntry":
        return
    params = request["params"]
    for data in params.get("dataFiles") or [params.get("entry")]:
        if data.get("path") != SETTINGS_FILE or not isinstance(data.get("raw"), str):
            continue
        try:
            current = (rules.root / SETTINGS_FILE).read_text(encoding="utf-8")
            data["raw"] = keep_notes(current, data["raw"])
        except (OSError, ValueError):
            pass  # no file yet, or TOML the build will refuse in its own words


def make_guard(
    rules: Rules, *, port: int, site_port: int, upstream: int, secret: str, host: str = "127.0.0.1"
) -> GuardServer:
    return GuardServer(
        (host, port), rules=rules, site_port=site_port, upstream=upstream, secret=secret
    )
