"""Build-time benchmark: our build against plain Pelican, both sides alike.

    python bench/build.py [--sizes 30,100] [--large] [--runs 3] [--real-clock]
                          [--folder DIR] [--booking] [--json FILE]

For each size it writes a synthetic site (realistic ~700-word Markdown
articles with categories and tags) on disk (the system's temporary folder
unless `--folder` says otherwise: a coach's machine builds on its disk, so
/dev/shm is only for a measurement the disk cannot blur), and then times,
each build a fresh process into a fresh output folder, ours and plain
Pelican alternating within each pair so both see the same load:

* cold: no cache on either side: ours with `cache/` deleted (no compiled
  templates, no content cache, no memos), plain Pelican with its defaults
  (no content cache);
* warm: ours with `cache/` kept from its previous build (as `invoke build`
  and the scheduled workflow build) against plain Pelican with its own
  content cache kept from its previous build (CACHE_CONTENT = True,
  LOAD_CONTENT_CACHE = True, its own cache folder);
* save-to-visible: one article edited a second after the last build and
  rebuilt in one long-running process, ours as `invoke edit`/`livereload`
  rebuild on a save (`build_into(..., in_process=True)`, cache on), plain
  Pelican as its `--autoreload` does (`Pelican.run()` again on the same
  instance, its content cache on). This is the build only: the editor's
  watcher (`_rebuild_on_save`, `rebuild_on_save` in the commands package)
  first waits for the files to stand still (it polls every 0.5 s), which
  comes on top.

Plain Pelican is its built-in `simple` theme, no plugins, same articles.
Ours is pelicanconf.py, our theme, sitemap, booking (90-day horizon, the
sample busy calendar), podcast, site_extras, search, parallel_read, via the
strict build wrapper. Builds run with bytecode writing on, after one build
per side that is not timed (bytecode, as on any later day).

The clock is pinned (SOURCE_DATE_EPOCH) unless `--real-clock` is given. It
prints medians, the spread (min-max), ratios, peak memory and CPU time, and
whether each target of the 100-article site is met: cold <= 1.5 x plain
cold, warm <= 1.2 x plain warm, save-to-visible <= 0.5 s. `--large` adds
1,000 articles. `--booking` adds bench/booking.py at 2,000 and 20,000 busy
events. Exit status 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
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
        "FEED_ALL_ATOM = 'feeds/all.atom.xml'\nSTATIC_PATHS = ['images']\n"
        "CACHE_PATH = 'cache-plain-cold'\n",
        encoding="utf-8",
    )
    # Plain Pelican at its fastest between builds: its own content cache on.
    (folder / "plainwarm.py").write_text(
        plain.read_text(encoding="utf-8").replace("cache-plain-cold", "cache-plain")
        + "CACHE_CONTENT = True\nLOAD_CONTENT_CACHE = True\n",
        encoding="utf-8",
    )
    # The sample practice's site.toml, offering 90 days ahead.
    toml = (ROOT / "site.toml").read_text(encoding="utf-8")
    toml = re.sub(r"(?m)^horizon_days = .*$", "", toml).replace(
        "[booking]\n", "[booking]\nhorizon_days = 90\n", 1
    )
    (folder / "site.toml").write_text(toml, encoding="utf-8")
    ours = folder / "oursconf.py"
    ours.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"PLUGIN_PATHS = [{str(ROOT)!r}]\nTHEME = {str(ROOT / 'theme')!r}\n"
        "from plugins.config.load import load_site_file\n"
        "globals().update(load_site_file(__import__('pathlib').Path('site.toml').resolve()))\n",
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
    output = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed: {' '.join(cmd)}\n{output.decode()[-2000:]}")
    return elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def ours_cmd(out: str) -> list[str]:
    return [PY, "-m", "sitetools.build", "content", "-s", "oursconf.py", "-o", out]


def plain_cmd(out: str, conf: str = "plainconf.py") -> list[str]:
    return [PY, "-m", "pelican", "content", "-s", conf, "-o", out]


# Each measure: (ours, plain) builds, and the cache folder removed before
# each (None: kept from that side's previous build of the same measure).
MEASURES = {
    "cold": ((ours_cmd("out-cold"), "cache"), (plain_cmd("out-cold-plain"), "cache-plain-cold")),
    "warm": (
        (ours_cmd("out-warm"), None),
        (plain_cmd("out-warm-plain", "plainwarm.py"), None),
    ),
}
SIDES = ("ours", "plain")


def bench_size(count: int, runs: int, folder: Path | None = None) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"bench{count}-", dir=folder) as tmp:
        site = write_site(Path(tmp), count)
        # Bytecode, and each side's cache for the first warm build.
        run(ours_cmd("out-warm"), site)
        run(plain_cmd("out-warm-plain", "plainwarm.py"), site)
        samples: dict[str, dict[str, list[tuple[float, int, float]]]] = {
            m: {side: [] for side in SIDES} for m in MEASURES
        }
        for _ in range(runs):  # alternate so drift and load hit both sides equally
            for measure, pair in MEASURES.items():
                for side, (cmd, cache) in zip(SIDES, pair, strict=True):
                    shutil.rmtree(site / cmd[-1], ignore_errors=True)
                    if cache is not None:
                        shutil.rmtree(site / cache, ignore_errors=True)
                    samples[measure][side].append(run(cmd, site))
        saves = {side: [] for side in SIDES}
        for n in range(runs):
            for side in SIDES:
                saves[side] += save_to_visible(site, side, n)
    result: dict = {"articles": count}
    for measure, by_side in samples.items():
        for side, rows in by_side.items():
            times = [t for t, _, _ in rows]
            result[f"{measure}_{side}_s"] = statistics.median(times)
            result[f"{measure}_{side}_min_s"] = min(times)
            result[f"{measure}_{side}_max_s"] = max(times)
            result[f"{measure}_{side}_cpu_s"] = statistics.median(c for _, _, c in rows)
            result[f"{measure}_{side}_max_rss_mib"] = max(r for _, r, _ in rows) / 1024
        # The median of each pair's ratio: both builds of a pair saw the same load.
        ratios = [o[0] / p[0] for o, p in zip(by_side["ours"], by_side["plain"], strict=True)]
        result[f"{measure}_ratio"] = statistics.median(ratios)
        result[f"{measure}_ratio_min"], result[f"{measure}_ratio_max"] = min(ratios), max(ratios)
        # CPU time (user + system, children included) is steadier than the
        # wall clock when other work shares the cores.
        result[f"{measure}_cpu_ratio"] = (
            result[f"{measure}_ours_cpu_s"] / result[f"{measure}_plain_cpu_s"]
        )
    for side in SIDES:
        result[f"save_{side}_s"] = statistics.median(saves[side])
        result[f"save_{side}_min_s"] = min(saves[side])
        result[f"save_{side}_max_s"] = max(saves[side])
    return result


SAVE_DRIVER = """
import json, sys, time
from pathlib import Path
site, side, edits = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
article = site / "content" / "articles" / "post-00000.md"
if side == "ours":
    from sitetools.build import build_into
    args = [str(site / "content"), "-s", str(site / "oursconf.py")]
    def build():
        assert build_into(site / "out-save", args, in_process=True) == 0
