"""Build-time benchmark: our full setup against plain Pelican, same articles.

    python bench/build.py [--sizes 30,100,1000] [--runs 3] [--real-clock]
                          [--folder /dev/shm] [--booking]

For each size it writes a synthetic site (realistic ~700-word Markdown
articles with categories and tags), then alternates builds, each a fresh
process into a fresh output folder:

* bare:     ours with no cache folder at all (a first run);
* workflow: ours with cache/ kept from the previous build, as tasks.py
  builds and the scheduled workflow (with its actions/cache step) runs it:
  compiled templates, the content cache and the booking memo are reused;
* reread:   the same with `--ignore-cache`: every file read again;
* plain:    Pelican's built-in `simple` theme, no plugins, same articles.

Builds run with bytecode writing on (PYTHONDONTWRITEBYTECODE dropped), as on
a coach's machine, after one build per site that is not timed.

Ours is pelicanconf.py, our theme, sitemap, booking (90-day horizon, the
sample busy calendar), podcast, site_extras, search, parallel_read, via the
strict build wrapper. Then it times a warm rebuild: one article edited, the
cache on, built in one long-running process as `invoke livereload` does.

The clock is pinned (SOURCE_DATE_EPOCH) unless `--real-clock` is given, which
builds as a coach's scheduled rebuild does. It prints medians, ratios, peak
memory (max RSS, the largest process) and CPU time (user + system, reader
processes included). `--folder /dev/shm` writes the sites to memory, for a
measurement the disk cannot blur. `--booking` adds bench/booking.py at
2,000 and 20,000 busy events and prints every ratio in one table.
Targets (wall time, the workflow build): ours <= 1.3 x plain up to 100
articles and <= 1.2 x at 1,000; warm rebuild <= 0.5 s at 100. Exit status 1
if one is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
EPOCH = "1795348800"
WORDS = [
    "patient",
    "clinic",
    "resident",
    "attending",
    "schedule",
    "practice",
    "career",
    "coaching",
    "goal",
    "value",
    "habit",
    "boundary",
    "burnout",
    "rest",
    "family",
    "teaching",
    "research",
    "leadership",
    "feedback",
    "mentor",
    "question",
    "listen",
    "plan",
    "commit",
    "follow",
    "week",
    "month",
    "year",
    "shift",
    "call",
    "night",
    "colleague",
    "team",
    "hospital",
    "student",
    "learner",
    "skill",
    "reflect",
    "change",
    "choose",
    "energy",
    "time",
    "decision",
    "priority",
    "purpose",
    "growth",
    "balance",
    "trust",
    "honest",
    "progress",
    "small",
    "step",
]
CATEGORIES = ["Coaching", "Medical education", "Physician wellbeing", "Leadership", "Careers"]
TAGS = [f"topic-{n}" for n in range(40)]


def paragraph(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(4, 7)):
        words = rng.choices(WORDS, k=rng.randint(9, 22))
        sentences.append(" ".join(words).capitalize() + ".")
    return " ".join(sentences)


def write_site(folder: Path, count: int) -> Path:
    rng = random.Random(count)
    content = folder / "content"
    articles = content / "articles"
    shutil.copytree(ROOT / "content" / "articles", articles)  # pages link to them
    for name in ("pages", "images", "calendars", "podcast"):
        shutil.copytree(ROOT / "content" / name, content / name)
    for n in range(count):
        day = 1 + n % 28
        month = 1 + (n // 28) % 12
        year = 2026 - n // 336
        body = []
        for section in range(4):
            body.append(f"## Section {section + 1}\n")
            body += [paragraph(rng) + "\n" for _ in range(3)]
        tags = ", ".join(rng.sample(TAGS, 3))
        (articles / f"post-{n:05d}.md").write_text(
            f"Title: Synthetic article {n}\nDate: {year}-{month:02d}-{day:02d} 09:{n % 60:02d}\n"
            f"Category: {rng.choice(CATEGORIES)}\nTags: {tags}\nSlug: post-{n:05d}\n"
            f"Summary: A synthetic article for the build benchmark, number {n}.\n\n"
            + "\n".join(body),
            encoding="utf-8",
        )
    plain = folder / "plainconf.py"
    plain.write_text(
        "SITENAME = 'Plain'\nAUTHOR = 'Bench'\nTIMEZONE = 'America/New_York'\n"
        "PATH = 'content'\nARTICLE_PATHS = ['articles']\nPAGE_PATHS = ['pages']\n"
        "THEME = 'simple'\nPLUGINS = []\nFEED_DOMAIN = 'http://127.0.0.1:8000'\n"
        "FEED_ALL_ATOM = 'feeds/all.atom.xml'\nSTATIC_PATHS = ['images']\n",
        encoding="utf-8",
    )
    ours = folder / "oursconf.py"
    ours.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"PLUGIN_PATHS = [{str(ROOT)!r}]\nTHEME = {str(ROOT / 'theme')!r}\n"
        "BOOKING = {**BOOKING, 'horizon_days': 90}\n",
        encoding="utf-8",
    )
    return folder


def run(
    cmd: list[str], cwd: Path, extra_env: dict[str, str] | None = None
) -> tuple[float, int, float]:
    """Wall seconds, peak RSS (KiB) and CPU seconds of one build process.

    wait4 reports the process together with the children it waited for
    (Linux: RUSAGE_BOTH), so parallel_read's reader processes count."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(extra_env or {})}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed: {' '.join(cmd)}\n{proc.stdout.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def ours_cmd(site: Path, out: str, *extra: str) -> list[str]:
    return [PY, "-m", "sitetools.build", "content", "-s", "oursconf.py", "-o", out, *extra]


