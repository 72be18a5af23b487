"""Her words in the site's other languages: the settings a coach may give
once (`tagline = "..."`) or per language (`tagline = { es = "...", en =
"..." }`). The site's own language is the value every part reads; the
others are kept as (language, key, text) and `in_language()` gives the
edition a page, an email or an invitation in that language shows. What
she did not translate stays in the site's language (and `invoke check`
lists it)."""

from __future__ import annotations

from dataclasses import replace
from typing import Self

from . import validate

Words = tuple[tuple[str, str, str], ...]


class InLanguage:
    """For frozen dataclasses with a `words: Words` field."""

    words: Words

    def in_language(self, code: str) -> Self:
        wanted = code.replace("-", "_")
        changes = {key: text for lang, key, text in self.words if lang == wanted}
        return replace(self, **changes) if changes else self  # type: ignore[type-var]

    def given_in(self, code: str) -> set[str]:
        """The keys she wrote in `code` (a language other than the site's)."""
        wanted = code.replace("-", "_")
        return {key for lang, key, _ in self.words if lang == wanted}


class Collector:
    """Reads the per-language keys of one table: call it for each, then
    `words` holds the other languages' texts."""

    def __init__(self, languages: tuple[str, ...] | list[str]) -> None:
        self.languages = tuple(languages)
        self.words: list[tuple[str, str, str]] = []

    def __call__(self, key: str, value: object, setting: str, *, multiline: bool = False) -> str:
        texts = validate.per_language(value, setting, self.languages, multiline=multiline)
        self.words.extend((lang, key, text) for lang, text in texts[1:])
        return texts[0][1]
