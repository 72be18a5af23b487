"""The fixture site dressed as a coach's practice would be: a real JPEG
portrait, three testimonials, a free and a paid session, in English and
French, in a chosen look. The looks' tests and screenshots use it."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.support.fixture_site import LOREM, translate, write_fixture_site
from tests.support.site import DEFAULT_EPOCH, FIXTURES, BuildResult, build_site

PORTRAIT = FIXTURES / "photos/portrait.jpg"
TESTIMONIALS = {
    "first.md": "Author: Ingrid V.\nRole: Lorem ipsum, Lyon\nSessions: decouverte\n\n"
    "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris.\n",
    "second.md": "Author: Paulo M.\nRole: Dolor sit\nSessions: seance\n\n"
    "Duis aute irure dolor in reprehenderit in voluptate velit esse.\n",
    "third.md": "Author: Chiara B.\n\nExcepteur sint occaecat cupidatat non proident, "
    "sunt in culpa qui officia.\n",
}


def build_showcase(
    root: Path, style: str = "calm", *, epoch: int | None = DEFAULT_EPOCH
) -> BuildResult:
    settings, content = write_showcase(root, style)
    return build_site(
        root / "output", settings_file=str(settings), content=content, epoch=epoch, verbose=True
    )


def write_showcase(root: Path, style: str = "calm") -> tuple[Path, Path]:
    """(settings file, content folder) of the showcase in `style`."""
    lines = (
        f"DESIGN = {{'style': {style!r}}}\n"
        "COACH['photo'] = 'images/portrait.jpg'\n"
        "COACH['photo_alt'] = 'Portrait of the coach in uniform'\n"
        "STATIC_PATHS = ['podcast', 'images']\n"
        f"CACHE_PATH = {str(root / 'cache')!r}\n"
    )
    settings, content = write_fixture_site(root, lang="en", extra_languages=("fr",), lines=lines)
    (content / "images").mkdir(exist_ok=True)
    shutil.copy(PORTRAIT, content / "images/portrait.jpg")
    (content / "testimonials").mkdir(exist_ok=True)
    for name, text in TESTIMONIALS.items():
        (content / "testimonials" / name).write_text(text, encoding="utf-8")
    translate(content, "lorem", "articles", "fr", "Lorem en français")
    (content / "pages/home-fr.md").write_text(
        f"Title: Accueil\nSlug: home\nLang: fr\nStatus: hidden\nSave_as:\n"
        f"Summary: {LOREM[:80]}\n\n## Quis nostrud\n\n{LOREM}\n",
        encoding="utf-8",
    )
    return settings, content
