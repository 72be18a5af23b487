"""Full Pelican builds of the sample podcast: the feed Apple Podcasts and
Podcasting 2.0 apps read, the episode pages, and every bad input that must
stop the build.

The builds use a copy of tests/fixtures/podcast/ only, so these tests follow the
podcast's own files and not the rest of the sample site (which the
site-wide tests cover).
"""

from __future__ import annotations

import json
import re
import shutil
import uuid
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from io import BytesIO
from pathlib import Path

import feedparser
import pytest
from PIL import Image

from tests.support.html import read_page
from tests.support.site import FIXTURES, build_site, layered_settings
from tests.support.validators import vnu_errors

# pelicanconf's PLUGINS minus booking, whose busy calendars are not part of
# the podcast's content copy.
ORIGIN = "http://127.0.0.1:8000"  # FEED_DOMAIN in pelicanconf.py
FEED_URL = f"{ORIGIN}/podcast/feed.xml"
IT = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
PC = "{https://podcastindex.org/namespace/1.0}"
ATOM = "{http://www.w3.org/2005/Atom}"
EPISODES = {
    "why-doctors-hire-coaches": "podcast/audio/ep1-why-doctors-hire-coaches.mp3",
    "rounds-and-reflections-neurophobia": "podcast/audio/rounds-and-reflections-neurophobia.mp3",
}


def podcast_content(root: Path) -> Path:
    content = root / "content"
    shutil.copytree(FIXTURES / "podcast", content / "podcast")
    return content


def build(tmp: Path, *, content: Path | None = None, check: bool = True, epoch=None, **overrides):
    """Build with `overrides` layered over pelicanconf.py (booking left out).

    A small settings file instead of `-e` flags: Pelican keeps only the last
    `-e` option it is given, so two overrides cannot be passed that way.
    """
    conf = layered_settings(
        tmp / "podcast_test_conf.py",
        without=("booking",),
        lines=tuple(f"{key} = {value!r}" for key, value in overrides.items()),
    )
    kwargs = {"epoch": epoch} if epoch is not None else {}
    return build_site(
        tmp / "output",
        settings_file=str(conf),
        content=content or podcast_content(tmp),
        check=check,
        **kwargs,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("podcast")).output


@pytest.fixture(scope="module")
def feed_bytes(site) -> bytes:
    return (site / "podcast/feed.xml").read_bytes()


@pytest.fixture(scope="module")
def channel(feed_bytes) -> ET.Element:
    return ET.fromstring(feed_bytes).find("channel")


def site_file(site: Path, url: str) -> Path:
    assert url.startswith(ORIGIN + "/"), url
    return site / url.removeprefix(ORIGIN + "/")


# --- an independent MP3 reader: count the frames, not the header's claim ------

_BITRATES = {
    True: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
    False: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
}
_RATES = {3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000]}


def mp3_seconds(data: bytes) -> float:
    """Duration from walking every MPEG Layer III frame header."""
    pos = 0
    if data[:3] == b"ID3":
        size = 0
        for byte in data[6:10]:
            size = size << 7 | byte
        pos = 10 + size
    samples, rate = 0, 0
    while pos + 4 <= len(data) and data[pos : pos + 3] != b"TAG":
        header = int.from_bytes(data[pos : pos + 4], "big")
        assert header >> 21 == 0x7FF, f"lost frame sync at byte {pos}"
        version, layer = header >> 19 & 3, header >> 17 & 3
        assert layer == 1, "Layer III"
        mpeg1 = version == 3
        bitrate = _BITRATES[mpeg1][header >> 12 & 15] * 1000
        rate = _RATES[version][header >> 10 & 3]
        per_frame = 1152 if mpeg1 else 576
        pos += per_frame // 8 * bitrate // rate + (header >> 9 & 1)
        samples += per_frame
    return samples / rate


# --- the feed ----------------------------------------------------------------


