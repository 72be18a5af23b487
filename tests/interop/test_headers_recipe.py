"""The `_headers` recipe, read by Netlify's own parser (Cloudflare Pages reads
the same syntax): it must parse without errors and give every file of the
built site the headers the README promises."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.support.site import html_files
from tests.support.validators import netlify_headers

HERE = Path(__file__).resolve().parent
SECURITY = ("Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options")


def _url_paths(site: Path) -> list[str]:
    paths = []
    for file in sorted(site.rglob("*")):
        if file.is_file() and file.name != "_headers":
            relative = file.relative_to(site).as_posix()
            paths.append("/" + relative)
            if file.name == "index.html":  # served as its folder too
                paths.append("/" + relative.removesuffix("index.html"))
    return paths


@pytest.fixture(scope="module")
def served(node: str, site: Path) -> dict[str, dict[str, str]]:
    """URL path -> the headers Netlify serves for it."""
    return netlify_headers(node, site / "_headers", _url_paths(site))


def test_netlify_parses_the_recipe_and_serves_what_the_readme_says(served):
    kinds = {"ics": 0, "theme": 0, "page": 0}
    for path, headers in served.items():
        for name in SECURITY:
            assert name in headers, (path, name)
        assert "unsafe-inline" not in headers["Content-Security-Policy"]
        if path.endswith(".ics"):
            kinds["ics"] += 1
            assert headers.get("Content-Type") == "text/calendar; charset=utf-8", path
        if path.startswith("/theme/"):
            kinds["theme"] += 1
            assert headers.get("Cache-Control") == "public, max-age=31536000, immutable", path
        else:
            # Pages, slots and calendars keep the host's revalidate default:
            # a year-long lifetime here would show booked times as open.
            assert "Cache-Control" not in headers, path
        if path.endswith("/"):
            kinds["page"] += 1
            assert "Content-Type" not in headers, path  # the host's text/html
    assert kinds["ics"] >= 20 and kinds["theme"] >= 3 and kinds["page"] >= 10, kinds


def test_every_page_carries_the_same_policy_as_a_meta_tag(served, site):
    """Hosts without header support (GitHub Pages) get the policy from the
    page itself; `frame-ancestors` is the one directive a meta tag cannot
    carry, so it is the only difference."""
    header = served["/"]["Content-Security-Policy"]
    expected = header.removesuffix("; frame-ancestors 'none'")
    assert expected != header
    meta = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"')
    pages = html_files(site)
    assert len(pages) > 50
    for page in pages:
        found = meta.findall(page.read_text(encoding="utf-8"))
        assert [html.unescape(value) for value in found] == [expected], page
