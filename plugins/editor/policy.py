"""The Content-Security-Policy of /admin/ only (every other page keeps the
strict one of plugins/site_extras/security.py).

What Decap CMS needs beyond the site's policy, each found by running it
under a stricter policy in Chromium (tests/browser/test_editor.py):
- style-src 'unsafe-inline': its React components style themselves with
  emotion, which inserts <style> elements at run time (no nonce support);
- script-src 'unsafe-eval': its bundled schema validator (ajv) compiles
  the config's schema with `new Function`; without it the editor stops at
  "Error loading the CMS configuration";
- connect-src https://api.github.com: the GitHub backend reads and commits
  the coach's files through GitHub's API; the local backend's own address
  only in the build `invoke edit` makes;
- connect-src blob: its local draft backup reads back the files chosen
  for upload from blob: URLs;
- img-src/media-src blob: and data: previews of images and audio chosen
  for upload, and GitHub avatars for the signed-in user.
Still no script, style or font from another origin, no frames, no plugins,
and no page may frame the editor.
"""

from __future__ import annotations

from urllib.parse import urlsplit

GITHUB_API = "https://api.github.com"
AVATARS = "https://avatars.githubusercontent.com"


def editor_security_policy(local_backend: str | None = None) -> str:
    connect = ["'self'", "blob:", GITHUB_API]
    if local_backend:
        parts = urlsplit(local_backend)
        connect.append(f"{parts.scheme}://{parts.netloc}")
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            f"img-src 'self' data: blob: {AVATARS}",
            "media-src 'self' data: blob:",
            f"connect-src {' '.join(connect)}",
            "font-src 'self' data:",
            "frame-src 'none'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'none'",
        ]
    )
