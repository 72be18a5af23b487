"""Her words that a second language shows in the first: what `invoke check`
lists, so a missing translation is seen rather than guessed."""

from __future__ import annotations

from .coach import PER_LANGUAGE as COACH_WORDS
from .errors import setting_name
from .load import SITE_PER_LANGUAGE, Settings

# The keys of a session that may be given per language.
SESSION_WORDS = ("title", "description", "location")


def untranslated(settings: Settings) -> dict[str, list[str]]:
    """Each extra language -> the settings its pages show in the site's own
    language, named as she writes them ("[booking] sessions, item 1, title")."""
    found: dict[str, list[str]] = {}
    for code in (c.replace("-", "_") for c in settings.site.extra_languages):
        missing = [
            setting_name(table, key)
            for table, part, keys in (
                ("site", settings.site, SITE_PER_LANGUAGE),
                ("COACH", settings.coach, COACH_WORDS),
            )
            for key in keys
            if getattr(part, key) and key not in part.given_in(code)
        ]
        for i, session in enumerate(settings.booking.sessions if settings.booking else ()):
            given = session.given_in(code)
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
