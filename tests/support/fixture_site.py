"""A whole fixture site of the tests' own: its settings file and content are
written into a temporary folder, so nothing here reads the coach's
pelicanconf.py or content/. The real theme, plugins and build command.

The prose is Latin placeholder text and the names are not English words:
a page of another language must show no English, and any English left on
it is then ours (tests/integration/test_languages.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.support.site import DEFAULT_EPOCH, FIXTURES, ROOT, BuildResult, build_site

LOREM = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
    "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud "
    "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. "
)
COACH_NAME = "Margaux Lindqvist"
COACH_EMAIL = "bonjour@lindqvist.example"

# Every word of the coach's own the fixture site prints (settings and
# content): a page may show these and our catalog's words, nothing else.
COACH_WORDS = (
    LOREM,
    COACH_NAME,
    COACH_EMAIL,
    "Atelier Lindqvist Quisque vitae velit Lyon, France Mastodon",
    "Sed ut perspiciatis Nemo enim ipsam voluptatem quia voluptas sit. Visio",
    "Neque porro quisquam Quis autem vel eum iure reprehenderit.",
    "Vox Lindqvist Ut enim ad minima veniam, quis nostrum exercitationem.",
    "Lorem ipsum Dolor sit Vox 1 Lorem dolor amet Margaux Atelier Quis nostrud",
)

SETTINGS = """\
import sys
sys.path.insert(0, {root!r})
COACH = {{
    "name": {name!r},
    "tagline": "Quisque vitae velit",
    "email": {email!r},
    "location": "Lyon, France",
    "timezone": "Europe/Paris",
    "social": [("Mastodon", "https://mastodon.example/@lindqvist")],
}}
SITENAME = "Atelier Lindqvist"
SITESUBTITLE = COACH["tagline"]
AUTHOR = COACH["name"]
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = {lang!r}
EXTRA_LANGUAGES = {extra!r}
PATH = "content"
ARTICLE_PATHS = ["articles", "podcast"]
ARTICLE_EXCLUDES = ["podcast/audio"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["podcast"]
THEME = {theme!r}
THEME_STATIC_DIR = "theme"
SITEURL = ""
FEED_DOMAIN = "http://127.0.0.1:8000"
ARTICLE_URL = "articles/{{slug}}/"
ARTICLE_SAVE_AS = "articles/{{slug}}/index.html"
ARTICLE_LANG_URL = "{{lang}}/articles/{{slug}}/"
ARTICLE_LANG_SAVE_AS = "{{lang}}/articles/{{slug}}/index.html"
PAGE_URL = "{{slug}}/"
PAGE_SAVE_AS = "{{slug}}/index.html"
PAGE_LANG_URL = "{{lang}}/{{slug}}/"
PAGE_LANG_SAVE_AS = "{{lang}}/{{slug}}/index.html"
CATEGORY_URL = "category/{{slug}}/"
CATEGORY_SAVE_AS = "category/{{slug}}/index.html"
TAG_URL = "tag/{{slug}}/"
TAG_SAVE_AS = "tag/{{slug}}/index.html"
AUTHOR_URL = "author/{{slug}}/"
AUTHOR_SAVE_AS = "author/{{slug}}/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
CATEGORIES_SAVE_AS = "categories/index.html"
TAGS_SAVE_AS = "tags/index.html"
AUTHORS_SAVE_AS = "authors/index.html"
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
DRAFT_URL = "drafts/{{slug}}/"
DRAFT_SAVE_AS = "drafts/{{slug}}/index.html"
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{{url}}", "{{save_as}}"),
    (2, "{{base_name}}/page/{{number}}/", "{{base_name}}/page/{{number}}/index.html"),
)
DIRECT_TEMPLATES = ["index", "archives", "categories", "tags", "authors", "404"]
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TAG_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = TRANSLATION_FEED_ATOM = None
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False
CACHE_PATH = {cache!r}
# Every fixture site shows the same podcast cover: encode it once per machine.
PHOTOS_CACHE_PATH = {photos_cache!r}
PLUGIN_PATHS = [{root!r}]
PLUGINS = [
    "pelican.plugins.sitemap",
    "plugins.site_extras",
    "plugins.booking",
    "plugins.testimonials",
    "plugins.privacy",
    "plugins.images",
    "plugins.podcast",
    "plugins.site_search",
    "plugins.parallel_read",
]
SITEMAP = {{"format": "xml"}}
BOOKING = {{
    "timezone": "Europe/Paris",
    "weekly_hours": {{"mon": ["09:00-12:00", "14:00-17:00"], "tue": ["09:00-12:00"]}},
    "busy_calendars": ["calendars/busy.ics"],
    "minimum_notice_hours": 24,
    "horizon_days": 14,
    "currency": "EUR",
    "organizer": {{"name": COACH["name"], "email": COACH["email"]}},
    "sessions": [
        {{
            "slug": "decouverte",
            "title": "Sed ut perspiciatis",
            "duration_minutes": 45,
            "description": "Nemo enim ipsam voluptatem quia voluptas sit.",
            "location": "Visio",
        }},
        {{
            "slug": "seance",
            "title": "Neque porro quisquam",
            "duration_minutes": 60,
            "price": 90,
            "description": "Quis autem vel eum iure reprehenderit.",
            "location": "Lyon",
        }},
    ],
}}
PODCAST = {{
    "title": "Vox Lindqvist",
    "description": "Ut enim ad minima veniam, quis nostrum exercitationem.",
    "author": COACH["name"],
    "owner_email": COACH["email"],
    "image": "podcast/cover.png",
    "categories": ["Business > Careers"],
    "explicit": False,
    "persons": [COACH["name"] + " | host"],
}}
{extra_lines}
"""


def _words(text: str, count: int) -> str:
    return " ".join(text.split()[:count])


def write_fixture_site(
    root: Path, *, lang: str = "en", extra_languages: tuple[str, ...] = (), lines: str = ""
) -> tuple[Path, Path]:
    """(settings file, content folder) of a small complete site in `lang`."""
    content = root / "content"
    for folder in ("articles", "pages", "podcast/audio", "calendars"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / "calendars/busy.ics", content / "calendars/busy.ics")
    shutil.copy(FIXTURES / "podcast/cover.png", content / "podcast/cover.png")
    audio = "ep1-why-doctors-hire-coaches.mp3"
    shutil.copy(FIXTURES / "podcast/audio" / audio, content / "podcast/audio" / audio)
    (content / "articles/lorem.md").write_text(
        "Title: Lorem ipsum\nDate: 2026-11-20 09:00\nModified: 2026-11-21 10:00\n"
        "Category: Lorem\nTags: dolor, amet\nSlug: lorem\n"
        f"Summary: {_words(LOREM, 8)}\n\n" + (LOREM * 8 + "\n\n") * 3,
        encoding="utf-8",
    )
    (content / "articles/ipsum.md").write_text(
        "Title: Dolor sit\nDate: 2026-10-02 09:00\nCategory: Lorem\nSlug: dolor\n\n" + LOREM,
        encoding="utf-8",
    )
    (content / "podcast/vox-1.md").write_text(
        "Title: Vox 1\nDate: 2026-09-01 08:00\nCategory: Vox\nSlug: vox-1\n"
        f"Summary: {_words(LOREM, 5)}\n"
        f"Podcast_audio: podcast/audio/{audio}\nPodcast_episode: 1\n"
        f"Podcast_person: {COACH_NAME} | host\n\n{LOREM}\n",
        encoding="utf-8",
    )
    for slug, title in (("about", "Margaux"), ("coaching", "Atelier"), ("contact", "Lyon")):
        (content / f"pages/{slug}.md").write_text(
            f"Title: {title}\nSlug: {slug}\n\n{LOREM}\n", encoding="utf-8"
        )
    (content / "pages/home.md").write_text(
        f"Title: Lindqvist\nSlug: home\nStatus: hidden\nSave_as:\nSummary: {_words(LOREM, 12)}\n\n"
        f"## Quis nostrud\n\n{LOREM}\n",
        encoding="utf-8",
    )
    settings = root / "fixture_settings.py"
    settings.write_text(
        SETTINGS.format(
            root=str(ROOT),
            theme=str(ROOT / "theme"),
            cache=str(root / "cache"),
            photos_cache=str(FIXTURES / "sample_site" / "cache" / "shared"),
            name=COACH_NAME,
            email=COACH_EMAIL,
            lang=lang,
            extra=list(extra_languages),
            extra_lines=lines,
        ),
        encoding="utf-8",
    )
    return settings, content


def translate(content: Path, slug: str, folder: str, lang: str, title: str) -> None:
    """Give content/<folder>/<slug>.md a translation in `lang` (Pelican's
    Lang:/same slug mechanism)."""
    (content / folder / f"{slug}-{lang}.md").write_text(
        f"Title: {title}\nDate: 2026-11-20 09:00\nSlug: {slug}\nLang: {lang}\n"
        f"Category: Lorem\n\n{LOREM}\n",
        encoding="utf-8",
    )


def build_fixture_site(
    root: Path,
    *,
    lang: str = "en",
    extra_languages: tuple[str, ...] = (),
    lines: str = "",
    check: bool = True,
    epoch: int | None = DEFAULT_EPOCH,
) -> BuildResult:
    settings, content = write_fixture_site(
        root, lang=lang, extra_languages=extra_languages, lines=lines
    )
    return build_site(
        root / "output", settings_file=str(settings), content=content, check=check, epoch=epoch
    )
