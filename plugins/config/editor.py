"""Validate the EDITOR setting (`[editor]` in site.toml).

`repo` is the coach's GitHub repository ("owner/name"), `branch` the one
the site is built from, `auth_url` the sign-in helper's address (Decap's
`base_url`, docs/editor.md). The local backend's address is no key of
`[editor]`: only `invoke edit` passes it (EDITOR_LOCAL_BACKEND) to its own
build, so a published site never points the editor at a coach's computer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from .errors import ConfigError, setting_name

KEYS = {"repo", "branch", "auth_url", "auth_endpoint"}
_REPO = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")
_BRANCH = re.compile(r"[A-Za-z0-9._/-]{1,200}")


@dataclass(frozen=True)
class EditorSettings:
    repo: str | None
    branch: str
    auth_url: str | None
    auth_endpoint: str | None
    local_backend: str | None


def _url(value: object, key: str, *, local: bool) -> str:
    setting = "EDITOR_LOCAL_BACKEND" if local else setting_name("EDITOR", key)
    parts = urlsplit(value) if isinstance(value, str) else None
    ok = parts is not None and parts.scheme in ("http", "https") and parts.netloc
    if ok and local:
        ok = parts.hostname in ("127.0.0.1", "localhost")
    elif ok:
        ok = parts.scheme == "https"
    if not ok:
        example = "http://127.0.0.1:8081/api/v1" if local else "https://auth.example.workers.dev"
        raise ConfigError(setting, f"{value!r} is not an address like {example}")
    return value.rstrip("/")


def parse_editor(raw: object, local_backend: object = None) -> EditorSettings:
    raw = {} if raw is None else raw
    if not isinstance(raw, dict):
        raise ConfigError("[editor]", "write it as an [editor] table with repo and branch")
    for key in raw:
        if key not in KEYS:
            raise ConfigError(
                setting_name("EDITOR", key),
                "is not a setting; the ones there are: repo, branch, auth_url, auth_endpoint",
            )
    repo = raw.get("repo")
    if repo is not None and not (isinstance(repo, str) and _REPO.fullmatch(repo)):
        raise ConfigError(
            setting_name("EDITOR", "repo"),
            f'{repo!r} is not a GitHub repository; write it as "owner/name", '
            'e.g. repo = "margaux/my-site"',
        )
    branch = raw.get("branch", "main")
    if not (isinstance(branch, str) and _BRANCH.fullmatch(branch)):
        raise ConfigError(
            setting_name("EDITOR", "branch"), f'{branch!r} is not a branch name, e.g. "main"'
        )
    auth_url = raw.get("auth_url")
    if auth_url is not None:
        auth_url = _url(auth_url, "auth_url", local=False)
    endpoint = raw.get("auth_endpoint")
    if endpoint is not None and not (isinstance(endpoint, str) and _BRANCH.fullmatch(endpoint)):
        raise ConfigError(
            setting_name("EDITOR", "auth_endpoint"), f'{endpoint!r} is not a path, e.g. "auth"'
        )
    local = None
    if local_backend:
        local = _url(local_backend, "local_backend", local=True)
    return EditorSettings(repo, branch, auth_url, endpoint, local)


def with_local_backend(editor: EditorSettings, local_backend: object) -> EditorSettings:
    """`invoke edit`'s own build adds the local backend's address."""
    if not local_backend:
        return editor
    return replace(editor, local_backend=_url(local_backend, "local_backend", local=True))
