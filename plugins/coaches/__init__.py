"""A coaching program's coaches, each with a page of her own.

`profiles.py` (pure) makes what the coaches index (`coaches/`) and each
profile (`coaches/<slug>/`) show, in one language: her portrait, name,
credentials, the languages she coaches in, her bio and the sessions she
can be booked for. `generator.py` is the only module that imports Pelican:
it writes those pages for every site language when site.toml has
[[coaches]], and nothing on a one-coach site.
"""


def register() -> None:
    from .generator import register as _register

    _register()
