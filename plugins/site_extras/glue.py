"""Pelican signal handlers for the site-wide additions."""

from __future__ import annotations

import logging
import os
import re
from datetime import datetime
from pathlib import Path
from urllib.request import pathname2url

from jinja2 import pass_context
from pelican import signals
from pelican.plugins.sitemap import sitemap

from ..common.clock import ClockError, read_clock
from ..common.errors import SiteError
from ..common.language import language_of, site_languages
from ..config import of
from ..config.menu import menu_in_language
from ..config.placement import check_coach_photos, check_photo
from ..design.publish import look_assets
from .assets import AssetCatalog
from .content_cache import ROOT_KEY, keep_this_builds_cache, use_fingerprinted_folder
from .dates import numeric_date
from .feed_safe import forbidden_character
from .i18n import install, long_date, page_language
from .intrasite import missing_targets
from .language_homes import write_language_homes
from .links import broken_links, describe
from .reading import reading_minutes, word_count
from .security import content_security_policy, headers_file
from .sitemap_fix import absolutize, page_lastmod, settle_lastmod
from .template_cache import template_cache

log = logging.getLogger(__name__)
# Characters that end or break a URL path segment.
_URL_UNSAFE = re.compile(r"[?#%/\\\s\"'<>]")


def build_clock() -> datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    try:
        return read_clock(os.environ)
    except ClockError as error:
        log.critical("site: %s", error)
        raise SystemExit(1) from None


def check_settings(pelican) -> None:
    """Before any article is read: a bad zone would otherwise fail every file
    with its own "Could not process" line first. The templates then read
    the checked [coach] and [[menu]]."""
    try:
        settings = of(pelican.settings)
        check_photo(settings.coach, pelican.settings["PATH"])
        check_coach_photos(settings.coaches, pelican.settings["PATH"])
        pelican.settings["COACH"] = settings.coach
        pelican.settings["_MENU"] = settings.menu
        site_languages(pelican.settings)
    except SiteError as error:
        for line in str(error).splitlines():
            log.critical("%s: %s", _part(line), line)
        raise SystemExit(1) from None


def _part(line: str) -> str:
    """Which part of the site a settings line is about, as the build's
    other lines name it ("booking: ...")."""
    table = line.partition("[")[2].strip("[").partition("]")[0].partition(".")[0]
    return table if table in {"booking", "podcast", "editor"} else "site"


def refuse_unpublishable_text(generator) -> None:
    """One line naming the file and field, before any page or feed is
    written: control characters no feed can carry, slugs no URL can, and
    day/month dates that would be published as another day."""
    documents = [
        *getattr(generator, "articles", []),
        *getattr(generator, "drafts", []),
        *getattr(generator, "pages", []),
        *getattr(generator, "hidden_pages", []),
        *getattr(generator, "translations", []),
    ]
    content = Path(generator.settings["PATH"])
    for document in documents:
        missing = missing_targets(document._content or "", Path(document.source_path), content)
        if missing:
            log.critical(
                "site: %s links to %s, which no longer exists; fix the link or restore the file",
                _her_file(document, content),
                missing[0],
            )
            raise SystemExit(1)
        fields = {"text": document._content, "title": getattr(document, "title", "")}
        fields.update({key.capitalize(): value for key, value in document.metadata.items()})
        slug = getattr(document, "slug", "") or ""
        if _URL_UNSAFE.search(slug):
            log.critical(
                "site: %s: Slug %r cannot be part of an address (no ?, #, %%, /, spaces or "
                "quotes); use letters, digits and dashes",
                document.relative_source_path,
                slug,
            )
            raise SystemExit(1)
        ambiguous = numeric_date(document.source_path)
        if ambiguous:
            key, text = ambiguous
            log.critical(
                "site: %s: %s: %s could be read as two different days; write it "
                "year-month-day, like 2026-11-03",
                document.relative_source_path,
                key,
                text,
            )
            raise SystemExit(1)
        found = forbidden_character(fields)
        if found:
            field, code = found
            log.critical(
                "site: %s: %s holds the control character %s, which feeds cannot carry; "
                "delete it (it is invisible in most editors)",
                document.relative_source_path,
                field,
                code,
            )
            raise SystemExit(1)


