"""The W3C Nu HTML checker, run once over many files (the JVM start is the cost)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path


def vnu_errors(jar: Path, pages: list[Path]) -> list[str]:
    proc = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", "--format", "json", "--stdout"]
        + [str(p) for p in pages],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return [
        f"{m.get('url', '').rpartition('/output/')[2] or m.get('url')}:{m.get('lastLine')}: "
        f"{m['message']}"
        for m in json.loads(proc.stdout)["messages"]
    ]
