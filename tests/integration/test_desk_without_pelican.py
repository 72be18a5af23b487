"""The desk reads site.toml through plugins.config and never imports
Pelican: a desk run every few minutes pays for none of its start-up."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

from tests.support.site import ROOT

SITE_TOML = """
[coach]
name = "Margaux Martin"
email = "bonjour@margaux.example"
timezone = "Europe/Paris"

[booking.weekly_hours]
tue = ["09:00-12:00"]

[[booking.sessions]]
slug = "decouverte"
title = "Séance découverte"
duration_minutes = 30
"""


def _desk(project, site_toml: str, *args: str) -> subprocess.CompletedProcess:
    """The desk as a coach runs it, in a project folder of our own."""
    shutil.copy(ROOT / "pelicanconf.py", project / "pelicanconf.py")
    (project / "site.toml").write_text(site_toml, encoding="utf-8")
    (project / "content").mkdir(exist_ok=True)
    return subprocess.run(
        [sys.executable, *args, "-m", "plugins.booking.desk", "bookings"],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_desk_command_reads_site_toml_and_loads_no_pelican_module(tmp_path):
    done = _desk(tmp_path, SITE_TOML, "-X", "importtime")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "No upcoming bookings" in done.stdout
    loaded = re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s+(\S+)$", done.stderr, re.M)
    assert "plugins.config.load" in loaded  # the importtime listing was read
    assert [name for name in loaded if name.split(".")[0] == "pelican"] == []


def test_a_mistake_in_site_toml_stops_the_desk_naming_the_key(tmp_path):
    wrong = SITE_TOML.replace('tue = ["09:00-12:00"]', 'tue = ["12:00-09:00"]')
    done = _desk(tmp_path, wrong)
    assert done.returncode != 0
    assert done.stderr.strip().splitlines() == [
        'site.toml, [booking] weekly_hours.tue, item 1: "12:00-09:00" ends before it starts'
    ], done.stderr
