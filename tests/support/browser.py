"""Helpers for checks that run inside Chromium."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_violations(page, axe_source: Path) -> list[dict]:
    # evaluate() runs through DevTools, so the page's own CSP (no inline
    # script) does not block the checker the way add_script_tag would.
    page.evaluate(axe_source.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def record_origins(page) -> set[str]:
    """Collect the origin of every request the page makes from now on."""
    origins: set[str] = set()

    def note(request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https"):
            origins.add(f"{parts.scheme}://{parts.netloc}")

    page.on("request", note)
    return origins
