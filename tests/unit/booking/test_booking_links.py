"""Add-to-calendar links, the slot view's links and request email, and the
`request_form_action` setting (pure functions; no Pelican run)."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plugins.booking.links import CalendarEvent, calendar_links, google, outlook, yahoo
from plugins.booking.plan import make_plan
from plugins.booking.views import booking_view, slots_document
from plugins.config.booking import parse_settings
from plugins.config.errors import ConfigError
from tests.support.booking_settings import NOW, booking
from tests.support.languages import ENGLISH

# A title and notes with every character that means something in a URL.
EVENT = CalendarEvent(
    title="Q&A + review: 50% off? #1/2",
    start=datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("America/New_York")),
    end=datetime(2026, 11, 23, 14, 30, tzinfo=UTC),
    details="Line one\nLine two = café; a=b&c",
    location="Video call; link follows",
)


def _query(url: str) -> dict[str, str]:
    pairs = parse_qs(urlsplit(url).query, keep_blank_values=True, strict_parsing=True)
    assert all(len(v) == 1 for v in pairs.values())
    return {k: v[0] for k, v in pairs.items()}


def _raw_values(url: str) -> list[str]:
    return [pair.split("=", 1)[1] for pair in urlsplit(url).query.split("&")]


def test_google_link():
    url = google(EVENT)
    assert url.startswith("https://calendar.google.com/calendar/render?action=TEMPLATE&text=")
    assert _query(url) == {
        "action": "TEMPLATE",
        "text": EVENT.title,
        "dates": "20261123T140000Z/20261123T143000Z",  # local 9:00 EST is 14:00Z
        "details": EVENT.details,
        "location": EVENT.location,
    }


@pytest.mark.parametrize("host", ["outlook.live.com", "outlook.office.com"])
def test_outlook_links(host):
    url = outlook(EVENT, host)
    assert url.startswith(f"https://{host}/calendar/0/deeplink/compose?path=%2Fcalendar%2F")
    assert _query(url) == {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "startdt": "2026-11-23T14:00:00Z",
        "enddt": "2026-11-23T14:30:00Z",
        "subject": EVENT.title,
        "body": EVENT.details,
        "location": EVENT.location,
    }


def test_yahoo_link():
    url = yahoo(EVENT)
    assert url.startswith("https://calendar.yahoo.com/?v=60&title=")
    assert _query(url) == {
        "v": "60",
        "title": EVENT.title,
        "st": "20261123T140000Z",
        "et": "20261123T143000Z",
        "desc": EVENT.details,
        "in_loc": EVENT.location,
    }


def test_every_value_is_percent_encoded():
    for link in calendar_links(EVENT):
        for value in _raw_values(link["url"]):
            # Only unreserved characters and %XX escapes: no raw space, "+",
            # "&", "=", "/", ":", "#", "?" or non-ASCII inside a value.
            assert all(c.isascii() and (c.isalnum() or c in "-._~%") for c in value), value
        assert "%20" in link["url"] and "+" not in link["url"]


def test_calendar_links_name_four_services_in_order():
    assert [link["service"] for link in calendar_links(EVENT)] == [
        "Google Calendar",
        "Outlook.com",
        "Office 365",
        "Yahoo Calendar",
    ]


def _slot(raw=None, origin="https://coach.example.org"):
    plan = make_plan(parse_settings(raw or booking()), content_path=".", now=NOW)
    return booking_view(plan, ENGLISH, origin)[0]["days"][0]["slots"][0]


def test_slot_view_links_carry_the_slot_and_its_page():
    slot = _slot()
    links = {link["service"]: link["url"] for link in slot["calendar_links"]}
    query = _query(links["Google Calendar"])
    assert query["text"] == "Discovery session"
    assert query["dates"] == "20261123T140000Z/20261123T143000Z"
    assert query["details"] == (
        "Tentative: Dr. Eleanor Hart confirms this time by email.\n\n"
        "Request it: https://coach.example.org/book/discovery/20261123T140000Z/\n"
        "Questions: hello@hartcoaching.example"
    )
    assert _query(links["Office 365"])["startdt"] == "2026-11-23T14:00:00Z"


def test_without_an_origin_the_notes_leave_the_page_link_out():
    details = _query(_slot(origin="")["calendar_links"][0]["url"])["details"]
    assert "Request it" not in details and "Questions: hello@hartcoaching.example" in details


def test_request_email_names_the_slot_and_leaves_a_line_for_the_visitors_zone():
    body = parse_qs(urlsplit(_slot()["request_mailto"]).query)["body"][0]
    assert body == (
        "Hello Dr. Eleanor Hart,\r\n\r\n"
        "I would like to book the Discovery session on Monday, November 23, 2026, "
        "9:00 AM Eastern Time (2026-11-23T14:00:00Z).\r\n\r\n"
        "My time zone:\r\n"
        "My name:\r\nAnything you would like to know beforehand:\r\n\r\n"
        "Thank you.\r\n\r\n"
        "Please keep this code: it tells the booking desk which time you chose.\r\n"
        "[[book discovery-20261123T140000Z en]]"
    )


def test_slots_json_leaves_the_page_only_links_out():
    plan = make_plan(parse_settings(booking()), content_path=".", now=NOW)
    view = booking_view(plan, ENGLISH, "https://coach.example.org")[0]
    document = slots_document(view)
    assert "calendar_links" not in document["slots"][0]
    assert "calendar_links" in view["days"][0]["slots"][0]


def test_session_view_has_the_currency_and_the_form_action():
    raw = booking(currency="EUR", request_form_action="https://forms.example.org/f/abc")
    view = booking_view(make_plan(parse_settings(raw), content_path=".", now=NOW), ENGLISH)[0]
    assert view["currency"] == "EUR"
    assert view["request_form_action"] == "https://forms.example.org/f/abc"
    assert (
        booking_view(make_plan(parse_settings(booking()), content_path=".", now=NOW), ENGLISH)[0][
            "request_form_action"
        ]
        is None
    )


@pytest.mark.parametrize(
    "action",
    [
        "https://formspree.io/f/xyzzy",
        "https://forms.example.org:8443/submit?coach=hart",
        "http://127.0.0.1:8123/requests",
        "http://localhost/requests",
    ],
)
def test_request_form_action_accepts_https_and_local_http(action):
    assert parse_settings(booking(request_form_action=action)).request_form_action == action


@pytest.mark.parametrize(
    "action",
    [
        "http://forms.example.org/submit",  # plain http off this machine
        "ftp://forms.example.org/",
        "javascript:alert(1)",
        "/relative/path",
        "https://",
        "https://forms.example.org/a b",
        "https://forms.example.org/\n",
        "http://[::1",
        42,
        "",
    ],
)
def test_request_form_action_rejects_anything_else_in_one_line(action):
    with pytest.raises(ConfigError) as error:
        parse_settings(booking(request_form_action=action))
    message = str(error.value)
    assert message.startswith("[booking] request_form_action: must be an https:// URL")
    assert "\n" not in message


def test_request_form_action_typo_gets_a_hint():
    with pytest.raises(ConfigError, match='did you mean "request_form_action"'):
        parse_settings(booking(request_from_action="https://forms.example.org/"))


@given(title=st.text(max_size=40), details=st.text(max_size=80), location=st.text(max_size=30))
def test_each_link_is_what_urlencode_makes_with_spaces_as_percent_20(title, details, location):
    from urllib.parse import quote, urlencode

    start, end = EVENT.start, EVENT.end
    b0, b1 = (t.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ") for t in (start, end))
    e0, e1 = (t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") for t in (start, end))
    outlook_pairs = [
        ("path", "/calendar/action/compose"),
        ("rru", "addevent"),
        ("startdt", e0),
        ("enddt", e1),
        ("subject", title),
        ("body", details),
        ("location", location),
    ]
    expected = {
        "https://calendar.google.com/calendar/render": [
            ("action", "TEMPLATE"),
            ("text", title),
            ("dates", f"{b0}/{b1}"),
            ("details", details),
            ("location", location),
        ],
        "https://outlook.live.com/calendar/0/deeplink/compose": outlook_pairs,
        "https://outlook.office.com/calendar/0/deeplink/compose": outlook_pairs,
        "https://calendar.yahoo.com/": [
            ("v", "60"),
            ("title", title),
            ("st", b0),
            ("et", b1),
            ("desc", details),
            ("in_loc", location),
        ],
    }
    event = CalendarEvent(title, start, end, details, location)
    made = [link["url"] for link in calendar_links(event)]
    assert made == [
        f"{base}?{urlencode(pairs, quote_via=quote, safe='')}" for base, pairs in expected.items()
    ]
