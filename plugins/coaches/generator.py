"""The Pelican side of a program's coaches: with [[coaches]] in site.toml,
`coaches/` (every coach) and `coaches/<slug>/` (her profile), under each
site language's prefix (`fr/coaches/`); nothing without them.

Runs after the booking generator (PLUGINS order), whose BOOKING_EDITIONS
give each language's sessions. Every template gets `format_list(items,
locale)` ("A, B and C" as the locale writes it), for the pages that name
several coaches.
"""

from __future__ import annotations

import logging

from babel.lists import format_list
from pelican import signals
from pelican.generators import Generator

from ..common.language import plain_spaces, site_languages, url_prefix
from ..config import of
from .profiles import coaches_view, index_url

log = logging.getLogger(__name__)


class CoachesGenerator(Generator):
    def generate_context(self) -> None:
        self.editions = []
        coaches = of(self.settings).coaches
        if not coaches:
            return
        # Her portrait is a file (checked when the build starts,
        # config/placement.py); the languages were loaded then too.
        languages = site_languages(self.settings)
        sessions = self.context.get("BOOKING_EDITIONS") or {}
        self.editions = [
            (lang, prefix, coaches_view(coaches, lang, prefix, sessions.get(lang.code, [])))
            for lang in languages
            for prefix in [url_prefix(lang, languages)]
        ]
        log.info("coaches: %d profiles", len(coaches))

    def generate_output(self, writer) -> None:
        relative = self.settings.get("RELATIVE_URLS", False)
        index = self.get_template("coaches_index")
        profile = self.get_template("coach_profile")
        sessions = self.context.get("BOOKING_EDITIONS") or {}
        for lang, prefix, views in self.editions:
            # page_language: the templates' words and lang= follow it.
            extra = {"page_language": lang.code}
            if lang.code in sessions:
                extra["BOOKING_VIEW"] = sessions[lang.code]
            url = index_url(prefix)
            writer.write_file(
                f"{url}index.html",
                index,
                self.context,
                relative,
                url=url,
                coach_cards=views,
                **extra,
            )
            for view in views:
                writer.write_file(
                    f"{view['url']}index.html",
                    profile,
                    self.context,
                    relative,
                    url=view["url"],
                    coach_profile=view,
                    **extra,
                )


def _format_list(items, locale) -> str:
    return plain_spaces(format_list([str(item) for item in items], locale=locale))


def add_format_list(generator) -> None:
    generator.env.globals["format_list"] = _format_list


def get_generators(_pelican) -> type[Generator]:
    return CoachesGenerator


def register() -> None:
    signals.generator_init.connect(add_format_list)
    signals.get_generators.connect(get_generators)
