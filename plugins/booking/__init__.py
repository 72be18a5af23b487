"""Build-time booking: open slots from the coach's hours and busy calendars.

The pure core (settings, availability, busy, slots, ics, labels, views, plan)
never imports Pelican; importing this package does not import it either.
Only `generator.py` knows about Pelican, and `register()` loads it lazily.
"""


def register() -> None:
    from .generator import register as _register

    _register()
