"""Her photographs on the site: a phone's JPEG portrait and an article's
photo become <picture> elements with AVIF and WebP at several widths; what
the phone wrote into the file (GPS, camera) never reaches the site; an
unchanged photo is not encoded again; two builds are byte-identical."""

from __future__ import annotations

import re
import shutil

from PIL import Image

from tests.support.photos import GPS_IFD, phone_photo
from tests.support.site import ROOT, build_site

SITE_TOML = """
[site]
language = "en"

[coach]
name = "Dana Reyes"
email = "dana@example.org"
timezone = "America/New_York"
photo = "images/dana.jpg"
photo_alt = "Dana Reyes in her office"

[booking.weekly_hours]
mon = ["09:00-12:00"]

[[booking.sessions]]
slug = "intro"
title = "Introductory call"
duration_minutes = 30
"""


def _project(tmp_path):
    project = tmp_path / "project"
    (project / "content/articles").mkdir(parents=True)
    (project / "content/pages").mkdir()
    (project / "content/images").mkdir()
    shutil.copy(ROOT / "pelicanconf.py", project / "pelicanconf.py")
    (project / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    (project / "content/images/dana.jpg").write_bytes(phone_photo(1600, 1200))
    (project / "content/images/room.jpg").write_bytes(phone_photo(2400, 1600, rotated=False))
    (project / "content/articles/room.md").write_text(
        "Title: Our room\nDate: 2026-11-02 09:00\n\nIntro.\n\n"
        "![A quiet room with two chairs]({static}/images/room.jpg)\n\n"
        "Later.\n\n![The same room at night]({static}/images/room.jpg)\n",
        encoding="utf-8",
    )
    return project


def _build(tmp_path, project, name="output"):
    return build_site(
        tmp_path / name,
        settings_file=str(project / "pelicanconf.py"),
        content=project / "content",
        overrides={"CACHE_PATH": str(project / "cache")},  # this project's own, as hers is
        verbose=True,
    )


def _picture(html: str, alt: str) -> str:
    for block in re.findall(r"<picture>.*?</picture>", html, re.S):
        if f'alt="{alt}"' in block:
            return block
    raise AssertionError(f"no <picture> for {alt!r}")


def test_a_phone_portrait_is_published_upright_small_and_without_its_camera_data(tmp_path):
    project = _project(tmp_path)
    result = _build(tmp_path, project)
    out = result.output
    home = (out / "index.html").read_text("utf-8")
    portrait = _picture(home, "Dana Reyes in her office")
    # AVIF first, then WebP, each at the widths the photo has (1200 upright).
    avif, webp = re.findall(r'<source type="image/(\w+)" srcset="([^"]+)"', portrait)
    assert avif[0] == "avif" and webp[0] == "webp"
    widths = [int(w) for w in re.findall(r" (\d+)w", avif[1])]
    assert widths == [320, 480, 640, 960, 1200]
    assert 'fetchpriority="high"' in portrait and "loading=" not in portrait
    # Preloaded from <head>: the browser fetches it before reading the body.
    head = home[: home.index("</head>")]
    preload = re.search(
        r'<link rel="preload" as="image" type="image/avif" imagesrcset="([^"]+)"', head
    )
    assert preload and preload.group(1) == avif[1]
    assert 'width="1200" height="1600"' in portrait  # upright: the phone's rotation applied
    for url in re.findall(r"(/images/[^ ,\"]+)", portrait):
        assert (out / url.lstrip("/")).is_file(), url
    smallest = re.search(r"(/images/\S+\.320\.avif)", avif[1]).group(1)
    with Image.open(out / smallest.lstrip("/")) as image:
        assert image.format == "AVIF" and image.size == (320, 427)
    # The photo's own address now holds the stripped copy.
    with Image.open(out / "images/dana.jpg") as image:
        exif = image.getexif()
        assert image.size == (1200, 1600)
        assert dict(exif) == {} and dict(exif.get_ifd(GPS_IFD)) == {}
    assert b"PhoneCo" not in (out / "images/dana.jpg").read_bytes()
    # Her Markdown's photos, in the text column's sizes: the page's first
    # image is fetched first, the next one only when it comes into view.
    article = (out / "articles/our-room/index.html").read_text("utf-8")
    room = _picture(article, "A quiet room with two chairs")
    assert 'fetchpriority="high"' in room and 'sizes="(min-width: 48rem) 42rem' in room
    assert 'loading="lazy"' in _picture(article, "The same room at night")
    assert re.findall(r" (\d+)w", room)[-1] == "1920"  # never the 2400 px original
    assert "photos: 2 published, 2 encoded by this build" in result.log


def test_an_unchanged_photo_is_not_encoded_again_and_builds_are_identical(tmp_path):
    project = _project(tmp_path)
    first = _build(tmp_path, project, "first")
    second = _build(tmp_path, project, "second")
    assert "photos: 2 published, 0 encoded by this build" in second.log
    for path in sorted(first.output.rglob("images/*")):
        twin = second.output / path.relative_to(first.output)
        assert twin.read_bytes() == path.read_bytes(), path
    # A changed photo is encoded again, under new addresses.
    (project / "content/images/dana.jpg").write_bytes(phone_photo(1600, 1000))
    third = _build(tmp_path, project, "third")
    assert "photos: 2 published, 1 encoded by this build" in third.log
    home = (third.output / "index.html").read_text("utf-8")
    assert 'width="1000" height="1600"' in _picture(home, "Dana Reyes in her office")


def test_a_file_that_is_not_a_photo_stops_the_build_in_one_line(tmp_path):
    project = _project(tmp_path)
    (project / "content/images/dana.jpg").write_bytes(b"not a photo at all")
    result = build_site(
        tmp_path / "output",
        settings_file=str(project / "pelicanconf.py"),
        content=project / "content",
        check=False,
    )
    assert result.returncode != 0
    assert "content/images/dana.jpg cannot be read as a JPEG, PNG or WebP photo" in result.log


def test_an_articles_own_image_on_its_page_its_card_and_its_structured_data(tmp_path):
    project = _project(tmp_path)
    (project / "content/articles/room.md").write_text(
        "Title: Our room\nDate: 2026-11-02 09:00\nImage: images/room.jpg\n"
        "Image_alt: Two chairs by a window\n\nIntro.\n",
        encoding="utf-8",
    )
    out = _build(tmp_path, project).output
    article = (out / "articles/our-room/index.html").read_text("utf-8")
    own = _picture(article, "Two chairs by a window")
    assert 'class="article-image"' in own and 'fetchpriority="high"' in own
    assert re.search(r'"image": "https?://[^"]+/images/room\.jpg"', article)
    home = (out / "index.html").read_text("utf-8")
    card = re.search(r'<article class="card stack-tight has-image">(.*?)</article>', home, re.S)
    assert card and 'class="card-image"' in card.group(1) and 'loading="lazy"' in card.group(1)


def test_an_image_that_is_not_there_is_named_with_the_article_that_asks_for_it(tmp_path):
    project = _project(tmp_path)
    (project / "content/articles/room.md").write_text(
        "Title: Our room\nDate: 2026-11-02 09:00\nImage: images/rooom.jpg\n\nIntro.\n",
        encoding="utf-8",
    )
    result = build_site(
        tmp_path / "output",
        settings_file=str(project / "pelicanconf.py"),
        content=project / "content",
        check=False,
    )
    assert result.returncode != 0
    assert (
        "content/articles/room.md, Image: images/rooom.jpg is not a file in your content folder"
        in result.log
    )


def test_a_photo_no_page_shows_is_still_published_without_its_camera_data(tmp_path):
    project = _project(tmp_path)
    (project / "content/images/holiday.jpg").write_bytes(phone_photo(800, 600))
    out = _build(tmp_path, project).output
    data = (out / "images/holiday.jpg").read_bytes()
    assert b"PhoneCo" not in data
    with Image.open(out / "images/holiday.jpg") as image:
        assert dict(image.getexif().get_ifd(GPS_IFD)) == {} and image.size == (600, 800)
    # Only its own address: no page asked for the smaller renditions.
    assert sorted(p.name for p in (out / "images").glob("holiday*")) == ["holiday.jpg"]


def test_two_builds_with_photos_and_cards_from_nothing_are_byte_identical(tmp_path):
    outputs = []
    for name in ("one", "two"):
        project = _project(tmp_path / name)
        outputs.append(_build(tmp_path / name, project).output)  # each its own empty cache
    one, two = outputs
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    assert [f for f in files if (one / f).read_bytes() != (two / f).read_bytes()] == []
    assert any(f.suffix == ".avif" for f in files) and any(f.parts[0] == "social" for f in files)


def test_a_builds_own_store_drops_cards_it_no_longer_uses_and_a_shared_one_keeps_them(tmp_path):
    from plugins.images.generator import Photos

    for shared, kept in ((False, False), (True, True)):
        cache = tmp_path / str(shared)
        cards = cache / "cards"
        cards.mkdir(parents=True)
        (cards / "old.png").write_bytes(b"x")  # another title's, or another build's
        (cards / "used.png").write_bytes(b"y")
        photos = Photos(tmp_path / "content", cache, tmp_path / "output", shared=shared)
        photos.cards_used.add("used.png")
        photos.finish()
        assert (cards / "used.png").exists()
        assert (cards / "old.png").exists() is kept
