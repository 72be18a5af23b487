"""`invoke edit` as a coach meets it: one line when the editor is not
installed or a port is taken, and its local backend, bound to this computer
only, stops with it."""

from __future__ import annotations

import socket
from contextlib import suppress
from pathlib import Path

import pytest

from tests.support.editor import BUNDLE, editing, editor_project, free_port, invoke
from tests.support.project import project_copy, sample_project

pytestmark = pytest.mark.node


def _answers(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


def test_without_npm_packages_edit_says_how_to_get_the_editor_in_one_line(tmp_path):
    project = sample_project(project_copy(tmp_path / "project"))  # no node_modules/
    proc = invoke(project, "edit", "--no-open", timeout=120)
    assert proc.returncode == 1
    assert proc.stdout + proc.stderr == (
        "edit: the editor is not installed; run `npm ci` in this folder "
        "(it needs Node.js, https://nodejs.org) and try again\n"
    )


@pytest.mark.parametrize(
    ("option", "suggested_before"), [("--backend-port", 8091), ("--port", 8010)]
)
def test_a_taken_port_is_one_line_suggesting_a_free_one(tmp_path, option, suggested_before):
    if not (BUNDLE / "decap-cms.js").is_file():
        pytest.skip("decap-cms is not installed (npm ci)")
    project = editor_project(tmp_path / "project")
    with socket.socket() as taken, socket.socket() as usual:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with suppress(OSError):  # the port the message used to suggest, free or not
            usual.bind(("127.0.0.1", suggested_before))
            usual.listen()
        other = "--port=1" if option == "--backend-port" else f"--backend-port={free_port()}"
        proc = invoke(project, "edit", "--no-open", f"{option}={port}", other)
        lines = (proc.stdout + proc.stderr).strip().splitlines()
        assert proc.returncode == 1
        assert lines[-1].startswith(f"edit: port {port} is in use; try {option}=")
        assert "Traceback" not in proc.stdout + proc.stderr
        suggested = int(lines[-1].rsplit("=", 1)[1])
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", suggested))  # free now: no OSError


def test_the_local_backend_serves_only_this_computer_and_stops_with_edit(tmp_path):
    if not (BUNDLE / "decap-cms.js").is_file():
        pytest.skip("decap-cms is not installed (npm ci)")
    project = editor_project(tmp_path / "project")
    with editing(project) as (url, backend):
        assert _answers(backend)
        config = (project / "output/admin/config.yml").read_text(encoding="utf-8")
        assert f'"url": "http://127.0.0.1:{backend}/api/v1"' in config
        assert url.rsplit(":", 1)[1] in config  # site_url: the port served
        sockets = Path("/proc/net/tcp").read_text().splitlines()[1:]
        local = {line.split()[1] for line in sockets if line.split()[3] == "0A"}  # listening
        assert f"0100007F:{backend:04X}" in local  # 127.0.0.1, not every address
        assert f"00000000:{backend:04X}" not in local
    assert not _answers(backend)
