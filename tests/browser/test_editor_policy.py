"""The published editor (GitHub backend) under the headers a host sends from
`_headers`: /admin/ gets its own policy and Decap starts under it, with no
violation and no request to any other origin before the coach signs in."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from plugins.editor.policy import editor_security_policy
from plugins.site_extras.security import content_security_policy
from sitetools.server import SiteHandler
from tests.support.browser import record_origins
from tests.support.editor import BUNDLE
from tests.support.site import build_site, sample_settings

pytestmark = pytest.mark.browser

VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def _rules(headers: Path) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """`_headers` as (path pattern, [(header, value)]); a `!` line is (header, None)."""
    rules: list[tuple[str, list[tuple[str, str | None]]]] = []
    for line in headers.read_text(encoding="utf-8").splitlines():
        if line.startswith("/"):
            rules.append((line.strip(), []))
        elif line.strip().startswith("! "):
            rules[-1][1].append((line.strip()[2:], None))
        elif line.strip():
            name, value = line.strip().split(": ", 1)
            rules[-1][1].append((name, value))
    return rules


def _served(rules, path: str) -> dict[str, str]:
    """What Cloudflare Pages sends: every matching rule, `!` detaching first."""
    sent: dict[str, str] = {}
    for pattern, values in rules:
        if pattern == path or (pattern.endswith("*") and path.startswith(pattern[:-1])):
            for name, value in values:
                if value is None:
                    sent.pop(name, None)
                elif name in sent:
                    sent[name] += ", " + value  # Cloudflare joins repeated headers
                else:
                    sent[name] = value
    return sent


@contextmanager
def _hosting(site: Path):
    rules = _rules(site / "_headers")

    class HostHandler(SiteHandler):
        def end_headers(self):
            for name, value in _served(rules, self.path.split("?")[0]).items():
                self.send_header(name, value)
            super().end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(HostHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def _editor_site(folder: Path, **extra) -> Path:
    if not (BUNDLE / "decap-cms.js").is_file():
        pytest.skip("decap-cms is not installed (npm ci)")
    overrides = {
        "PLUGINS": [*sample_settings().PLUGINS, "plugins.editor"],
        "EDITOR": {"repo": "eleanor-hart/coaching-site"},
        "EDITOR_BUNDLE": str(BUNDLE),
        **extra,
    }
    return build_site(folder / "output", overrides=overrides).output


@pytest.fixture(scope="module")
def hosted(tmp_path_factory):
    with _hosting(_editor_site(tmp_path_factory.mktemp("hosted"))) as url:
        yield url


def test_admin_starts_under_its_own_header_policy_and_asks_nothing_of_other_sites(
    browser, hosted, artifacts
):
    page = browser.new_page()
    page.add_init_script(VIOLATIONS)
    origins = record_origins(page)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    response = page.goto(hosted + "/admin/")
    assert response.headers["content-security-policy"] == (
        editor_security_policy() + "; frame-ancestors 'none'"
    )
    page.get_by_role("button", name="Login with GitHub").wait_for()
    page.screenshot(path=artifacts / "editor-sign-in.png")
    assert page.evaluate("window.__violations") == []
    assert errors == []
    assert origins == {hosted}
    page.close()


def test_every_other_page_is_still_sent_the_strict_policy(browser, hosted):
    page = browser.new_page()
    for path in ("/", "/book/discovery/", "/podcast/"):
        response = page.goto(hosted + path)
        assert response.headers["content-security-policy"] == (
            content_security_policy() + "; frame-ancestors 'none'"
        )
    page.close()


def test_a_french_site_gets_the_editor_s_own_buttons_in_french(browser, tmp_path):
    with _hosting(_editor_site(tmp_path, DEFAULT_LANG="fr")) as url:
        page = browser.new_page()
        page.goto(url + "/admin/")
        page.get_by_role("button", name="Se connecter avec GitHub").wait_for()
        page.close()
