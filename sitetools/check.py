"""`invoke check`: the coach's own site, as built from her content/, checked
the way the test suite checks the product, with a short report in plain
words and exit status 1 when anything needs fixing.

    python -m sitetools.check [--settings pelicanconf.py] [--content content]

Checks: the site builds; every link and image into the site leads to a
file, every #fragment to an id; no published file is left that nothing
links to (a forgotten sample); every .ics parses (icalendar, and Mozilla
ical.js when Node and `npm ci` are there); the podcast feed is XML whose
audio files exist; HTML is valid (the W3C Nu checker, when Java and
`npm ci` are there); 0 axe-core violations and no request to another
origin on every kind of page (when Chromium and Playwright are there).
A check whose tool is missing says so and what to install; it is not
counted as passed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from plugins.config.validate import is_loopback
from plugins.site_extras.links import broken_links, describe, internal_path, page_links

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "node_modules"
CHROMIUM = Path("/usr/bin/chromium")
ICALJS_DUMP = Path(__file__).with_name("icaljs_dump.mjs")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
_ID = re.compile(r'\sid="([^"]+)"')
# Written for machines or browsers, never linked from a page.
_UNLINKED = re.compile(
    r"^(robots\.txt|sitemap\.xml|_headers|404\.html|theme/.*|admin/.*|feeds/.*|drafts/.*"
    # The booking pages' data and calendars, in every language's folder.
    r"|(?:[A-Za-z_-]+/)?book/.*\.json|(?:[A-Za-z_-]+/)?book/[^/]+/availability\.ics"
    r"|(?:[a-z-]+/)?search/.*\.json|.*\.(gz|br))$"
)


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # worth knowing; nothing to fix

    def check(self, ok_text: str, problems: list[str]) -> None:
        if problems:
            self.problems += problems
        else:
            self.passed.append(ok_text)

    def text(self) -> str:
        lines = [f"ok    {line}" for line in self.passed]
        lines += [f"FIX   {line}" for line in self.problems]
        lines += [f"skip  {line}" for line in self.skipped]
        lines += [f"note  {line}" for line in self.notes]
        if self.problems:
            lines.append(f"{len(self.problems)} problem(s) to fix.")
        else:
            lines.append("Your site passes every check that could run.")
        return "\n".join(lines)


def build(content: Path, settings: Path, output: Path) -> tuple[int, str]:
    """Build as `invoke build` does, but collect broken links instead of stopping."""
    env = {**os.environ}
    command = [sys.executable, "-m", "sitetools.build", str(content), "-s", str(settings)]
    command += ["-o", str(output), "--ignore-cache", "-e", "REFUSE_BROKEN_LINKS=false"]
    proc = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    return proc.returncode, (proc.stdout + proc.stderr).strip()


# The build's own closing lines, which say that it failed but not why.
_SUMMARY = re.compile(r"^\s*(Done: Processed|and \d+ draft|Build failed|build failed)")


def reasons(log: str) -> list[str]:
    """Why a build failed: each line it printed but its summary (which only
    counts the problems "above"), at most ten; its last line if that is all."""
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    found = [line for line in lines if not _SUMMARY.match(line)]
    return found[:10] or lines[-1:] or ["(no message)"]


def pages(output: Path) -> list[Path]:
    # admin/ is the browser editor's shell for Decap CMS, whose own interface
    # is not ours to validate (and is kept out of search engines).
    return sorted(p for p in output.rglob("*.html") if p.relative_to(output).parts[0] != "admin")


def links(output: Path) -> tuple[list[str], set[str]]:
    """Problems with links, images and fragments; the files that are linked."""

    problems = []
    for broken in broken_links(output):
        kind = "Missing image" if _is_image(broken.target) else "Broken link"
        problems.append(f"{kind}: {describe(broken)}")
    ids = {
        p.relative_to(output).as_posix(): set(_ID.findall(p.read_text("utf-8")))
        for p in pages(output)
    }
    linked: set[str] = set()
    missing_fragments: dict[str, str] = {}
    for page in pages(output):
        here = page.relative_to(output).as_posix()
        text = page.read_text("utf-8")
        # The link preview's picture: an absolute address (the preview
        # fetchers need one), always of this site.
        for preview in _OG_IMAGE.findall(text):
            path = unquote(urlsplit(preview).path).lstrip("/")
            if (output / path).is_file():
                linked.add(path)
            else:
                problems.append(f"Missing image: {path} (the link preview of {here})")
        for link in page_links(text):
            path = internal_path(link, "")
            fragment = unquote(urlsplit(link.replace("&amp;", "&")).fragment)
            if link.startswith("#"):
                path = here
            if path is None:
                continue
            target = path if (output / path).is_file() else f"{path.rstrip('/')}/index.html"
            linked.add(target)
            if fragment and target in ids and fragment not in ids[target]:
                missing_fragments.setdefault(f"{link}", here)
    problems += [
        f"Broken link: {link} on {page}: that page has no #{link.split('#', 1)[1]}; "
        "fix the part after # (it must be a heading's or element's id)"
        for link, page in missing_fragments.items()
    ]
    return problems, linked


_OG_IMAGE = re.compile(r'<meta property="og:image" content="([^"]+)">')


def _is_image(target: str) -> bool:
    return target.lower().rsplit(".", 1)[-1] in {"png", "jpg", "jpeg", "gif", "svg", "webp", "avif"}


def orphans(output: Path, linked: set[str]) -> list[str]:
    """Published files nothing links to: a sample left behind, a forgotten upload."""
    texts = [p.read_text("utf-8", errors="replace") for p in output.rglob("*.xml")]
    feeds = "\n".join(texts)
    found = []
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        name = path.relative_to(output).as_posix()
        if name in linked or _UNLINKED.match(name) or name.endswith(".html"):
            continue
        if f"/{name}" in feeds:
            continue
        found.append(
            f"Unused file: {name} is published but no page or feed links to it; "
            "delete it from content/ if it is a leftover (a sample?)"
        )
    return found


def calendars(output: Path) -> tuple[list[str], list[Path]]:
    import icalendar

    problems, files = [], sorted(output.rglob("*.ics"))
    for path in files:
        name = path.relative_to(output).as_posix()
        try:
            calendar = icalendar.Calendar.from_ical(path.read_bytes())
            errors = [c.errors for c in calendar.walk() if c.errors]
        except (ValueError, IndexError, KeyError) as error:
            errors = [str(error)]
        if errors:
            problems.append(
                f"Calendar file {name} cannot be read by calendar apps; fix or delete it"
            )
    return problems, files


def run_icaljs(node: str, files) -> tuple[dict, int, str]:
    """Mozilla ical.js's reading of `files` (icaljs_dump.mjs): (file -> {method,
    version, events} or {error}, exit status, stderr)."""
    proc = subprocess.run(
        [node, str(ICALJS_DUMP), *map(str, files)],
        capture_output=True,
        text=True,
        cwd=ICALJS_DUMP.parent,
        check=False,
    )
    return json.loads(proc.stdout or "{}"), proc.returncode, proc.stderr


def icaljs(files: list[Path], output: Path) -> list[str] | None:
    node = shutil.which("node")
    if not node or not (NODE_MODULES / "ical.js").is_dir():
        return None
    if not files:
        return []
    parsed, _, _ = run_icaljs(node, files)
    return [
        f"Calendar file {Path(name).relative_to(output).as_posix()} is refused by "
        f"Mozilla's ical.js ({result['error'][:80]}); fix or delete it"
        for name, result in parsed.items()
        if "error" in result
    ]


def podcast(output: Path) -> list[str]:
    feed = output / "podcast/feed.xml"
    if not feed.is_file():
        return []
    try:
        root = ET.parse(feed).getroot()
    except ET.ParseError as error:
        return [f"The podcast feed podcast/feed.xml is not valid XML ({error})"]
    problems = []
    for enclosure in root.iter("enclosure"):
        url = enclosure.get("url", "")
        parts = urlsplit(url)
        ours = not parts.netloc or is_loopback(parts.hostname)
        if ours and not (output / unquote(parts.path.lstrip("/"))).is_file():
            problems.append(f"Podcast audio {url} is in the feed but not on the site")
    return problems


def html(output: Path) -> list[str] | None:
    jar = NODE_MODULES / "vnu-jar/build/dist/vnu.jar"
    if not shutil.which("java") or not jar.is_file():
        return None
    messages = vnu_messages(jar, pages(output))
    return [
        f"HTML error in {Path(urlsplit(m.get('url', '')).path).relative_to(output).as_posix()}"
        f" line {m.get('lastLine')}: {m['message']}"
        for m in messages
    ]


def vnu_messages(jar: Path, files: list[Path]) -> list[dict]:
    """The W3C Nu checker's errors for `files`, in one JVM (its start is the cost)."""
    proc = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", "--format", "json", "--stdout"]
        + [str(p) for p in files],
        capture_output=True,
        text=True,
        check=False,
    )
    return json.loads(proc.stdout or '{"messages": []}')["messages"]


