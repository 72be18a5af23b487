"""The W3C Nu HTML checker, run once over many files (the JVM start is the cost),
and Netlify's own reading of a `_headers` file."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path


def vnu_errors(jar: Path, pages: list[Path]) -> list[str]:
    from sitetools.check import vnu_messages

    return [
        f"{m.get('url', '').rpartition('/output/')[2] or m.get('url')}:{m.get('lastLine')}: "
        f"{m['message']}"
        for m in vnu_messages(jar, pages)
    ]


def netlify_headers(node: str, headers_file: Path, paths: list[str]) -> dict[str, dict[str, str]]:
    """URL path -> the headers Netlify serves for it, read from `headers_file`
    by Netlify's own parser (tests/interop/netlify_headers.mjs); its parse
    errors fail the test."""
    script = Path(__file__).resolve().parents[1] / "interop" / "netlify_headers.mjs"
    proc = subprocess.run(
        [node, str(script), str(headers_file)],
        input=json.dumps(paths),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    result = json.loads(proc.stdout)
    assert result["errors"] == []
    return result["headers"]
