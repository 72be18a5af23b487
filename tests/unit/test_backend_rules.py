"""The editor backend's rules (sitetools/backend_rules.py) on a real folder
with real symlinks: what may be read, written, uploaded and deleted."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plugins.config.editor import EditorSettings
from plugins.editor.decap_config import decap_config, media_folders
from plugins.editor.fields import WEEKDAYS, collections
from sitetools.backend_rules import ACTIONS, MEDIA_SUFFIXES, Refused, Rules, check, visible
from sitetools.server import is_local_host

OPTIONS = {"commitMessage": "x", "useWorkflow": False, "status": "published"}


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    for folder in ("content/articles", "content/pages", "content/images", "content/podcast/audio"):
        (root / folder).mkdir(parents=True)
    (root / "site.toml").write_text("[coach]\n")
    (root / "pelicanconf.py").write_text("")
    (root / "content/pages/home.md").write_text("Title: Home\n")
    (tmp_path / "elsewhere").mkdir()
    (root / "content/articles/out").symlink_to(tmp_path / "elsewhere")
    (root / "content/articles/code").symlink_to(root)
    (root / "content/articles/conf.md").symlink_to(root / "pelicanconf.py")
    (root / "content/images/hidden").symlink_to(root / "content/.secret", target_is_directory=True)
    return root


def _rules(root: Path) -> Rules:
    return Rules(root=root, media_folders=("content/images", "content/podcast/audio"))


def _entry(path: str, **extra) -> dict:
    entry = {"slug": "x", "path": path, "raw": "Title: x\n", **extra}
    return {
        "action": "persistEntry",
        "params": {"dataFiles": [entry], "assets": [], "options": OPTIONS},
    }


def _media(path: str) -> dict:
    asset = {"path": path, "content": base64.b64encode(b"x").decode(), "encoding": "base64"}
    return {"action": "persistMedia", "params": {"asset": asset, "options": OPTIONS}}


def _allowed(request: dict, rules: Rules) -> bool:
    try:
        check(request, rules)
    except Refused:
        return False
    return True


@pytest.mark.parametrize(
    "path",
    [
        "content/articles/new.md",
        "content/pages/home.md",
        "content/podcast/ep-3.md",
        "content/articles/NOTES.MD",
        "site.toml",
    ],
)
def test_the_forms_own_files_may_be_saved(project, path):
    check(_entry(path), _rules(project))


@pytest.mark.parametrize(
    "path",
    [
        "pelicanconf.py",
        "tasks.py",
        "content/../pelicanconf.py",
        "content/./articles/x.md",
        "content//articles/x.md",
        "./site.toml",
        "site.toml/",
        ".git/hooks/pre-commit",
        "content/.hidden/x.md",
        "content/articles/.x.md",
        "content/articles/out/x.md",  # symlink out of the project
        "content/articles/code/pelicanconf.py",  # symlink to the project folder
        "content/articles/code/site.toml",  # site.toml, but by another name
        "content/articles/conf.md",  # a file symlinked to pelicanconf.py
        "content/images/hidden/x.md",  # symlink to a dot-folder in content/
        "/etc/passwd",
        "content\\..\\pelicanconf.py",
        "content/articles/x.md\x00.py",
        "content/articles/x\ud800.md",
        "content/articles/x\x9b2J.md",  # C1 CSI: clears an 8-bit terminal
        "content/articles/x\u202egnp.md",  # a bidi override: reads as x.png.md
        "content/articles/x.html",  # Pelican would publish it as a page
        "content/articles/x.py",
        "content",
        "",
        "output/index.html",
    ],
)
def test_anything_else_is_refused(project, path):
    with pytest.raises(Refused):
        check(_entry(path), _rules(project))


def test_a_path_that_is_not_text_is_refused(project):
    for path in (None, 3, ["site.toml"], {"path": "site.toml"}):
        with pytest.raises(Refused):
            check(_entry(path), _rules(project))


def test_every_file_of_a_save_is_checked(project):
    request = _entry("content/articles/a.md")
    request["params"]["dataFiles"].append({"slug": "b", "path": "pelicanconf.py", "raw": ""})
    with pytest.raises(Refused):
        check(request, _rules(project))
    request = _entry("content/articles/a.md")
    asset = {"path": "content/images/x.py", "content": "", "encoding": "base64"}
    request["params"]["assets"].append(asset)
    with pytest.raises(Refused):
        check(request, _rules(project))
    # The older form: one `entry` instead of `dataFiles`.
    entry = {"slug": "x", "path": "pelicanconf.py", "raw": ""}
    with pytest.raises(Refused):
        check({"action": "persistEntry", "params": {"entry": entry, "assets": []}}, _rules(project))


def test_a_rename_stays_in_its_folder_and_never_moves_site_toml(project):
    rules = _rules(project)
    check(_entry("content/articles/a.md", newPath="content/articles/b.md"), rules)
    for old, new in [
        ("content/articles/a.md", "content/pages/a.md"),
        ("site.toml", "content/articles/site.md"),
        ("site.toml", "site.toml"),  # decap-server would move every file beside it
        ("content/articles/a.md", "site.toml"),
        ("content/articles/a.md", "pelicanconf.py"),
    ]:
        with pytest.raises(Refused):
            check(_entry(old, newPath=new), rules)


@pytest.mark.parametrize(
    "path",
    [
        "content/images/photo.jpg",
        "content/images/photo.JPEG",
        "content/images/p.png",
        "content/images/p.webp",
        "content/images/p.avif",
        "content/images/p.gif",
        "content/podcast/audio/ep.mp3",
        "content/podcast/audio/ep.m4a",
        "content/podcast/audio/ep.ogg",
    ],
)
def test_pictures_and_audio_go_into_the_media_folders(project, path):
    rules = _rules(project)
    check(_media(path), rules)
    check({"action": "deleteFile", "params": {"path": path}}, rules)


@pytest.mark.parametrize(
    "path",
    [
        "content/images/x.svg",
        "content/images/x.html",
        "content/images/x.py",
        "content/images/x.js",
        "content/images/x.md",
        "content/images/x",
        "content/images/.x.png",
        "content/images/sub/x.png",  # not directly in the folder
        "content/articles/x.png",
        "content/x.png",
        "x.png",
        "content/articles/out/x.png",
        "content/images/hidden/x.png",
    ],
)
def test_other_uploads_are_refused(project, path):
    with pytest.raises(Refused):
        check(_media(path), _rules(project))


def test_deleting_is_for_entries_and_media_never_site_toml_or_code(project):
    rules = _rules(project)
    check({"action": "deleteFiles", "params": {"paths": ["content/articles/a.md"]}}, rules)
    for paths in (["site.toml"], ["pelicanconf.py"], ["content/articles/a.md", "tasks.py"], []):
        with pytest.raises(Refused):
            check({"action": "deleteFiles", "params": {"paths": paths}}, rules)
    for path in ("site.toml", "content/images/x.svg", "content/calendars/busy.ics"):
        with pytest.raises(Refused):
            check({"action": "deleteFile", "params": {"path": path}}, rules)


def test_reading_is_content_and_site_toml(project):
    rules = _rules(project)
    check({"action": "getEntry", "params": {"path": "site.toml"}}, rules)
    check({"action": "getMediaFile", "params": {"path": "content/images/x.png"}}, rules)
    check({"action": "entriesByFolder", "params": {"folder": "content/articles"}}, rules)
    check({"action": "entriesByFiles", "params": {"files": [{"path": "site.toml"}]}}, rules)
    check({"action": "getMedia", "params": {"mediaFolder": "content/podcast/audio"}}, rules)
    refused = [
        {"action": "getEntry", "params": {"path": "pelicanconf.py"}},
        {"action": "getEntry", "params": {"path": "content"}},
        {"action": "getMediaFile", "params": {"path": "content/articles/code/tasks.py"}},
        {"action": "entriesByFolder", "params": {"folder": "."}},
        {"action": "entriesByFolder", "params": {"folder": "content/articles/code"}},
        {"action": "entriesByFiles", "params": {"files": [{"path": "pelicanconf.py"}]}},
        {"action": "getMedia", "params": {"mediaFolder": "content/articles"}},
        {"action": "getMedia", "params": {"mediaFolder": "site.toml"}},
    ]
    for request in refused:
        with pytest.raises(Refused):
            check(request, rules)


def test_only_the_actions_of_decap_servers_file_mode(project):
    rules = _rules(project)
    check({"action": "info"}, rules)
    check({"action": "getDeployPreview", "params": {}}, rules)
    for action in ("unpublishedEntries", "publishUnpublishedEntry", "deleteUnpublishedEntry", "x"):
        with pytest.raises(Refused):
            check({"action": action, "params": {}}, rules)
    for request in (None, [], "info", {"params": {}}, {"action": "getEntry"}):
        with pytest.raises(Refused):
            check(request, rules)
    assert len(ACTIONS) == 11


def test_a_listing_leaves_out_what_may_not_be_read(project):
    rules = _rules(project)
    answer = [
        {"data": "a", "file": {"path": "content/articles/a.md"}},
        {"data": "s", "file": {"path": "content/.secret/a.md"}},
        {"data": "c", "file": {"path": "content/articles/conf.md"}},
        {"data": "x", "file": None},
        "junk",
    ]
    assert visible("entriesByFolder", answer, rules) == [answer[0]]
    media = [
        {"path": "content/images/a.png"},
        {"path": "content/images/hidden/a.png"},  # a link into a dot-folder
        {"path": "content/images/.a.png"},
        {"path": 3},
    ]
    assert visible("getMedia", media, rules) == [media[0]]
    assert visible("getEntry", {"data": "x"}, rules) == {"data": "x"}


def test_the_media_folders_are_those_the_generated_config_names():
    days = {day: day for day in WEEKDAYS}
    forms = collections(
        lambda text: text, content="content", day_names=days, zones=[], settings_file="site.toml"
    )
    config = decap_config(
        EditorSettings(None, "main", None, None, None),
        language="en",
        site_url="",
        collections=forms,
    )
    assert media_folders(config) == ("content/images", "content/podcast/audio")
    config["collections"].append({"folder": "content/x", "media_folder": "pics"})
    assert media_folders(config)[-1] == "content/x/pics"


def test_only_this_computer_by_name_is_a_local_host():
    assert is_local_host("127.0.0.1:8000", 8000)
    assert is_local_host("localhost:8000", 8000)
    assert is_local_host("LOCALHOST:8000", 8000)
    for host in (
        None,
        "",
        "127.0.0.1",
        "127.0.0.1:8001",
        "rebind.evil.example:8000",
        "127.0.0.1:8000.evil.example",
        "[::1]:8000",
        "0.0.0.0:8000",
        " localhost:8000",
    ):
        assert not is_local_host(host, 8000), host


PARTS = st.sampled_from(
    [
        "content",
        "articles",
        "images",
        "code",
        "out",
        "..",
        ".",
        "",
        ".git",
        "site.toml",
        "x.md",
        "x.png",
        "pelicanconf.py",
        "hidden",
        "conf.md",
    ]
)


@settings(max_examples=400, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(PARTS, min_size=1, max_size=6), st.sampled_from(["entry", "media", "delete"]))
def test_whatever_passes_lies_in_content_or_is_site_toml(project, parts, kind):
    raw = "/".join(parts)
    request = {
        "entry": _entry(raw),
        "media": _media(raw),
        "delete": {"action": "deleteFile", "params": {"path": raw}},
    }[kind]
    if not _allowed(request, _rules(project)):
        return
    real = (project / raw).resolve()
    content = (project / "content").resolve()
    assert real == project.resolve() / "site.toml" or content in real.parents
    assert not any(part.startswith(".") for part in real.relative_to(project.resolve()).parts)
    assert not any(part.startswith(".") or not part for part in raw.split("/"))
    if kind == "media":
        assert real.parent.name in ("images", "audio")
        assert real.suffix in (".png", ".PNG")
    if kind == "delete":
        assert real != project.resolve() / "site.toml"
        assert real.suffix == ".md" or real.parent.name in ("images", "audio")


def test_a_refusal_quotes_the_path_without_driving_the_terminal(project):
    with pytest.raises(Refused) as refused:
        check(_entry("content/articles/\x1b[2J\x9b\u202e.md"), _rules(project))
    assert not {"\x1b", "\x9b", "\u202e"} & set(str(refused.value))


def _request(action: str, **params) -> dict:
    return {"action": action, "params": params}


AUDIO_AND_PICTURES = " ".join(sorted(MEDIA_SUFFIXES))
REASONS = {
    "not a request": ("x", "the request is missing"),
    "unknown action": ({"action": "run"}, "the local editor does not do 'run'"),
    "no params": ({"action": "getEntry"}, "params is missing"),
    "path not text": (_request("getEntry", path=3), "a path must be a file name"),
    "empty path": (_request("getEntry", path=""), "a path must be a file name"),
    "backslash": (_request("getEntry", path="content\\x.md"), "'content\\\\x.md': not a file name"),
    "control character": (
        _request("getEntry", path="content/a\x1b.md"),
        "'content/a\\x1b.md': not a file name",
    ),
    "lone surrogate": (
        _request("getEntry", path="content/a\udcff.md"),
        "'content/a\\udcff.md': not a file name",
    ),
    "outside content": (
        _request("getEntry", path="pelicanconf.py"),
        "pelicanconf.py: only files under content/ can be edited",
    ),
    "dot folder": (
        _request("getEntry", path="content/.git/config"),
        "content/.git/config: only files under content/ can be edited",
    ),
    "content itself": (_request("getEntry", path="content"), "content: not a file"),
    "settings as a folder": (
        _request("entriesByFolder", folder="site.toml"),
        "site.toml: not a folder",
    ),
    "files not a list": (_request("entriesByFiles", files="a"), "files must be a list"),
    "a file not a dict": (_request("entriesByFiles", files=["a"]), "a file is missing"),
    "media folder": (
        _request("getMedia", mediaFolder="content/articles"),
        "content/articles: not a media folder",
    ),
    "data files not a list": (
        _request("persistEntry", dataFiles="x", options=OPTIONS),
        "dataFiles must be a list",
    ),
    "an entry not a dict": (
        _request("persistEntry", dataFiles=["x"], options=OPTIONS),
        "an entry is missing",
    ),
    "a single entry missing": (_request("persistEntry", options=OPTIONS), "an entry is missing"),
    "not markdown": (
        _request("persistEntry", entry={"path": "content/articles/a.txt"}),
        "content/articles/a.txt: the editor saves only Markdown (.md) files here",
    ),
    "renamed elsewhere": (
        _request(
            "persistEntry",
            dataFiles=[{"path": "content/articles/a.md", "newPath": "content/pages/a.md"}],
        ),
        "content/pages/a.md: an entry is renamed within its own folder",
    ),
    "renamed into the settings": (
        _request("persistEntry", entry={"path": "content/pages/home.md", "newPath": "site.toml"}),
        "site.toml: an entry is renamed within its own folder",
    ),
    "assets not a list": (
        _request("persistEntry", entry={"path": "content/articles/a.md"}, assets="x"),
        "assets must be a list",
    ),
    "an asset not a dict": (
        _request("persistEntry", entry={"path": "content/articles/a.md"}, assets=["x"]),
        "an asset is missing",
    ),
    "an asset in the wrong folder": (
        _request(
            "persistEntry",
            entry={"path": "content/articles/a.md"},
            assets=[{"path": "content/a.png"}],
        ),
        "content/a.png: pictures and audio go into content/images/, content/podcast/audio/",
    ),
    "media not a dict": (_request("persistMedia", asset="x"), "asset is missing"),
    "media of another kind": (
        _request("persistMedia", asset={"path": "content/images/a.svg"}),
        f"content/images/a.svg: only pictures and audio can be uploaded ({AUDIO_AND_PICTURES})",
    ),
    "the settings deleted": (
        _request("deleteFile", path="site.toml"),
        "site.toml: the settings file cannot be deleted",
    ),
    "paths not a list": (_request("deleteFiles", paths="x"), "paths must be a list"),
    "no paths": (_request("deleteFiles", paths=[]), "paths is empty"),
}


@pytest.mark.parametrize("case", sorted(REASONS))
def test_each_refusal_says_why_in_one_line(project, case):
    request, reason = REASONS[case]
    with pytest.raises(Refused) as caught:
        check(request, _rules(project))
    assert str(caught.value) == reason


def test_an_asset_saved_with_an_entry_and_a_rename_in_its_folder_pass(project):
    rules = _rules(project)
    entry = {"path": "content/articles/a.md", "newPath": "content/articles/b.md"}
    check(
        _request("persistEntry", dataFiles=[entry], assets=[{"path": "content/images/a.png"}]),
        rules,
    )
    check(_request("persistEntry", entry={"path": "site.toml"}), rules)
    check(_request("getMedia", mediaFolder="content/podcast/audio"), rules)
    check(_request("deleteFiles", paths=["content/images/a.png", "content/articles/a.md"]), rules)