def plain_cmd(site: Path, out: str) -> list[str]:
    return [PY, "-m", "pelican", "content", "-s", "plainconf.py", "-o", out]


# The ways ours is built, each a fresh process into a fresh output folder:
# "bare":     no cache at all (a first run, or a workflow that keeps none);
# "workflow": cache/ kept from the last run (the scheduled workflow's
#             actions/cache step) and loaded, as tasks.py builds;
# "reread":   cache/ kept, `--ignore-cache`: every file read again.
VARIANTS = {"bare": [], "workflow": [], "reread": ["--ignore-cache"]}


def bench_size(count: int, runs: int, folder: Path | None = None) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"bench{count}-", dir=folder) as tmp:
        site = write_site(Path(tmp), count)
        for cmd in (ours_cmd(site, "out-first"), plain_cmd(site, "out-first-plain")):
            run(cmd, site)  # bytecode and compiled templates, as on any later day
        times = {name: [] for name in (*VARIANTS, "plain")}
        rss = {name: [] for name in times}
        cpu = {name: [] for name in times}
        for _ in range(runs):  # alternate so drift hits every variant equally
            for name in (*VARIANTS, "plain"):
                out = f"out-{name}"
                shutil.rmtree(site / out, ignore_errors=True)
                if name == "bare":
                    shutil.rmtree(site / "cache", ignore_errors=True)
                cmd = (
                    plain_cmd(site, out)
                    if name == "plain"
                    else ours_cmd(site, out, *VARIANTS[name])
                )
                t, peak, used = run(cmd, site)
                times[name].append(t)
                rss[name].append(peak)
                cpu[name].append(used)
        warm = warm_rebuilds(site, runs)
    result = {"articles": count}
    for name in times:
        result[f"{name}_s"] = statistics.median(times[name])
        result[f"{name}_cpu_s"] = statistics.median(cpu[name])
        result[f"{name}_max_rss_mib"] = max(rss[name]) / 1024
    for name in VARIANTS:
        result[f"{name}_ratio"] = result[f"{name}_s"] / result["plain_s"]
    result["warm_s"] = statistics.median(warm)
    # Earlier tables' "ours" is the workflow build.
    result["ours_s"], result["ratio"] = result["workflow_s"], result["workflow_ratio"]
    result["cpu_ratio"] = result["workflow_cpu_s"] / result["plain_cpu_s"]
    return result


WARM_DRIVER = """
import json, sys, time
from pathlib import Path
from sitetools.build import build_into
site, runs = Path(sys.argv[1]), int(sys.argv[2])
article = site / "content" / "articles" / "post-00000.md"
args = [str(site / "content"), "-s", str(site / "oursconf.py")]
build_into(site / "out-warm", args, in_process=True)
times = []
for n in range(runs):
    time.sleep(1)  # a coach's next save comes seconds later, not at once
    with article.open("a", encoding="utf-8") as text:
        text.write(f"\\nEdited {n}.\\n")
    start = time.perf_counter()
    assert build_into(site / "out-warm", args, in_process=True) == 0
    times.append(time.perf_counter() - start)
print(json.dumps(times))
"""


