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


def test_a_desk_command_reads_site_toml_and_loads_no_pelican_module(tmp_path):
    shutil.copy(ROOT / "pelicanconf.py", tmp_path / "pelicanconf.py")
    (tmp_path / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    (tmp_path / "content").mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "plugins.booking.desk", "bookings"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "No upcoming bookings" in done.stdout
    loaded = re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s+(\S+)$", done.stderr, re.M)
    assert "plugins.config.load" in loaded  # the importtime listing was read
    assert [name for name in loaded if name.split(".")[0] == "pelican"] == []


def test_a_mistake_in_site_toml_stops_the_desk_naming_the_key(tmp_path):
    shutil.copy(ROOT / "pelicanconf.py", tmp_path / "pelicanconf.py")
    (tmp_path / "site.toml").write_text(
        SITE_TOML.replace('tue = ["09:00-12:00"]', 'tue = ["12:00-09:00"]'), encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "plugins.booking.desk", "bookings"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert lines == [
        'site.toml, [booking] weekly_hours.tue, item 1: "12:00-09:00" ends before it starts'
    ], done.stderr
