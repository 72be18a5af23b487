"""Every link and image of the written site that points into the site must
lead to a file of it: a renamed page, a removed session (/book/<slug>/), a
menu entry or a missing image stops the build instead of publishing a 404.

Read from the written HTML (after Pelican and every plugin wrote theirs),
so it sees what a visitor's browser would request. Fragments (#id) are
left to `invoke check`, which reports them without stopping a build.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

# A link with one of these needs urlsplit and unquote.
_SPECIAL = frozenset("?#%&;:\\\t\n\r")


@dataclass(frozen=True)
class BrokenLink:
    target: str  # as written in the page
    pages: tuple[str, ...]  # site paths of the pages that carry it


def page_links(html: str) -> list[str]:
    r"""Every href and src attribute of a page, and every candidate of a
    srcset, as written, in page order:
    what r'\s(?:href|src)="([^"]*)"' finds, found with str.find, which skips
    ahead where that pattern tried every whitespace of every page."""
    found: list[str] = []
    free = 0  # where the next match may begin (its whitespace)
    href, src = html.find('href="'), html.find('src="')
    while href >= 0 or src >= 0:
        if src < 0 or 0 <= href < src:
            start, value = href, href + 6
            href = html.find('href="', href + 1)
        else:
            start, value = src, src + 5
            src = html.find('src="', src + 1)
        if start - 1 < free or not html[start - 1].isspace():
            continue  # inside the last match, or part of a longer name (data-src)
        end = html.find('"', value)
        if end < 0:
            break
        found.append(html[value:end])
        free = end + 1
    srcset = html.find(' srcset="')
    if srcset < 0:
        return found
    # A <picture>'s sources: each candidate of each srcset is a link too.
    placed = [(m, link) for m, link in zip(_positions(html, found), found, strict=True)]
    while srcset >= 0:
        value = srcset + 9
        end = html.find('"', value)
        if end < 0:
            break
        for candidate in html[value:end].split(","):
            url = candidate.strip().split(" ")[0]
            if url:
                placed.append((srcset, url))
        srcset = html.find(' srcset="', end)
    return [link for _, link in sorted(placed, key=lambda item: item[0])]


def _positions(html: str, links: list[str]) -> list[int]:
    """Where each of `links` (in page order) was found, for merging."""
    positions, start = [], 0
    for link in links:
        at = html.find(f'"{link}"', start)
        positions.append(at)
        start = max(at, start)
    return positions


def internal_path(link: str, siteurl: str, page: str = "") -> str | None:
    """The site path a link leads to ("about/index.html"), or None for other
    origins, mail links and same-page fragments. A relative link
    ("../images/team.jpg") is resolved against `page`, the site path of the
    page that carries it, as a browser would; one that climbs above the site
    leads nowhere ("")."""
    site = siteurl.rstrip("/") + "/" if siteurl else ""
    plain = link[:1] == "/" and link[1:2] != "/" and not _SPECIAL.intersection(link)
    if plain and not (site and link.startswith(site)):
        # Most links of a page: a plain site path, nothing to parse.
        path = link[1:].lstrip("/")
        return path + "index.html" if path == "" or path.endswith("/") else path
    link = link.replace("&amp;", "&")
    if site and link.startswith(site):
        link = link[len(site) - 1 :]
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    if not parts.path.startswith("/"):
        if not page:
            return None
        here = posixpath.dirname(page)
        joined = posixpath.normpath(posixpath.join(here, unquote(parts.path)))
        if joined == ".." or joined.startswith("../"):
            return ""
        trailing = "/" if parts.path.endswith("/") else ""
        path = "" if joined == "." else joined + trailing
        return path + "index.html" if path == "" or path.endswith("/") else path
    path = unquote(parts.path).lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


def broken_links(output: Path, siteurl: str = "") -> list[BrokenLink]:
    """Links of `output`'s pages to files that are not in `output`, most
    widespread first (a broken menu entry is on every page)."""
    files = _site_files(output)
    # Every page repeats the menu and footer: decide each distinct link once.
    verdicts: dict[str, bool] = {}
    found: dict[str, list[str]] = {}
    pages = sorted((f for f in files if f.endswith(".html")), key=lambda f: f.split("/"))
    for page_path in pages:
        with open(os.path.join(output, page_path), encoding="utf-8", errors="replace") as page:
            text = page.read()
        folder = posixpath.dirname(page_path)
        for link in dict.fromkeys(page_links(text)):
            # A relative link means another file from another folder.
            key = link if _absolute(link) else f"{folder}/\0{link}"
            if key not in verdicts:
                path = internal_path(link, siteurl, page_path)
                verdicts[key] = path is None or (path != "" and _exists(files, path))
            if not verdicts[key]:
                found.setdefault(link, []).append(page_path)
    return sorted(
        (BrokenLink(link, tuple(pages)) for link, pages in found.items()),
        key=lambda b: (-len(b.pages), b.target),
    )


def _absolute(link: str) -> bool:
    """A link whose target does not depend on the page: a site path, another
    origin, a fragment or a scheme (mailto:)."""
    return link[:1] in ("/", "#", "") or "://" in link or ":" in link.split("/", 1)[0]


def _site_files(output: Path) -> set[str]:
    """Site paths ("about/index.html") of every file under `output`: one walk
    of the folder (os.walk, without a Path object per file)."""
    files: set[str] = set()
    for folder, _, names in os.walk(output):
        relative = os.path.relpath(folder, output)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        files.update(prefix + name for name in names)
    return files


def _exists(files: set[str], path: str) -> bool:
    return path in files or f"{path.rstrip('/')}/index.html" in files


def describe(broken: BrokenLink, sources: Mapping[str, str] | None = None) -> str:
    """One line: which link, where, and what to fix; `sources` names the
    content file a page comes from, where it is known."""
    where = (
        broken.pages[0]
        if len(broken.pages) == 1
        else (f"{len(broken.pages)} pages (e.g. {broken.pages[0]})")
    )
    if len(broken.pages) > 2:
        fix = "if it is in the menu, fix [[menu]] in site.toml; else what links it"
    elif broken.target.rstrip("/").split("/")[1:2] == ["book"]:
        fix = "the session was renamed or removed: link to one in [[booking.sessions]]"
    elif (sources or {}).get(broken.pages[0]):
        fix = f"fix the link in {sources[broken.pages[0]]}, or add the missing file"
    else:
        fix = "fix the link in the content file of that page, or add the missing file"
    return f"{broken.target} is not on the site but {where} links to it; {fix}"
