"""What README.md promises of tests/unit, read from the source with `ast`:
no unit test imports a way to start another process."""

from __future__ import annotations

import ast

import pytest

from tests.support.site import ROOT

UNIT = ROOT / "tests" / "unit"
PROCESS_MODULES = {"subprocess", "multiprocessing", "concurrent.futures.process", "pty"}
PROCESS_NAMES = {
    "ProcessPoolExecutor",
    "system",
    "popen",
    "fork",
    "forkpty",
    "posix_spawn",
    "posix_spawnp",
    "spawnl",
    "spawnv",
    "execv",
    "execvp",
}


def starts_a_process(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] in PROCESS_MODULES]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module.split(".")[0] in PROCESS_MODULES or module in PROCESS_MODULES:
                found.append(module)
            found += [f"{module}.{a.name}" for a in node.names if a.name in PROCESS_NAMES]
        elif (  # a call; a hostile pickle may name os.system as data
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in PROCESS_NAMES
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "os"
        ):
            found.append(f"os.{node.func.attr}")
    return found


def test_the_check_sees_a_subprocess():
    assert starts_a_process(ast.parse("import subprocess\n"))
    assert starts_a_process(ast.parse("from concurrent.futures import ProcessPoolExecutor\n"))
    assert starts_a_process(ast.parse("import os\nos.system('true')\n"))
    assert not starts_a_process(ast.parse("import os\nos.path.join('a')\n"))
    assert not starts_a_process(ast.parse("import os\npayload = (os.system, ('x',))\n"))


@pytest.mark.parametrize("path", sorted(UNIT.rglob("*.py")), ids=lambda p: str(p.relative_to(UNIT)))
def test_no_unit_test_starts_a_process(path):
    assert starts_a_process(ast.parse(path.read_text("utf-8"))) == []