def axe_violations(page, axe_source: Path) -> list[dict]:
    """axe-core's violations on a Playwright page: [{id, help, nodes}]."""
    # evaluate() runs through DevTools, so the page's own CSP (no inline
    # script) does not block the checker the way add_script_tag would.
    page.evaluate(axe_source.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def browser(output: Path) -> list[str] | None:
    """axe-core and other-origin requests on one page of every kind."""
    axe = NODE_MODULES / "axe-core/axe.min.js"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not CHROMIUM.exists() or not axe.is_file():
        return None
    from sitetools.server import serve_in_thread

    kinds = _one_page_per_kind(output)
    server, url = serve_in_thread(output)
    problems = []
    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
            page = chromium.new_page()
            origins: set[str] = set()
            page.on(
                "request",
                lambda r: origins.add("{0.scheme}://{0.netloc}".format(urlsplit(r.url))),
            )
            for name in kinds:
                page.goto(f"{url}/{name}")
                problems += [
                    f"Accessibility: {name}: {v['help']} ({v['id']})"
                    for v in axe_violations(page, axe)
                ]
            chromium.close()
    finally:
        server.shutdown()
    other = sorted(o for o in origins if o != url and not o.startswith(("data:", "blob:")))
    problems += [f"Privacy: a page loads something from {o}; remove it" for o in other]
    return problems


def _one_page_per_kind(output: Path) -> list[str]:
    names = [p.relative_to(output).as_posix() for p in pages(output)]
    chosen, seen = [], set()
    for name in names:
        parts = name.split("/")
        folder = parts[-2] if len(parts) > 1 else ""
        if re.fullmatch(r"\d{8}T\d{6}Z", folder):
            kind = "slot"
        elif "book" in parts and re.fullmatch(r"\d{4}-\d{2}-\d{2}", folder):
            kind = "day"  # a session's day page (many times: plugins/booking/compact.py)
        else:
            kind = parts[0] if len(parts) > 1 else name
        if kind not in seen:
            seen.add(kind)
            chosen.append(name)
    return chosen


def translations(settings: Path) -> list[str]:
    """For a site in more than one language: the words of hers each other
    language shows in the first, one line per language."""
    from plugins.common.errors import SiteError
    from plugins.config import of
    from plugins.config.pelican_file import read_settings_file
    from plugins.config.untranslated import untranslated

    try:
        checked = of(read_settings_file(settings))
    except SiteError:
        return []  # the build has said what is wrong
    main = checked.site.language
    return [
        f"the {code} pages show your {main} words for: {'; '.join(names)} "
        f'(give them per language, e.g. title = {{ {main} = "…", {code} = "…" }})'
        for code, names in untranslated(checked).items()
    ]


def home_texts(output: Path) -> list[str]:
    """The other languages' home pages that show her home text in the
    site's language (marked with its lang, see language_homes.py)."""
    notes = []
    for page in sorted(output.glob("*/index.html")):
        text = page.read_text(encoding="utf-8")
        shown = re.search(
            r'<p class="lead" lang="([^"]+)"|class="[^"]*home-section[^"]*" lang="([^"]+)"', text
        )
        own = re.search(r'<html lang="([^"]+)"', text)
        if shown and own:
            code, main = own.group(1), shown.group(1) or shown.group(2)
            notes.append(
                f"the {code} home page shows your {main} home text "
                f"(add its translation: a page with Slug: home, Lang: {code}, Status: hidden)"
            )
    return notes


def desk(settings: Path) -> list[str] | None:
    """The desk's own settings (inbox, SMTP, policy, video, reminders);
    None when the site uses neither a mailbox nor a mail server."""
    from plugins.booking.desk.cli import load_desk
    from plugins.common.errors import SiteError

    try:
        checked = load_desk(str(settings)).desk_settings
        if checked.inbox is None and checked.smtp is None:
            return None
    except SiteError as error:
        return [str(error)]
    return []


def plain_client_files(settings: Path) -> list[str]:
    """One note when the project has a git remote and what the desk keeps
    about clients is not encrypted ([booking] ledger_key_env unset)."""
    from plugins.common.errors import SiteError
    from plugins.config import of
    from plugins.config.pelican_file import read_settings_file

    try:
        booking = of(read_settings_file(settings)).booking
    except SiteError:
        return []
    if booking is None or booking.ledger_key_env:
        return []
    remotes = subprocess.run(
        ["git", "remote"], cwd=settings.parent, capture_output=True, text=True, check=False
    )
    if remotes.returncode != 0 or not remotes.stdout.strip():
        return []
    return [
        "the booking ledger and the outbox are plain text in a repository with a remote: "
        "anyone who can read it reads your clients' names (encrypt them: `invoke ledger-key`, "
        "docs/desk.md)"
    ]


def run(content: Path, settings: Path) -> Report:
    report = Report()
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "output"
        code, log = build(content, settings, output)
        if code != 0:
            report.problems += [f"The site does not build: {line}" for line in reasons(log)]
            return report
        report.passed.append(f"the site builds ({len(pages(output))} pages)")
        link_problems, linked = links(output)
        report.check("every link, image and #fragment leads somewhere", link_problems)
        report.check("no published file is left unused", orphans(output, linked))
        ics_problems, files = calendars(output)
        report.check(f"{len(files)} calendar files read in icalendar", ics_problems)
        # One report per file: one icalendar refused is not counted again.
        refused = " ".join(ics_problems)
        readable = [f for f in files if f" {f.relative_to(output).as_posix()} " not in refused]
        for label, result, missing in (
            (
                "calendar files read in Mozilla ical.js",
                icaljs(readable, output),
                "Node.js and `npm ci`",
            ),
            ("HTML valid (W3C Nu checker)", html(output), "Java and `npm ci`"),
            (
                "0 accessibility violations (axe-core), no request to another site",
                browser(output),
                "Chromium (apt-get install chromium) and `npm ci`",
            ),
        ):
            if result is None:
                report.skipped.append(f"{label}: needs {missing}")
            else:
                report.check(label, result)
        report.check("podcast feed", podcast(output))
        report.notes += translations(settings) + home_texts(output)
        report.notes += plain_client_files(settings)
        desk_problems = desk(settings)
        if desk_problems is not None:
            report.check(
                "the booking desk's settings (inbox, smtp, video, reminders)", desk_problems
            )
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitetools.check", description=__doc__)
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--content", default="content")
    args = parser.parse_args(argv)
    print(f"Checking the site built from {args.content}/ with {args.settings} ...")
    report = run(Path(args.content).resolve(), Path(args.settings).resolve())
    print(report.text())
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
