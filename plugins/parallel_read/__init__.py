"""Read Markdown in parallel: Pelican parses articles one after another on
one core, and parsing is most of a cold build (1.9 s of 3.1 s at 1,000
articles, profiled). Worker processes parse them ahead into Pelican's own
reader cache; Pelican then reads each from there, exactly as it does on a
cached rebuild, so everything after reading is unchanged.

`worker.py` runs in the worker processes; `glue.py` holds the signals.

Private Pelican API: `Readers._cache`, `Readers._get_file_stamp` and
`pelican.readers._filter_discardable_metadata`; tested with Pelican 4.12.0.
"""


def register() -> None:
    from .glue import register as _register

    _register()
