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


def test_a_relative_link_is_resolved_against_its_page_as_a_browser_would():
    page = "articles/decidir/index.html"
    assert internal_path("../images/equipo.jpg", "", page) == "articles/images/equipo.jpg"
    assert internal_path("../../images/equipo.jpg", "", page) == "images/equipo.jpg"
    assert internal_path("notes/", "", page) == "articles/decidir/notes/index.html"
    assert internal_path("../../../x.png", "", page) == ""  # above the site: nowhere
    assert internal_path("../images/equipo.jpg", "") is None  # no page: not decided here
    assert internal_path("?page=2", "", page) is None


def test_relative_images_that_lead_nowhere_are_broken_and_those_that_lead_somewhere_are_not(
    tmp_path,
):
    from plugins.site_extras.links import broken_links

    (tmp_path / "images").mkdir()
    (tmp_path / "images/equipo.jpg").write_bytes(b"jpeg")
    article = tmp_path / "articles/decidir/index.html"
    article.parent.mkdir(parents=True)
    article.write_text(
        '<p><img src="../images/equipo.jpg"> <img src="../../images/equipo.jpg"></p>',
        encoding="utf-8",
    )
    (tmp_path / "index.html").write_text('<img src="images/equipo.jpg">', encoding="utf-8")
    broken = broken_links(tmp_path)
    assert [(b.target, b.pages) for b in broken] == [
        ("../images/equipo.jpg", ("articles/decidir/index.html",))
    ]