def annotate_articles(generator) -> None:
    articles = generator.articles  # newest first
    generator.context["NEWEST_ARTICLE"] = max(articles, key=lambda a: a.date, default=None)
    for i, article in enumerate(articles):
        # Pelican works an article's URL out of its settings and metadata on
        # every use; our templates use it tens of times per article (lists,
        # feeds, JSON-LD, the sitemap): work it out once. Pelican reads
        # `override_url` first, and nothing that shapes the URL changes now.
        for version in (article, *article.translations):
            version.override_url = version.url
        # _content: the raw HTML. `.content` would resolve {filename} links now,
        # before pages are read, and warn about links to pages.
        article.word_count = word_count(article._content)
        article.reading_time = reading_minutes(article.word_count)
        article.newer = articles[i - 1] if i > 0 else None
        article.older = articles[i + 1] if i + 1 < len(articles) else None


def localize_dates(content) -> None:
    """Dates in the content's own language, through CLDR (Pelican's
    strftime would need the system locale installed, and ignores it for
    month names on many hosts)."""
    languages = site_languages(content.settings)
    wanted = getattr(content, "lang", None)
    lang = language_of(wanted, languages)
    if lang is None:
        codes = ", ".join(f'"{other.code}"' for other in languages)
        log.critical(
            "site: %s: Lang %r is not a language of this site (%s); add it to "
            "EXTRA_LANGUAGES in pelicanconf.py or correct the Lang: line",
            content.relative_source_path,
            wanted,
            codes,
        )
        raise SystemExit(1)
    if hasattr(content, "date"):
        content.locale_date = long_date(content.date, lang)
    if getattr(content, "modified", None):
        content.locale_modified = long_date(content.modified, lang)


def refuse_broken_links(pelican) -> None:
    """After every file is written, before the build is swapped in: a link
    or image into the site that leads nowhere fails the build
    (REFUSE_BROKEN_LINKS = False: `invoke check` collects them instead)."""
    if not pelican.settings.get("REFUSE_BROKEN_LINKS", True):
        return
    broken = broken_links(Path(pelican.output_path), pelican.settings.get("SITEURL") or "")
    if broken:
        more = (
            f" ({len(broken) - 1} more broken link(s) after fixing this)" if len(broken) > 1 else ""
        )
        sources = pelican.settings.get(_SOURCES) or {}
        log.critical("site: %s%s", describe(broken[0], sources), more)
        raise SystemExit(1)


def write_cname(pelican) -> None:
    """GitHub Pages keeps a custom domain only while the site carries CNAME."""
    domain = pelican.settings.get("CNAME")
    if domain:
        Path(pelican.output_path, "CNAME").write_text(f"{domain}\n", encoding="utf-8")


def write_robots(pelican) -> None:
    origin = pelican.settings.get("SITEURL") or pelican.settings["FEED_DOMAIN"]
    # ROBOTS_DISALLOW: folders another plugin publishes for the coach only
    # (the editor's /admin/).
    hidden = pelican.settings.get("ROBOTS_DISALLOW", [])
    disallow = "".join(f"Disallow: {path}\n" for path in hidden)
    text = f"User-agent: *\n{disallow}Allow: /\n\nSitemap: {origin}/sitemap.xml\n"
    Path(pelican.output_path, "robots.txt").write_text(text, encoding="utf-8")


