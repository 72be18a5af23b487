"""The calendar files of a German site parse in icalendar, Mozilla ical.js and
vobject, and carry German text (description, reminder, feed name); the
coach's own session title stays as she wrote it."""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest
import vobject

from tests.support.fixture_site import build_fixture_site
from tests.support.ics_text import icaljs
from tests.support.languages import english_left, language

GERMAN = language("de")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_fixture_site(tmp_path_factory.mktemp("de"), lang="de").output


def _files(site: Path) -> list[Path]:
    return sorted((site / "book").rglob("*.ics"))


def _unfolded(path: Path) -> str:
    return path.read_text(encoding="utf-8").replace("\r\n ", "")


def test_icalendar_and_vobject_read_german_text(site):
    files = _files(site)
    assert len(files) > 10
    slot = next(p for p in files if p.name != "availability.ics")
    calendar = icalendar.Calendar.from_ical(slot.read_bytes())
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Sed ut perspiciatis"  # the coach's words
    description = str(event["DESCRIPTION"])
    assert GERMAN.gettext("Request it: {url}").split(":")[0] in description
    assert english_left(description, "de") == []
    [alarm] = event.walk("VALARM")
    assert str(alarm["DESCRIPTION"]) == GERMAN.gettext("Soon: {title}").format(
        title="Sed ut perspiciatis"
    )
    parsed = vobject.readOne(slot.read_text(encoding="utf-8"))
    assert parsed.vevent.description.value == description
    feed = icalendar.Calendar.from_ical((site / "book/decouverte/availability.ics").read_bytes())
    name = GERMAN.gettext("Open times: {title}").format(title="Sed ut perspiciatis")
    assert str(feed["X-WR-CALNAME"]) == name != "Open times: Sed ut perspiciatis"
    for path in files:
        assert english_left(_unfolded(path), "de") == [], path


@pytest.mark.node
def test_icaljs_parses_every_german_file_and_reads_the_same_text(site, node):
    files = _files(site)
    parsed, returncode, stderr = icaljs(node, files)
    assert {k: v["error"] for k, v in parsed.items() if "error" in v} == {}
    assert returncode == 0, stderr
    for path in files:
        for event in parsed[str(path)]["events"]:
            assert english_left(event["description"], "de") == [], path
            expected = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
            assert event["description"] in {str(e["DESCRIPTION"]) for e in expected}
            for text in event["alarmText"]:
                assert text.startswith(GERMAN.gettext("Soon: {title}").split("{")[0])
