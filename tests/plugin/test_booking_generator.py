"""The booking generator run in-process, as Pelican's own generator tests do:
real Pelican settings, a fixture theme, a real Writer and temporary folders.

It writes nothing until generate_output, fails closed with one line, and a
folder rebuilt in place keeps no slot or session of an earlier build."""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pelican.settings import read_settings
from pelican.writers import Writer

from plugins.booking.generator import BookingGenerator
from tests.support.booking_settings import NOW, booking
from tests.support.ics_text import event, ics
from tests.support.site import ROOT

THEME = ROOT / "tests/fixtures/plugin_theme"
EPOCH = str(int(NOW.timestamp()))


def _settings(tmp_path: Path, raw: dict) -> dict:
    (tmp_path / "content").mkdir(exist_ok=True)
    (tmp_path / "output").mkdir(exist_ok=True)
    return read_settings(
        override={
            "PATH": str(tmp_path / "content"),
            "OUTPUT_PATH": str(tmp_path / "output"),
            "THEME": str(THEME),
            "SITEURL": "",
            "FEED_DOMAIN": "https://coach.example.org",
            "BOOKING": raw,
            "STATIC_PATHS": [],
        }
    )


def _generator(tmp_path: Path, raw: dict) -> BookingGenerator:
    settings = _settings(tmp_path, raw)
    return BookingGenerator(
        context={},
        settings=settings,
        path=settings["PATH"],
        theme=settings["THEME"],
        output_path=settings["OUTPUT_PATH"],
    )


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(autouse=True)
def pinned_clock(monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.chdir(tmp_path)  # the ledger's relative path starts at the project folder


def _build(tmp_path: Path, raw: dict) -> BookingGenerator:
    generator = _generator(tmp_path, raw)
    generator.generate_context()
    generator.generate_output(Writer(generator.output_path, settings=generator.settings))
    return generator


def test_the_context_is_computed_and_nothing_is_written(tmp_path):
    generator = _generator(tmp_path, booking())
    generator.generate_context()
    (view,) = generator.context["BOOKING_VIEW"]
    assert view["slug"] == "discovery" and view["slot_count"] > 0
    assert _files(tmp_path / "output") == set()


def test_generate_output_writes_pages_and_calendars_for_every_slot(tmp_path):
    generator = _build(tmp_path, booking())
    files = _files(tmp_path / "output")
    stamps = {s.stamp for s in generator.plan.sessions[0].slots}
    assert {f"book/discovery/{s}.ics" for s in stamps} <= files
    assert {f"book/discovery/{s}/index.html" for s in stamps} <= files
    assert {"book/index.html", "book/discovery/index.html", "book/discovery/slots.json"} <= files
    assert "book/discovery/availability.ics" in files
    manage = (tmp_path / "output/book/manage/index.html").read_text("utf-8")
    assert "manage: book/manage/ hello@hartcoaching.example" in manage
    slot = sorted(stamps)[0]
    page = (tmp_path / f"output/book/discovery/{slot}/index.html").read_text("utf-8")
    assert f"discovery-{slot}" in page


def test_a_session_cannot_take_the_manage_pages_slug(tmp_path, caplog):
    raw = booking(sessions=[{"slug": "manage", "title": "M", "duration_minutes": 30}])
    generator = _generator(tmp_path, raw)
    with caplog.at_level(logging.CRITICAL), pytest.raises(SystemExit):
        generator.generate_context()
    (line,) = [r.getMessage() for r in caplog.records if r.levelno == logging.CRITICAL]
    assert line.startswith('booking: [booking] sessions, item 1, slug: "manage" is the page where')
    assert _files(tmp_path / "output") == set()


def test_a_removed_or_renamed_session_leaves_nothing_behind(tmp_path):
    _build(tmp_path, booking())
    renamed = booking(sessions=[{"slug": "decouverte", "title": "D", "duration_minutes": 30}])
    _build(tmp_path, renamed)
    files = _files(tmp_path / "output")
    assert not [f for f in files if f.startswith("book/discovery/")]
    assert "book/decouverte/slots.json" in files
    assert "book/manage/index.html" in files  # not a session: kept


def test_slots_that_passed_are_removed_from_a_folder_built_in_place(tmp_path, monkeypatch):
    first = _build(tmp_path, booking())
    earliest = first.plan.sessions[0].slots[0]
    later = datetime(2026, 12, 1, 12, tzinfo=UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(later.timestamp())))
    _build(tmp_path, booking())
    files = _files(tmp_path / "output")
    assert f"book/discovery/{earliest.stamp}.ics" not in files
    assert f"book/discovery/{earliest.stamp}/index.html" not in files


