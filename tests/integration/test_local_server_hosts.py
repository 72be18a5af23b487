"""The local web server (`invoke serve`, `invoke edit`) answers only
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
