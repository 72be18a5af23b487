"""House rules for the desk's code, and the shipped CI workflow example."""

from __future__ import annotations

import subprocess
import sys

import yaml

from tests.support.site import ROOT


def test_the_desk_core_imports_neither_pelican_nor_the_caldav_library():
    """Only cli.py reads settings through Pelican; the CalDAV library is heavy
    and only loaded when BOOKING["caldav"] is set."""
    code = (
        "import sys\n"
        "import plugins.booking.desk, plugins.booking.ledger, plugins.booking.invitations\n"
        "import plugins.booking.caldav_source, plugins.booking.mail, plugins.booking.plan\n"
        "loaded = {m.split('.')[0] for m in sys.modules}\n"
        "assert not loaded & {'pelican', 'caldav', 'niquests'}, loaded & {'pelican', 'caldav'}\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_the_scheduled_rebuild_example_builds_hourly_with_siteurl_and_publishes():
    workflow = yaml.safe_load((ROOT / "docs/scheduled-rebuild.yml").read_text("utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    (schedule,) = triggers["schedule"]
    minute, hour, *rest = schedule["cron"].split()
    assert minute.isdigit() and hour == "*" and rest == ["*", "*", "*"]
    steps = workflow["jobs"]["build"]["steps"]
    (build,) = [s for s in steps if s.get("name", "").startswith("Build")]
    assert "invoke preview" in build["run"]  # publishconf.py, swapped in only on success
    assert build["env"]["SITEURL"] == "${{ vars.SITEURL }}"
    assert "SOURCE_DATE_EPOCH" not in build["env"]
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact") for s in steps)
    deploy = workflow["jobs"]["deploy"]["steps"]
    assert deploy[0]["uses"].startswith("actions/deploy-pages")
