"""Every .ics the sample build publishes parses in three independent parsers,
Python icalendar, Mozilla ical.js (the strictest) and vobject, with the same
UTC instants as slots.json; lines are CRLF and at most 75 octets; UIDs are
unique across files and stable across builds made at different times."""

from __future__ import annotations

import json
from datetime import UTC
from pathlib import Path

import icalendar
import pytest
import vobject

from tests.support.booking_sample import build_booking_sample, ics_files
from tests.support.ics_text import icaljs
from tests.support.site import DEFAULT_EPOCH


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    return build_booking_sample(tmp_path_factory.mktemp("booking")).output


def _expected(output: Path) -> dict[str, tuple[int, int]]:
    """file name -> (start, end) from slots.json, as UTC epoch seconds."""
    from datetime import datetime

    document = json.loads((output / "book/discovery/slots.json").read_text(encoding="utf-8"))

    def epoch(text: str) -> int:
        return int(datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp())

    return {slot["ics"]: (epoch(slot["start"]), epoch(slot["end"])) for slot in document["slots"]}


def _slot_files(output: Path) -> list[Path]:
    return [p for p in ics_files(output) if p.name != "availability.ics"]


def test_there_is_something_to_check(sample):
    assert len(_slot_files(sample)) >= 20
    assert set(_expected(sample)) == {p.relative_to(sample).as_posix() for p in _slot_files(sample)}


def test_crlf_and_lines_of_at_most_75_octets(sample):
    for path in ics_files(sample):
        data = path.read_bytes()
        assert data.endswith(b"\r\n"), path
        assert data.count(b"\n") == data.count(b"\r\n"), path
        assert max(len(line) for line in data.split(b"\r\n")) <= 75, path
        data.decode("utf-8")


def test_icalendar_parses_without_errors_and_agrees_with_slots_json(sample):
    expected = _expected(sample)
    for path in ics_files(sample):
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        assert [c.errors for c in calendar.walk() if c.errors] == [], path
        for event in calendar.walk("VEVENT"):
            start, end = event["DTSTART"].dt, event["DTEND"].dt
            assert start.utcoffset().total_seconds() == 0 and end.utcoffset().total_seconds() == 0
            if path.name != "availability.ics":
                key = path.relative_to(sample).as_posix()
                assert (int(start.timestamp()), int(end.timestamp())) == expected[key]


def test_vobject_agrees(sample):
    expected = _expected(sample)
    for path in _slot_files(sample):
        calendar = vobject.readOne(path.read_text(encoding="utf-8"))
        event = calendar.vevent
        got = (int(event.dtstart.value.timestamp()), int(event.dtend.value.timestamp()))
        assert got == expected[path.relative_to(sample).as_posix()], path
        assert not hasattr(event, "attendee")
    feed = vobject.readOne((sample / "book/discovery/availability.ics").read_text("utf-8"))
    assert len(feed.vevent_list) == len(expected)


@pytest.mark.node
def test_icaljs_parses_every_file_with_the_same_instants(sample, node):
    files = ics_files(sample)
    parsed, returncode, stderr = icaljs(node, files)
    errors = {k: v["error"] for k, v in parsed.items() if "error" in v}
    assert errors == {} and returncode == 0, stderr
    expected = _expected(sample)
    for path in files:
        result = parsed[str(path)]
        assert (result["method"], result["version"]) == ("PUBLISH", "2.0")
        assert all(event["utc"] for event in result["events"])
        if path.name == "availability.ics":
            assert len(result["events"]) == len(expected)
            assert {(e["start"], e["end"]) for e in result["events"]} == set(expected.values())
            continue
        (event,) = result["events"]
        assert (event["start"], event["end"]) == expected[path.relative_to(sample).as_posix()]
        assert event["status"] == "TENTATIVE"
        assert event["organizer"] == "mailto:hello@hartcoaching.example"
        assert event["alarms"] == 1


def _uids(output: Path) -> dict[str, list[str]]:
    found = {}
    for path in ics_files(output):
        events = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        found[path.relative_to(output).as_posix()] = [str(e["UID"]) for e in events]
    return found


def test_uids_are_unique_across_all_files_and_domain_qualified(sample):
    every = [uid for uids in _uids(sample).values() for uid in uids]
    assert len(every) == len(set(every))
    assert all(uid.endswith("@hartcoaching.example") for uid in every)
    for name, (uid,) in ((n, u) for n, u in _uids(sample).items() if "availability" not in n):
        assert uid == f"discovery-{Path(name).stem}@hartcoaching.example"


def test_uids_are_stable_across_builds_with_different_clocks(sample, tmp_path):
    later = build_booking_sample(tmp_path, epoch=DEFAULT_EPOCH + 3 * 3600).output
    before, after = _uids(sample), _uids(later)
    shared = (set(before) & set(after)) - {"book/discovery/availability.ics"}
    assert len(shared) >= 20
    assert all(before[name] == after[name] for name in shared)
    # The clock does change DTSTAMP, which is what makes the builds differ at all.
    name = sorted(shared)[0]
    assert (sample / name).read_bytes() != (later / name).read_bytes()
    assert b"DTSTAMP:20261122T150000Z" in (later / name).read_bytes()
