"""Full Pelican builds of the booking plugin: files, pages, privacy, clocks,
and every way a build must fail (one line, exit status 1, nothing published)."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

import icalendar
import pytest

from sitetools.server import serve_in_thread
from tests.support.booking_sample import SAMPLE_CALENDAR, build_booking_sample, ics_files
from tests.support.busy_server import closed_port_url, serving
from tests.support.html import page_for_url, read_page
from tests.support.site import DEFAULT_EPOCH, ROOT, sample_settings

SAMPLE = {"timezone": "America/New_York", "organizer": {"name": "E", "email": "e@coach.example"}}


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    return build_booking_sample(tmp_path_factory.mktemp("booking")).output


def _slots(output: Path, slug: str = "discovery") -> list[dict]:
    return json.loads((output / f"book/{slug}/slots.json").read_text("utf-8"))["slots"]


def _booking(**changes) -> dict:
    """The sample BOOKING (tests/fixtures/sample_site) with some keys replaced."""
    pelicanconf = sample_settings()

    return {**pelicanconf.BOOKING, **changes}


# --- the sample coach -----------------------------------------------------------


def test_every_promised_file_exists(sample):
    slots = _slots(sample)
    assert len(slots) > 20
    for name in [
        "book/index.html",
        "book/discovery/index.html",
        "book/discovery/slots.json",
        "book/discovery/availability.ics",
    ]:
        assert (sample / name).is_file(), name
    for slot in slots:
        assert (sample / slot["ics"]).is_file()
        assert (sample / slot["url"] / "index.html").is_file()
    stamped = {p.name for p in (sample / "book/discovery").iterdir()} - {
        "index.html",
        "slots.json",
        "availability.ics",
    }
    assert stamped == {s["stamp"] for s in slots} | {f"{s['stamp']}.ics" for s in slots}


def test_slots_json_shape(sample):
    document = json.loads((sample / "book/discovery/slots.json").read_text("utf-8"))
    assert document["timezone"] == "America/New_York"
    assert document["generated_at"] == "2026-11-22T12:00:00Z"
    assert document["session"]["slug"] == "discovery"
    assert document["session"]["duration_minutes"] == 30
    for slot in document["slots"]:
        assert re.fullmatch(r"discovery-\d{8}T\d{6}Z", slot["id"])
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", slot["start"])
        assert slot["ics"] == f"book/discovery/{slot['stamp']}.ics"
    starts = [s["start"] for s in document["slots"]]
    assert starts == sorted(set(starts))


def test_sample_busy_calendar_shapes_the_sample_slots(sample):
    starts = {s["start"] for s in _slots(sample)}
    by_day: dict[str, list[str]] = {}
    for slot in _slots(sample):
        by_day.setdefault(slot["date"], []).append(slot["time_label"])
    assert min(starts) == "2026-11-23T14:00:00Z"  # Monday 9:00 AM: 24 h notice from Sunday
    # Tuesday 24 Nov: the private review (9-10) and grand rounds (10-11) leave 11:00 on.
    assert by_day["2026-11-24"] == ["11:00 AM", "11:30 AM"]
    # Grand rounds are EXDATEd on 1 Dec and moved from Tue 8 Dec to Mon 7 Dec 15:00-16:00.
    assert "10:00 AM" in by_day["2026-12-01"] and "10:00 AM" in by_day["2026-12-08"]
    assert "3:00 PM" not in by_day["2026-12-07"] and "2:30 PM" not in by_day["2026-12-07"]
    assert "4:00 PM" in by_day["2026-12-07"]
    # The all-day conference (10-12 Dec) closes Thursday 10 Dec entirely.
    assert "2026-12-10" not in by_day
    # The transparent reading time (Thu 26 Nov) does not block; the cancelled board
    # meeting (Mon 14 Dec morning) does not either.
    assert "1:00 PM" in by_day["2026-11-26"] and "9:00 AM" in by_day["2026-12-14"]
    # The floating dentist appointment (Thu 3 Dec 14:00-15:00 local) does.
    assert "2:00 PM" not in by_day["2026-12-03"] and "1:00 PM" in by_day["2026-12-03"]
    # Horizon: 28 days from now ends Sunday 20 Dec 12:00Z.
    assert max(starts) < "2026-12-20T12:00:00Z"


def test_nothing_from_the_busy_calendars_reaches_the_output(sample):
    calendar = icalendar.Calendar.from_ical(SAMPLE_CALENDAR.read_bytes())
    secrets = set()
    for component in calendar.walk("VEVENT"):
        for prop in ("SUMMARY", "DESCRIPTION", "LOCATION", "UID"):
            if prop in component:
                secrets.add(str(component[prop]))
        for prop in ("ATTENDEE", "ORGANIZER"):
            values = component.get(prop, [])
            for value in values if isinstance(values, list) else [values]:
                secrets.add(str(value).removeprefix("mailto:"))
                if "CN" in value.params:
                    secrets.add(value.params["CN"])
    secrets |= {"Ramirez", "Okafor", "Varga", "Lindqvist", "88-4412-QX", "hospital.example"}
    assert len(secrets) > 20
    leaks = []
    for path in sample.rglob("*"):
        if path.is_file():
            text = path.read_bytes().decode("utf-8", "replace")
            leaks += [(path.name, s) for s in secrets if s in text]
    assert leaks == []
    assert not any(p.suffix == ".ics" and "calendars" in p.parts for p in sample.rglob("*"))


def test_booking_index_lists_sessions(sample):
    html = (sample / "book/index.html").read_text("utf-8")
    assert "Complimentary 30-minute discovery session" in html
    assert "Complimentary</p>" in html.replace(" · ", "</p>")
    assert "/book/discovery/" in read_page(sample / "book/index.html").links


def test_session_page_groups_days_and_names_each_slot_in_full(sample):
    html = (sample / "book/discovery/index.html").read_text("utf-8")
    assert '<h2 id="day-2026-11-23">Monday, November 23, 2026</h2>' in html
    day = html.split('id="day-2026-11-23"')[1].split("</ul>")[0]
    # Each link shows the time only: the day is its heading, the zone is
    # named once above the list, not on every one of the 90 days' times.
    assert '<a href="20261123T140000Z/">9:00 AM</a>' in day
    assert "Eastern Time" not in day
    note = html.split('<ul class="booking-days"')[0]
    assert "Eastern Time" in re.sub(r'data-[a-z-]+="[^"]*"', "", note)
    assert "Availability last updated" in html
    assert 'datetime="2026-11-22T12:00:00Z"' in html


def test_slot_page_offers_the_ics_a_request_email_and_a_way_back(sample):
    page = sample / "book/discovery/20261123T140000Z/index.html"
    html = page.read_text("utf-8")
    assert "You picked" in html and "Monday, November 23, 2026, 9:00 AM Eastern Time" in html
    links = read_page(page).links
    assert "/book/discovery/20261123T140000Z.ics" in links
    assert "/book/discovery/" in links
    mailto = next(link for link in links if link.startswith("mailto:"))
    assert mailto.startswith("mailto:hello@hartcoaching.example?subject=")
    assert " " not in mailto
    assert "What happens next" in html


def test_every_booking_link_resolves(sample):
    broken = []
    for page in (sample / "book").rglob("index.html"):
        for link in read_page(page).links:
            if link.startswith("/book/") and not page_for_url(sample, link).exists():
                broken.append((str(page.relative_to(sample)), link))
    assert broken == []


def test_templates_have_no_inline_style_or_script():
    for name in ("booking_index.html", "booking_session.html", "booking_slot.html"):
        text = (ROOT / "theme/templates" / name).read_text("utf-8")
        # Scripts only as files from the theme (content-hashed by asset()).
        for tag in re.findall(r"<script[^>]*>", text):
            assert re.fullmatch(r"<script src=\"\{\{ asset\('js/[\w.-]+'\) \}\}\" defer>", tag)
        assert "style=" not in text and "<style" not in text
        assert not re.search(r"\son[a-z]+=", text)  # no event handler attributes
        assert text.startswith('{% extends "base.html" %}')


def test_slot_pages_are_in_the_sitemap_context(sample):
    sitemap = (sample / "sitemap.xml").read_text("utf-8")
    assert "book/discovery/" in sitemap


def test_ics_is_served_as_text_calendar(sample):
    server, url = serve_in_thread(sample)
    try:
        with urllib.request.urlopen(f"{url}/book/discovery/20261123T140000Z.ics") as response:
            assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    finally:
        server.shutdown()


def test_same_clock_same_bytes(sample, tmp_path):
    again = build_booking_sample(tmp_path).output
    for path in [*ics_files(sample), sample / "book/discovery/slots.json"]:
        assert path.read_bytes() == (again / path.relative_to(sample)).read_bytes()


def test_rebuilding_later_into_the_same_folder_removes_expired_slots(tmp_path):
    output = tmp_path / "output"
    build_booking_sample(tmp_path, output=output)
    first = _slots(output)[0]
    build_booking_sample(tmp_path, output=output, epoch=DEFAULT_EPOCH + 2 * 86400)
    assert not (output / first["ics"]).exists()
    assert not (output / first["url"]).exists()
    assert _slots(output)[0]["start"] > first["start"]


def test_siteurl_sets_the_uid_host_and_feed_domain_the_url(tmp_path):
    overrides = {"SITEURL": "https://coach.example.org", "FEED_DOMAIN": "https://coach.example.org"}
    output = build_booking_sample(tmp_path, overrides=overrides).output
    text = (output / "book/discovery/20261123T140000Z.ics").read_bytes().decode()
    unfolded = text.replace("\r\n ", "")
    assert "UID:discovery-20261123T140000Z@coach.example.org\r\n" in unfolded
    assert "URL:https://coach.example.org/book/discovery/20261123T140000Z/\r\n" in unfolded


def test_a_busy_url_served_locally_is_read(tmp_path):
    block = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:u@t\r\n"
        b"DTSTAMP:20261101T000000Z\r\nDTSTART:20261123T140000Z\r\nDTEND:20261123T150000Z\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    with serving({"/private.ics": (200, block, 0)}) as base:
        busy = ["calendars/busy.ics", f"{base}/private.ics"]
        output = build_booking_sample(
            tmp_path, overrides={"BOOKING": _booking(busy_calendars=busy)}
        ).output
    # 09:00-10:00 is taken: 9:00 and 9:30 go, 10:00 (which only touches it) stays.
    assert _slots(output)[0]["start"] == "2026-11-23T15:00:00Z"


# --- failing builds: exit status 1, one line naming the culprit, nothing written --


def _fails(tmp_path, booking=None, **overrides) -> str:
    """Build, expect failure, and return the one log line's message."""
    if booking is not None:
        overrides["BOOKING"] = booking
    result = build_booking_sample(tmp_path, overrides=overrides, check=False)
    assert result.returncode == 1
    assert not (result.output / "book").exists()
    lines = [line for line in result.log.splitlines() if line.strip()]
    assert len(lines) == 1, result.log
    assert "Traceback" not in result.log
    # Strip the log handler's decoration: "[time] CRITICAL ... generator.py:NN".
    return re.search(r"booking: .*?(?=\s+\w+\.py:\d+\s*$|$)", lines[0]).group(0).strip()


