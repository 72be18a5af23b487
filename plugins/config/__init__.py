"""site.toml, declared once and checked into one typed Settings.

  schema.py            every table and key: kind, default, bounds, help, editor widget
  load.py              site.toml (or Python-level settings) -> Settings; SettingsError
  toml_file.py         reading the TOML text, with the line and column of a mistake
  errors.py            ConfigError, and naming a key as the coach writes it
  validate.py          checks shared by the tables (text, numbers, email, ...)
  coach.py             [coach] -> Coach
  menu.py              [[menu]]
  booking.py           [booking]: hours, sessions, busy calendars, ledger -> BookingSettings
  desk.py              the desk's keys of [booking]: smtp, inbox, limits... -> DeskSettings
  podcast.py           [podcast] -> PodcastSettings
  podcast_vocabulary.py  Apple's categories and the Podcast Taxonomy's roles
  editor.py            [editor] -> EditorSettings
  placement.py         checks that need the build's folders (photo, ledger, busy files)
  docs.py              docs/settings.md, written from the schema
  untranslated.py      her words a second language shows in the first (invoke check)
  pelican_file.py      a pelicanconf.py read without Pelican (the desk, invoke check)

Nothing here imports Pelican: the desk reads its settings without it.
"""

from .errors import ConfigError
from .load import Settings, SettingsError, load, of

__all__ = ["ConfigError", "Settings", "SettingsError", "load", "of"]
