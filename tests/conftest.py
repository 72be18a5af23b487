"""Shared fixtures: one real build of the sample site, a local server for it,
and the external checkers (Chromium, the W3C Nu checker, axe-core, Node).

Tools that a developer may not have locally make their tests skip with a
reason; under CI=true a missing tool is a failure, never a silent skip.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sitetools.server import serve_in_thread
from tests.support.site import ROOT, build_site

CHROMIUM = Path("/usr/bin/chromium")
NODE_MODULES = ROOT / "node_modules"
IN_CI = os.environ.get("CI", "").lower() == "true"


def require(available: bool, what: str) -> None:
    """Skip locally, fail in CI, when a checker is missing."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is missing; .ci/run must install it", pytrace=False)
    pytest.skip(f"{what} is not installed here (make test installs it where it can)")


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The sample site, built once per test session with a fixed clock."""
    out = tmp_path_factory.mktemp("site") / "output"
    build_site(out)
    return out


@pytest.fixture(scope="session")
def site_url(site):
    server, url = serve_in_thread(site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def node() -> str:
    exe = shutil.which("node")
    require(exe is not None and (NODE_MODULES / "ical.js").is_dir(), "Node.js + npm ci tools")
    return exe


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    jar = NODE_MODULES / "vnu-jar/build/dist/vnu.jar"
    require(shutil.which("java") is not None and jar.is_file(), "Java + vnu-jar")
    return jar


@pytest.fixture(scope="session")
def rsync() -> str:
    exe = shutil.which("rsync")
    require(exe is not None, "rsync (apt-get install rsync)")
    return exe


@pytest.fixture(scope="session")
def axe_source() -> Path:
    path = NODE_MODULES / "axe-core/axe.min.js"
    require(path.is_file(), "axe-core (npm ci)")
    return path


# --- Playwright on the system Chromium (never `playwright install`) ---------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    require(CHROMIUM.exists(), "Chromium (/usr/bin/chromium; apt-get install chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Screenshots and reports a person may want to look at after a run."""
    path = ROOT / "test-artifacts"
    path.mkdir(exist_ok=True)
    return path
