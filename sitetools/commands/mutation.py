"""`invoke mutation [MODULE ...]`: mutmut, each module against its own unit
tests (tests/mutation.toml), and one table of killed / mutants.

Each module runs in a scratch copy of the project's tracked files (mutmut
writes its mutants beside the code it mutates), with the configuration
mutmut reads from pyproject.toml written there for that module alone, so
nothing in the working tree changes and the modules' runs do not mix.
Not part of `make test`: it takes minutes per module (docs/testing.md).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

from sitetools.commands.abort import Abort
from sitetools.commands.project import Project

CONFIG = Path("tests/mutation.toml")
# Kept beside the table: each module's surviving mutants as diffs.
REPORTS = Path("test-artifacts/mutation")


@dataclass(frozen=True)
class Score:
    module: str
    total: int
    killed: int
    survived: int
    no_tests: int
    timeout: int
    survivors: tuple[str, ...]

    @property
    def percent(self) -> float:
        return 100 * self.killed / self.total if self.total else 100.0


def modules(project: Project) -> dict[str, list[str]]:
    data = tomllib.loads((project.root / CONFIG).read_text("utf-8"))
    return {name: entry["tests"] for name, entry in data["modules"].items()}


def mutation(project: Project, names: list[str]) -> None:
    known = modules(project)
    chosen = [_match(name, known) for name in names] if names else list(known)
    scores = []
    for module in chosen:
        print(f"mutating {module} against {' '.join(known[module])} ...", flush=True)
        scores.append(run_one(project, module, known[module]))
        print(table(scores[-1:]).splitlines()[2], flush=True)  # its row, as it is known
    print(table(scores))


def _match(name: str, known: dict[str, list[str]]) -> str:
    found = [m for m in known if m == name or m.endswith(f"/{name}") or Path(m).stem == name]
    if len(found) != 1:
        raise Abort(f"{name}: not one module of {CONFIG} ({', '.join(known)})")
    return found[0]


def run_one(project: Project, module: str, tests: list[str]) -> Score:
    python = project.tool("python")
    with tempfile.TemporaryDirectory(prefix="mutation-") as folder:
        scratch = Path(folder)
        tracked = (
            subprocess.run(
                ["git", "ls-files", "-z"], cwd=project.root, capture_output=True, check=True
            )
            .stdout.decode()
            .split("\0")
        )
        for name in filter(None, tracked):
            source = project.root / name
            if source.is_file():
                target = scratch / name
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target)
        with (scratch / "pyproject.toml").open("a", encoding="utf-8") as config:
            config.write(_config(module, tests))
        ran = subprocess.run(
            [python, "-m", "mutmut", "run"], cwd=scratch, capture_output=True, text=True
        )
        if ran.returncode != 0:
            raise Abort(f"mutmut failed on {module}:\n{(ran.stdout + ran.stderr)[-2000:]}")
        subprocess.run(
            [python, "-m", "mutmut", "export-cicd-stats"], cwd=scratch, capture_output=True
        )
        stats = json.loads((scratch / "mutants/mutmut-cicd-stats.json").read_text("utf-8"))
        results = subprocess.run(
            [python, "-m", "mutmut", "results"], cwd=scratch, capture_output=True, text=True
        ).stdout
        survivors = tuple(
            line.strip().rsplit(":", 1)[0]
            for line in results.splitlines()
            if line.strip().endswith(("survived", "no tests"))
        )
        diffs = [
            subprocess.run(
                [python, "-m", "mutmut", "show", name], cwd=scratch, capture_output=True, text=True
            ).stdout
            for name in survivors
        ]
        report = project.root / REPORTS / f"{Path(module).stem}.txt"
        report.parent.mkdir(parents=True, exist_ok=True)
        report.write_text("\n".join(diffs) + "\n", encoding="utf-8")
    return Score(
        module,
        stats["total"],
        stats["killed"],
        stats["survived"],
        stats["no_tests"],
        stats["timeout"],
        survivors,
    )


# What the tests read beside the package being mutated (mutmut copies it).
ALSO_COPY = ("plugins", "sitetools", "theme", "content", "docs", "site.toml", "pelicanconf.py")


def _config(module: str, tests: list[str]) -> str:
    package = Path(module).parts[0]  # plugins/... or sitetools/...
    also = [name for name in ALSO_COPY if name != package]
    return (
        "\n[tool.mutmut]\n"
        f"source_paths = {json.dumps([package])}\n"
        f'only_mutate = ["{module}"]\n'
        f"pytest_add_cli_args_test_selection = {json.dumps(tests)}\n"
        'pytest_add_cli_args = ["-p", "no:randomly", "-q", "-p", "no:cacheprovider"]\n'
        f"also_copy = {json.dumps(also)}\n"
    )


def table(scores: list[Score]) -> str:
    lines = [
        "| module | mutants | killed | survived | no tests | timeout | killed / mutants |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for s in scores:
        lines.append(
            f"| `{s.module}` | {s.total} | {s.killed} | {s.survived} | {s.no_tests} "
            f"| {s.timeout} | {s.percent:.0f} % |"
        )
    lines.append(f"Each module's surviving mutants, as diffs: {REPORTS}/<module>.txt")
    return "\n".join(lines)