def test_bad_setting_fails_with_one_line_naming_it(tmp_path):
    hours = {"mon": ["09:00-12:00", "17:00-09:00"]}
    line = _fails(tmp_path, _booking(weekly_hours=hours))
    assert (
        line == 'booking: [booking] weekly_hours.mon, item 2: "17:00-09:00" ends before it starts'
    )


def test_unknown_zone_fails(tmp_path):
    line = _fails(tmp_path, _booking(timezone="Mars/Olympus_Mons"))
    assert line.startswith("booking: [booking] timezone: unknown time zone 'Mars/Olympus_Mons'")


def test_missing_busy_file_fails(tmp_path):
    line = _fails(tmp_path, _booking(busy_calendars=["calendars/missing.ics"]))
    assert line == (
        "booking: busy calendar [booking] busy_calendars, item 1 (calendars/missing.ics): "
        "file not found in the content folder (PATH)"
    )


def test_invalid_busy_file_fails(tmp_path):
    (tmp_path / "content/calendars").mkdir(parents=True)
    (tmp_path / "content/calendars/bad.ics").write_text("BEGIN:VCALENDAR\r\nthis is not\r\n")
    line = _fails(tmp_path, _booking(busy_calendars=["calendars/bad.ics"]))
    assert "calendars/bad.ics" in line and "not valid iCalendar" in line


