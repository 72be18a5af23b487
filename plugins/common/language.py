"""The site's language: which gettext catalog translates our words, and which
CLDR locale formats dates, times, numbers and zone names.

The catalogs are `theme/translations/<code>/LC_MESSAGES/messages.po`
(gettext sources, extracted with `pybabel extract`, see docs/translating.md).
They are compiled in memory with Babel when a build or a desk command starts,
so a compiled `.mo` can never be older than the `.po` beside it. English is
the source language: its words are the msgids, so it needs no catalog.

A region form chooses the formats and keeps the catalog: `fr_CA` / `fr-CA`
is French words with Canadian dates and times, `en_GB` English words with a
24-hour clock. `pt` alone means Brazilian Portuguese, the one we ship.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from babel import Locale, UnknownLocaleError

from .errors import SiteError

SOURCE = "en"
DOMAIN = "messages"
# A bare language code that means one regional catalog.
_ONLY_REGION = {"pt": "pt_BR"}


_NARROW_NBSP = str.maketrans({"\u202f": " "})


class LanguageError(SiteError):
    """A language setting names no language the site has a catalog for."""

    def __init__(self, setting: str, problem: str) -> None:
        self.setting = setting
        self.problem = problem
        super().__init__(f"{setting}: {problem}")


def plain_spaces(text: str) -> str:
    """CLDR's narrow no-break space (U+202F, before AM/PM and in some French
    patterns) as a plain space: some screen readers announce it."""
    return text.translate(_NARROW_NBSP)


@dataclass(frozen=True)
class Language:
    """Our words in one language, and the locale that formats around them."""

    code: str  # the catalog: "en", "fr", "pt_BR"
    locale: Locale  # CLDR data: may carry a region the catalog lacks (fr_CA)
    translations: gettext.NullTranslations

    @property
    def tag(self) -> str:
        """The BCP 47 tag for `lang=`, hreflang and inLanguage: "fr", "pt-BR"."""
        return str(self.locale).replace("_", "-")

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.translations.ngettext(singular, plural, count)

    def name(self) -> str:
        """The language's own name for itself ("Français"), for a switcher."""
        return self.locale.get_display_name(self.locale).capitalize()


def catalog_folder(theme: str | Path) -> Path:
    return Path(theme) / "translations"


def shipped(folder: Path) -> list[str]:
    """English first, then every language with a catalog, in code order."""
    found = sorted(p.parent.parent.name for p in folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return [SOURCE, *(code for code in found if code != SOURCE)]


def load_language(value: object, folder: Path, setting: str = "[site] language") -> Language:
    """`value` as written in the settings -> its Language, or a LanguageError
    naming `setting` and listing the languages there are catalogs for."""
    codes = shipped(folder)
    choices = ", ".join(f'"{code}"' for code in codes)
    refusal = LanguageError(
        setting,
        f"{value!r} is not a language this site has; write one of {choices} "
        "(docs/translating.md explains how to add one)",
    )
    if not isinstance(value, str) or not value.strip():
        raise refusal
    try:
        locale = Locale.parse(value.strip().replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise refusal from None
    regional = f"{locale.language}_{locale.territory}" if locale.territory else ""
    code = next(
        (
            c
            for c in (regional, locale.language, _ONLY_REGION.get(locale.language, ""))
            if c in codes
        ),
        None,
    )
    if code is None:
        raise refusal
    if not locale.territory and code != locale.language:
        locale = Locale.parse(code)  # "pt" formats as the Brazilian catalog it gets
    return Language(code, locale, _translations(folder, code))


def _translations(folder: Path, code: str) -> gettext.NullTranslations:
    if code == SOURCE:
        return gettext.NullTranslations()
    # Only a site in another language pays for Babel's catalog reader.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    path = folder / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    try:
        text = path.read_bytes()
        found = _COMPILED.get((path, text))
        if found is None:
            catalog = read_po(BytesIO(text), locale=code)
            out = BytesIO()
            write_mo(out, catalog)  # fuzzy entries are left out, as msgfmt does
            found = _COMPILED[(path, text)] = Catalog(BytesIO(out.getvalue()))
    except (OSError, ValueError) as error:
        raise LanguageError(str(path), f"cannot be read as a gettext catalog ({error})") from None
    return found


# Catalogs read in this process, by their file and exact text: the desk
# asks for a language per email, and parsing a .po file costs ~10 ms each
# time (reading the compiled one again, ~1 ms). Keyed by the bytes, so an
# edited catalog is read afresh. Shared: nothing adds a fallback to one.
_COMPILED: dict[tuple[Path, bytes], Catalog] = {}


class Catalog(gettext.GNUTranslations):
    """A compiled catalog that survives pickling: Pelican's content cache
    pickles every page with the settings it holds, our languages among them,
    and gettext's plural rule is a function made at run time. Pickled as its
    messages and headers; the rule is made again from the Plural-Forms
    header, as gettext itself makes it."""

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("plural", None)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        forms = self._info.get("plural-forms", "")
        rule = forms.split(";")[1].split("plural=")[1] if "plural=" in forms else "n != 1"
        self.plural = gettext.c2py(rule)


EXTRA = "EXTRA_LANGUAGES"
EXTRA_NAME = "[site] extra_languages"  # as the coach writes it
_CACHE = "_SITE_LANGUAGES"


def site_languages(settings: dict) -> list[Language]:
    """DEFAULT_LANG's Language, then those of EXTRA_LANGUAGES (a bilingual
    practice's second language), loaded once per build and kept in the
    build's own settings dict (no module state; the parallel readers never
    receive it, see plugins.parallel_read)."""
    if _CACHE not in settings:
        folder = catalog_folder(settings["THEME"])
        first = load_language(settings.get("DEFAULT_LANG"), folder)
        extra = settings.get(EXTRA, []) or []
        if not isinstance(extra, list | tuple):
            raise LanguageError(EXTRA_NAME, f'must be a list like ["fr"], not {extra!r}')
        languages = [first]
        for i, value in enumerate(extra):
            lang = load_language(value, folder, f"{EXTRA_NAME}, item {i + 1}")
            if lang.code in {other.code for other in languages}:
                raise LanguageError(
                    f"{EXTRA_NAME}, item {i + 1}", f"{value!r} is already a language of the site"
                )
            languages.append(lang)
        settings[_CACHE] = languages
    return settings[_CACHE]


def url_prefix(lang: Language, languages: list[Language]) -> str:
    """ "" for the site's first language, "fr/" or "pt-br/" for the others."""
    return "" if lang is languages[0] else f"{lang.tag.lower()}/"


def language_of(value: str | None, languages: list[Language]) -> Language | None:
    """The site language a piece of content's `Lang:` names: the first one
    when unset, None when it names none of them."""
    if not value:
        return languages[0]
    wanted = value.replace("-", "_").lower()
    for lang in languages:
        if wanted in {lang.code.lower(), str(lang.locale).lower(), lang.locale.language}:
            return lang
    return None
