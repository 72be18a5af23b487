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


def test_the_build_cache_is_restored_before_the_build_and_keyed_on_what_shapes_it():
    workflow = yaml.safe_load((ROOT / "docs/scheduled-rebuild.yml").read_text("utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    (cache,) = [s for s in steps if s.get("uses", "").startswith("actions/cache@")]
    (build,) = [s for s in steps if "build" in s.get("name", "").lower() and "run" in s]
    assert steps.index(cache) < steps.index(build)
    # CACHE_PATH of pelicanconf.py: templates (jinja-*) and content (content-*).
    assert cache["with"]["path"] == "cache"
    key, restore = cache["with"]["key"], cache["with"]["restore-keys"].splitlines()
    assert "hashFiles('requirements.txt')" in key and "runner.os" in key
    python = [s for s in steps if s.get("uses", "").startswith("actions/setup-python")]
    assert f"py{python[0]['with']['python-version']}" in key  # pickles and bytecode
    # A new entry every run (caches are immutable), restored by its prefix.
    assert key.endswith("${{ github.run_id }}")
    assert restore == [key.removesuffix("${{ github.run_id }}")]
