"""A home page for each of the site's other languages: `en/` beside the
Spanish `/` of a site with `[site] extra_languages = ["en"]`.

Pelican writes one home page, in the site's language. A visitor reading
the English pages needs an English one: her tagline and photo description
in English (site.toml), the English translation of her home text
(content/pages/home.md's translation: same `Slug: home`, `Lang: en`), the
booking button with the English session title and the latest articles
written in English. What she has not translated shows in the site's own
language, marked with its `lang` so screen readers pronounce it right and
`invoke check` can list it.
"""

from __future__ import annotations

from ..common.language import Language, language_of, site_languages, url_prefix


def _in(item, lang: Language, languages: list[Language]):
    """`item` (an article or page) in `lang`: itself or its translation;
    None when it exists in another language only, or its translation is
    still empty (the editor starts one empty for her to fill)."""
    for candidate in (item, *getattr(item, "translations", ())):
        if _language(candidate, languages) is lang and _has_words(candidate):
            return candidate
    return None


def _has_words(page) -> bool:
    return bool(page.metadata.get("summary") or page.content.strip())


def _language(item, languages: list[Language]) -> Language | None:
    return language_of(getattr(item, "lang", None), languages)


def write_language_homes(generator, writer) -> None:
    settings = generator.settings
    languages = site_languages(settings)
    if len(languages) == 1:
        return
    everything = [*generator.articles, *generator.translations]
    count = settings.get("DEFAULT_PAGINATION") or 10
    template = generator.get_template("index")
    editions = generator.context.get("BOOKING_EDITIONS") or {}
    for lang in languages[1:]:
        articles = sorted(
            (a for a in everything if _language(a, languages) is lang),
            key=lambda a: a.date,
            reverse=True,
        )
        # Her home text in this language, else in the site's (marked).
        hidden = generator.context.get("hidden_pages", ())
        home = next((page for page in hidden if page.slug == "home"), None)
        translated = home and _in(home, lang, languages)
        prefix = url_prefix(lang, languages)
        writer.write_file(
            f"{prefix}index.html",
            template,
            generator.context,
            settings["RELATIVE_URLS"],
            template_name="index",
            url=prefix,
            page_language=lang.code,
            articles=articles[:count],
            articles_page=None,
            hidden_pages=[translated or home] if home else [],
            home_text_lang="" if translated or not home else languages[0].tag,
            BOOKING_VIEW=editions.get(lang.code, generator.context.get("BOOKING_VIEW")),
        )
