"""Small site-wide additions: reading time, older/newer links, robots.txt,
and a reproducible, absolute sitemap.

The pure helpers live in `reading.py` and `sitemap_fix.py`; `glue.py` is the
only module that knows about Pelican.
"""


def register() -> None:
    from .glue import register as _register

    _register()
