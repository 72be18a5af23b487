"""Where a build's time and file opens go, by mechanism.

    python bench/profile_build.py [--articles 100] [--folder DIR] [--top 25]

Writes bench/build.py's synthetic site, builds it once untimed (bytecode),
then profiles four builds, each a fresh process: ours cold (`cache/`
deleted), ours warm (`cache/` from the previous build), plain Pelican cold
and plain Pelican warm (its own content cache kept). For each it prints the
wall and cProfile time, the files opened (an audit hook on "open", which
sees imports too) by what opened them (the innermost frame in our plugins,
else the first library frame) and by what was opened, and cProfile's
cumulative time for each mechanism's entry points. Opens in the main
process only: parallel_read's workers start from 150 articles.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from build import EPOCH, driven, ours_cmd, plain_cmd, run, write_site  # noqa: E402

PROFILED = r"""
import cProfile, collections, json, os, pstats, runpy, sys, time
from pathlib import Path
root, site, module, out = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
args = sys.argv[5:]
stdlib = os.path.dirname(os.__file__)
by_caller, by_kind, pairs = collections.Counter(), collections.Counter(), collections.Counter()

def mechanism(frame):
    # The innermost frame in our plugins, else the innermost library frame,
    # else our build wrapper.
    library = ours = None
    while frame is not None:
        name = frame.f_code.co_filename
        if name.startswith(str(root / "plugins")):
            parts = Path(name).relative_to(root).with_suffix("").parts
            return ".".join(parts[:3])
        if library is None and "site-packages" in name:
            library = name.split("site-packages/")[1].split("/")[0]
        if ours is None and name.startswith(str(root / "sitetools")):
            ours = "sitetools"
        frame = frame.f_back
    return library or ours or "python (stdlib, imports)"

def kind(path, mode):
    path = str(path)
    if path.endswith((".py", ".pyc", ".so")) or "site-packages" in path or path.startswith(stdlib):
        return "code (imports, libraries' data)"
    if "/cache" in path:
        return "cache/ " + ("write" if mode and "w" in str(mode) else "read")
    if "/out" in path:
        return "output written"
    if "/theme" in path or "/templates/" in path:
        return "theme (templates, assets)"
    if "/content/" in path:
        return "content (articles, pages, media)"
    return "other"

def hook(event, payload):
    if event == "open" and isinstance(payload[0], (str, bytes, os.PathLike)):
        who, what = mechanism(sys._getframe(1)), kind(payload[0], payload[1])
        by_caller[who] += 1
        by_kind[what] += 1
        pairs[f"{who}: {what}"] += 1

sys.addaudithook(hook)
sys.argv = [module, *args, "-o", out]
profile = cProfile.Profile()
start = time.perf_counter()
profile.enable()
try:
    runpy.run_module(module, run_name="__main__", alter_sys=True)
except SystemExit as stop:
    if stop.code not in (0, None):
        raise
profile.disable()
wall = time.perf_counter() - start
stats = pstats.Stats(profile)
cumulative = {}
for (filename, line, name), (cc, nc, tt, ct, callers) in stats.stats.items():
    cumulative[f"{filename}:{name}"] = max(cumulative.get(f"{filename}:{name}", 0), ct)
print(json.dumps({"wall": wall, "opens": sum(by_caller.values()), "by_caller": by_caller,
                  "by_kind": by_kind, "pairs": pairs, "cumulative": cumulative}))