def _day_pages(tmp_path: Path) -> set[str]:
    return {
        f.split("/")[2]
        for f in _files(tmp_path / "output")
        if f.startswith("book/discovery/") and f.count("-") == 2
    }


def test_many_times_get_day_pages_and_a_folder_built_in_place_keeps_no_stale_one(
    tmp_path, monkeypatch
):
    """Every five minutes: too many times to list (plugins/booking/compact.py),
    so the session page links each day to a page of its own; a later build
    removes the days that passed, and a build that lists its times again
    removes every day page."""
    many = booking(interval_minutes=5)
    first = _build(tmp_path, many)
    (view,) = first.context["BOOKING_VIEW"]
    assert view["day_pages"] and view["slot_count"] > 400
    days = {day["date"] for day in view["days"]}
    assert _day_pages(tmp_path) == days
    earliest = min(days)
    page = (tmp_path / f"output/book/discovery/{earliest}/index.html").read_text("utf-8")
    assert page.startswith(f"<p>Discovery session, {view['days'][0]['label']}: ")
    assert page.split(": ", 1)[1].split()[:-1] == [s["stamp"] for s in view["days"][0]["slots"]]
    later = datetime(2026, 12, 1, 12, tzinfo=UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(later.timestamp())))
    _build(tmp_path, many)
    assert earliest not in _day_pages(tmp_path) and _day_pages(tmp_path)
    listed = _build(tmp_path, booking())
    assert not listed.context["BOOKING_VIEW"][0]["day_pages"]
    assert _day_pages(tmp_path) == set()


def test_an_unreadable_busy_calendar_stops_before_anything_is_written(tmp_path, caplog):
    _build(tmp_path, booking())
    before = {f: (tmp_path / "output" / f).read_bytes() for f in _files(tmp_path / "output")}
    (tmp_path / "content/busy.ics").write_bytes(b"not a calendar")
    generator = _generator(tmp_path, booking(busy_calendars=["busy.ics"]))
    with caplog.at_level(logging.CRITICAL), pytest.raises(SystemExit) as stopped:
        generator.generate_context()
    assert stopped.value.code == 1
    (line,) = [r.getMessage() for r in caplog.records if r.levelno == logging.CRITICAL]
    assert line.startswith("booking: busy calendar [booking] busy_calendars, item 1 (busy.ics)")
    after = {f: (tmp_path / "output" / f).read_bytes() for f in _files(tmp_path / "output")}
    assert after == before


def test_busy_time_in_a_calendar_closes_its_slot(tmp_path):
    free = _build(tmp_path, booking()).plan.sessions[0].slots[0]
    start = free.start.strftime("%Y%m%dT%H%M%SZ")
    end = free.end.strftime("%Y%m%dT%H%M%SZ")
    (tmp_path / "content/busy.ics").write_bytes(ics(event(f"DTSTART:{start}", f"DTEND:{end}")))
    again = _build(tmp_path, booking(busy_calendars=["busy.ics"]))
    assert free not in again.plan.sessions[0].slots
    assert not (tmp_path / f"output/book/discovery/{free.stamp}.ics").exists()


def test_pelican_loads_the_plugin_under_the_name_the_tests_import(tmp_path):
    """One name per module: Pelican's own loader returns the module object
    that `import plugins.booking` gives, not a second copy."""
    from pelican.plugins._utils import load_plugins

    import plugins.booking

    settings = read_settings(override={"PLUGIN_PATHS": [str(ROOT)], "PLUGINS": ["plugins.booking"]})
    (loaded,) = load_plugins(settings)
    assert loaded is plugins.booking
    assert os.path.samefile(loaded.__file__, ROOT / "plugins/booking/__init__.py")


@pytest.mark.parametrize("key", ["ledger", "outbox"])
def test_a_ledger_or_outbox_in_the_themes_static_folder_is_refused(tmp_path, caplog, key):
    """Pelican copies the theme's static folder into the site: client names
    kept there would be published."""
    inside = THEME / "static" / "private" / f"{key}.ics"
    generator = _generator(tmp_path, booking(**{key: str(inside)}))
    with caplog.at_level(logging.CRITICAL), pytest.raises(SystemExit):
        generator.generate_context()
    (line,) = [r.getMessage() for r in caplog.records if r.levelno == logging.CRITICAL]
    assert line.startswith(f"booking: [booking] {key}: ")
    assert "theme's static folder" in line and "could be published" in line
    assert _files(tmp_path / "output") == set()
