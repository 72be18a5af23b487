"""Our template words in the language of the page being rendered.

One build can write pages in several languages (a French article and its
English translation, `fr/book/` beside `book/`), so the gettext callables
installed into Jinja (`jinja2.ext.i18n`, new-style) choose the catalog per
render from the template context: `page_language` when the page sets it
(the booking pages of each language), else the `Lang:` of the article or
page being rendered, else the site's first language.
"""

from __future__ import annotations

from babel.dates import format_date
from jinja2 import pass_context
from markupsafe import Markup

from ..common.language import Language, language_of, plain_spaces, url_prefix


def page_language(context, languages: list[Language]) -> Language:
    if len(languages) == 1:
        return languages[0]  # most sites: nothing to choose, every call
    code = context.get("page_language")
    if code:
        return next(lang for lang in languages if lang.code == code)
    content = context.get("article") or context.get("page")
    return language_of(getattr(content, "lang", None), languages) or languages[0]


def translations_of(context, languages: list[Language]) -> list[tuple[Language, str]]:
    """This page in every language it exists in, itself included (hreflang
    pairs must be reciprocal), as (language, site-relative path); [] when
    it exists in one language only.

    Articles and pages: Pelican's own `translations` (same slug, other
    `Lang:`). Booking pages and the home page: every site language has
    them, under its prefix.
    """
    content = context.get("article") or context.get("page")
    if content is not None and getattr(content, "translations", None):
        found = [(content, content.url)] + [(t, t.url) for t in content.translations]
        return [
            (lang, url)
            for item, url in found
            for lang in [language_of(getattr(item, "lang", None), languages)]
            if lang is not None
        ]
    code = context.get("page_language")
    output = context.get("output_file") or ""
    if output == "index.html":
        code = languages[0].code  # the home page: every language has one
    if code and len(languages) > 1:
        prefix = url_prefix(page_language(context, languages), languages)
        path = output.removeprefix(prefix).removesuffix("index.html")
        return [(lang, url_prefix(lang, languages) + path) for lang in languages]
    return []


def install(env, languages: list[Language]) -> None:
    """gettext/ngettext/_ and `language()` for every template of `env`."""

    @pass_context
    def gettext(context, message: str) -> str:
        return page_language(context, languages).gettext(message)

    @pass_context
    def ngettext(context, singular: str, plural: str, count: int) -> str:
        return page_language(context, languages).ngettext(singular, plural, count)

    @pass_context
    def language(context) -> Language:
        return page_language(context, languages)

    @pass_context
    def alternates(context) -> list[tuple[Language, str]]:
        return translations_of(context, languages)

    @pass_context
    def in_page_language(context, words):
        """Her words (COACH, SETTINGS.site, a session) as this page's
        language has them; what she did not translate, in the site's."""
        if len(languages) == 1 or words is None:
            return words
        return words.in_language(page_language(context, languages).code)

    @pass_context
    def home_path(context) -> str:
        """The home page in this page's language: "" or "en/"."""
        return url_prefix(page_language(context, languages), languages)

    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    if len(languages) == 1:
        # One language: the catalog's own functions, no per-call lookup.
        words, plurals = languages[0].gettext, languages[0].ngettext
    else:
        words, plurals = gettext, ngettext  # called with the page's context
    env.install_gettext_callables(words, plurals, newstyle=True)
    # Jinja's newstyle functions, called the way Jinja calls them but without
    # its two indirections (`_` looks "gettext" up again on every call, and
    # both go through Context.call): a page makes tens of these calls, and a
    # site of 1,000 articles about 40,000.
    fast = _newstyle(words, plurals, per_page=len(languages) > 1)
    env.globals.update(zip(("gettext", "_", "ngettext"), (fast[0], fast[0], fast[1]), strict=True))
    env.globals["language"] = language
    env.globals["alternates"] = alternates
    env.globals["in_page_language"] = in_page_language
    env.globals["home_path"] = home_path
    env.globals["SITE_LANGUAGES"] = languages


def _newstyle(words, plurals, *, per_page: bool):
    """What jinja2.ext's newstyle gettext and ngettext return: the message
    (Markup when autoescaping) %-formatted with the keywords, `num` defaulting
    to the count."""

    @pass_context
    def gettext(context, message: str, **variables) -> str:
        text = words(context, message) if per_page else words(message)
        if context.eval_ctx.autoescape:
            text = Markup(text)
        return text % variables

    @pass_context
    def ngettext(context, singular: str, plural: str, count: int, **variables) -> str:
        variables.setdefault("num", count)
        if per_page:
            text = plurals(context, singular, plural, count)
        else:
            text = plurals(singular, plural, count)
        if context.eval_ctx.autoescape:
            text = Markup(text)
        return text % variables

    return gettext, ngettext


def long_date(moment, lang: Language) -> str:
    """An article's date as its language writes it: "November 20, 2026", "20 novembre 2026"."""
    return plain_spaces(format_date(moment, "long", locale=lang.locale))