"""

# cProfile entry points of each mechanism (file fragment, function name).
ENTRY_POINTS = {
    "whole build (Pelican.run)": ("pelican/__init__.py", "run"),
    "read articles (ArticlesGenerator.generate_context)": (
        "pelican/generators.py",
        "generate_context",
    ),
    "content_cache: fingerprint + private copy": (
        "site_extras/content_cache.py",
        "use_fingerprinted_folder",
    ),
    "content_cache: files put back": ("site_extras/content_cache.py", "keep_this_builds_cache"),
    "content_cache: fingerprint": ("site_extras/content_cache.py", "fingerprint"),
    "template_cache: Jinja bytecode load": ("jinja2/bccache.py", "load_bytecode"),
    "template_cache: Jinja bytecode dump": ("jinja2/bccache.py", "dump_bytecode"),
    "Jinja compile (template_cache's miss)": ("jinja2/environment.py", "compile"),
    "memo: load": ("common/memo.py", "_load"),
    "memo: save": ("common/memo.py", "save"),
    "memo: source_digest": ("common/memo.py", "source_digest"),
    "stamp: Stamp.render": ("common/stamp.py", "render"),
    "parallel_read: start_workers": ("parallel_read/glue.py", "start_workers"),
    "parallel_read: collect": ("parallel_read/glue.py", "collect"),
    "booking generate_output": ("booking/generator.py", "generate_output"),
    "search generate_output": ("site_search/generator.py", "generate_output"),
    "Markdown read (MarkdownReader.read)": ("pelican/readers.py", "read"),
    "writer (Writer.write_file)": ("pelican/writers.py", "write_file"),
}


def profiled(site: Path, module: str, out: str, settings: str) -> dict:
    shutil.rmtree(site / out, ignore_errors=True)
    args = [str(ROOT), str(site), module, out, "content", "-s", settings]
    return driven(site, PROFILED, args, "profiled build")


def openat_count(site: Path, cmd: list[str]) -> str:
    """strace's count of openat calls (the process and its children)."""
    if not shutil.which("strace"):
        return "strace not installed"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        ["strace", "-f", "-c", "-e", "trace=openat,stat,newfstatat,statx", *cmd],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [
        ln
        for ln in proc.stderr.splitlines()
        if ln.split()[-1:] and ln.split()[-1] in ("openat", "newfstatat", "stat", "statx")
    ]
    return "; ".join(f"{ln.split()[-1]} {ln.split()[3]} calls ({ln.split()[1]} s)" for ln in lines)


def report(label: str, data: dict, top: int) -> None:
    print(f"\n## {label}: {data['wall']:.2f} s under cProfile, {data['opens']} files opened")
    print(
        "opened by:",
        ", ".join(
            f"{k} {v}" for k, v in sorted(data["by_caller"].items(), key=lambda kv: -kv[1])[:top]
        ),
    )
    print(
        "what:",
        ", ".join(f"{k} {v}" for k, v in sorted(data["by_kind"].items(), key=lambda kv: -kv[1])),
    )
    print(
        "who opened what:",
        ", ".join(
            f"{k} {v}" for k, v in sorted(data["pairs"].items(), key=lambda kv: -kv[1])[:top]
        ),
    )
    for name, (fragment, function) in ENTRY_POINTS.items():
        hits = [
            t
            for key, t in data["cumulative"].items()
            if fragment in key and key.endswith(f":{function}")
        ]
        if hits:
            print(f"  {name:<55} {max(hits):6.3f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--folder", type=Path)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--strace", action="store_true", help="also count openat/stat with strace")
    args = parser.parse_args()
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    with tempfile.TemporaryDirectory(prefix="profile-", dir=args.folder) as tmp:
        site = write_site(Path(tmp), args.articles)
        run(ours_cmd("out"), site)
        run(plain_cmd("out-plain", "plainwarm.py"), site)
        shutil.rmtree(site / "cache")
        report("ours cold", profiled(site, "sitetools.build", "out", "oursconf.py"), args.top)
        report("ours warm", profiled(site, "sitetools.build", "out", "oursconf.py"), args.top)
        report("plain cold", profiled(site, "pelican", "out-plain-cold", "plainconf.py"), args.top)
        report("plain warm", profiled(site, "pelican", "out-plain", "plainwarm.py"), args.top)
        if args.strace:
            shutil.rmtree(site / "cache")
            for label, cmd in (
                ("ours cold", ours_cmd("out-s")),
                ("ours warm", ours_cmd("out-s2")),
                ("plain cold", plain_cmd("out-s3")),
                ("plain warm", plain_cmd("out-s4", "plainwarm.py")),
            ):
                print(f"strace {label}: {openat_count(site, cmd)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
