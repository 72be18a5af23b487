"""The local web servers (`invoke serve`, `invoke edit`, `invoke livereload`) answer only
requests addressed to this computer by name: a page that points its own
domain at 127.0.0.1 (DNS rebinding) cannot read the preview."""

from __future__ import annotations

import http.client

import pytest

from sitetools.server import serve_in_thread


def _get(port: int, path: str, host: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.fixture
def served(tmp_path):
    (tmp_path / "admin").mkdir()
    (tmp_path / "index.html").write_text("<p>home</p>")
    (tmp_path / "admin/config.yml").write_text('{"local_backend": "secret-ish"}')
    server, _url = serve_in_thread(tmp_path)
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_127_0_0_1_and_localhost_are_served(served):
    assert _get(served, "/", f"127.0.0.1:{served}") == (200, b"<p>home</p>")
    assert _get(served, "/admin/config.yml", f"localhost:{served}")[0] == 200


@pytest.mark.parametrize(
    "host",
    [
        "rebind.evil.example",
        "rebind.evil.example:{port}",
        "127.0.0.1",
        "127.0.0.1:1",
        "[::1]:{port}",
    ],
)
def test_any_other_host_gets_403_and_no_file(served, host):
    status, body = _get(served, "/admin/config.yml", host.format(port=served))
    assert status == 403
    assert b"local_backend" not in body


@pytest.fixture
def livereload_served(tmp_path):
    """livereload's own server (tornado), with the file handler
    `invoke livereload` gives it, on a free port in a thread."""
    import asyncio
    import threading

    from tornado.web import Application

    from sitetools.commands.serve import this_computer_only
    from tests.support.desk import free_port

    (tmp_path / "index.html").write_text("<p>home</p>")
    port = free_port()
    handler = this_computer_only(port)
    loop = asyncio.new_event_loop()
    ready = threading.Event()

    def run() -> None:
        asyncio.set_event_loop(loop)
        app = Application(
            [(r"/(.*)", handler, {"path": str(tmp_path), "default_filename": "index.html"})]
        )
        server = app.listen(port, address="127.0.0.1")
        loop.call_soon(ready.set)
        loop.run_forever()
        server.stop()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    ready.wait(10)
    yield port
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)


def test_livereload_serves_this_computer_and_refuses_a_rebinding_host(livereload_served):
    port = livereload_served
    assert _get(port, "/", f"127.0.0.1:{port}") == (200, b"<p>home</p>")
    assert _get(port, "/index.html", f"localhost:{port}")[0] == 200
    assert _get(port, "/", f"rebind.evil.example:{port}")[0] == 403
    assert _get(port, "/index.html", "127.0.0.1:1")[0] == 403
