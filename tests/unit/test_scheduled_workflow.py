"""The shipped example of a scheduled rebuild (docs/scheduled-rebuild.yml)."""

from __future__ import annotations

import yaml

from tests.support.site import ROOT


def test_the_scheduled_rebuild_example_builds_hourly_with_siteurl_and_publishes():
    workflow = yaml.safe_load((ROOT / "docs/scheduled-rebuild.yml").read_text("utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    (schedule,) = triggers["schedule"]
    minute, hour, *rest = schedule["cron"].split()
    assert minute.isdigit() and hour == "*" and rest == ["*", "*", "*"]
    steps = workflow["jobs"]["build"]["steps"]
    (build,) = [s for s in steps if "build" in s.get("name", "")]
    # desk-run: inbox, reminders, the ledger committed back, then `invoke preview`
    # (publishconf.py, swapped in only on success).
    assert "invoke desk-run --push" in build["run"]
    assert workflow["permissions"]["contents"] == "write"
    assert build["env"]["SITEURL"] == "${{ vars.SITEURL }}"
    assert "SOURCE_DATE_EPOCH" not in build["env"]
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact") for s in steps)
    deploy = workflow["jobs"]["deploy"]["steps"]
    assert deploy[0]["uses"].startswith("actions/deploy-pages")
