"""Build the sample coach's booking output: the real pelicanconf.py and the real
content/calendars/busy.ics, through the real `pelican` command.

Only the calendars are copied into the temporary content folder, and the
podcast plugin (which needs its episodes) is left out, so these tests
exercise the booking plugin without depending on the articles or episodes
(the full sample site is built by tests/build/test_site_build.py).

Settings are changed through a small settings file that star-imports
pelicanconf.py rather than `pelican -e`: Pelican keeps only the last `-e`
flag, so several overrides passed as separate flags would silently drop all
but one.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.support.site import DEFAULT_EPOCH, ROOT, BuildResult, build_site

SAMPLE_CALENDAR = ROOT / "content/calendars/busy.ics"
# Plugins that need content these builds do not copy.
LEFT_OUT = ["podcast"]

_SETTINGS = """\
import json, sys
sys.path.insert(0, {root!r})
from pelicanconf import *  # noqa: F403

# Pelican resolves relative paths against this file's folder: pin them to the repository.
THEME = {theme!r}
PLUGIN_PATHS = [{plugins!r}]
PLUGINS = [p for p in PLUGINS if p not in {left_out!r}]  # noqa: F405
globals().update(json.loads({overrides!r}))
"""


def build_booking_sample(
    root: Path,
    *,
    epoch: int | None = DEFAULT_EPOCH,
    overrides: dict[str, object] | None = None,
    check: bool = True,
    output: Path | None = None,
) -> BuildResult:
    content = root / "content"
    if not (content / "calendars").exists():
        shutil.copytree(ROOT / "content/calendars", content / "calendars", dirs_exist_ok=True)
    settings = root / "booking_settings.py"
    settings.write_text(
        _SETTINGS.format(
            root=str(ROOT),
            theme=str(ROOT / "theme"),
            plugins=str(ROOT / "plugins"),
            left_out=LEFT_OUT,
            overrides=json.dumps(overrides or {}),
        ),
        encoding="utf-8",
    )
    return build_site(
        output or root / "output",
        settings_file=str(settings),
        content=content,
        epoch=epoch,
        check=check,
    )


def ics_files(output: Path) -> list[Path]:
    return sorted((output / "book").rglob("*.ics"))
