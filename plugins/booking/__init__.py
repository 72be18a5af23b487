"""The booking engine: open slots from the coach's hours and busy calendars.

  (its settings, [booking] of site.toml, are checked by plugins.config.booking)
  availability.py   weekly hours and overrides -> windows (UTC instants)
  busy.py           busy .ics files and URLs -> busy intervals
  busy_caldav.py    the coach's CalDAV calendars -> busy intervals
  ledger_format.py  the bookings ledger's format; the build reads it, never writes
  slots.py          windows minus busy time minus the rules -> slots
  plan.py           everything a build needs, computed before anything is written
  ics.py, links.py, labels.py, views.py   what the site publishes
  tokens.py         the codes a booking email carries ([[book …]]), read by the desk
  generator.py      the Pelican glue (the only module that imports Pelican)
  desk/             the coach's desk; it imports the engine, never the reverse

Importing this package does not import Pelican; `register()` loads the
generator lazily.
"""


def register() -> None:
    from .generator import register as _register

    _register()
