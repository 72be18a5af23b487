"""Settings for building the site on your own computer.

Coaches: edit the block marked "WHO YOU ARE" and the BOOKING hours below;
everything else can stay as it is. `publishconf.py` reuses this file for the
public site.
"""

# ---------------------------------------------------------------------------
# WHO YOU ARE. Change these lines to rebrand the whole site: every page, feed,
# calendar invite and structured-data block reads them from here.
# ---------------------------------------------------------------------------
COACH = {
    "name": "Dr. Eleanor Hart",  # as you want it on every page
    "credentials": "MD, FACC; certified professional coach",
    "tagline": "Coaching for physicians who want their working life to fit them again",
    "photo": "images/coach.svg",  # a file under content/ (SVG, JPEG or PNG)
    "photo_alt": "Portrait illustration of Dr. Eleanor Hart",
    "email": "hello@hartcoaching.example",
    "job_title": "Physician coach",  # optional; for search engines
    "location": "Hartford, Connecticut, USA",
    "timezone": "America/New_York",  # IANA name; your booking hours use it
    "social": [  # (label, URL); shown in the footer as plain links
        ("LinkedIn", "https://www.linkedin.com/in/example-eleanor-hart"),
        ("Mastodon", "https://mastodon.social/@example_eleanor_hart"),
    ],
    # optional; the last line of every page's footer
    "disclaimer": "Coaching is not medical or psychological treatment.",
}
SITENAME = "Eleanor Hart Coaching"
SITESUBTITLE = COACH["tagline"]
AUTHOR = COACH["name"]
TIMEZONE = COACH["timezone"]
DEFAULT_LANG = "en"
# ---------------------------------------------------------------------------

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
# Every build reads every file: at a coach's tens of articles the content
# cache saves nothing measurable, and a cache that outlives a settings change
# can serve stale pages (bench/README.md, "What the speed machinery earns").
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False

# Our plugins are the package `plugins/` of this folder, loaded by the same
# dotted names the desk and the tests import (plugins/__init__.py).
PLUGIN_PATHS = ["."]
PLUGINS = [
    "pelican.plugins.sitemap",
    "plugins.site_extras",
    "plugins.booking",
    "plugins.podcast",
    "plugins.parallel_read",
]

SITEMAP = {
    "format": "xml",
    "priorities": {"articles": 0.6, "indexes": 0.5, "pages": 0.7},
    "changefreqs": {"articles": "monthly", "indexes": "daily", "pages": "monthly"},
    # Slot pages expire within weeks and carry noindex; keep them out too.
    "exclude": [
        "^tag/",
        "^author/",
        "^category/",
        "^tags/",
        "^categories/",
        "^authors/",
        "^404",
        r"^book/[^/]+/\d{8}T\d{6}Z/",
    ],
}

# ---------------------------------------------------------------------------
# BOOKING: when you are free for discovery sessions. See README, "Booking".
# Times are wall-clock times in "timezone"; daylight saving is handled for you.
# ---------------------------------------------------------------------------
BOOKING = {
    "timezone": COACH["timezone"],
    "weekly_hours": {
        "mon": ["09:00-12:00", "13:00-17:00"],
        "tue": ["09:00-12:00"],
        "thu": ["13:00-17:00"],
    },
    "date_overrides": {"2026-12-24": [], "2026-12-30": ["10:00-12:00"]},
    "busy_calendars": ["calendars/busy.ics"],
    "minimum_notice_hours": 24,
    "horizon_days": 28,
    "interval_minutes": 30,
    "buffer_before_minutes": 0,
    "buffer_after_minutes": 15,
    "organizer": {"name": COACH["name"], "email": COACH["email"]},
    "sessions": [
        {
            "slug": "discovery",
            "title": "Complimentary 30-minute discovery session",
            "duration_minutes": 30,
            "description": (
                "A free, no-obligation conversation about where you are in your "
                "medical career, what you would like to change, and whether "
                "coaching is the right way to get there."
            ),
            "location": "Video call; the link is sent when the time is confirmed",
            "price": 0,
            "max_per_day": 4,
        },
    ],
}

# ---------------------------------------------------------------------------
# PODCAST: your show, for the podcast page (/podcast/) and the feed apps
# subscribe to (/podcast/feed.xml). Episodes are posts in content/podcast/
# with "Podcast_..." lines; see docs/podcast.md. The build stops with a
# one-line message if anything here would make Apple Podcasts reject the feed.
# ---------------------------------------------------------------------------
PODCAST = {
    "title": "Second Opinions with Dr. Eleanor Hart",
    "description": (
        "Short conversations for physicians about the working life they actually "
        "want: career changes, leadership, teaching and burnout, from a cardiologist "
        "turned coach."
    ),
    "author": COACH["name"],
    "owner_email": COACH["email"],  # Apple sends the ownership check here
    "image": "podcast/cover.png",  # square JPEG/PNG, 1400-3000 px, RGB
    "language": "en-us",
    "categories": ["Health & Fitness > Medicine", "Business > Careers"],  # Apple's list
    "explicit": False,
    "type": "episodic",  # or "serial" for a story told in order
    "locked": True,  # podcast:locked: only you can move the show to another host
    "persons": [f"{COACH['name']} | host"],
    # Once the feed is public, pin its podcast:guid here so a new domain never
    # changes the show's identity: "guid": "xxxxxxxx-xxxx-5xxx-xxxx-xxxxxxxxxxxx",
    # Directory links shown under "Subscribe", once the show is listed there:
    # "subscribe": [("Apple Podcasts", "https://podcasts.apple.com/...")],
    "subscribe": [],
}