def test_feed_parses_with_feedparser_without_bozo(feed_bytes):
    parsed = feedparser.parse(feed_bytes)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert len(parsed.entries) == 2
    assert parsed.feed.title == "Second Opinions with Dr. Eleanor Hart"
    # feedparser predates Apple's "true"/"false" (it maps only "yes"/"clean"),
    # so the explicit values are checked on the XML itself below.
    assert parsed.feed.image.href == f"{ORIGIN}/podcast/cover.png"
    for entry in parsed.entries:
        assert entry.enclosures[0].type == "audio/mpeg"


def test_feed_is_well_formed_xml_with_its_namespaces_declared(feed_bytes):
    declared = {p: uri for _e, (p, uri) in ET.iterparse(BytesIO(feed_bytes), ["start-ns"])}
    assert declared == {
        "atom": ATOM[1:-1],
        "itunes": IT[1:-1],
        "podcast": PC[1:-1],
    }
    used = {el.tag[1:].split("}")[0] for el in ET.fromstring(feed_bytes).iter() if "}" in el.tag}
    assert used <= set(declared.values())
    assert feed_bytes.startswith(b"<?xml version='1.0' encoding='utf-8'?>")


def test_channel_has_what_apple_requires(channel, site):
    for tag in ("title", "description", "language", "link"):
        assert (channel.findtext(tag) or "").strip(), tag
    assert channel.findtext("language") == "en-us"
    assert channel.findtext("link") == f"{ORIGIN}/podcast/"
    assert channel.findtext(f"{IT}explicit") in ("true", "false")
    assert channel.findtext(f"{IT}author") == "Dr. Eleanor Hart"
    assert channel.findtext(f"{IT}owner/{IT}email") == "hello@hartcoaching.example"
    assert channel.findtext(f"{IT}type") in ("episodic", "serial")
    categories = [c.get("text") for c in channel.findall(f"{IT}category")]
    assert categories == ["Health & Fitness", "Business"]
    assert channel.find(f"{ATOM}link").attrib == {
        "href": FEED_URL,
        "rel": "self",
        "type": "application/rss+xml",
    }
    locked = channel.find(f"{PC}locked")
    assert (locked.text, locked.get("owner")) == ("yes", "hello@hartcoaching.example")


def test_artwork_is_square_rgb_and_in_apples_size_range(channel, site):
    href = channel.find(f"{IT}image").get("href")
    assert href == channel.findtext("image/url")
    assert href.endswith((".png", ".jpg", ".jpeg"))
    with Image.open(site_file(site, href)) as image:
        assert image.format in ("PNG", "JPEG")
        assert image.mode == "RGB"
        assert image.width == image.height
        assert 1400 <= image.width <= 3000


def test_podcast_guid_is_the_uuid5_of_the_feed_url(channel):
    namespace = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
    expected = uuid.uuid5(namespace, "127.0.0.1:8000/podcast/feed.xml")
    assert channel.findtext(f"{PC}guid") == str(expected)


def test_every_item_has_apples_fields_and_exact_enclosures(channel, site):
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == [
        "Combating neurophobia: a guest conversation on Rounds & Reflections",
        "Ep. 1: Why doctors hire coaches",
    ]
    for item in items:
        for tag in ("title", "link", "guid", "pubDate", "description"):
            assert (item.findtext(tag) or "").strip(), tag
        assert item.find("guid").get("isPermaLink") == "false"
        enclosure = item.find("enclosure")
        audio = site_file(site, enclosure.get("url"))
        assert int(enclosure.get("length")) == audio.stat().st_size
        assert enclosure.get("type") == "audio/mpeg"
        source = FIXTURES / enclosure.get("url").removeprefix(ORIGIN + "/")
        assert audio.read_bytes() == source.read_bytes()
        assert item.findtext(f"{IT}explicit") in ("true", "false")
        assert item.findtext(f"{IT}episodeType") in ("full", "trailer", "bonus")
        assert site_file(site, item.findtext("link")).joinpath("index.html").is_file()


def test_durations_match_the_audio(channel, site):
    for item in channel.findall("item"):
        seconds = int(item.findtext(f"{IT}duration"))
        audio = site_file(site, item.find("enclosure").get("url")).read_bytes()
        measured = mp3_seconds(audio)
        # The frame count includes the encoder's Info frame and padding (~0.1 s).
        assert abs(seconds - measured) <= 1, (seconds, measured)
        assert 20 <= measured <= 60  # the samples are short spoken clips