else:
    from pelican import get_instance, parse_arguments
    conf = str(site / "plainwarm.py")
    out = str(site / "out-save-plain")
    pelican, _ = get_instance(parse_arguments([str(site / "content"), "-s", conf, "-o", out]))
    build = pelican.run  # what `pelican --autoreload` calls on a change
build()
times = []
for n in range(edits):
    time.sleep(1)  # a coach's next save comes seconds later, not at once
    with article.open("a", encoding="utf-8") as text:
        text.write(f"\\nEdited {side} {n} {time.time()}.\\n")
    start = time.perf_counter()
    build()
    times.append(time.perf_counter() - start)
print(json.dumps(times))
"""


def save_to_visible(site: Path, side: str, edits: int = 2) -> list[float]:
    """Seconds from a saved edit of one article to the rebuilt site, in one
    long-running process that built once before (see the module's docstring)."""
    return driven(site, SAVE_DRIVER, [str(site), side, str(max(edits, 2))], f"save ({side})")


def driven(site: Path, driver: str, args: list[str], what: str):
    """Run the Python `driver` in `site` with our code importable; its last
    line of output is JSON, returned parsed."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    proc = subprocess.run(
        [PY, "-c", driver, *args], cwd=site, env=env, capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise SystemExit(f"{what} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# Targets at a coach's size (100 articles): ours / plain, or seconds.
TARGETS = {"cold": 1.5, "warm": 1.2, "save": 0.5}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="30,100")
    parser.add_argument("--large", action="store_true", help="also 1,000 articles")
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
        help="where the sites are written (default: the system's temporary folder, on "
        "disk as a coach's machine builds); /dev/shm takes the disk out of the measurement",
    )
    args = parser.parse_args()
    if args.real_clock:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    sizes = [int(n) for n in args.sizes.split(",")] + ([1000] if args.large else [])
    rows = []
    for count in sizes:
        rows.append(bench_size(count, args.runs, args.folder))
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)  # progress, and the raw data
    clock = "real clock" if args.real_clock else f"SOURCE_DATE_EPOCH={EPOCH}"
    where = args.folder or tempfile.gettempdir()
    print(f"medians of {args.runs} alternating pairs (min-max), {clock}, sites in {where}")
    print(table(rows))
    if args.booking:
        summary(rows, booking_rows(args.runs))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    missed = [m for r in rows if r["articles"] == 100 for m, ok in verdicts(r) if not ok]
    if missed:
        print("Target missed at 100 articles:", ", ".join(missed))
    return 1 if missed else 0


def verdicts(r: dict) -> list[tuple[str, bool]]:
    return [
        ("cold", r["cold_ratio"] <= TARGETS["cold"]),
        ("warm", r["warm_ratio"] <= TARGETS["warm"]),
        ("save-to-visible", r["save_ours_s"] <= TARGETS["save"]),
    ]


def table(rows: list[dict]) -> str:
    """Markdown: both regimes and the save, each with plain Pelican beside it."""
    lines = [
        "| articles | measure | ours s (min-max) | plain s (min-max) | ours / plain (min-max) "
        "| CPU ours / plain | target at 100 | met? |",
        "|---:|---|---:|---:|---:|---:|---:|---|",
    ]

    def span(r: dict, key: str) -> str:
        return f"{r[key + '_s']:.2f} ({r[key + '_min_s']:.2f}-{r[key + '_max_s']:.2f})"

    for r in rows:
        at100 = r["articles"] == 100
        met = dict(verdicts(r))
        for measure in ("cold", "warm"):
            ratio = (
                f"{r[measure + '_ratio']:.2f} "
                f"({r[measure + '_ratio_min']:.2f}-{r[measure + '_ratio_max']:.2f})"
            )
            target = f"<= {TARGETS[measure]} x" if at100 else ""
            verdict = ("yes" if met[measure] else "**no**") if at100 else ""
            lines.append(
                f"| {r['articles']} | {measure} | {span(r, measure + '_ours')} "
                f"| {span(r, measure + '_plain')} | {ratio} | {r[measure + '_cpu_ratio']:.2f} "
                f"| {target} | {verdict} |"
            )
        ratio = r["save_ours_s"] / r["save_plain_s"]
        verdict = ("yes" if met["save-to-visible"] else "**no**") if at100 else ""
        lines.append(
            f"| {r['articles']} | save-to-visible | {span(r, 'save_ours')} "
            f"| {span(r, 'save_plain')} | {ratio:.2f} | | {'<= 0.5 s' if at100 else ''} "
            f"| {verdict} |"
        )
    lines.append("")
    lines.append(
        "| articles | peak MiB cold ours/plain | CPU s cold ours/plain | CPU s warm ours/plain |"
    )
    lines.append("|---:|---:|---:|---:|")
    for r in rows:
        lines.append(
            f"| {r['articles']} "
            f"| {r['cold_ours_max_rss_mib']:.0f}/{r['cold_plain_max_rss_mib']:.0f} "
            f"| {r['cold_ours_cpu_s']:.2f}/{r['cold_plain_cpu_s']:.2f} "
            f"| {r['warm_ours_cpu_s']:.2f}/{r['warm_plain_cpu_s']:.2f} |"
        )
    return "\n".join(lines)


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
        for measure in ("cold", "warm"):
            label = f"build / plain Pelican, {r['articles']:,} articles, {measure}"
            limit = f"<= {TARGETS[measure]}" if r["articles"] == 100 else ""
            print(f"{label:<52} {r[measure + '_ratio']:>8.2f} {limit:>8}")
        label = f"save-to-visible, {r['articles']:,} articles, s"
        limit = "<= 0.5" if r["articles"] == 100 else ""
        print(f"{label:<52} {r['save_ours_s']:>8.2f} {limit:>8}")


if __name__ == "__main__":
    sys.exit(main())
