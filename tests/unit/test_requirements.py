"""Runtime apart from tests: a production build installs requirements.txt
only, which pins everything building needs and nothing only tests use."""

from __future__ import annotations

import re

from tests.support.site import ROOT

TEST_ONLY = {"pytest", "pytest-xdist", "playwright", "radicale", "hypothesis", "ruff", "aiosmtpd"}


def _names(file: str) -> dict[str, str]:
    """Package name (normalised) -> the line, for every requirement in `file`."""
    found = {}
    for line in (ROOT / file).read_text("utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            name = re.split(r"[\[=<>~ ]", line, maxsplit=1)[0]
            found[name.lower().replace("_", "-")] = line
    return found


def test_every_requirement_is_pinned_exactly():
    for file in ("requirements.txt", "requirements-dev.txt"):
        loose = [line for line in _names(file).values() if "==" not in line]
        assert loose == [], file


def test_the_runtime_pins_cover_the_runtime_packages_and_no_test_tool():
    runtime = _names("requirements.txt")
    assert set(_names("requirements.in")) <= set(runtime)
    assert TEST_ONLY & set(runtime) == set()


def test_the_test_pins_add_the_test_tools_on_top_of_the_runtime():
    dev = (ROOT / "requirements-dev.txt").read_text("utf-8")
    assert "-r requirements.txt" in dev.splitlines()
    pinned = set(_names("requirements.txt")) | set(_names("requirements-dev.txt"))
    assert set(_names("requirements-dev.in")) <= pinned
    assert set(_names("requirements-dev.txt")) >= TEST_ONLY
    assert set(_names("requirements.txt")) & set(_names("requirements-dev.txt")) == set()
