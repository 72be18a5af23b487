"""The site with the browser editor published (`[editor]` names a GitHub
repository): /admin/ carries its own policy, in its <meta> and in `_headers`
as Netlify's own parser reads it, while every other file keeps exactly the
strict policy of a site without the editor; /admin/ is kept out of robots
and the sitemap; config.yml follows the site's settings and language."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from plugins.editor.policy import editor_security_policy
from plugins.site_extras.security import content_security_policy
from tests.support.editor import BUNDLE
from tests.support.site import build_site, sample_settings
from tests.support.validators import netlify_headers

HERE = Path(__file__).resolve().parent
META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
REPO = {"repo": "eleanor-hart/coaching-site", "branch": "main"}


def _overrides(**extra) -> dict:
    return {
        "PLUGINS": [*sample_settings().PLUGINS, "plugins.editor"],
        "EDITOR": REPO,
        "EDITOR_BUNDLE": str(BUNDLE),
        **extra,
    }


def _config(site: Path) -> dict:
    text = (site / "admin/config.yml").read_text(encoding="utf-8")
    return json.loads(text.split("\n", 1)[1])  # after its one comment line


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory) -> Path:
    if not (BUNDLE / "decap-cms.js").is_file():
        pytest.skip("decap-cms is not installed (npm ci)")
    return build_site(tmp_path_factory.mktemp("editor") / "output", overrides=_overrides()).output


def _paths(site: Path) -> list[str]:
    paths = []
    for file in sorted(site.rglob("*")):
        if file.is_file() and file.name != "_headers":
            relative = file.relative_to(site).as_posix()
            paths.append("/" + relative)
            if file.name == "index.html":
                paths.append("/" + relative.removesuffix("index.html"))
    return paths


@pytest.mark.node
def test_only_admin_is_served_the_editor_policy_by_netlify(node, editor_site):
    served = netlify_headers(node, editor_site / "_headers", _paths(editor_site))
    strict = content_security_policy() + "; frame-ancestors 'none'"
    admin = editor_security_policy() + "; frame-ancestors 'none'"
    seen = {"admin": 0, "other": 0}
    for path, headers in served.items():
        kind = "admin" if path.startswith("/admin/") else "other"
        seen[kind] += 1
        assert headers["Content-Security-Policy"] == (admin if kind == "admin" else strict), path
        assert headers["X-Content-Type-Options"] == "nosniff", path
    assert seen["admin"] > 3 and seen["other"] > 50


def test_every_other_page_keeps_the_strict_policy_unchanged(editor_site, site):
    assert (editor_site / "_headers").read_text().split("\n/admin/*\n")[0] == (
        site / "_headers"
    ).read_text()
    admin_block = (editor_site / "_headers").read_text().split("\n/admin/*\n")[1]
    # Cloudflare Pages joins the values of every matching rule: detach first.
    assert admin_block.splitlines()[0] == "  ! Content-Security-Policy"
    strict = content_security_policy()
    pages = sorted(editor_site.rglob("*.html"))
    for page in pages:
        found = META_CSP.findall(page.read_text(encoding="utf-8"))
        expected = editor_security_policy() if page.parts[-2] == "admin" else strict
        assert [html.unescape(value) for value in found] == [expected], page


def test_the_editor_policy_allows_no_other_origin_for_code_or_style(editor_site):
    policy = dict(
        part.split(" ", 1)
        for part in editor_security_policy("http://127.0.0.1:8081/api/v1").split("; ")
    )
    assert policy["script-src"] == "'self' 'unsafe-eval'"
    assert policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["connect-src"] == "'self' blob: https://api.github.com http://127.0.0.1:8081"
    assert policy["frame-src"] == "'none'" and policy["object-src"] == "'none'"
    assert "http://127.0.0.1" not in editor_security_policy()  # only in invoke edit's build


def test_admin_is_out_of_robots_and_the_sitemap(editor_site):
    robots = (editor_site / "robots.txt").read_text(encoding="utf-8")
    assert "Disallow: /admin/\n" in robots
    assert "/admin" not in (editor_site / "sitemap.xml").read_text(encoding="utf-8")
    index = (editor_site / "admin/index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in index


def test_admin_holds_the_bundle_our_scripts_and_a_config_from_the_settings(editor_site):
    files = {p.name for p in (editor_site / "admin").iterdir()}
    assert {
        "index.html",
        "config.yml",
        "decap-cms.js",
        "manual-init.js",
        "pelican-format.js",
    } <= files
    assert not {name for name in files if name.endswith(".map")} and "cms.js" not in files
    index = (editor_site / "admin/index.html").read_text(encoding="utf-8")
    assert re.findall(r'<script src="([^"]+)"', index) == [
        "manual-init.js",
        "decap-cms.js",
        "pelican-format.js",
    ]
    config = _config(editor_site)
    assert config["backend"]["name"] == "github"
    assert config["backend"]["repo"] == REPO["repo"] and config["backend"]["branch"] == "main"
    assert "local_backend" not in config and config["locale"] == "en"
    names = [c["name"] for c in config["collections"]]
    assert names == ["articles", "podcast", "pages", "testimonials", "home", "site"]
    [settings] = config["collections"][-1]["files"]
    assert settings["file"] == "site.toml"
    booking = next(f for f in settings["fields"] if f["name"] == "booking")
    hours = next(f for f in booking["fields"] if f["name"] == "weekly_hours")
    tuesday = next(f for f in hours["fields"] if f["name"] == "tue")
    pattern = re.compile(tuesday["field"]["pattern"][0])
    assert pattern.fullmatch("09:00-12:00") and pattern.fullmatch("13:30-24:00")
    for wrong in ("9-12", "09:00", "25:00-26:00", "09:00 - 12:00", "09h00-12h00"):
        assert not pattern.fullmatch(wrong), wrong
    coach = next(f for f in settings["fields"] if f["name"] == "coach")
    zone = next(f for f in coach["fields"] if f["name"] == "timezone")
    assert "America/New_York" in zone["options"] and "Europe/Paris" in zone["options"]


def test_a_french_site_gets_the_editor_in_french(tmp_path):
    if not (BUNDLE / "decap-cms.js").is_file():
        pytest.skip("decap-cms is not installed (npm ci)")
    out = build_site(tmp_path / "output", overrides=_overrides(DEFAULT_LANG="fr")).output
    config = _config(out)
    assert config["locale"] == "fr"
    articles = config["collections"][0]
    assert articles["label"] == "Articles"
    labels = {f["name"]: f["label"] for f in articles["fields"]}
    assert labels["Title"] == "Titre" and labels["Date"] == "Date"
    [settings] = config["collections"][-1]["files"]
    booking = next(f for f in settings["fields"] if f["name"] == "booking")
    hours = next(f for f in booking["fields"] if f["name"] == "weekly_hours")
    assert [f["label"] for f in hours["fields"]][:2] == ["Lundi", "Mardi"]
    assert '<html lang="fr">' in (out / "admin/index.html").read_text(encoding="utf-8")


def test_without_the_bundle_the_site_builds_and_says_how_to_get_the_editor(tmp_path):
    result = build_site(
        tmp_path / "output", overrides=_overrides(EDITOR_BUNDLE=str(tmp_path / "none"))
    )
    assert not (result.output / "admin").exists()
    lines = [line for line in result.log.splitlines() if "editor:" in line]
    assert len(lines) == 1 and "npm ci" in lines[0], result.log
    assert "Disallow" not in (result.output / "robots.txt").read_text(encoding="utf-8")


def test_a_wrong_repository_stops_the_build_in_one_line(tmp_path):
    result = build_site(
        tmp_path / "output",
        overrides=_overrides(EDITOR={"repo": "https://github.com/eleanor/site"}),
        check=False,
    )
    assert result.returncode != 0
    [line] = [line for line in result.log.splitlines() if "[editor]" in line]
    assert "[editor] repo" in line and '"owner/name"' in line
    assert "Traceback" not in result.log


def test_a_public_build_without_the_bundle_stops_in_one_line(tmp_path):
    result = build_site(
        tmp_path / "output",
        overrides=_overrides(
            EDITOR_BUNDLE=str(tmp_path / "none"), SITEURL="https://coach.example.org"
        ),
        check=False,
    )
    assert result.returncode != 0
    [line] = [line for line in result.log.splitlines() if "editor:" in line]
    assert "npm ci" in line and "Traceback" not in result.log
