"""Build the real site with the project's strict `pelican` wrapper into a temporary folder.

Tests call `build_site` instead of importing Pelican so every build starts from
clean module state, exactly as `invoke build` runs it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The tests' own content (tests/fixtures/README.md): never the coach's content/.
FIXTURES = ROOT / "tests/fixtures"
# The sample practice, frozen as a fixture: its settings and content.
SAMPLE = FIXTURES / "sample_site"
SAMPLE_SETTINGS = SAMPLE / "sample_settings.py"
SAMPLE_CONTENT = SAMPLE / "content"
# 2026-11-22T12:00:00Z: a fixed clock so builds (and slots) are reproducible.
DEFAULT_EPOCH = 1795348800


@dataclass(frozen=True)
class BuildResult:
    output: Path
    returncode: int
    stdout: str
    stderr: str

    @property
    def log(self) -> str:
        return self.stdout + self.stderr


def build_site(
    output: Path,
    *,
    settings_file: str = str(SAMPLE_SETTINGS),
    content: Path | None = None,
    overrides: dict[str, object] | None = None,
    epoch: int | None = DEFAULT_EPOCH,
    env: dict[str, str] | None = None,
    check: bool = True,
    verbose: bool = False,
) -> BuildResult:
    """Run the strict build like `invoke build` does; with check, raise on failure."""
    cmd = [sys.executable, "-m", "sitetools.build", str(content or SAMPLE_CONTENT)]
    cmd += ["-s", settings_file, "-o", str(output), "--ignore-cache"]
    if verbose:
        cmd.append("--verbose")
    if overrides:
        # Pelican keeps only the last -e flag: pass every pair after one -e.
        cmd += ["-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items())]
    full_env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    if epoch is not None:
        full_env["SOURCE_DATE_EPOCH"] = str(epoch)
    full_env.update(env or {})
    proc = subprocess.run(
        cmd, cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=300, check=False
    )
    result = BuildResult(output, proc.returncode, proc.stdout, proc.stderr)
    if check and proc.returncode != 0:
        raise AssertionError(f"pelican failed ({proc.returncode}):\n{result.log}")
    return result


def run_python(code: str, *args: str) -> subprocess.CompletedProcess:
    """`python -c code args` from the project folder on the fixed clock, as a
    long-running process (livereload) or a patched build would run."""
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env={**os.environ, "SOURCE_DATE_EPOCH": str(DEFAULT_EPOCH)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def layered_settings(
    path: Path, *, without: tuple[str, ...] = (), lines: tuple[str, ...] = ()
) -> Path:
    """Write a settings file that star-imports the frozen sample's settings
    (tests/fixtures/sample_site), leaves the plugins in `without` out, then
    runs `lines` (Python) over it.

    Pelican resolves relative paths in a settings file against that file's
    folder, so THEME and PLUGIN_PATHS are pinned to the repository.
    """
    header = [
        "import json, sys",
        f"sys.path.insert(0, {str(SAMPLE)!r})",
        "from sample_settings import *  # noqa: F403",
        f"THEME = {str(ROOT / 'theme')!r}",
        f"PLUGIN_PATHS = [{str(ROOT)!r}]",
        f"PLUGINS = [p for p in PLUGINS if p.removeprefix('plugins.') not in {list(without)!r}]"
        "  # noqa: F405",
        # These builds bring content folders of their own, without the portrait.
        "COACH = {k: v for k, v in COACH.items() if k not in ('photo', 'photo_alt')}  # noqa: F405",
    ]
    path.write_text("\n".join([*header, *lines]) + "\n", encoding="utf-8")
    return path


def html_files(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, by relative path: compare two builds whole."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def sample_settings():
    """The frozen sample's settings module (its BOOKING, COACH, ...)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("sample_settings", SAMPLE_SETTINGS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sample_pelicanconf(folder: Path) -> Path:
    """A `pelicanconf.py` in `folder` that is the frozen sample's settings,
    for what imports pelicanconf by name (publishconf.py, the tasks)."""
    path = folder / "pelicanconf.py"
    path.write_text(
        "import runpy\n"
        f"globals().update((k, v) for k, v in runpy.run_path({str(SAMPLE_SETTINGS)!r}).items()"
        " if k.isupper())\n",
        encoding="utf-8",
    )
    return path


def sample_publishconf(folder: Path) -> Path:
    """The project's own publishconf.py over the frozen sample's settings."""
    sample_pelicanconf(folder)
    path = folder / "publishconf.py"
    source = (ROOT / "publishconf.py").read_text(encoding="utf-8")
    path.write_text(f"import sys\nsys.path.insert(0, {str(folder)!r})\n{source}", encoding="utf-8")
    return path
