"""Her words that a second language shows in the first: what `invoke check`
lists, so a missing translation is seen rather than guessed."""

from __future__ import annotations

from .errors import setting_name
from .load import Settings

# The keys of a session that may be given per language.
SESSION_WORDS = ("title", "description", "location")


def untranslated(settings: Settings) -> dict[str, list[str]]:
    """Each extra language -> the settings its pages show in the site's own
    language, named as she writes them ("[booking] sessions, item 1, title")."""
    found: dict[str, list[str]] = {}
    for code in (c.replace("-", "_") for c in settings.site.extra_languages):
        missing = []
        for i, session in enumerate(settings.booking.sessions if settings.booking else ()):
            given = {key for lang, key, _ in session.words if lang == code}
            missing += [
                setting_name("BOOKING", "sessions", i, key)
                for key in SESSION_WORDS
                if key not in given
            ]
        for i, entry in enumerate(settings.menu or ()):
            if code not in entry.get("labels", {}):
                missing.append(setting_name("MENU", i, "label"))
        if missing:
            found[code] = missing
    return found
