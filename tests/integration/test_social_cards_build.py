"""Every page has a link preview picture: an absolute address, 1200 x 630
with its type and size declared, its own `Image:` for an article that has
one; drawn once per title (tags, archives and each slot's page share the
site's card), and not drawn again by the next build."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from PIL import Image

from tests.support.showcase import build_showcase, write_showcase
from tests.support.site import build_site, html_files

META = re.compile(r'<meta (?:property|name)="((?:og:image|twitter:card)[:\w]*)" content="([^"]*)">')


def test_every_page_has_a_preview_picture_that_exists(tmp_path):
    result = build_showcase(tmp_path, "calm")
    out = result.output
    pages = [p for p in html_files(out) if p.name == "index.html" and "admin" not in p.parts]
    cards = set()
    for page in pages:
        meta = dict(META.findall(page.read_text("utf-8")))
        if not meta:  # a page kept out of previews has none at all
            continue
        assert meta["twitter:card"] == "summary_large_image", page
        url = urlsplit(meta["og:image"])
        assert url.scheme in {"http", "https"} and url.netloc, page  # absolute
        path = out / url.path.lstrip("/")
        assert path.is_file(), page
        with Image.open(path) as picture:
            size = picture.size
            kind = f"image/{picture.format.lower()}"
        assert (str(size[0]), str(size[1])) == (meta["og:image:width"], meta["og:image:height"])
        assert kind == meta["og:image:type"]
        if url.path.startswith("/social/"):
            assert size == (1200, 630)
            cards.add(url.path)
    # One card per article, page and session, one for everything else.
    assert 4 <= len(cards) <= 25, len(cards)
    assert len(cards) < len(pages) / 2


def test_an_articles_own_image_is_its_preview_and_cards_are_not_drawn_twice(tmp_path):
    settings, content = write_showcase(tmp_path, "calm")

    def build():
        return build_site(
            tmp_path / "output", settings_file=str(settings), content=content, verbose=True
        )

    first = build()
    article = (first.output / "articles/lorem/index.html").read_text("utf-8")
    card = re.search(r'og:image" content="(https?://[^"]+/social/[0-9a-f]{16}\.png)"', article)
    assert card and f'"image": "{card.group(1)}"' in article  # BlogPosting names it too
    lorem = content / "articles/lorem.md"
    text = lorem.read_text("utf-8")
    lorem.write_text(
        text.replace(
            "Slug: lorem\n", "Slug: lorem\nImage: images/portrait.jpg\nImage_alt: A face\n"
        ),
        encoding="utf-8",
    )
    second = build()
    article = (second.output / "articles/lorem/index.html").read_text("utf-8")
    assert re.search(r'og:image" content="https?://[^"]+/images/portrait\.jpg"', article)
    assert '<meta property="og:image:alt" content="A face">' in article
    assert '<meta property="og:image:type" content="image/jpeg">' in article
    drawn = re.search(r"social cards: (\d+), (\d+) drawn by this build", second.log)
    assert drawn and drawn.group(2) == "0", second.log[-500:]


def test_a_published_build_gives_previews_absolute_https_addresses(tmp_path):
    settings, content = write_showcase(tmp_path, "warm")
    origin = "https://coach.example.org"
    out = build_site(
        tmp_path / "public",
        settings_file=str(settings),
        content=content,
        overrides={"SITEURL": origin, "FEED_DOMAIN": origin},
    ).output
    for page in ("index.html", "articles/lorem/index.html", "book/seance/index.html"):
        meta = dict(META.findall((out / page).read_text("utf-8")))
        assert meta["og:image"].startswith(origin + "/social/"), page
