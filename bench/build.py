"""Build-time benchmark: our full setup against plain Pelican, same articles.

    python bench/build.py [--sizes 30,100,1000] [--runs 3] [--real-clock]

For each size it writes a synthetic site (realistic ~700-word Markdown
articles with categories and tags), then alternates A/B builds:

* ours:  pelicanconf.py, our theme, sitemap, booking (90-day horizon, the
  sample busy calendar), podcast, site_extras, parallel_read; via the
  strict build wrapper, as `invoke build` and the scheduled workflow run it
  (every build reads every file: no content cache);
* plain: Pelican's built-in `simple` theme, no plugins, same articles.

The clock is pinned (SOURCE_DATE_EPOCH) unless `--real-clock` is given, which
builds as a coach's scheduled rebuild does. It prints the median wall time of
each, their ratio, and peak memory (max RSS) of each build; `--folder
/dev/shm` writes the sites to memory, for a measurement the disk cannot
blur (on this VM the disk's kernel time drifts from 0.5 s to 3.5 s a build,
and ours writes about twice plain Pelican's files) (the largest
process; parallel_read's two reader processes peak at about 51 MiB each,
measured separately with ps). It also prints the
CPU time (user + system, the reader processes included) of each cold build:
ours reads Markdown on every core and plain Pelican on one, so the wall
ratio is what a coach waits for and the CPU ratio is the work done. Target
(on wall time): ours <= 1.2 x plain at 1,000 articles. Exit status 1 if it
is missed.
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


def bench_size(count: int, runs: int, folder: Path | None = None) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"bench{count}-", dir=folder) as tmp:
        site = write_site(Path(tmp), count)
        ours, plain, ours_rss, plain_rss, ours_cpu, plain_cpu = [], [], [], [], [], []
        for _ in range(runs):  # alternate so drift hits both equally
            for out in ("out-ours", "out-plain"):
                shutil.rmtree(site / out, ignore_errors=True)
            t, rss, cpu = run(ours_cmd(site, "out-ours", "--ignore-cache"), site)
            ours.append(t)
            ours_rss.append(rss)
            ours_cpu.append(cpu)
            t, rss, cpu = run(plain_cmd(site, "out-plain"), site)
            plain.append(t)
            plain_rss.append(rss)
            plain_cpu.append(cpu)
    result = {
        "articles": count,
        "ours_s": statistics.median(ours),
        "plain_s": statistics.median(plain),
        "ours_cpu_s": statistics.median(ours_cpu),
        "plain_cpu_s": statistics.median(plain_cpu),
        "ours_max_rss_mib": max(ours_rss) / 1024,
        "plain_max_rss_mib": max(plain_rss) / 1024,
    }
    result["ratio"] = result["ours_s"] / result["plain_s"]
    result["cpu_ratio"] = result["ours_cpu_s"] / result["plain_cpu_s"]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="30,100,1000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the results here")
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
    print(
        f"{'articles':>8} {'ours s':>8} {'plain s':>8} {'ratio':>6} "
        f"{'ours MiB':>9} {'plain MiB':>9} "
        f"{'ours CPU s':>10} {'plain CPU s':>11} {'CPU ratio':>9}"
    )
    for r in rows:
        print(
            f"{r['articles']:>8} {r['ours_s']:>8.2f} {r['plain_s']:>8.2f} {r['ratio']:>6.2f} "
            f"{r['ours_max_rss_mib']:>9.0f} {r['plain_max_rss_mib']:>9.0f} "
            f"{r['ours_cpu_s']:>10.2f} {r['plain_cpu_s']:>11.2f} {r['cpu_ratio']:>9.2f}"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    at_1000 = [r for r in rows if r["articles"] == 1000]
    missed = [r for r in at_1000 if r["ratio"] > 1.2]
    if missed:
        print("Target missed:", ", ".join(str(r["articles"]) for r in missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