def fix_sitemap(pelican) -> None:
    path = Path(pelican.output_path, "sitemap.xml")
    if not path.exists():
        return
    xml = path.read_text(encoding="utf-8")
    xml = settle_lastmod(xml, pelican.settings["SITEURL"], pelican.settings[_SITEMAP_DATES])
    if not pelican.settings.get("SITEURL"):
        xml = absolutize(xml, pelican.settings["FEED_DOMAIN"])
    path.write_text(xml, encoding="utf-8")


# Sitemap URL -> its lastmod (None: none), filled as pages are written. The
# dict lives in the build's settings, which every generator's context shares.
_SITEMAP_DATES = "_SITEMAP_LASTMOD"
_SOURCES = "_PAGE_SOURCES"  # output page -> the content file it comes from


def start_sitemap_dates(pelican) -> None:
    pelican.settings[_SITEMAP_DATES] = {}
    pelican.settings[_SOURCES] = {}


def remember_source(path, context) -> None:
    """Which of her files each written page comes from, so a broken link is
    named in the file she must open ("content/articles/equipo.md")."""
    sources = context.get(_SOURCES)
    document = context.get("article") or context.get("page")
    if sources is None or document is None or not getattr(document, "source_path", None):
        return
    page = os.path.relpath(path, context["OUTPUT_PATH"]).replace(os.sep, "/")
    sources[page] = _her_file(document, Path(context["PATH"]))


def _her_file(document, content: Path) -> str:
    """A document's file as she finds it in her project ("content/pages/about.md")."""
    source = Path(document.source_path)
    if source.is_relative_to(content.parent):
        return source.relative_to(content.parent).as_posix()
    return document.relative_source_path


def remember_sitemap_date(path, context) -> None:
    replace, when = page_lastmod(context)
    dates = context.get(_SITEMAP_DATES)
    if not replace or dates is None:
        return
    document = context.get("article") or context.get("page")
    # The same URL pelican-sitemap writes for this page.
    url = (
        document.url
        if document is not None
        else pathname2url(os.path.relpath(path, context["OUTPUT_PATH"]))
    )
    dates[re.sub(r"(?:^|(?<=/))index.html$", "", url)] = (
        None if when is None else sitemap.format_date(when)
    )


def absolute_feed_links(context, feed) -> None:
    # Without SITEURL (local preview) Pelican writes site-relative item links,
    # which feed readers cannot follow; FEED_DOMAIN is always absolute.
    if context.get("SITEURL"):
        return
    origin = context["FEED_DOMAIN"]
    if feed.feed["link"].startswith("/"):
        feed.feed["link"] = origin + feed.feed["link"]
    for item in feed.items:
        if item["link"].startswith("/"):
            item["link"] = origin + item["link"]


def fingerprint_content_cache(pelican) -> None:
    use_fingerprinted_folder(pelican.settings)


def keep_content_cache(pelican) -> None:
    keep_this_builds_cache(pelican.settings)


def pin_sitemap_clock(_pelican) -> None:
    # pelican-sitemap stamps undated pages (home, archives, pages) with its
    # own datetime.now(); use the build clock so SOURCE_DATE_EPOCH builds
    # are byte-identical.
    sitemap.generator.now = build_clock()


def _catalog(settings) -> AssetCatalog:
    # Kept in the build's own settings dict: one per build, no module state.
    if "_ASSET_CATALOG" not in settings:
        static = Path(settings["THEME"], "static")
        catalog = AssetCatalog(static)
        _add_look(catalog, settings, static)
        settings["_ASSET_CATALOG"] = catalog
    return settings["_ASSET_CATALOG"]


def _add_look(catalog: AssetCatalog, settings: dict, static: Path) -> None:
    """[design]'s fonts beside the theme's files, and its CSS after the
    theme's own in site.css (one stylesheet per page, as before)."""
    design = of(settings).design
    fonts, css = look_assets(design.style, design.accent)
    for relative, data in fonts.items():
        catalog.add(relative, data)
        css = css.replace("{" + relative + "}", "../" + catalog.name(relative))
    sheet = (static / "css/site.css").read_text(encoding="utf-8")
    catalog.add("css/site.css", (sheet + "\n" + css + "\n").encode("utf-8"))
    settings["_LOOK_FONTS"] = [catalog.name(relative) for relative in fonts]


