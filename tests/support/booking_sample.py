"""Build the sample coach's booking output: the frozen sample's settings and
busy calendar (tests/fixtures/sample_site), through the real build command.

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

from tests.support.site import (
    DEFAULT_EPOCH,
    SAMPLE_CONTENT,
    BuildResult,
    build_site,
    layered_settings,
)

SAMPLE_CALENDAR = SAMPLE_CONTENT / "calendars/busy.ics"
# Plugins that need content these builds do not copy.
LEFT_OUT = ["podcast"]


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
        shutil.copytree(SAMPLE_CONTENT / "calendars", content / "calendars", dirs_exist_ok=True)
    settings = layered_settings(
        root / "booking_settings.py",
        without=tuple(LEFT_OUT),
        lines=(f"globals().update(json.loads({json.dumps(overrides or {})!r}))",),
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
