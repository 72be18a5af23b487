"""The editor's local backend as a hostile web page would try it: raw HTTP
requests to the real backend `invoke edit` starts (the guard in front of
decap-server), in a scratch copy of the project. It writes only the coach's
content and site.toml, and answers only the editor's own page."""

from __future__ import annotations

import base64
import http.client
import json
import os
import signal
import socket
import time
from contextlib import suppress
from pathlib import Path

import pytest

from tests.support.editor import BUNDLE, editing, editor_project

pytestmark = pytest.mark.node

ARTICLE = "Title: Hello\nDate: 2026-11-20 10:00\n\nA first article.\n"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg=="
)


class Backend:
    def __init__(self, project: Path, site: str, port: int):
        self.project = project
        self.site = site
        self.port = port

    def post(self, body: object, headers: dict | None = None) -> tuple[int, dict, object]:
        return self.raw("POST", "/api/v1", json.dumps(body).encode(), headers)

    def raw(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None
    ) -> tuple[int, dict, object]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        sent = {"Content-Type": "application/json", "Origin": self.site, **(headers or {})}
        try:
            connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            if "Host" not in sent:
                connection.putheader("Host", f"127.0.0.1:{self.port}")
            for name, value in sent.items():
                if value is not None:
                    connection.putheader(name, value)
            if body is not None and "Content-Length" not in sent:
                connection.putheader("Content-Length", str(len(body)))
            connection.endheaders(body)
            response = connection.getresponse()
            data = response.read()
            try:
                answer = json.loads(data) if data else None
            except ValueError:
                answer = data
            return response.status, dict(response.getheaders()), answer
        finally:
            connection.close()

    def persist_entry(self, path: str, raw: str = ARTICLE, **headers) -> int:
        entry = {"slug": "x", "path": path, "raw": raw}
        params = {"branch": "main", "dataFiles": [entry], "assets": []}
        params["options"] = {"commitMessage": "x", "useWorkflow": False, "status": "published"}
        return self.post({"action": "persistEntry", "params": params}, headers)[0]

    def persist_media(self, path: str, data: bytes = PNG) -> int:
        asset = {"path": path, "content": base64.b64encode(data).decode(), "encoding": "base64"}
        params = {"branch": "main", "asset": asset, "options": {"commitMessage": "x"}}
        return self.post({"action": "persistMedia", "params": params})[0]


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    if not (BUNDLE / "decap-cms.js").is_file():
        pytest.skip("decap-cms is not installed (npm ci)")
    base = tmp_path_factory.mktemp("backend")
    project = editor_project(base / "project")
    outside = base / "elsewhere"
    outside.mkdir()
    # Links a coach (or a tool of hers) might have made inside content/:
    # one to a folder outside the project, one to the project's code (not to
    # the project folder itself: Pelican follows links and would loop).
    (project / "content/articles/out").symlink_to(outside, target_is_directory=True)
    (project / "content/articles/code").symlink_to(project / "plugins", target_is_directory=True)
    (project / "content/.hidden").mkdir()
    (project / "content/.hidden/secret.md").write_text("Title: secret\n\nhidden\n")
    with editing(project) as (url, port):
        yield Backend(project, url, port)


WRITES_OUTSIDE_CONTENT = [
    "pelicanconf.py",
    "content/../pelicanconf.py",
    ".git/hooks/pre-commit",
    "content/.hidden/x.md",
    "content/articles/code/__init__.py",  # a symlink to the project's plugins/
    "content/articles/out/x.md",  # a symlink out of the project
    "/tmp/editor-backend-absolute.md",
    "tasks.py",
]


@pytest.mark.parametrize("path", WRITES_OUTSIDE_CONTENT)
def test_an_entry_outside_content_is_refused_and_nothing_is_written(backend, path):
    target = backend.project / path.removeprefix("/")
    if path.startswith("/"):
        target = Path(path)
    before = target.read_bytes() if target.is_file() else None
    assert backend.persist_entry(path, raw="import os  # written by a web page\n") == 403
    after = target.read_bytes() if target.is_file() else None
    assert after == before


