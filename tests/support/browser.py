"""Helpers for checks that run inside Chromium."""

from __future__ import annotations

from urllib.parse import urlsplit

from sitetools.check import AXE_TAGS, axe_violations  # noqa: F401  (one axe run for all)


def record_origins(page) -> set[str]:
    """Collect the origin of every request the page makes from now on."""
    origins: set[str] = set()

    def note(request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https"):
            origins.add(f"{parts.scheme}://{parts.netloc}")

    page.on("request", note)
    return origins
