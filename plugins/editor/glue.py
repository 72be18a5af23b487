"""Pelican glue: decide whether /admin/ is published, then write it.

/admin/ is published when the editor has somewhere to save (a GitHub
repository in `[editor]`, or the local backend of `invoke edit`) and Decap's
bundle is installed (`npm ci` puts it in node_modules/). Without the bundle a
local build says so in one line and goes on (a coach with only Python still
builds and serves her site); a public build (SITEURL set) stops, in one
line, rather than go online without the editor she asked for.
"""

from __future__ import annotations

import gzip
import html
import logging
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import brotli
from babel.dates import get_day_names
from pelican import signals

from ..common.language import site_languages
from ..common.zones import iana_zones
from ..config import of
from ..config.editor import EditorSettings, with_local_backend
from ..config.errors import ConfigError
from .decap_config import config_text, decap_config
from .fields import N_, WEEKDAYS, collections
from .policy import editor_security_policy

log = logging.getLogger(__name__)

ADMIN = "admin"
BUNDLE = "decap-cms.js"
STATIC = Path(__file__).with_name("static")
PLAN_KEY = "_EDITOR_PLAN"
TITLE = N_("Site editor")


@dataclass(frozen=True)
class Plan:
    editor: EditorSettings
    bundle: Path  # the folder holding decap-cms.js and its chunks


def bundle_folder(settings: dict) -> Path:
    configured = settings.get("EDITOR_BUNDLE")
    if configured:
        return Path(configured)
    return Path(settings["PATH"]).resolve().parent / "node_modules/decap-cms/dist"


def plan_editor(pelican) -> None:
    settings = pelican.settings
    try:
        editor = with_local_backend(of(settings).editor, settings.get("EDITOR_LOCAL_BACKEND"))
    except ConfigError as error:
        log.critical("editor: %s", error)
        raise SystemExit(1) from None
    if editor.repo is None and editor.local_backend is None:
        return  # no editor wanted: nothing to say
    bundle = bundle_folder(settings)
    if not (bundle / BUNDLE).is_file():
        if settings.get("SITEURL"):
            # A public build would go online without the editor the coach
            # asked for, and her next change made in it would never show.
            log.critical(
                "editor: /admin/ cannot be published: Decap CMS is not installed; run "
                "`npm ci` before the build (docs/editor.md), or remove [editor] from site.toml"
            )
            raise SystemExit(1)
        # Printed, not logged: the strict build fails on any warning, and a
        # preview on a computer with only Python must still build.
        print(
            "editor: /admin/ is not published: the editor's files are not installed; "
            "run `npm ci` in the project folder (docs/editor.md)",
            file=sys.stderr,
        )
        return
    settings[PLAN_KEY] = Plan(editor, bundle)
    # Read by site_extras when it writes _headers and robots.txt.
    settings["ADMIN_CSP"] = editor_security_policy(editor.local_backend)
    settings["ROBOTS_DISALLOW"] = [*settings.get("ROBOTS_DISALLOW", []), f"/{ADMIN}/"]


def index_html(csp: str, lang: str, title: str) -> str:
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="same-origin">
<link rel="icon" href="data:,">
<title>{title}</title>
</head>
<body>
<script src="manual-init.js"></script>
<script src="{BUNDLE}"></script>
<script src="pelican-format.js"></script>
</body>
</html>
"""


def write_admin(pelican) -> None:
    settings = pelican.settings
    plan: Plan | None = settings.get(PLAN_KEY)
    if plan is None:
        return
    target = Path(pelican.output_path, ADMIN)
    target.mkdir(parents=True, exist_ok=True)
    # The bundle and the chunks it loads on demand; not the source maps,
    # nor cms.js (the same bundle under its old name).
    for path in sorted(plan.bundle.glob("*decap-cms.js")):
        shutil.copyfile(path, target / path.name)
    for path in sorted(STATIC.glob("*.js")):
        shutil.copyfile(path, target / path.name)
    _precompress(target, settings)
    languages = site_languages(settings)
    language = languages[0]
    day_names = get_day_names("wide", locale=language.locale)
    forms = collections(
        language.gettext,
        content=Path(settings["PATH"]).name,
        day_names={day: day_names[i].capitalize() for i, day in enumerate(WEEKDAYS)},
        zones=sorted(iana_zones()),
        settings_file="site.toml",
        # Each language by its own name ("English", "español").
        languages=[(lang.code, lang.locale.display_name.capitalize()) for lang in languages],
        # A program's coaches: the sessions' choice of who gives them.
        coaches=[(coach.slug, coach.name) for coach in of(settings).coaches],
    )
    site_url = settings.get("SITEURL") or settings.get("FEED_DOMAIN") or ""
    config = decap_config(plan.editor, language=language.code, site_url=site_url, collections=forms)
    (target / "config.yml").write_text(config_text(config), encoding="utf-8")
    title = html.escape(f"{language.gettext(TITLE)} · {settings.get('SITENAME', '')}")
    (target / "index.html").write_text(
        index_html(settings["ADMIN_CSP"], language.tag, title), encoding="utf-8"
    )


def _precompress(target: Path, settings: dict) -> None:
    """The .br and .gz copies pelican-precompress would make of the bundle,
    made faster: at its brotli quality (11) the 5 MB bundle alone added 20 s
    to every public build; quality 6 takes 0.1 s for 3 % more bytes. The
    plugin runs after this one and leaves files that exist alone."""
    if "pelican.plugins.precompress" not in settings.get("PLUGINS", []):
        return
    for path in sorted(target.glob("*decap-cms.js")):
        data = path.read_bytes()
        if settings.get("PRECOMPRESS_BROTLI", True):
            path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=6))
        if settings.get("PRECOMPRESS_GZIP", True):
            # mtime=0: byte-identical builds under SOURCE_DATE_EPOCH.
            path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, 6, mtime=0))


def register() -> None:
    signals.initialized.connect(plan_editor)
    signals.finalized.connect(write_admin)