def test_a_git_hook_is_never_created(backend):
    backend.persist_entry(".git/hooks/pre-commit", raw="#!/bin/sh\necho owned\n")
    assert not (backend.project / ".git/hooks/pre-commit").exists()
    assert not (backend.project / ".git").exists()


def test_a_rename_may_not_move_an_entry_out_of_its_folder_or_move_site_toml(backend):
    entry = {"slug": "x", "path": "site.toml", "raw": "x", "newPath": "content/pages/x.md"}
    params = {"branch": "main", "dataFiles": [entry], "assets": []}
    params["options"] = {"commitMessage": "x", "useWorkflow": False, "status": "published"}
    before = (backend.project / "site.toml").read_bytes()
    status, _, _ = backend.post({"action": "persistEntry", "params": params})
    assert status == 403
    assert (backend.project / "site.toml").read_bytes() == before


def test_reading_a_file_outside_content_is_refused(backend):
    for path in ("pelicanconf.py", "content/../tasks.py", "content/articles/code/__init__.py"):
        params = {"branch": "main", "path": path}
        status, _, answer = backend.post({"action": "getEntry", "params": params})
        assert status == 403, path
        assert "import" not in json.dumps(answer)


def test_a_listing_leaves_out_dot_folders(backend):
    params = {"branch": "main", "folder": "content", "extension": "md", "depth": 3}
    status, _, answer = backend.post({"action": "entriesByFolder", "params": params})
    assert status == 200
    paths = [item["file"]["path"] for item in answer]
    assert "content/pages/home.md" in paths
    assert not [path for path in paths if "/." in path or "/code/" in path]


def test_a_foreign_host_gets_403_dns_rebinding(backend):
    status, _, answer = backend.post(
        {"action": "info"}, {"Host": f"rebind.evil.example:{backend.port}", "Origin": None}
    )
    assert status == 403
    assert "error" in answer
    assert backend.persist_entry("content/articles/rebound.md", Host="rebind.evil.example") == 403
    assert not (backend.project / "content/articles/rebound.md").exists()


def test_another_origin_gets_403_and_no_cors_header(backend):
    status, headers, _ = backend.post({"action": "info"}, {"Origin": "http://evil.example"})
    assert status == 403
    assert "Access-Control-Allow-Origin" not in headers
    status, headers, _ = backend.raw(
        "OPTIONS", "/api/v1", None, {"Origin": "http://evil.example", "Content-Type": None}
    )
    assert status == 403
    assert "Access-Control-Allow-Origin" not in headers
    assert backend.persist_entry("content/articles/evil.md", Origin="http://evil.example") == 403
    assert not (backend.project / "content/articles/evil.md").exists()


def test_only_post_to_the_api(backend):
    assert backend.raw("GET", "/api/v1")[0] == 405
    assert backend.raw("POST", "/elsewhere", b"{}")[0] == 404


def test_a_body_over_the_limit_is_refused_before_it_is_read(backend):
    status, _, _ = backend.raw("POST", "/api/v1", b"", {"Content-Length": str(51 * 2**20)})
    assert status == 413


@pytest.mark.parametrize(
    "path",
    [
        "content/images/x.py",
        "content/images/x.html",
        "content/images/x.svg",
        "content/images/x.js",
        "content/articles/x.png",  # not a media folder
        "content/x.png",
        "pelicanconf.png",
        "content/images/.x.png",
    ],
)
def test_media_outside_the_media_folders_or_not_a_picture_or_audio_is_refused(backend, path):
    assert backend.persist_media(path, b"<script>alert(1)</script>") == 403
    assert not (backend.project / path).exists()


