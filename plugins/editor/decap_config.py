"""The settings and the forms -> Decap CMS's config.yml (pure).

Written as JSON, which is YAML too: Decap reads it with a YAML parser and
the build needs no YAML writer.
"""

from __future__ import annotations

import json

from ..config.editor import EditorSettings

# Our language codes -> the UI languages Decap ships (decap-cms-locales).
DECAP_LOCALES = {"en": "en", "fr": "fr", "de": "de", "es": "es", "pt": "pt", "nl": "nl", "it": "it"}
PLACEHOLDER_REPO = "your-name/your-site"


def decap_locale(language: str) -> str:
    base = language.replace("-", "_").split("_")[0].lower()
    return DECAP_LOCALES.get(base, "en")


def decap_config(
    editor: EditorSettings, *, language: str, site_url: str, collections: list[dict]
) -> dict:
    backend = {
        "name": "github",
        "repo": editor.repo or PLACEHOLDER_REPO,
        "branch": editor.branch,
        # Commit messages a coach can read in her repository's history.
        "commit_messages": {
            "create": "Editor: new {{collection}} “{{slug}}”",
            "update": "Editor: {{collection}} “{{slug}}” changed",
            "delete": "Editor: {{collection}} “{{slug}}” deleted",
            "uploadMedia": "Editor: {{path}} uploaded",
            "deleteMedia": "Editor: {{path}} deleted",
        },
    }
    if editor.auth_url:
        backend["base_url"] = editor.auth_url
    if editor.auth_endpoint:
        backend["auth_endpoint"] = editor.auth_endpoint
    config: dict = {"backend": backend}
    if editor.local_backend:
        config["local_backend"] = {"url": editor.local_backend}
    config.update(
        {
            "locale": decap_locale(language),
            "site_url": site_url,
            "display_url": site_url,
            "publish_mode": "simple",
            # Images put into an article's text; `{static}` is how a Pelican
            # link to a file under content/ is written.
            "media_folder": "content/images",
            "public_folder": "{static}/images",
            "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
            # The preview pane would show the text without the site's look.
            "editor": {"preview": False},
            "collections": collections,
        }
    )
    return config


def media_folders(config: dict) -> tuple[str, ...]:
    """Where the editor uploads pictures and audio, relative to the project
    folder: the config's `media_folder` and each collection's (Decap reads a
    collection's folder without a leading slash as under the collection's
    own folder)."""
    folders = [config["media_folder"].strip("/")]
    for collection in config["collections"]:
        folder = collection.get("media_folder")
        if folder is None:
            continue
        if not folder.startswith("/"):
            folder = f"{collection['folder']}/{folder}"
        folders.append(folder.strip("/"))
    return tuple(dict.fromkeys(folders))


def read_config(text: str) -> dict:
    """config.yml as config_text wrote it (a comment line, then JSON)."""
    return json.loads("".join(line for line in text.splitlines(True) if not line.startswith("#")))


def config_text(config: dict) -> str:
    header = "# Made by the build from site.toml ([editor], [site] language); do not edit.\n"
    return header + json.dumps(config, ensure_ascii=False, indent=2) + "\n"