def warm_rebuilds(site: Path, runs: int) -> list[float]:
    """Seconds of a rebuild after editing one article, the cache on, built
    the way `invoke livereload` builds on an edit: in its own long-running
    process (Pelican and the plugins loaded once), into a fresh folder
    swapped in whole, a second after the last build (the clear-up a build
    leaves to the background has finished, as between a coach's saves)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    proc = subprocess.run(
        [PY, "-c", WARM_DRIVER, str(site), str(runs)],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"warm rebuild failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="30,100,1000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--booking",
        action="store_true",
        help="also run bench/booking.py at 2,000 and 20,000 events and print one summary table",
    )
    parser.add_argument(
        "--real-clock", action="store_true", help="build at the current time, as a coach does"
    )
    parser.add_argument(
        "--folder",
        type=Path,
        help="where the sites are written (default: the system's temporary folder); "
        "/dev/shm takes the disk out of the measurement",
    )
    args = parser.parse_args()
    if args.real_clock:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    rows = [bench_size(int(n), args.runs, args.folder) for n in args.sizes.split(",")]
    clock = "real clock" if args.real_clock else f"SOURCE_DATE_EPOCH={EPOCH}"
    print(f"medians of {args.runs} alternating runs, {clock}, sites in {args.folder or 'TMPDIR'}")
    print(
        f"{'articles':>8} {'plain s':>8} {'bare s':>7} {'workflow s':>10} {'reread s':>8} "
        f"{'bare x':>6} {'workflow x':>10} {'reread x':>8} {'warm s':>7} "
        f"{'MiB ours/plain':>14} {'CPU s ours/plain':>16}"
    )
    for r in rows:
        print(
            f"{r['articles']:>8} {r['plain_s']:>8.2f} {r['bare_s']:>7.2f} "
            f"{r['workflow_s']:>10.2f} {r['reread_s']:>8.2f} {r['bare_ratio']:>6.2f} "
            f"{r['workflow_ratio']:>10.2f} {r['reread_ratio']:>8.2f} {r['warm_s']:>7.2f} "
            f"{r['workflow_max_rss_mib']:>7.0f}/{r['plain_max_rss_mib']:<6.0f} "
            f"{r['workflow_cpu_s']:>8.2f}/{r['plain_cpu_s']:<7.2f}"
        )
    if args.booking:
        rows_booking = booking_rows(args.runs)
        summary(rows, rows_booking)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    missed = [f"{r['articles']} articles" for r in rows if r["ratio"] > target(r["articles"])]
    missed += [
        f"warm rebuild at {r['articles']}"
        for r in rows
        if r["articles"] == 100 and r["warm_s"] > 0.5
    ]
    if missed:
        print("Target missed:", ", ".join(missed))
    return 1 if missed else 0


def target(articles: int) -> float:
    """Ours / plain Pelican: 1.3 at a coach's size (up to 100), 1.2 beyond."""
    return 1.3 if articles <= 100 else 1.2


def booking_rows(runs: int) -> list[dict]:
    sys.path.insert(0, str(ROOT / "bench"))
    import booking  # bench/booking.py

    return [booking.measure(events, 365, runs) for events in (2000, 20000)]


def summary(rows: list[dict], booking: list[dict]) -> None:
    """Every speed ratio of the issue in one table."""
    print()
    print(f"{'measure':<52} {'value':>8} {'target':>8}")
    for b in booking:
        label = f"slot engine / floor, {b['events']:,} busy events (365 d, 5 min)"
        print(f"{label:<52} {b['ratio']:>8.2f} {'<= 1.2':>8}")
        label = f"slot engine total, {b['events']:,} busy events, s"
        limit = "< 1" if b["events"] <= 2000 else "linear"
        print(f"{label:<52} {b['engine_s']:>8.2f} {limit:>8}")
    if len(booking) == 2:
        small, large = booking
        growth = large["us_per_occurrence"] / small["us_per_occurrence"]
        label = "slot engine time per busy occurrence, 20,000 / 2,000"
        print(f"{label:<52} {growth:>8.2f} {'~1':>8}")
    for r in rows:
        label = f"build / plain Pelican, {r['articles']:,} articles, as the workflow builds"
        print(f"{label:<52} {r['workflow_ratio']:>8.2f} {'<= ' + str(target(r['articles'])):>8}")
        # A first run (or a workflow whose cache was dropped): for reference, no target.
        label = f"build / plain Pelican, {r['articles']:,} articles, no cache at all"
        print(f"{label:<52} {r['bare_ratio']:>8.2f} {'(first)':>8}")
        if r["articles"] == 100:
            label = "warm rebuild after one edit, 100 articles, s"
            print(f"{label:<52} {r['warm_s']:>8.2f} {'<= 0.5':>8}")


if __name__ == "__main__":
    sys.exit(main())