def template_helpers(generator) -> None:
    settings = generator.settings
    catalog = _catalog(settings)
    prefix = f"{settings['SITEURL']}/{settings['THEME_STATIC_DIR']}"
    env = generator.env
    env.globals["asset"] = lambda relative: f"{prefix}/{catalog.name(relative)}"
    # The look's body font, preloaded: the text above the fold is set in it.
    env.globals["BODY_FONT"] = f"{prefix}/{settings['_LOOK_FONTS'][-1]}"
    form_action = _form_action(settings)
    env.globals["CSP"] = content_security_policy(form_action)
    install(env, site_languages(settings))
    env.globals["MENU_ITEMS"] = settings.get("_MENU")
    env.globals["menu_in"] = _menu_in(site_languages(settings))
    root = settings.get(ROOT_KEY) or settings["CACHE_PATH"]
    env.bytecode_cache = template_cache(env, Path(root))


def _menu_in(languages: list) -> object:
    """The template function giving [[menu]] in the rendered page's language."""

    @pass_context
    def menu_in(context, entries):
        return menu_in_language(entries, page_language(context, languages).code)

    return menu_in


def _form_action(settings: dict) -> str | None:
    booking = of(settings).booking
    return booking.request_form_action if booking else None


def write_assets_and_headers(pelican) -> None:
    settings = pelican.settings
    theme_out = Path(pelican.output_path, settings["THEME_STATIC_DIR"])
    _catalog(settings).publish(theme_out)  # only the hashed names are published
    form_action = _form_action(settings)
    csp = content_security_policy(form_action)
    admin_csp = settings.get("ADMIN_CSP")  # set by plugins.editor when it publishes /admin/
    Path(pelican.output_path, "_headers").write_text(headers_file(csp, admin_csp), encoding="utf-8")


def translations_in_taxonomies(generator) -> None:
    """A translation's own tags and category get their pages too. Pelican
    files only the main-language articles under tags and categories, so a
    translation with a tag of its own ("career" beside "carrera") would
    link to a page that is never written; it is listed there instead."""
    tags, categories = generator.tags, dict(generator.categories)
    for translation in generator.translations:
        for tag in getattr(translation, "tags", ()):
            if translation not in tags[tag]:
                tags[tag].append(translation)
        category = getattr(translation, "category", None)
        if category is not None and category not in categories:
            categories[category] = [translation]
    generator.categories = sorted(
        categories.items(), reverse=generator.settings["REVERSE_CATEGORY_ORDER"]
    )
    generator.context["tags"] = list(tags.items())
    generator.context["categories"] = generator.categories


def register() -> None:
    signals.initialized.connect(check_settings)
    signals.initialized.connect(pin_sitemap_clock)
    signals.initialized.connect(start_sitemap_dates)
    signals.content_written.connect(remember_sitemap_date)
    signals.content_written.connect(remember_source)
    signals.initialized.connect(fingerprint_content_cache)
    signals.finalized.connect(keep_content_cache)
    signals.article_generator_finalized.connect(refuse_unpublishable_text)
    signals.page_generator_finalized.connect(refuse_unpublishable_text)
    signals.article_generator_finalized.connect(annotate_articles)
    signals.article_generator_finalized.connect(translations_in_taxonomies)
    signals.feed_generated.connect(absolute_feed_links)
    signals.generator_init.connect(template_helpers)
    signals.content_object_init.connect(localize_dates)
    signals.finalized.connect(write_robots)
    signals.finalized.connect(write_cname)
    signals.finalized.connect(write_assets_and_headers)
    signals.finalized.connect(fix_sitemap)
    signals.finalized.connect(refuse_broken_links)
    signals.article_writer_finalized.connect(write_language_homes)
