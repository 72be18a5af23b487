"""Helpers for the browser editor's tests: its file format run in Node, a
scratch project with `invoke edit` running, and Decap's forms driven in
Chromium."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from tests.support.project import project_copy, sample_project
from tests.support.site import DEFAULT_EPOCH, ROOT

INVOKE = Path(sys.executable).with_name("invoke")
FORMAT_JS = ROOT / "plugins/editor/static/pelican-format.js"
BUNDLE = ROOT / "node_modules/decap-cms/dist"

_RUN_FORMAT = """
global.window = {};
require(process.argv[1]);
const format = window.PelicanMetadataFormat;
const jobs = JSON.parse(require('fs').readFileSync(0, 'utf-8'));
const out = jobs.map(([op, value]) => format[op](value));
process.stdout.write(JSON.stringify(out));
"""


def run_format(node: str, jobs: list[tuple[str, object]]) -> list:
    """[("toFile", data) | ("fromFile", text), ...] through pelican-format.js."""
    return node_jobs(node, _RUN_FORMAT, str(FORMAT_JS), jobs)


def node_jobs(node: str, script: str, argument: str, jobs: list) -> list:
    """`script` run by Node with `argument`, the jobs as JSON on its standard
    input; what it writes to its standard output, read as JSON."""
    proc = subprocess.run(
        [node, "-e", script, argument],
        input=json.dumps(jobs),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(proc.stdout)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def editor_project(target: Path) -> Path:
    """A coach's clone (tracked files, the frozen sample practice) with the
    npm packages `npm ci` would have installed."""
    project = sample_project(project_copy(target))
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    return project


def invoke(project: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(INVOKE), *args],
        cwd=project,
        env=project_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def project_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SITEURL", "GIT_"))}
    return {**env, "SOURCE_DATE_EPOCH": str(DEFAULT_EPOCH)}


@contextmanager
def editing(project: Path):
    """`invoke edit --no-open` running in `project`; yields the site's URL."""
    port, backend = free_port(), free_port()
    proc = subprocess.Popen(
        [str(INVOKE), "edit", "--no-open", f"--port={port}", f"--backend-port={backend}"],
        cwd=project,
        env=project_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 180
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"invoke edit stopped: {proc.stdout.read()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError("invoke edit did not start serving") from None
                time.sleep(0.3)
        yield f"http://127.0.0.1:{port}", backend
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wait_for(predicate, timeout: float = 20.0, what: str = "a file the editor writes"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")
