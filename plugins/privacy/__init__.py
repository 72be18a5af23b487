"""The privacy page: what this site's software does with a visitor's
information, stated from the settings that decide it.

`facts.py` (pure) reads the checked Settings into plain facts (how a
booking request travels, what the desk keeps and for how long, whether it
is encrypted, the video and calendar services); `generator.py` is the only
module that imports Pelican: it gives every template PRIVACY and writes
`privacy/` in each site language, unless the coach wrote a page with
`Slug: privacy` (then her page shows the same facts under her own words).
"""


def register() -> None:
    from .generator import register as _register

    _register()
