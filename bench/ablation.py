"""What each speed mechanism costs and saves: our build with one of them
switched off, against the full build, cold and warm.

    python bench/ablation.py [--articles 100] [--runs 5] [--folder DIR]

Each variant is a fresh process with its own cache folder (so one
variant's settings never evict another's content cache), built once untimed;
then rounds alternate every variant, cold (its cache folder deleted first)
and warm (kept from its previous build). A mechanism is switched off the
way a later change would remove it:

* no template_cache: the Jinja environment gets no bytecode cache;
* no memo: every memo starts empty and is never saved;
* no stamp: every slot page rendered in full (Stamp replaced by the template);
* no content_cache: CACHE_CONTENT and LOAD_CONTENT_CACHE off;
* no parallel_read: the plugin left out of PLUGINS;
* mtime check: the content cache trusts a file's modification time (plain
  Pelican's default) instead of hashing it (CHECK_MODIFIED_METHOD).

Prints the median wall and CPU seconds (user + system, children included;
min-max) of each and its difference from the full build: a positive
difference is what the mechanism saves. On a shared machine the CPU time is
the steadier of the two.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from build import EPOCH, PY, run, write_site  # noqa: E402

PATCHES = {
    "full": "",
    "no template_cache": (
        "import plugins.site_extras.glue as g; g.template_cache = lambda env, path: None"
    ),
    "no memo": (
        "from plugins.common import memo; memo.Memo._load = lambda self: {}; "
        "memo.Memo.save = lambda self: None"
    ),
    "no stamp": (
        "import plugins.booking.generator as b; b.Stamp = lambda template, varying, probes=(): "
        "template"
    ),
    "no content_cache": "",
    "no parallel_read": "",
    "mtime check": "",
}
SETTINGS = {
    "no content_cache": "CACHE_CONTENT = False\nLOAD_CONTENT_CACHE = False\n",
    "no parallel_read": "PLUGINS = [p for p in PLUGINS if p != 'plugins.parallel_read']\n",
    "mtime check": "CHECK_MODIFIED_METHOD = 'mtime'\n",
}
DRIVER = """
import runpy, sys
{patch}
sys.argv = ["sitetools.build", *sys.argv[1:]]
runpy.run_module("sitetools.build", run_name="__main__", alter_sys=True)
"""


def folder_of(variant: str) -> str:
    return variant.replace(" ", "-")


def command(variant: str) -> list[str]:
    name = folder_of(variant)
    driver = DRIVER.format(patch=PATCHES[variant])
    return [PY, "-c", driver, "content", "-s", f"conf-{name}.py", "-o", f"out-{name}"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--folder", type=Path)
    parser.add_argument(
        "--variants",
        default=",".join(PATCHES),
        help="which variants, comma-separated (the full build is always one)",
    )
    args = parser.parse_args()
    chosen = ["full", *(v for v in args.variants.split(",") if v in PATCHES and v != "full")]
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    times: dict[tuple[str, str], list[float]] = {}
    cpu: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="ablation-", dir=args.folder) as tmp:
        site = write_site(Path(tmp), args.articles)
        ours = (site / "oursconf.py").read_text(encoding="utf-8")
        for variant in chosen:
            name = folder_of(variant)
            (site / f"conf-{name}.py").write_text(
                ours + f"CACHE_PATH = 'cache-{name}'\n" + SETTINGS.get(variant, ""),
                encoding="utf-8",
            )
            run(command(variant), site)
        for _ in range(args.runs):
            for regime in ("cold", "warm"):
                for variant in chosen:
                    name = folder_of(variant)
                    shutil.rmtree(site / f"out-{name}", ignore_errors=True)
                    if regime == "cold":
                        shutil.rmtree(site / f"cache-{name}", ignore_errors=True)
                    elapsed, _, used = run(command(variant), site)
                    times.setdefault((regime, variant), []).append(elapsed)
                    cpu.setdefault((regime, variant), []).append(used)
    print(f"{args.articles} articles, medians of {args.runs} alternating runs (min-max)")
    print("| regime | variant | wall s | CPU s | wall minus full | CPU minus full |")
    print("|---|---|---:|---:|---:|---:|")
    for regime in ("cold", "warm"):
        full = statistics.median(times[(regime, "full")])
        full_cpu = statistics.median(cpu[(regime, "full")])
        for variant in chosen:
            t, c = times[(regime, variant)], cpu[(regime, variant)]
            median, median_cpu = statistics.median(t), statistics.median(c)
            saves = (
                "| |"
                if variant == "full"
                else f"| {median - full:+.3f} | {median_cpu - full_cpu:+.3f} |"
            )
            print(
                f"| {regime} | {variant} | {median:.3f} ({min(t):.2f}-{max(t):.2f}) "
                f"| {median_cpu:.3f} ({min(c):.2f}-{max(c):.2f}) {saves}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
