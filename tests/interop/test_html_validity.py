"""Every built page passes the W3C Nu HTML checker; every link and fragment resolves."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.support.site import ROOT, html_files
from tests.support.validators import vnu_errors


def test_every_page_passes_the_nu_html_checker(site: Path, vnu_jar: Path):
    pages = html_files(site)
    assert len(pages) > 10
    errors = vnu_errors(vnu_jar, pages)
    assert errors == []


def test_no_broken_links_or_fragments(site_url: str, node: str):
    proc = subprocess.run(
        [
            node,
            str(ROOT / "node_modules/linkinator/build/src/cli.js"),
            site_url + "/",
            "--recurse",
            "--check-fragments",
            "--skip",
            f"^(?!{site_url})",
            "--format",
            "JSON",
            "--concurrency",
            "8",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    report = json.loads(proc.stdout)
    broken = [
        (link["url"], link.get("parent"), link["status"])
        for link in report["links"]
        if link["state"] == "BROKEN"
    ]
    assert broken == []
    checked = [link for link in report["links"] if link["state"] == "OK"]
    assert len(checked) > 20
