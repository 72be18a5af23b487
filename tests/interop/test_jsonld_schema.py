"""JSON-LD on every page is valid schema.org, checked by TypeScript against
`schema-dts` (Google's typings generated from the schema.org vocabulary):
unknown types, misspelt properties and wrong value kinds fail to compile."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.support.html import jsonld_objects
from tests.support.site import ROOT, html_files


def _declaration(name: str, obj: dict) -> str:
    kind = "Graph" if "@graph" in obj else f"WithContext<{obj['@type']}>"
    return f"export const {name}: {kind} = {json.dumps(obj)};\n"


def test_jsonld_is_valid_schema_org(site: Path, node: str, artifacts: Path):
    blocks = [(page, obj) for page in html_files(site) for obj in jsonld_objects(page)]
    assert len(blocks) >= 5
    types = sorted(
        {o["@type"] for _, obj in blocks for o in obj.get("@graph", [obj]) if "@type" in o}
    )
    lines = [f"import type {{ Graph, WithContext, {', '.join(types)} }} from 'schema-dts';\n"]
    origin = []
    for i, (page, obj) in enumerate(blocks):
        lines.append(_declaration(f"block{i}", obj))
        origin.append(page.relative_to(site).as_posix())
    source = artifacts / "jsonld_check.ts"
    source.write_text("".join(lines), encoding="utf-8")
    proc = subprocess.run(
        [
            node,
            str(ROOT / "node_modules/typescript/bin/tsc"),
            "--noEmit",
            "--strict",
            "--module",
            "esnext",
            "--moduleResolution",
            "bundler",
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stdout[-4000:]
    assert {"Person", "ProfessionalService", "BlogPosting"} <= set(types)