def test_first_episode_numbers_transcript_chapters_and_people(channel, site):
    ep1 = channel.findall("item")[1]
    assert (ep1.findtext(f"{IT}season"), ep1.findtext(f"{IT}episode")) == ("1", "1")
    assert ep1.findtext(f"{IT}episodeType") == "full"
    transcript = ep1.find(f"{PC}transcript")
    assert (transcript.get("type"), transcript.get("rel")) == ("text/vtt", "captions")
    assert site_file(site, transcript.get("url")).read_text(encoding="utf-8").startswith("WEBVTT")
    chapters = ep1.find(f"{PC}chapters")
    assert chapters.get("type") == "application/json+chapters"
    data = json.loads(site_file(site, chapters.get("url")).read_text(encoding="utf-8"))
    assert data["version"] and data["chapters"][0]["startTime"] == 0
    assert [(p.text, p.get("role")) for p in ep1.findall(f"{PC}person")] == [
        ("Dr. Eleanor Hart", "host")
    ]


def test_guest_appearance_item_credits_the_show(channel):
    guest = channel.findall("item")[0]
    assert guest.findtext(f"{IT}episodeType") == "bonus"
    assert guest.findtext(f"{IT}episode") is None
    assert "rounds-and-reflections.example.org/episodes/combating-neurophobia/" in (
        guest.findtext("description")
    )
    assert [(p.text, p.get("role")) for p in guest.findall(f"{PC}person")] == [
        ("Dr. Priya Raman", "host"),
        ("Dr. Eleanor Hart", "guest"),
    ]


def test_last_build_date_comes_from_content_not_the_clock(channel):
    newest = max(parsedate_to_datetime(i.findtext("pubDate")) for i in channel.findall("item"))
    assert parsedate_to_datetime(channel.findtext("lastBuildDate")) == newest


def test_show_notes_links_are_absolute_in_the_feed(channel):
    for item in channel.findall("item"):
        assert not re.search(r"""(href|src)=["']/(?!/)""", item.findtext("description"))


def test_feed_and_guids_are_stable_across_builds(tmp_path, feed_bytes):
    # A build on another day (different build clock) must not change the feed.
    again = build(tmp_path, epoch=1795348800 + 86400 * 30).output
    assert (again / "podcast/feed.xml").read_bytes() == feed_bytes
    guids = [g.text for g in ET.fromstring(feed_bytes).iter("guid")]
    assert len(set(guids)) == 2
    assert all(uuid.UUID(g).version == 5 for g in guids)


# --- the pages ---------------------------------------------------------------


def test_episode_pages_have_player_download_and_notes(site):
    for slug, audio in EPISODES.items():
        page = site / f"articles/{slug}/index.html"
        html = page.read_text(encoding="utf-8")
        assert 'class="stack episode"' in html  # rendered by podcast_episode.html
        assert re.search(r"<audio[^>]*\bcontrols\b[^>]*preload=\"none\"", html)
        assert f'<source src="/{audio}" type="audio/mpeg">' in html
        links = read_page(page).links
        assert f"/{audio}" in links  # the download link
        assert (site / audio).is_file()
        # This site has no booking plugin: no call to action linking nowhere.
        assert 'class="card cta' not in html and not any("/book/" in link for link in links)
        assert "Duration: <time datetime=" in html
        assert "Show notes" in html and "On this episode" in html
        css = re.search(
            r'<link rel="stylesheet" href="(/theme/css/podcast\.[0-9a-f]+\.css)">', html
        )
        assert css and (site / css.group(1).lstrip("/")).is_file()


def test_episode_one_shows_transcript_in_details_and_chapters(site):
    html = (site / "articles/why-doctors-hire-coaches/index.html").read_text(encoding="utf-8")
    start = html.index('<details class="transcript">')
    details = html[start : html.index("</details>", start)]
    assert "twenty-six years" in details
    assert "Dr. Eleanor Hart:" in details
    assert "<summary>Read the transcript</summary>" in details
    assert "Download the transcript (WebVTT)" in html
    assert '<ol class="chapters">' in html and "Why doctors hire coaches</li>" in html