def test_unreachable_busy_url_fails_closed(tmp_path):
    line = _fails(tmp_path, _booking(busy_calendars=["calendars/busy.ics", closed_port_url()]))
    assert "[booking] busy_calendars, item 2 <http://127.0.0.1/…>: unreachable" in line


def test_busy_url_answering_404_fails_closed(tmp_path):
    with serving({}) as base:
        line = _fails(tmp_path, _booking(busy_calendars=[f"{base}/gone.ics"]))
    assert line.endswith("the server answered HTTP 404")


def test_slow_busy_url_times_out_and_fails_closed(tmp_path):
    with serving({"/slow.ics": (200, b"", 5.0)}) as base:
        booking = _booking(busy_calendars=[f"{base}/slow.ics"], busy_timeout_seconds=0.5)
        line = _fails(tmp_path, booking)
    assert "no complete answer within 0.5 s" in line


def test_busy_calendar_inside_static_paths_is_refused(tmp_path):
    line = _fails(tmp_path, STATIC_PATHS=["images", "calendars"])
    assert "inside STATIC_PATHS and would be published" in line


def test_relative_feed_domain_is_refused(tmp_path):
    line = _fails(tmp_path, FEED_DOMAIN="coach.example.org")
    assert line.startswith("booking: FEED_DOMAIN: must be an absolute origin")
