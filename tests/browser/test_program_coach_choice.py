"""A program's coach chosen from her profile: her edition's times open the
"any" session's page for that time with ?coach=<slug>, and the request
(email or form) then asks for her edition of it, which the desk books with
her. A name not among the session's coaches changes nothing; without
JavaScript the edition page says the request goes to whoever is free."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from sitetools.server import serve_in_thread
from tests.support.booking import new_page
from tests.support.program import build_program, write_program

pytestmark = pytest.mark.browser

EDITION = "/book/first-meeting-with-coach02/"


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    root = tmp_path_factory.mktemp("program")
    project = write_program(root / "project", 3)
    out = build_program(project, root / "output")
    # The edition has no slot pages of its own: one page per distinct time.
    assert not list((out / "book/first-meeting-with-coach02").glob("2026*"))
    server, base = serve_in_thread(out)
    yield base
    server.shutdown()


def test_a_time_picked_on_her_page_is_requested_with_her(browser, url, artifacts):
    context, page, origins = new_page(browser, timezone_id="America/Chicago")
    page.goto(url + EDITION)
    link = page.locator("#booking-slots a").first
    href = link.get_attribute("href")
    assert href.startswith("/book/first-meeting/") and href.endswith("/?coach=coach02"), href
    link.click()
    page.wait_for_selector("#booking-with:not([hidden])")
    assert page.locator("#booking-with").text_content() == "With Coach Number 2"
    stamp = href.split("/")[3]
    mailto = unquote(page.locator("#booking-request").get_attribute("href"))
    assert f"[[book first-meeting-with-coach02-{stamp} en]]" in mailto
    assert f"first-meeting-{stamp}" not in mailto
    page.screenshot(path=str(artifacts / "program-slot-with-coach.png"), full_page=True)
    assert origins == {url}  # no other origin
    context.close()


@pytest.mark.parametrize("who", ["nobody", "coach02%22%3E", ""])
def test_an_unknown_coach_changes_nothing(browser, url, who):
    context, page, _ = new_page(browser)
    page.goto(url + EDITION)
    href = page.locator("#booking-slots a").first.get_attribute("href")
    stamp = href.split("/")[3]
    page.goto(f"{url}/book/first-meeting/{stamp}/?coach={who}")
    assert page.locator("#booking-with").is_hidden()
    mailto = unquote(page.locator("#booking-request").get_attribute("href"))
    assert f"[[book first-meeting-{stamp} en]]" in mailto
    context.close()


def test_without_javascript_the_edition_page_says_so(browser, url):
    context, page, _ = new_page(browser, java_script_enabled=False)
    page.goto(url + EDITION)
    note = page.locator("noscript").first
    assert note.count() == 1
    html = page.content()
    assert "whichever coach is free" in html
    # The times still lead to the session's pages, with her name in the link.
    href = page.locator("#booking-slots a").first.get_attribute("href")
    assert href.endswith("/?coach=coach02")
    context.close()