def test_guest_page_links_the_shows_own_episode_page(site):
    page = site / "articles/rounds-and-reflections-neurophobia/index.html"
    html = page.read_text(encoding="utf-8")
    url = "https://rounds-and-reflections.example.org/episodes/combating-neurophobia/"
    assert url in read_page(page).links
    assert "Listen on the show’s site: Rounds &amp; Reflections" in html
    assert "Guest appearance on Rounds &amp; Reflections" in html
    assert '<details class="transcript"' not in html  # no transcript for this one


def test_podcast_index_lists_episodes_and_subscribe_links(site):
    page = site / "podcast/index.html"
    links = read_page(page).links
    assert "/articles/why-doctors-hire-coaches/" in links
    assert "/articles/rounds-and-reflections-neurophobia/" in links
    assert "/podcast/feed.xml" in links
    html = page.read_text(encoding="utf-8")
    assert FEED_URL in html  # shown in full so it can be copied into an app
    assert "podcasts.apple.com" not in html  # not configured in the sample
    assert read_page(page).canonical == f"{ORIGIN}/podcast/"
    # Written through Pelican's writer, so the sitemap plugin lists it.
    assert "podcast/</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_configured_directory_links_appear(tmp_path):
    settings = {
        "description": "A show.",
        "owner_email": "hello@hartcoaching.example",
        "image": "podcast/cover.png",
        "categories": ["Business > Careers"],
        "subscribe": [["Apple Podcasts", "https://podcasts.apple.com/us/podcast/id1"]],
        "feed_guest_appearances": False,
    }
    out = build(tmp_path, PODCAST=settings).output
    assert (
        "https://podcasts.apple.com/us/podcast/id1" in read_page(out / "podcast/index.html").links
    )
    feed = ET.parse(out / "podcast/feed.xml").getroot()
    assert len(feed.findall("channel/item")) == 1  # the guest appearance left out


def test_people_on_repeated_lines(tmp_path):
    content = podcast_content(tmp_path)
    post = content / "podcast/ep1-why-doctors-hire-coaches.md"
    text = post.read_text(encoding="utf-8").replace(
        "Podcast_person: Dr. Eleanor Hart | host\n",
        "Podcast_person: Dr. Eleanor Hart | host\n"
        "Podcast_person: Dr. Sam Lee | guest | https://example.org/sam-lee\n",
    )
    post.write_text(text, encoding="utf-8")
    out = build(tmp_path, content=content).output
    items = ET.parse(out / "podcast/feed.xml").getroot().findall("channel/item")
    people = [(p.text, p.get("role")) for p in items[1].findall(f"{PC}person")]
    assert people == [("Dr. Eleanor Hart", "host"), ("Dr. Sam Lee", "guest")]
    html = (out / "articles/why-doctors-hire-coaches/index.html").read_text(encoding="utf-8")
    assert '<a href="https://example.org/sam-lee">Dr. Sam Lee</a>' in html


def test_missing_podcast_setting_stops_the_build(tmp_path):
    result = build(tmp_path, check=False, PODCAST=None)
    assert result.returncode != 0
    assert "podcast: [podcast]: missing, or not a table" in problem_line(result)


def test_podcast_pages_pass_the_nu_html_checker(site, vnu_jar):
    pages = [site / "podcast/index.html"] + [
        site / f"articles/{slug}/index.html" for slug in EPISODES
    ]
    assert vnu_errors(vnu_jar, pages) == []


# --- bad input stops the build -----------------------------------------------

GOOD_FIELDS = """Title: Bad episode
Date: 2026-05-01 08:00
Category: Podcast
Slug: bad-episode
Summary: An episode that must not build.
"""


def bad_build(tmp_path: Path, fields: str):
    content = podcast_content(tmp_path)
    if fields:
        post = content / "podcast/bad.md"
        post.write_text(GOOD_FIELDS + fields + "\nShow notes.\n", encoding="utf-8")
    result = build(tmp_path, content=content, check=False)
    assert result.returncode != 0, result.log
    return problem_line(result)


