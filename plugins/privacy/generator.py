"""The Pelican side of the privacy page: PRIVACY for every template, and
`privacy/` (and `<lang>/privacy/`) written where the coach has no page of
that slug in that language. A bad setting has already stopped the build."""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator

from ..common.language import site_languages, url_prefix
from ..config import of
from .facts import facts

SLUG = "privacy"


class PrivacyGenerator(Generator):
    def generate_context(self) -> None:
        self.context["PRIVACY"] = facts(of(self.settings))

    def generate_output(self, writer) -> None:
        languages = site_languages(self.settings)
        # The languages in which she wrote a page of that slug herself.
        hers = {
            one.lang
            for key in ("pages", "hidden_pages")
            for page in self.context.get(key, [])
            for one in (page, *getattr(page, "translations", ()))
            if one.slug == SLUG
        }
        template = self.get_template("privacy")
        relative = self.settings.get("RELATIVE_URLS", False)
        for lang in languages:
            if lang.code in hers or lang.code.replace("_", "-") in hers:
                continue
            url = f"{url_prefix(lang, languages)}{SLUG}/"
            writer.write_file(
                f"{url}index.html",
                template,
                self.context,
                relative,
                url=url,
                page_language=lang.code,
            )


def get_generators(_pelican) -> type[Generator]:
    return PrivacyGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
