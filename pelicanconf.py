"""Pelican's technical settings for building the site on your own computer.

Coaches: your name, hours, sessions and podcast live in site.toml, next to
this file; nothing here needs changing. `publishconf.py` reuses this file
for the public site.
"""

from pathlib import Path

from plugins.config.load import load_site_file

# COACH, SITENAME, SITESUBTITLE, AUTHOR, TIMEZONE, DEFAULT_LANG,
# EXTRA_LANGUAGES, MENU, BOOKING, PODCAST and EDITOR, from site.toml.
globals().update(load_site_file(Path(__file__).resolve().with_name("site.toml")))

PATH = "content"
ARTICLE_PATHS = ["articles", "podcast"]
# Podcast media folders hold files, not posts (an .html transcript would
# otherwise be read as an article).
ARTICLE_EXCLUDES = ["podcast/audio", "podcast/transcripts", "podcast/chapters"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "podcast"]

THEME = "theme"
THEME_STATIC_DIR = "theme"

# Local preview: links are site-relative ("/articles/…") so the same output
# works on http://127.0.0.1:8000; FEED_DOMAIN makes feeds and canonical links
# absolute. publishconf.py replaces both with the real address.
SITEURL = ""
FEED_DOMAIN = "http://127.0.0.1:8000"
RELATIVE_URLS = False

# Clean, collision-free URLs: every page is a folder with an index.html.
ARTICLE_URL = "articles/{slug}/"
ARTICLE_SAVE_AS = "articles/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
# A translation (same Slug:, its own Lang:) lives under its language's
# folder, so a second language ([site] extra_languages) needs no edit here.
ARTICLE_LANG_URL = "{lang}/articles/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/articles/{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
DRAFT_LANG_URL = "{lang}/drafts/{slug}/"
DRAFT_LANG_SAVE_AS = "{lang}/drafts/{slug}/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
AUTHOR_URL = "author/{slug}/"
AUTHOR_SAVE_AS = "author/{slug}/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
CATEGORIES_SAVE_AS = "categories/index.html"
TAGS_SAVE_AS = "tags/index.html"
AUTHORS_SAVE_AS = "authors/index.html"
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
# "/page/N/" can never collide with an article or tag slug that ends in a digit.
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
DIRECT_TEMPLATES = ["index", "archives", "categories", "tags", "authors", "404"]
TEMPLATE_PAGES = {}
SUMMARY_MAX_LENGTH = 40

# Feeds are on locally too, so the test suite checks what production serves.
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
FEED_MAX_ITEMS = 20

# Dates are written the way DEFAULT_LANG writes them (CLDR, through Babel):
# "November 20, 2026" in English, "20 novembre 2026" in French.
# Pelican's content cache: what the readers made of each file is kept in
# cache/ and reused while the file's text (sha256) is the same, in a folder
# named after a fingerprint of these settings, the installed libraries and
# our plugins' code (plugins/site_extras/content_cache.py), so a changed
# setting never serves pages made under the old one. Each build works on its
# own copy and puts its files back one atomic rename each, so builds at once
# cannot leave a file half written. Not gzipped: at 1,000 articles
# compressing it costs more than reading the files again. README.md, "What
# `cache/` keeps", lists everything else kept there.
LOAD_CONTENT_CACHE = True
CACHE_CONTENT = True
CONTENT_CACHING_LAYER = "reader"
CHECK_MODIFIED_METHOD = "sha256"
GZIP_CACHE = False

# Our plugins are the package `plugins/` of this folder, loaded by the same
# dotted names the desk and the tests import (plugins/__init__.py).
PLUGIN_PATHS = ["."]
PLUGINS = [
    "pelican.plugins.sitemap",
    "plugins.site_extras",
    "plugins.booking",
    "plugins.coaches",
    "plugins.testimonials",
    "plugins.privacy",
    "plugins.images",
    "plugins.podcast",
    "plugins.site_search",
    "plugins.parallel_read",
    "plugins.editor",
]

SITEMAP = {
    "format": "xml",
    "priorities": {"articles": 0.6, "indexes": 0.5, "pages": 0.7},
    "changefreqs": {"articles": "monthly", "indexes": "daily", "pages": "monthly"},
    # Slot pages expire within weeks and carry noindex; keep them out too,
    # and the manage page (only a confirmation's links lead there).
    "exclude": [
        "^tag/",
        "^author/",
        "^category/",
        "^tags/",
        "^categories/",
        "^authors/",
        "^404",
        r"^book/[^/]+/\d{8}T\d{6}Z/",
        r"^(?:[a-z-]+/)?book/[^/]+/\d{4}-\d{2}-\d{2}/",  # a day's times (many times), noindex
        r"^(?:[a-z-]+/)?book/manage/",  # a confirmation's cancel/move page, noindex
        r"^(?:[a-z-]+/)?search/",  # noindex: its results are made in the browser
    ],
}
