"""Corrections to pelican-sitemap's output: absolute URLs during local
preview, and a `<lastmod>` that moves only when the content does.

pelican-sitemap writes `<loc>` from SITEURL, which is empty during local
preview, so every URL would be relative, which the sitemap protocol forbids.
It also stamps every page that carries no date of its own (the home page,
archives, category and tag listings, pages, the booking pages) with the
build's clock, so every scheduled rebuild told search engines that every
such page had changed. Here a listing's `<lastmod>` is the newest date of
the articles it lists, and a page whose last change the build cannot know
gets no `<lastmod>` at all (the protocol makes it optional; a wrong one
teaches search engines to ignore it). We keep using the maintained plugin
and correct just that afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime

_LOC = re.compile(r"<loc>/")
_URL = re.compile(r"(<url>\s*<loc>)([^<]*)(</loc>\s*)(<lastmod>[^<]*</lastmod>\s*)")


def absolutize(xml: str, origin: str) -> str:
    return _LOC.sub(f"<loc>{origin}/", xml)


def newest(documents: Iterable[object]) -> datetime | None:
    """The latest `modified` (else `date`) of Pelican documents, or None."""
    dates = [
        when
        for document in documents
        if (when := getattr(document, "modified", None) or getattr(document, "date", None))
    ]
    return max(dates, default=None)


def page_lastmod(context: Mapping[str, object]) -> tuple[bool, datetime | None]:
    """(whether the plugin's own lastmod must be replaced, the replacement)
    for one written page, from the template context Pelican wrote it with.

    An article or a page with a date of its own keeps the plugin's value. A
    listing (home, archives, category, tag and author pages, one page of a
    paginated one) takes its newest article; anything else has none."""
    document = context.get("article") or context.get("page")
    if document is not None:
        return newest([document]) is None, None
    paginated = context.get("articles_page")
    if paginated is not None:
        return True, newest(getattr(paginated, "object_list", ()))
    if context.get("blog"):  # Pelican's own listings pass blog=True
        return True, newest(context.get("articles") or ())
    return True, None


def settle_lastmod(xml: str, siteurl: str, lastmod: Mapping[str, str | None]) -> str:
    """Replace the `<lastmod>` of every URL (relative to `siteurl`, as the
    plugin writes it) found in `lastmod` by its value (already in the
    sitemap's date format); None removes it."""

    def settle(match: re.Match) -> str:
        loc = match.group(2)
        relative = loc[len(siteurl) + 1 :] if loc.startswith(siteurl + "/") else None
        if relative is None or relative not in lastmod:
            return match.group(0)
        when = lastmod[relative]
        head = match.group(1) + loc + match.group(3)
        return head if when is None else head + f"<lastmod>{when}</lastmod>\n"

    return _URL.sub(settle, xml)
