"""Everything a page's text depends on besides the site context: the code
that renders it (theme files, plugins, library versions, Jinja globals and
filters) and which context names a template can read."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

import jinja2
from jinja2 import meta

from .digest import StateDigest

LIBRARIES = ("pelican", "jinja2", "markdown", "markupsafe", "pygments")


def folder_digest(folders: Iterable[Path]) -> bytes:
    """Every file's relative path and bytes, in a stable order."""
    digest = hashlib.sha256()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(folder)).encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()


def library_versions() -> bytes:
    versions = [sys.version]
    for name in LIBRARIES:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=none")
    return "\n".join(versions).encode()


PLUGINS_FOLDER = Path(__file__).resolve().parents[1]  # the `plugins` package


def code_digest(theme: str) -> bytes:
    """The theme's files, our plugins' files and the library versions."""
    return folder_digest([Path(theme), PLUGINS_FOLDER]) + library_versions()


def environment_digest(env: jinja2.Environment) -> bytes:
    """Globals, filters and tests, with the code of every function in them."""
    values = {
        "globals": dict(env.globals),
        "filters": dict(env.filters),
        "tests": dict(env.tests),
        "options": (env.trim_blocks, env.lstrip_blocks, env.autoescape, env.finalize),
    }
    return StateDigest(lambda _obj: None).digest(values)


# (names read, templates referenced); tuples, so a saved memo's bytes do not
# depend on the hash seed as a frozenset's order would.
Parsed = tuple[tuple[str, ...], tuple[str | None, ...]]


class TemplateReads:
    """Context names a template, or anything it extends, includes or imports,
    can read; None when a template name is computed at render time (then it
    may read anything). Each template file is parsed once per build, or not
    at all when `known` (by SHA-256 of its source) already has it."""

    def __init__(self, env: jinja2.Environment, known: dict[bytes, Parsed] | None = None) -> None:
        self._env = env
        self._own: dict[str, Parsed] = {}
        self.known: dict[bytes, Parsed] = known if known is not None else {}

    def __call__(self, name: str) -> frozenset[str] | None:
        names: set[str] = set()
        seen: set[str] = set()
        queue: list[str] = [name]
        while queue:
            current = queue.pop()
            if current in seen:
                continue
            seen.add(current)
            own, refs = self._parse(current)
            names.update(own)
            for ref in refs:
                if ref is None:
                    return None
                queue.append(ref)
        return frozenset(names)

    def _parse(self, name: str) -> Parsed:
        if name not in self._own:
            source, _, _ = self._env.loader.get_source(self._env, name)
            digest = hashlib.sha256(source.encode()).digest()
            if digest not in self.known:
                tree = self._env.parse(source)
                self.known[digest] = (
                    tuple(sorted(meta.find_undeclared_variables(tree))),
                    tuple(meta.find_referenced_templates(tree)),
                )
            self._own[name] = self.known[digest]
        return self._own[name]
