"""Site search with no service: an index built with the site, searched in
the visitor's browser by `theme/static/js/search.js`.

Pure modules (no Pelican): `words` (folding, splitting, Snowball stems),
`text` (a page's HTML as plain text), `index` (ranking, the sharded JSON
files; why not Pagefind or lunr.js). `generator.py` is the only one that
imports Pelican.
"""


def register() -> None:
    # Imported here so the pure modules stay importable without Pelican.
    from .generator import register as _register

    _register()