def test_the_editor_page_still_saves_an_article_and_uploads_a_picture(backend):
    status, headers, _ = backend.raw("OPTIONS", "/api/v1", None, {"Content-Type": None})
    assert status == 204
    assert headers["Access-Control-Allow-Origin"] == backend.site
    status, headers, answer = backend.post({"action": "info"})
    assert (status, answer["type"]) == (200, "local_fs")
    assert headers["Access-Control-Allow-Origin"] == backend.site
    assert backend.persist_entry("content/articles/hello.md") == 200
    assert (backend.project / "content/articles/hello.md").read_text() == ARTICLE
    assert backend.persist_media("content/images/photo.PNG") == 200
    assert (backend.project / "content/images/photo.PNG").read_bytes() == PNG
    assert backend.persist_media("content/podcast/audio/ep.mp3", b"ID3") == 200
    # localhost is the same computer: its page and address are accepted too.
    port = backend.site.rsplit(":", 1)[1]
    headers = {"Host": f"localhost:{backend.port}", "Origin": f"http://localhost:{port}"}
    assert backend.post({"action": "info"}, headers)[0] == 200


def _inner_ports(project: Path) -> list[int]:
    """The ports decap-server (started by `invoke edit` in `project`) listens on."""
    ports = []
    for proc in Path("/proc").iterdir():
        try:
            if b"decap_backend.cjs" not in (proc / "cmdline").read_bytes():
                continue
            if Path(os.readlink(proc / "cwd")) != project.resolve():
                continue
            links = [os.readlink(fd) for fd in (proc / "fd").iterdir()]
        except OSError:
            continue
        inodes = {link[8:-1] for link in links if link.startswith("socket:[")}
        for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:  # listening
                ports.append(int(fields[1].split(":")[1], 16))
    return ports


def test_decap_server_itself_answers_only_the_guard(backend):
    """decap-server's private port, found by a page that scans ports, still
    does nothing without the guard's secret."""
    ports = _inner_ports(backend.project)
    assert ports
    assert backend.port not in ports
    body = json.dumps({"action": "info"}).encode()
    for port in ports:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(
                b"POST /api/v1 HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + f"Content-Length: {len(body)}\r\n\r\n".encode()
                + body
            )
            reply = sock.recv(4096).decode("latin-1")
        assert reply.startswith(("HTTP/1.1 403", "HTTP/1.0 403")), reply


def test_the_site_edit_serves_answers_only_this_computer(backend):
    """The preview includes /admin/config.yml: a rebinding page cannot read it."""
    port = int(backend.site.rsplit(":", 1)[1])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("GET", "/admin/config.yml", skip_host=True)
        connection.putheader("Host", f"rebind.evil.example:{port}")
        connection.endheaders()
        response = connection.getresponse()
        assert response.status == 403
        assert b"local_backend" not in response.read()
    finally:
        connection.close()


def test_the_backend_ends_when_edit_is_killed(tmp_path):
    """`invoke edit` killed outright (kill -9, a test runner's timeout): its
    node backend must not stay behind holding a port and the project."""
    if not (BUNDLE / "decap-cms.js").is_file():
        pytest.skip("decap-cms is not installed (npm ci)")
    project = editor_project(tmp_path / "project")
    with editing(project) as (_url, _backend):
        edit = _edit_process(project)
        children = Path(f"/proc/{edit}/task/{edit}/children").read_text().split()
        [node] = [int(pid) for pid in children if "node" in _command(int(pid))]
        os.kill(edit, signal.SIGKILL)
        deadline = time.monotonic() + 15
        while Path(f"/proc/{node}").exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not Path(f"/proc/{node}").exists(), _command(node)


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _edit_process(project: Path) -> int:
    """The `invoke edit` process running in `project`."""
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and " edit --no-open" in _command(int(entry.name)):
            with suppress(OSError):
                if Path(entry, "cwd").resolve() == project.resolve():
                    return int(entry.name)
    raise AssertionError("no invoke edit running in the project")


def test_saving_the_settings_form_keeps_the_coachs_notes(backend):
    import tomllib

    import tomlkit

    settings = backend.project / "site.toml"
    mine = settings.read_text("utf-8")
    data = tomllib.loads(mine)
    data["coach"]["tagline"] = "A tagline changed in the browser"
    # Decap writes the form back as bare TOML: no notes at all.
    assert backend.persist_entry("site.toml", tomlkit.dumps(data)) == 200
    saved = settings.read_text("utf-8")
    assert tomllib.loads(saved) == data
    notes = [line for line in mine.splitlines() if line.lstrip().startswith("#")]
    assert notes and all(line in saved.splitlines() for line in notes)
