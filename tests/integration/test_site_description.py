"""[site] description: what search engines and link previews say about the
site, on the home page and on pages without a summary of their own."""

from __future__ import annotations

import json
import re

from tests.support.fixture_site import build_fixture_site

WORDS = "Career coaching for physicians & surgeons in Connecticut"


def test_the_description_is_the_home_page_s_meta_and_json_ld(tmp_path):
    lines = f"SITE = {{'description': {WORDS!r}}}\n"
    result = build_fixture_site(tmp_path, lines=lines)
    home = (result.output / "index.html").read_text(encoding="utf-8")
    escaped = "Career coaching for physicians &amp; surgeons in Connecticut"
    assert f'<meta name="description" content="{escaped}">' in home
    (ld,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', home, re.S)
    assert WORDS in json.dumps(json.loads(ld), ensure_ascii=False)


def test_without_it_the_subtitle_is_the_description(tmp_path):
    result = build_fixture_site(tmp_path)
    home = (result.output / "index.html").read_text(encoding="utf-8")
    assert WORDS.split()[0] not in re.search(r'<meta name="description" content="([^"]*)"', home)[1]