def problem_line(result) -> str:
    """The single log line of the podcast plugin's error."""
    lines = [line for line in result.log.splitlines() if "podcast: " in line]
    assert len(lines) == 1, result.log
    assert not (result.output / "podcast/feed.xml").exists()
    assert not (result.output / "podcast/index.html").exists()
    return lines[0]


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ("Podcast_audio: podcast/audio/missing.mp3\n", "Podcast_audio", "not found"),
        (
            "Podcast_audio: https://media.example.org/ep.mp3\nPodcast_duration: 30:00\n",
            "Podcast_length",
            "required for remote audio",
        ),
        (
            "Podcast_audio: podcast/audio/ep1-why-doctors-hire-coaches.mp3\nPodcast_type: ful\n",
            "Podcast_type",
            "not one of full, trailer, bonus",
        ),
    ],
    ids=["missing-audio", "remote-without-length", "unknown-type"],
)
def test_bad_episode_fails_with_one_line_naming_post_and_field(tmp_path, fields, field, words):
    line = bad_build(tmp_path, fields)
    assert f"podcast: content/podcast/bad.md: {field}: " in line
    assert words in line


@pytest.mark.parametrize(
    ("size", "words"),
    [((1400, 1200), "must be square"), ((1000, 1000), "1400-3000 px")],
    ids=["non-square", "too-small"],
)
def test_bad_cover_fails_with_one_line_naming_the_setting(tmp_path, size, words):
    content = podcast_content(tmp_path)
    Image.new("RGB", size, (17, 70, 84)).save(content / "podcast/cover.png")
    result = build(tmp_path, content=content, check=False)
    assert result.returncode != 0
    line = problem_line(result)
    assert "podcast: [podcast] image: podcast/cover.png: " in line
    assert words in line


def test_every_problem_is_reported_in_one_run(tmp_path):
    content = podcast_content(tmp_path)
    Image.new("RGB", (1400, 1400), (17, 70, 84)).save(content / "podcast/cover.png", "JPEG")
    (content / "podcast/a.md").write_text(
        GOOD_FIELDS + "Podcast_audio: podcast/audio/missing.mp3\n\nx\n", encoding="utf-8"
    )
    (content / "podcast/b.md").write_text(
        GOOD_FIELDS.replace("bad-episode", "b")
        + "Podcast_audio: podcast/audio/ep1-why-doctors-hire-coaches.mp3\n"
        + "Podcast_explicit: sometimes\n\nx\n",
        encoding="utf-8",
    )
    result = build(tmp_path, content=content, check=False)
    assert result.returncode != 0
    lines = [line for line in result.log.splitlines() if "podcast: " in line]
    assert len(lines) == 3, result.log
    for expected in (
        """[podcast] image: podcast/cover.png: 'cover.png' holds a JPEG image""",
        "content/podcast/a.md: Podcast_audio: file 'podcast/audio/missing.mp3' not found",
        "content/podcast/b.md: Podcast_explicit: 'sometimes' is not true or false",
    ):
        assert sum(expected in line for line in lines) == 1, expected


@pytest.mark.parametrize("feeds", [False, True], ids=["podcast feed", "and Pelican's feeds"])
def test_a_control_character_in_show_notes_is_named_before_any_feed(tmp_path, feeds):
    content = podcast_content(tmp_path)
    post = content / "podcast/bad.md"
    post.write_text(GOOD_FIELDS + "\nShow notes with a form feed \x0c pasted in.\n", "utf-8")
    overrides = {} if feeds else {"FEED_ALL_ATOM": None, "FEED_ALL_RSS": None}
    result = build(tmp_path, content=content, check=False, **overrides)
    assert result.returncode == 1
    (line,) = [x for x in result.log.splitlines() if x.startswith("site: ")]
    assert line.startswith("site: podcast/bad.md: text holds the control character U+000C")
    assert "Traceback" not in result.log and "UnserializableContentError" not in result.log
    assert not (result.output / "podcast/feed.xml").exists()
