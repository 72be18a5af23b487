"""The link checker's scan of a page finds exactly the href and src
attributes the plain pattern finds, in page order."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.site_extras.links import internal_path, page_links

# The definition: an href or src attribute after whitespace, up to its quote.
PLAIN = re.compile(r'\s(?:href|src)="([^"]*)"')

pieces = st.sampled_from(
    [
        ' href="',
        ' src="',
        '\nhref="',
        '\tsrc="',
        'data-src="',
        'xhref="',
        '"',
        " ",
        "a",
        "/b/",
        "<",
        ">",
        '\u00a0src="',
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, max_size=30))
def test_the_scan_finds_what_the_plain_pattern_finds(parts):
    html = "".join(parts)
    assert page_links(html) == PLAIN.findall(html)


def test_a_page_s_links_in_order():
    html = '<img src="/a.png" data-src="/no.png"><a\nhref="/b/">x</a><a href="/c">y</a>'
    assert page_links(html) == ["/a.png", "/b/", "/c"]


def _parsed_path(link: str, siteurl: str) -> str | None:
    """internal_path without its shortcut: every link through urlsplit."""
    from urllib.parse import unquote, urlsplit

    link = link.replace("&amp;", "&")
    if siteurl and link.startswith(siteurl.rstrip("/") + "/"):
        link = link[len(siteurl.rstrip("/")) :]
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    path = unquote(parts.path).lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


link_pieces = st.sampled_from(
    [
        "/",
        "//",
        "a",
        "b/",
        "?q=1",
        "#x",
        "%20",
        "&amp;",
        ":",
        ";",
        " ",
        "\t",
        "é",
        "\\",
        "base",
        "/base/",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(link_pieces, max_size=8), st.sampled_from(["", "https://coach.example", "/base"]))
def test_a_link_s_site_path_is_what_urlsplit_gives(parts, siteurl):
    link = "".join(parts)
    assert internal_path(link, siteurl) == _parsed_path(link, siteurl)
