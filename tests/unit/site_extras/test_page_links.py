"""The link checker's scan of a page finds exactly the href and src
attributes the plain pattern finds, in page order."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.site_extras.links import page_links

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
