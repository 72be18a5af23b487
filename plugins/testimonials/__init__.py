"""Testimonials: her clients' words, from content/testimonials/*.md.

`quotes.py` (pure) checks what a testimonial file says; `generator.py` is
the only module that imports Pelican: it reads the files with Pelican's
own Markdown reader and puts TESTIMONIALS in every template's context
(the home page shows them, a session's booking page those tagged with
its slug).
"""


def register() -> None:
    from .generator import register as _register

    _register()
