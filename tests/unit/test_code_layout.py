"""The house rules of the code, read from the source with `ast` (no import runs):
the engine never imports the desk, nothing imports in a circle, Pelican is
imported only by the glue modules, and the CalDAV library only when used."""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.site import ROOT

SOURCES = [*sorted((ROOT / "plugins").rglob("*.py")), *sorted((ROOT / "sitetools").rglob("*.py"))]
SOURCES.append(ROOT / "tasks.py")
# The only modules that may import Pelican at the top: the glue, and worker
# code that runs Pelican's readers.
PELICAN_GLUE = {
    "plugins.booking.generator",
    "plugins.podcast.generator",
    "plugins.site_search.generator",
    "plugins.testimonials.generator",
    "plugins.coaches.generator",
    "plugins.privacy.generator",
    "plugins.images.generator",
    "plugins.site_extras.glue",
    "plugins.editor.glue",
    "plugins.parallel_read.glue",
    "plugins.parallel_read.worker",
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in SOURCES}


@functools.cache
def _tree(path: Path) -> ast.Module:
    # Each module is parsed once per run, however many checks read it.
    return ast.parse(path.read_text("utf-8"))


def imports(name: str, *, top_level_only: bool = False) -> Iterator[str]:
    """Every module `name` imports, as absolute dotted names (relative
    imports resolved; `from package import module` yields the module)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = _tree(path)
    nodes = tree.body if top_level_only else ast.walk(tree)
    for node in nodes:
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            for alias in node.names:
                full = f"{source}.{alias.name}"
                yield full if full in MODULES else source


def project_imports(name: str) -> set[str]:
    return {m for m in imports(name) if m in MODULES and m != name}


def test_every_module_is_found():
    assert "plugins.config.booking" in MODULES and "plugins.booking.desk.commands" in MODULES
    assert "plugins.booking.ledger_format" in project_imports("plugins.booking.generator")


@pytest.mark.parametrize(
    "name", sorted(n for n in MODULES if n.startswith("plugins.booking") and ".desk" not in n)
)
def test_the_engine_never_imports_the_desk(name):
    desk = sorted(m for m in project_imports(name) if m.startswith("plugins.booking.desk"))
    assert desk == [], f"{name} imports {desk}"


def test_the_desk_imports_the_engine():
    assert "plugins.booking.plan" in project_imports("plugins.booking.desk.commands")


def test_no_import_circle():
    graph = {name: project_imports(name) for name in MODULES}
    cycles = []

    def visit(name: str, path: list[str]) -> None:
        for other in sorted(graph[name]):
            if other in path:
                cycles.append([*path[path.index(other) :], other])
            elif other not in done:
                visit(other, [*path, other])
        done.add(name)

    done: set[str] = set()
    for name in sorted(graph):
        if name not in done:
            visit(name, [name])
    assert cycles == []


def test_the_toolkit_imports_nothing_else_of_ours():
    for name in (n for n in MODULES if n.startswith("plugins.common")):
        others = {m for m in project_imports(name) if not m.startswith("plugins.common")}
        assert others == set(), f"{name} imports {others}"


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n.startswith("plugins.")))
def test_pelican_only_in_the_glue(name):
    top = {m.split(".")[0] for m in imports(name, top_level_only=True)}
    if name not in PELICAN_GLUE:
        assert "pelican" not in top, f"{name} imports Pelican"
    # Heavy, and only needed when [booking] caldav is set: imported inside functions.
    assert "caldav" not in top and "niquests" not in top, name
