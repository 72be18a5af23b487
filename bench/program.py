"""A coaching program's build: 1, 10, 25 and 50 coaches, on disk, real clock.

    python bench/program.py [--coaches 1,10,25,50] [--runs 3] [--articles 30]
                            [--folder DIR] [--json FILE]

Each program (tests/support/program.py) has N coaches in five zones, each
20 hours a week over a 28-day horizon with her own busy calendar (ten
appointments), and three sessions: one "any" over every coach (and so one
edition per coach, booked from her profile: the "one per coach" session),
and one "all" pair; plus a home page and `--articles` articles. For each
N it times, each a fresh process like `invoke build`:

* cold: `cache/` and the output deleted;
* after one article edit: one article changed, `cache/` and the output kept
  from the previous build (as the scheduled rebuild and `invoke build`).

It prints medians (min-max), the pages and invitations written, and the
weight of the "any" session's booking page (HTML + the CSS and JS it
links, from disk, as tests/support/booking.py weighs pages), then whether
each target holds at 50 coaches: cold <= 30 s, after an edit <= 3 s, the
booking page <= 45 KB, and cost linear in coaches: the plan (every coach's
busy calendar read and expanded, her free starts computed, the sessions
combined; `make_plan` in-process, median of five, no memo) at 50 coaches
within 10 % of twice that at 25. The whole build grows less than linearly:
its pages and invitations are bounded by the distinct start times (one per
time across coaches), which 25 coaches in five zones already nearly fill.
Exit status 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.program import write_program  # noqa: E402

PY = sys.executable
KB = 1024
PAGE = "book/first-meeting/index.html"


def build(project: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("SOURCE_DATE_EPOCH", None)  # the real clock, as a coach builds
    cmd = [PY, "-m", "sitetools.build", "content", "-s", "pelicanconf.py", "-o", "output"]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"build failed:\n{(proc.stdout + proc.stderr)[-2000:]}")
    return elapsed


def page_weight(output: Path) -> int:
    """The page's HTML plus every stylesheet and script it links, from disk."""
    html = (output / PAGE).read_text("utf-8")
    total = len(html.encode())
    for ref in re.findall(r'(?:href|src)="/?(theme/[^"]+\.(?:css|js))"', html):
        total += (output / ref).stat().st_size
    return total


def plan_seconds(project: Path, runs: int = 5) -> float:
    """The engine alone for this program, as a build computes it (no memo)."""
    from datetime import UTC, datetime

    from plugins.booking.plan import make_plan
    from plugins.config import load

    settings = load(project / "site.toml").booking
    now = datetime.now(UTC)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        make_plan(settings, content_path=project / "content", now=now)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(coaches: int, runs: int, articles: int, folder: Path | None) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"program{coaches}-", dir=folder) as tmp:
        project = write_program(Path(tmp, "project"), coaches, articles=articles)
        # The project folder as a coach has it: the theme and plugins beside site.toml.
        for folder in ("theme", "plugins"):
            (project / folder).symlink_to(ROOT / folder)
        build(project)  # bytecode, as on any later day
        cold, edit = [], []
        article = project / "content/articles/note-0.md"
        for n in range(runs):
            shutil.rmtree(project / "cache", ignore_errors=True)
            shutil.rmtree(project / "output", ignore_errors=True)
            (project / "cache").mkdir()  # so Pelican places CACHE_PATH here
            cold.append(build(project))
            time.sleep(1)
            with article.open("a", encoding="utf-8") as text:
                text.write(f"\nEdited {n}.\n")
            edit.append(build(project))
        output = project / "output"
        return {
            "coaches": coaches,
            "plan_s": plan_seconds(project),
            "cold_s": statistics.median(cold),
            "cold_min_s": min(cold),
            "cold_max_s": max(cold),
            "edit_s": statistics.median(edit),
            "edit_min_s": min(edit),
            "edit_max_s": max(edit),
            "pages": sum(1 for _ in output.rglob("*.html")),
            "invitations": sum(1 for _ in output.rglob("*.ics")),
            "any_page_bytes": page_weight(output),
        }


def verdicts(rows: list[dict]) -> list[tuple[str, str, bool]]:
    by = {r["coaches"]: r for r in rows}
    found = []
    if 50 in by:
        r = by[50]
        found += [
            ("cold build, 50 coaches", f"{r['cold_s']:.1f} s <= 30 s", r["cold_s"] <= 30),
            ("rebuild after an edit, 50", f"{r['edit_s']:.1f} s <= 3 s", r["edit_s"] <= 3),
            (
                '"any" booking page, 50',
                f"{r['any_page_bytes'] / KB:.1f} KB <= 45 KB",
                r["any_page_bytes"] <= 45 * KB,
            ),
        ]
    if {25, 50} <= by.keys():
        ratio = by[50]["plan_s"] / by[25]["plan_s"]
        found.append(
            (
                "linear: the plan at 50 / at 25 coaches",
                f"{ratio:.2f} (2 within 10 %; the build: "
                f"{by[50]['cold_s'] / by[25]['cold_s']:.2f})",
                abs(ratio / 2 - 1) <= 0.10,
            )
        )
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--coaches", default="1,10,25,50")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--articles", type=int, default=30)
    parser.add_argument("--folder", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rows = []
    for n in (int(x) for x in args.coaches.split(",")):
        rows.append(measure(n, args.runs, args.articles, args.folder))
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    where = args.folder or tempfile.gettempdir()
    print(
        f"medians of {args.runs} runs (min-max), real clock, {args.articles} articles, in {where}"
    )
    print("| coaches | plan s | cold s | after one edit s | pages | invitations | any page KB |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['coaches']} | {r['plan_s']:.3f} "
            f"| {r['cold_s']:.2f} ({r['cold_min_s']:.2f}-{r['cold_max_s']:.2f}) "
            f"| {r['edit_s']:.2f} ({r['edit_min_s']:.2f}-{r['edit_max_s']:.2f}) "
            f"| {r['pages']:,} | {r['invitations']:,} | {r['any_page_bytes'] / KB:.1f} |"
        )
    missed = []
    for what, value, ok in verdicts(rows):
        print(f"{what}: {value}: {'met' if ok else 'MISSED'}")
        if not ok:
            missed.append(what)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
