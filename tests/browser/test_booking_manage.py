"""The manage page (book/manage/) in a real Chromium: a confirmation's cancel
and move links write the email whose code the booking desk reads
(plugins.booking.tokens), close to the start it says the coach decides, a
bad or missing code and a visitor without JavaScript get a clear message,
0 axe violations. And a slot page's form with intake questions, consent and
the honeypot, posting to a local form backend."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

import pytest

from plugins.booking import tokens
from sitetools.server import serve_in_thread
from tests.support.booking import (
    FORMAT_JS,
    form_receiver,
    new_page,
    query,
    slots_document,
    utc,
)
from tests.support.browser import axe_violations
from tests.support.fixture_site import build_fixture_site

pytestmark = pytest.mark.browser

MANAGE = "/book/manage/"
SIGNATURE = "abcdefghijklmnopqrstuvwxyz"[:20] + "234567"  # 26 characters of [a-z2-7]
SCRIPT = re.compile(r"/theme/js/booking_manage\.[0-9a-f]+\.js$")


@pytest.fixture(scope="module")
def slots(site) -> list[dict]:
    return slots_document(site)["slots"]


def _mail(href: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(href)
    assert parts.scheme == "mailto" and " " not in href and "+" not in href
    return unquote(parts.path), query(href)


def _label(page, moment, zone: str, locale: str = "en") -> str:
    """`moment` in `zone` (zoneinfo), worded by the browser: full date, short time."""
    t = moment.astimezone(ZoneInfo(zone))
    [label] = page.evaluate(FORMAT_JS, [[[t.year, t.month, t.day, t.hour, t.minute]], locale])
    return label


def test_cancel_writes_the_email_with_the_bookings_code(browser, site_url, slots, axe_source):
    booked = slots[0]
    fragment = f"cancel.{booked['id']}.0.{SIGNATURE}"
    context, page, origins = new_page(browser, timezone_id="Asia/Kolkata")
    page.goto(f"{site_url}{MANAGE}#{fragment}")
    link = page.locator("#manage-cancel-link")
    assert link.is_visible()
    assert page.locator("#manage-nojs").is_hidden()
    assert page.locator("#manage-late").is_hidden()  # 26 hours ahead, the cutoff is 24
    label = _label(page, utc(booked["start"]), "Asia/Kolkata")
    heading = page.locator("#manage-cancel-heading").text_content()
    assert heading.startswith("Cancel your booking on ")
    assert label["day"] in heading and label["time"] in heading  # the visitor's own time
    to, fields = _mail(link.get_attribute("href"))
    code = f"[[cancel {booked['id']} 0 {SIGNATURE}]]"
    assert to == "hello@hartcoaching.example"
    assert fields["subject"] == f"Please cancel my booking {code}"
    expected = tokens.Token(tokens.CANCEL, booked["id"], sequence=0, signature=SIGNATURE)
    assert tokens.find(fields["subject"]) == expected == tokens.manage_fragment(fragment)
    body = fields["body"].split("\r\n")
    assert body[0] == "Hello Dr. Eleanor Hart," and body[-1] == code
    assert tokens.find(fields["body"]) == expected
    assert "\n" not in fields["body"].replace("\r\n", "")  # CRLF line breaks only
    assert axe_violations(page, axe_source) == []
    assert origins == {site_url}
    context.close()


def test_move_lists_the_open_times_each_with_its_code(browser, site_url, slots, axe_source):
    booked = slots[0]
    context, page, origins = new_page(browser, timezone_id="Pacific/Chatham", locale="fr-FR")
    page.goto(f"{site_url}{MANAGE}#move.{booked['id']}.3.{SIGNATURE}")
    times = page.locator("#manage-times a")
    times.first.wait_for()
    hrefs = times.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    ids = {s["id"] for s in slots}
    found = []
    for href in hrefs:
        to, fields = _mail(href)
        assert to == "hello@hartcoaching.example"
        token = tokens.find(fields["subject"])
        assert token == tokens.find(fields["body"])
        assert (token.action, token.slot_id, token.sequence, token.signature) == (
            tokens.MOVE,
            booked["id"],
            3,
            SIGNATURE,
        )
        assert token.to in ids
        assert fields["subject"] == f"Please move my booking {token.text()}"
        found.append(token.to)
    # Every other open time of the build (all are past the notice at this clock).
    assert found == [s["id"] for s in slots if s["id"] != booked["id"]]
    # Grouped by the visitor's own day, each named in full for a screen reader.
    days = page.locator("#manage-times h3").all_text_contents()
    first = _label(page, utc(slots[1]["start"]), "Pacific/Chatham")
    assert days[0] == first["day"]
    assert times.first.text_content() == f"{first['day']}, {first['time']}"
    assert len(days) == len(set(days)) > 1
    zone = page.locator("#manage-zone").text_content()
    assert zone.startswith("Times are shown in your time zone, ") and "Pacific/Chatham" in zone
    assert axe_violations(page, axe_source) == []
    assert origins == {site_url}  # slots.json comes from the site itself
    context.close()


def test_close_to_the_start_the_coach_decides_personally(browser, site_url, slots):
    booked = slots[0]
    at = utc(booked["start"]) - timedelta(hours=2)
    for action in ("cancel", "move"):
        context, page, _ = new_page(browser, at=at)
        page.goto(f"{site_url}{MANAGE}#{action}.{booked['id']}.0.{SIGNATURE}")
        late = page.locator("#manage-late")
        assert late.is_visible()
        assert "goes to Dr. Eleanor Hart personally, who will reply" in late.text_content()
        if action == "cancel":  # the email is still offered
            assert page.locator("#manage-cancel-link").get_attribute("href").startswith("mailto:")
        else:
            page.locator("#manage-times a, #manage-none:visible").first.wait_for()
        context.close()


@pytest.mark.parametrize(
    "fragment",
    [
        "",
        "#cancel",
        "#cancel.discovery-20261123T140000Z.0.short",
        f"#refund.discovery-20261123T140000Z.0.{SIGNATURE}",
        f"#move.discovery-20261123T140000Z.0.{SIGNATURE.upper()}",
    ],
    ids=["none", "no-slot", "short-signature", "unknown-action", "capitals"],
)
def test_a_missing_or_bad_code_says_so_and_links_to_booking(
    browser, site_url, axe_source, fragment
):
    context, page, _ = new_page(browser)
    page.goto(f"{site_url}{MANAGE}{fragment}")
    invalid = page.locator("#manage-invalid")
    assert invalid.is_visible()
    assert "confirmation email" in invalid.text_content()
    assert invalid.get_by_role("link").get_attribute("href") == "/book/"
    for hidden in ("#manage-nojs", "#manage-cancel", "#manage-move", "#manage-zone"):
        assert page.locator(hidden).is_hidden(), hidden
    if fragment == "":
        assert axe_violations(page, axe_source) == []
    context.close()


def test_without_javascript_the_page_says_what_else_works(browser, site_url, axe_source):
    context, page, _ = new_page(browser, java_script_enabled=False)
    page.goto(f"{site_url}{MANAGE}#cancel.discovery-20261123T140000Z.0.{SIGNATURE}")
    note = page.locator("#manage-nojs")
    assert note.is_visible()
    assert "needs JavaScript" in note.text_content()
    assert "Replying to your confirmation email works too" in note.text_content()
    assert page.locator("#manage-cancel").is_hidden()
    context.close()
    # axe needs JavaScript: the page as a visitor without it gets it, script served empty.
    context, page, _ = new_page(browser)
    page.route(
        SCRIPT, lambda route: route.fulfill(status=200, body="", content_type="text/javascript")
    )
    page.goto(f"{site_url}{MANAGE}")
    assert page.locator("#manage-nojs").is_visible()
    assert axe_violations(page, axe_source) == []
    context.close()


# --- a slot page's form with intake questions, consent and the honeypot ---

QUESTIONS = """
BOOKING["request_form_action"] = {action!r}
BOOKING["consent_page"] = "about/"
BOOKING["sessions"][0]["questions"] = [
    {{"label": "Quis role", "type": "choice", "options": ["Dolor", "Amet"], "required": True}},
    {{"label": "Ipsum field"}},
    {{"label": "Sit primum", "type": "checkbox"}},
]
"""


@pytest.fixture(scope="module")
def questions_site(tmp_path_factory):
    with form_receiver() as (action, received):
        root = tmp_path_factory.mktemp("booking-questions")
        output = build_fixture_site(root, lines=QUESTIONS.format(action=action)).output
        server, url = serve_in_thread(output)
        yield url, output, received
        server.shutdown()


def test_the_form_asks_the_questions_and_posts_the_answers(browser, questions_site, axe_source):
    url, output, received = questions_site
    first = slots_document(output, "decouverte")["slots"][0]
    context, page, _ = new_page(browser, timezone_id="Asia/Kolkata")
    page.goto(f"{url}/{first['url']}")
    assert axe_violations(page, axe_source) == []
    assert page.locator("input[name=_gotcha]").is_hidden()
    page.get_by_label("Your name").fill("Ana Ruiz")
    page.get_by_label("Your email address").fill("ana@example.org")
    page.get_by_role("group", name="Quis role").get_by_label("Amet").check()
    page.get_by_label("Ipsum field (optional)").fill("Lorem")
    page.get_by_label("Sit primum (optional)").check()
    submit = page.get_by_role("button", name=re.compile("^Request this time"))
    submit.click()
    assert page.url.startswith(url)  # consent is required: the browser stops it
    assert received == []
    page.get_by_role("checkbox", name=re.compile("^I agree to the privacy notice")).check()
    assert page.get_by_role("link", name="privacy notice").get_attribute("href") == "/about/"
    with page.expect_navigation():
        submit.click()
    [post] = received
    assert {k: post[k] for k in ("q1", "q2", "q3", "consent", "_gotcha", "email")} == {
        "q1": "Amet",
        "q2": "Lorem",
        "q3": "yes",
        "consent": "yes",
        "_gotcha": "",
        "email": "ana@example.org",
    }
    assert tokens.find(post["token"]) == tokens.Token(tokens.BOOK, first["id"], "en")
    assert tokens.find(post["_subject"]) == tokens.find(post["token"])
    assert post["_subject"].startswith(f"Booking request: {first['full_label']} ")
    context.close()
