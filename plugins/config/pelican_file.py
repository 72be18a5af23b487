"""A Pelican settings file (pelicanconf.py, publishconf.py) read without
importing Pelican: its values, with Pelican's defaults and folder rules
for the few settings outside site.toml that the desk and the checker use."""

from __future__ import annotations

import os
import runpy
import sys
from pathlib import Path

# Pelican's own defaults for what the desk reads, and the settings it makes
# absolute from the settings file's folder (pelican.settings.read_settings).
_DEFAULTS = {"PATH": ".", "OUTPUT_PATH": "output", "THEME_STATIC_PATHS": ["static"], "SITEURL": ""}
_PATHS = ("PATH", "OUTPUT_PATH", "THEME")


def read_settings_file(path: Path) -> dict:
    """The settings file's values, read as Pelican reads them but without
    Pelican: the desk and `invoke check` only need site.toml's Settings and
    a few folders, and importing Pelican (with its Markdown, Jinja and
    docutils) costs every desk run a second."""
    folder = str(path.resolve().parent)
    sys.path.insert(0, folder)  # publishconf.py imports pelicanconf
    try:
        values = runpy.run_path(str(path))
    finally:
        sys.path.remove(folder)
    settings = {**_DEFAULTS, **{k: v for k, v in values.items() if k.isupper()}}
    for key in _PATHS:
        if key in settings and not os.path.isabs(settings[key]):
            settings[key] = os.path.abspath(os.path.join(folder, settings[key]))
    return settings
