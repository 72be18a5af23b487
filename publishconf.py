"""Settings for the public site: `invoke publish` / `pelican -s publishconf.py`.

Only what differs from pelicanconf.py lives here.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
if not SITEURL.startswith(("https://", "http://")):
    raise SystemExit(
        "publishconf.py: set the environment variable SITEURL to your site's "
        "address, e.g. SITEURL=https://coach.example.org"
    )
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"

# Drafts (Status: draft) are unfinished words: the public site has none, not
# even at Pelican's guessable drafts/<slug>/ address. `invoke build`
# (pelicanconf.py, served on this computer only) still shows them for preview.
DRAFT_URL = DRAFT_SAVE_AS = DRAFT_LANG_URL = DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_URL = DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_URL = DRAFT_PAGE_LANG_SAVE_AS = ""

# Pre-compressed copies (file.html.gz, file.html.br) for hosts that serve
# them (nginx gzip_static/brotli_static, Caddy precompressed, S3 with
# Content-Encoding). Last in PLUGINS: it must see the finished output.
PLUGINS = [*PLUGINS, "pelican.plugins.precompress"]
PRECOMPRESS_GZIP = True
PRECOMPRESS_BROTLI = True
PRECOMPRESS_ZOPFLI = False
PRECOMPRESS_ZSTANDARD = False
PRECOMPRESS_TEXT_EXTENSIONS = {
    ".atom",
    ".css",
    ".html",
    ".ics",
    ".js",
    ".json",
    ".rss",
    ".svg",
    ".txt",
    ".vtt",
    ".xml",
}
