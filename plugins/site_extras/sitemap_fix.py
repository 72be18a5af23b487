"""Make pelican-sitemap's output absolute during local preview.

pelican-sitemap writes `<loc>` from SITEURL, which is empty during local
preview, so every URL would be relative, which the sitemap protocol forbids.
We keep using the maintained plugin and correct just that afterwards.
"""

from __future__ import annotations

import re

_LOC = re.compile(r"<loc>/")


def absolutize(xml: str, origin: str) -> str:
    return _LOC.sub(f"<loc>{origin}/", xml)
