"""Publishing safety: atomic builds, fingerprinted assets, pre-compression."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import socket
from pathlib import Path

import brotli

from plugins.site_extras.assets import hashed_name
from sitetools.build import build_into
from tests.support.site import (
    DEFAULT_EPOCH,
    ROOT,
    SAMPLE_CONTENT,
    SAMPLE_SETTINGS,
    build_site,
    html_files,
    layered_settings,
    sample_publishconf,
    snapshot,
)

HASHED = re.compile(r"^/theme/(?:[\w-]+/)*[\w-]+\.[0-9a-f]{10}\.\w+$")


def _env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": str(DEFAULT_EPOCH)}


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_failed_builds_leave_the_previous_output_byte_for_byte(tmp_path: Path):
    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    out = tmp_path / "output"
    assert build_into(out, [str(content), "-s", str(SAMPLE_SETTINGS)], env=_env()) == 0
    before = snapshot(out)
    assert len(before) > 50

    (content / "articles" / "broken.md").write_text("Title: Broken\nDate: 2026-02-30\n\nx\n")
    assert build_into(out, [str(content), "-s", str(SAMPLE_SETTINGS)], env=_env()) != 0
    assert snapshot(out) == before
    (content / "articles" / "broken.md").unlink()

    url = f"http://127.0.0.1:{_closed_port()}/private.ics"
    settings = layered_settings(
        tmp_path / "unreachable.py",
        lines=(f"BOOKING = {{**BOOKING, 'busy_timeout_seconds': 2, 'busy_calendars': [{url!r}]}}",),
    )
    assert build_into(out, [str(content), "-s", str(settings)], env=_env()) != 0
    assert snapshot(out) == before
    assert not out.with_name("output.building").exists()


def test_a_swap_cut_off_halfway_gets_the_last_good_site_back(tmp_path: Path):
    out = tmp_path / "output"
    previous = tmp_path / "output.previous"
    previous.mkdir()
    (previous / "index.html").write_bytes(b"<!doctype html><title>last good</title>")
    broken = tmp_path / "broken.py"
    broken.write_text("THEME = 'no-such-theme'\n")
    assert build_into(out, [str(SAMPLE_CONTENT), "-s", str(broken)], env=_env()) != 0
    assert snapshot(out) == {"index.html": b"<!doctype html><title>last good</title>"}
    assert not previous.exists()


def test_every_page_references_existing_fingerprinted_assets(site: Path):
    pattern = re.compile(r'(?:href|src)="(/theme/[^"]+)"')
    seen = set()
    for page in html_files(site):
        for url in pattern.findall(page.read_text(encoding="utf-8")):
            assert HASHED.match(url), (page, url)
            assert (site / url.lstrip("/")).is_file(), (page, url)
            seen.add(url)
    assert any(u.endswith(".css") for u in seen)


def test_changing_the_css_changes_its_name(tmp_path: Path, site: Path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    css = theme / "static/css/site.css"
    css.write_text(css.read_text() + "\n.changed { color: #123456; }\n")
    out = tmp_path / "out"
    build_site(out, overrides={"THEME": str(theme)})
    old = {p.name for p in (site / "theme/css").glob("site.*.css")}
    new = {p.name for p in (out / "theme/css").glob("site.*.css")}
    # The name is the hash of what is served (the theme's CSS and the look's).
    (name,) = new
    served = (out / "theme/css" / name).read_bytes()
    assert ".changed{color:#123456}" in served.decode()
    assert name == Path(hashed_name("css/site.css", served)).name
    assert old and old != new


def test_precompressed_files_decompress_to_the_originals(tmp_path: Path):
    out = tmp_path / "public"
    settings = sample_publishconf(tmp_path)
    build_site(out, settings_file=str(settings), env={"SITEURL": "https://coach.example.org"})
    pairs = 0
    for packed in [*out.rglob("*.gz"), *out.rglob("*.br")]:
        original = packed.with_suffix("")
        data = packed.read_bytes()
        unpacked = gzip.decompress(data) if packed.suffix == ".gz" else brotli.decompress(data)
        assert unpacked == original.read_bytes(), packed
        pairs += 1
    assert pairs > 100
    assert (out / "index.html.br").is_file() and (out / "sitemap.xml.gz").is_file()


def test_headers_recipe_sets_calendar_type_and_immutable_theme(site: Path):
    headers = (site / "_headers").read_text()
    assert "Content-Type: text/calendar; charset=utf-8" in headers
    assert "max-age=31536000, immutable" in headers
    assert "unsafe-inline" not in headers
    for name in ("Referrer-Policy", "X-Content-Type-Options", "Permissions-Policy"):
        assert name in headers
