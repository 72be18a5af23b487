"""The Pelican side of testimonials: read content/testimonials/*.md with
Pelican's own reader (the same Markdown as her articles) and give every
template TESTIMONIALS. A bad file stops the build with one line."""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals
from pelican.contents import Page
from pelican.generators import Generator

from ..common.errors import SiteError
from ..common.language import site_languages
from ..config import of
from .quotes import FOLDER, read, shown

log = logging.getLogger(__name__)


class TestimonialsGenerator(Generator):
    def generate_context(self) -> None:
        folder = Path(self.path, FOLDER)
        booking = of(self.settings).booking
        sessions = [s.slug for s in booking.sessions] if booking else []
        languages = [lang.code for lang in site_languages(self.settings)]
        found = []
        try:
            for path in sorted(folder.glob("*.md")) if folder.is_dir() else ():
                relative = path.relative_to(self.path).as_posix()
                item = self.readers.read_file(
                    base_path=self.path, path=relative, content_class=Page, context=self.context
                )
                # Not hers: Pelican's defaults, and the category it takes
                # from the folder's name.
                added = {*self.settings.get("DEFAULT_METADATA", {}), "category"}
                metadata = {k: v for k, v in item.metadata.items() if k not in added}
                if "author" in metadata:
                    metadata["author"] = getattr(metadata["author"], "name", metadata["author"])
                found.append(
                    read(
                        f"{Path(self.path).name}/{relative}",
                        metadata,
                        item.content,
                        content=self.path,
                        sessions=sessions,
                        languages=languages,
                    )
                )
        except SiteError as error:
            log.critical("testimonials: %s", error)
            raise SystemExit(1) from None
        self.context["TESTIMONIALS"] = found
        # For the templates: testimonials_for(language().code[, session slug]).
        self.context["testimonials_for"] = lambda lang, session="": shown(found, lang, session)

    def generate_output(self, writer) -> None:
        """Nothing of its own: the home and booking pages show them."""


def get_generators(_pelican) -> type[Generator]:
    return TestimonialsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
