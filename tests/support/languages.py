"""The shipped catalogs (theme/translations: product code, not the coach's
content), loaded as a build loads them."""

from __future__ import annotations

from pathlib import Path

from plugins.common.language import Language, catalog_folder, load_language

CATALOGS = catalog_folder(Path(__file__).resolve().parents[2] / "theme")
SHIPPED = ("en", "fr", "de", "es", "pt_BR", "nl", "it")


def language(code: str = "en") -> Language:
    return load_language(code, CATALOGS)


ENGLISH = language("en")
