"""What the browser editor's local backend may do on the coach's computer
(pure and typed: no I/O but resolving symlinks, no HTTP).

`invoke edit` runs Decap's own backend (decap-server), which writes any path
under the project folder that a request names: `pelicanconf.py` (Python the
next build runs) or `.git/hooks/pre-commit` as readily as an article. The
guard in front of it (sitetools/backend_guard.py) lets through only what
the editor's forms do:

- read: a file under `content/`, or `site.toml` (the "Your site" form,
  plugins/editor/fields.py: the one form saved outside `content/`);
- write and delete an entry: a Markdown file under `content/` (every
  collection of the forms is `.md`), or write `site.toml` (never delete or
  rename it);
- upload and delete media: a picture or an audio file directly in one of
  the media folders the generated Decap config names.

Every path is taken relative to the project folder and refused when it is
absolute, has an empty, `.` or `..` part, a part starting with a dot
(`.git/`, `content/.hidden/`), or a control character; then it is resolved
(symlinks followed) and refused unless it lies where the rule says.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from plugins.podcast.episode_fields import AUDIO_MIME

# What the forms save outside content/: the "Your site" form's file.
SETTINGS_FILE = "site.toml"
ENTRY_SUFFIXES = frozenset({".md"})
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"})
# The audio the podcast plugin publishes; not SVG (it runs script when
# opened from the site), not HTML, not code.
MEDIA_SUFFIXES = IMAGE_SUFFIXES | frozenset(AUDIO_MIME)

# decap-server's actions in its file-system mode (MODE=fs), by what they do;
# the editorial-workflow actions (unpublished*) exist only in its git mode,
# which `invoke edit` does not use, so they are refused with the rest.
ACTIONS = frozenset(
    {
        "info",
        "getDeployPreview",
        "entriesByFolder",
        "entriesByFiles",
        "getEntry",
        "getMedia",
        "getMediaFile",
        "persistEntry",
        "persistMedia",
        "deleteFile",
        "deleteFiles",
    }
)


class Refused(Exception):
    """A request the local backend must not carry out; the message says why
    in a line the editor shows."""


@dataclass(frozen=True)
class Rules:
    root: Path  # the project folder
    content: str = "content"
    media_folders: tuple[str, ...] = ("content/images",)  # relative to root


@dataclass(frozen=True)
class _Place:
    path: Path  # resolved
    settings: bool  # site.toml itself


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _place(raw: object, rules: Rules) -> _Place:
    """Where a path of a request really is: inside content/ or site.toml."""
    if not isinstance(raw, str) or not raw:
        raise Refused("a path must be a file name")
    # Controls of every kind (C0, DEL, C1 such as CSI, bidi overrides,
    # zero-width) are no part of a file name the editor makes; nor are lone
    # surrogates (not printable either), the only text UTF-8 cannot encode.
    if any(char == "\\" or not char.isprintable() for char in raw):
        raise Refused(f"{raw!r}: not a file name")
    parts = raw.split("/")
    if any(not part or part.startswith(".") for part in parts):
        raise Refused(f"{raw}: only files under {rules.content}/ can be edited")
    root = _real(rules.root)
    target = _real(root.joinpath(*parts))
    if raw == SETTINGS_FILE and target == _real(root / SETTINGS_FILE):
        return _Place(target, settings=True)
    content = _real(root / rules.content)
    if target != content and content not in target.parents:
        raise Refused(f"{raw}: only files under {rules.content}/ can be edited")
    if any(part.startswith(".") for part in target.relative_to(content).parts):
        raise Refused(f"{raw}: only files under {rules.content}/ can be edited")
    return _Place(target, settings=False)


def _readable(raw: object, rules: Rules) -> _Place:
    place = _place(raw, rules)
    if not place.settings and place.path == _real(rules.root / rules.content):
        raise Refused(f"{raw}: not a file")
    return place


def _folder(raw: object, rules: Rules) -> _Place:
    place = _place(raw, rules)
    if place.settings:
        raise Refused(f"{raw}: not a folder")
    return place


def _entry(raw: object, rules: Rules) -> _Place:
    place = _readable(raw, rules)
    if not place.settings and place.path.suffix.lower() not in ENTRY_SUFFIXES:
        raise Refused(f"{raw}: the editor saves only Markdown (.md) files here")
    return place


def _media_folders(rules: Rules) -> set[Path]:
    return {_real(rules.root / folder) for folder in rules.media_folders}


def _media(raw: object, rules: Rules) -> _Place:
    place = _readable(raw, rules)
    if place.settings or place.path.parent not in _media_folders(rules):
        folders = ", ".join(f"{folder}/" for folder in rules.media_folders)
        raise Refused(f"{raw}: pictures and audio go into {folders}")
    if place.path.suffix.lower() not in MEDIA_SUFFIXES:
        kinds = " ".join(sorted(MEDIA_SUFFIXES))
        raise Refused(f"{raw}: only pictures and audio can be uploaded ({kinds})")
    return place


def _deletable(raw: object, rules: Rules) -> None:
    place = _readable(raw, rules)
    if place.settings:
        raise Refused(f"{raw}: the settings file cannot be deleted")
    if place.path.parent in _media_folders(rules):
        _media(raw, rules)
    else:
        _entry(raw, rules)


def _dict(value: object, what: str) -> dict:
    if not isinstance(value, dict):
        raise Refused(f"{what} is missing")
    return value


def _list(value: object, what: str) -> list:
    if not isinstance(value, list):
        raise Refused(f"{what} must be a list")
    return value


def _data_file(value: object, rules: Rules) -> None:
    data = _dict(value, "an entry")
    place = _entry(data.get("path"), rules)
    if "newPath" in data:
        # decap-server moves every file of the old folder along with a
        # renamed entry: a rename stays in its folder, and site.toml stays.
        new = _entry(data["newPath"], rules)
        if place.settings or new.settings or new.path.parent != place.path.parent:
            raise Refused(f"{data['newPath']}: an entry is renamed within its own folder")


def check(request: object, rules: Rules) -> None:
    """Raise Refused unless `request` (decap-server's JSON body, parsed)
    only reads and writes what the editor's forms do."""
    body = _dict(request, "the request")
    action = body.get("action")
    if action not in ACTIONS:
        raise Refused(f"the local editor does not do {action!r}")
    if action in ("info", "getDeployPreview"):
        return
    params = _dict(body.get("params"), "params")
    if action == "entriesByFolder":
        _folder(params.get("folder"), rules)
    elif action == "entriesByFiles":
        for item in _list(params.get("files"), "files"):
            _readable(_dict(item, "a file").get("path"), rules)
    elif action in ("getEntry", "getMediaFile"):
        _readable(params.get("path"), rules)
    elif action == "getMedia":
        folder = _folder(params.get("mediaFolder"), rules)
        if folder.path not in _media_folders(rules):
            raise Refused(f"{params.get('mediaFolder')}: not a media folder")
    elif action == "persistEntry":
        if "dataFiles" in params:
            files: Iterable = _list(params["dataFiles"], "dataFiles")
        else:
            files = [params.get("entry")]
        for data in files:
            _data_file(data, rules)
        for asset in _list(params.get("assets", []), "assets"):
            _media(_dict(asset, "an asset").get("path"), rules)
    elif action == "persistMedia":
        _media(_dict(params.get("asset"), "asset").get("path"), rules)
    elif action == "deleteFile":
        _deletable(params.get("path"), rules)
    else:  # deleteFiles
        paths = _list(params.get("paths"), "paths")
        if not paths:
            raise Refused("paths is empty")
        for path in paths:
            _deletable(path, rules)


def visible(action: str, answer: object, rules: Rules) -> object:
    """decap-server's answer to a listing without what the rules would not
    let the editor read: its folder listing walks into dot-folders and
    through symlinks to other files of the project."""

    def allowed(path: object, rule) -> bool:
        try:
            rule(path, rules)
        except Refused:
            return False
        return True

    if not isinstance(answer, list):
        return answer
    if action == "entriesByFolder":
        return [
            item
            for item in answer
            if isinstance(item, dict)
            and isinstance(item.get("file"), dict)
            and allowed(item["file"].get("path"), _readable)
        ]
    if action == "getMedia":
        return [
            item
            for item in answer
            if isinstance(item, dict) and allowed(item.get("path"), _readable)
        ]
    return answer
