"""A coaching program of three coaches (Chicago, Paris, Tokyo), built whole:
the coaches index lists them, each profile books her own edition of the
"any" session at her own times (the plan's), the "any" session offers the
union, the booking index lists no edition, the JSON-LD names each coach,
and nothing private (busy calendars, the coaches' emails) is published."""

from __future__ import annotations

import json
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from plugins.booking.plan import make_plan
from plugins.config.load import load
from tests.support.program import ZONES, build_program, coach_slug, write_program
from tests.support.site import DEFAULT_EPOCH, FIXTURES

COACHES = 3
ANY, ALL = "first-meeting", "joint-review"
ONE_COACH = """
[site]
name = "Study Coaching"

[coach]
name = "Amara Okafor"
email = "amara@coach.example"
timezone = "America/Chicago"

[booking.weekly_hours]
mon = ["09:00-12:00"]

[[booking.sessions]]
slug = "first-meeting"
title = "First coaching meeting"
duration_minutes = 30
"""
_JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def program(tmp_path_factory) -> tuple[Path, Path]:
    """(project, output): the program built once, coach 1 with a portrait."""
    root = tmp_path_factory.mktemp("program")
    project = write_program(root / "project", COACHES)
    (project / "content/images").mkdir()
    shutil.copy(FIXTURES / "photos/portrait.jpg", project / "content/images/portrait.jpg")
    toml = project / "site.toml"
    toml.write_text(
        toml.read_text("utf-8").replace(
            'slug = "coach01"\n',
            'slug = "coach01"\ncredentials = "PhD, PCC"\nphoto = "images/portrait.jpg"\n'
            'photo_alt = "Coach Number 1 at her desk"\n',
        ),
        encoding="utf-8",
    )
    out = build_program(project, root / "output")
    return project, out


def _read(out: Path, path: str) -> str:
    return (out / path / "index.html").read_text("utf-8")


def _starts(out: Path, session: str) -> set[str]:
    document = json.loads((out / "book" / session / "slots.json").read_text("utf-8"))
    return {slot["start"] for slot in document["slots"]}


def _jsonld(html: str) -> list[dict]:
    return [json.loads(block) for block in _JSONLD.findall(html)]


def test_the_coaches_index_lists_the_three(program):
    _, out = program
    page = _read(out, "coaches")
    for i in range(COACHES):
        assert f'href="/coaches/{coach_slug(i)}/">Coach Number {i + 1}</a>' in page
        assert (out / "coaches" / coach_slug(i) / "index.html").is_file()
    assert "Coaches in English" in page
    assert "Coach 2 works with medical students on study plans." in page
    # Her portrait, as a <picture> of this site's renditions; her credentials.
    assert re.search(r'<picture>.*?<img class="coach-photo" src="/images/portrait\.jpg"', page)
    assert "PhD, PCC" in page
    sitemap = (out / "sitemap.xml").read_text("utf-8")
    assert "/coaches/</loc>" in sitemap and "/coaches/coach03/</loc>" in sitemap


def test_each_profile_books_her_edition_at_her_own_times(program):
    project, out = program
    settings = load(project / "site.toml").booking
    plan = make_plan(
        settings,
        content_path=project / "content",
        now=datetime.fromtimestamp(DEFAULT_EPOCH, UTC),
    )
    planned = {
        sp.session.slug: {f"{s.start:%Y-%m-%dT%H:%M:%SZ}" for s in sp.slots} for sp in plan.sessions
    }
    offered = _starts(out, ANY)
    editions = {}
    for i in range(COACHES):
        slug = coach_slug(i)
        edition = f"{ANY}-with-{slug}"
        profile = _read(out, f"coaches/{slug}")
        assert f'href="/book/{edition}/">Book a time with Coach Number {i + 1}' in profile
        # No other coach's edition is offered on her page.
        assert len(re.findall(rf"/book/{ANY}-with-", profile)) == 2  # title and button
        session_page = _read(out, f"book/{edition}")
        assert f'With <a href="/coaches/{slug}/">Coach Number {i + 1}</a>' in session_page
        starts = editions[slug] = _starts(out, edition)
        assert starts and starts == planned[edition]
        assert starts <= offered
        # Her times are within her own hours, in her own zone (08:00 + i, four hours).
        zone = ZoneInfo(ZONES[i])
        for start in starts:
            local = datetime.fromisoformat(start.replace("Z", "+00:00")).astimezone(zone)
            assert local.weekday() < 5 and 8 + i <= local.hour < 12 + i, (slug, local)
    # The coaches' zones differ, so their times do too.
    assert len({frozenset(s) for s in editions.values()}) == COACHES
    # The "any" session offers their union, and its page every day of it.
    assert offered == set().union(*editions.values()) == planned[ANY]
    page = _read(out, f"book/{ANY}")
    shown = {
        f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:11]}:{stamp[11:13]}:{stamp[13:15]}Z"
        for stamp in re.findall(r'href="(\d{8}T\d{6}Z)/"', page)
    }
    if shown:  # one link a time (a page of days lists them on each day's page)
        assert shown == offered
    program_zone = ZoneInfo("America/Chicago")  # [coach] timezone: the days' zone
    days = {
        datetime.fromisoformat(start.replace("Z", "+00:00")).astimezone(program_zone).date()
        for start in offered
    }
    assert all(day.isoformat() in page for day in days)
    assert "With <a" not in page and "Together with" not in page


def test_an_all_session_names_its_coaches_and_profiles_mention_it(program):
    _, out = program
    page = _read(out, f"book/{ALL}")
    assert (
        'Together with <a href="/coaches/coach01/">Coach Number 1</a> and '
        '<a href="/coaches/coach02/">Coach Number 2</a>'
    ) in page
    first = _read(out, "coaches/coach01")
    assert f'href="/book/{ALL}/"' in first
    assert 'Together with <a href="/coaches/coach02/">Coach Number 2</a>' in first
    assert f"/book/{ALL}/" not in _read(out, "coaches/coach03")


def test_the_booking_index_and_home_page_list_no_edition(program):
    _, out = program
    for path in ("book", ""):
        page = _read(out, path) if path else (out / "index.html").read_text("utf-8")
        assert "-with-coach" not in page, path
        assert f'href="/book/{ANY}/"' in page and f'href="/book/{ALL}/"' in page, path
    for block in _jsonld(_read(out, "book")):
        urls = [service["url"] for service in block["@graph"]]
        assert len(urls) == 2 and not any("-with-" in url for url in urls)


def test_each_coach_is_a_person_in_json_ld(program):
    _, out = program
    for i in range(COACHES):
        [person] = _jsonld(_read(out, f"coaches/{coach_slug(i)}"))
        assert person["@type"] == "Person" and person["name"] == f"Coach Number {i + 1}"
        assert person["knowsLanguage"] == ["en"]
        assert person["worksFor"]["name"] == "Academic Coaching Program"
        assert person["worksFor"]["@id"].endswith("/#practice")
        assert person["url"].endswith(f"/coaches/{coach_slug(i)}/")
        assert ("image" in person) == (i == 0)
    first = _jsonld(_read(out, "coaches/coach01"))[0]
    assert (
        first["image"].endswith("/images/portrait.jpg") and first["honorificSuffix"] == "PhD, PCC"
    )
    [graph] = _jsonld(_read(out, "coaches"))
    assert [p["name"] for p in graph["@graph"]] == [f"Coach Number {i + 1}" for i in range(3)]


def test_nothing_private_is_published(program):
    _, out = program
    private = ["Private appointment"]
    private += [f"busy-{i}-" for i in range(COACHES)]
    private += [f"{coach_slug(i)}@program.example" for i in range(COACHES)]
    found = []
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".ics", ".xml", ".txt", ".js"}:
            text = path.read_text("utf-8", errors="replace")
            found += [(path.relative_to(out).as_posix(), p) for p in private if p in text]
    assert found == []


def test_the_new_pages_are_valid_html(program, vnu_jar):
    from tests.support.validators import vnu_errors

    _, out = program
    pages = [
        out / "coaches/index.html",
        *(out / "coaches" / coach_slug(i) / "index.html" for i in range(COACHES)),
        out / f"book/{ANY}-with-coach01/index.html",
        out / f"book/{ALL}/index.html",
        out / "book/index.html",
        out / "index.html",
    ]
    assert vnu_errors(vnu_jar, pages) == []


def test_the_new_pages_pass_axe(program, axe_source, page):
    from sitetools.server import serve_in_thread
    from tests.support.browser import axe_violations

    _, out = program
    server, url = serve_in_thread(out)
    try:
        for path in (
            "coaches/",
            "coaches/coach01/",
            "coaches/coach02/",
            f"book/{ANY}-with-coach01/",
        ):
            page.goto(f"{url}/{path}")
            assert axe_violations(page, axe_source) == [], path
    finally:
        server.shutdown()


def test_a_site_without_coaches_writes_no_coach_pages(tmp_path):
    project = write_program(tmp_path / "project", 1, articles=1)
    # The one-coach site: [coach] and [booking] weekly_hours, no [[coaches]].
    (project / "site.toml").write_text(ONE_COACH, encoding="utf-8")
    out = build_program(project, tmp_path / "output")
    assert not (out / "coaches").exists()
    assert list(out.rglob("*-with-*")) == []
    assert "/coaches/" not in (out / "sitemap.xml").read_text("utf-8")
    session = _read(out, f"book/{ANY}")
    assert "With <a" not in session and "Together with" not in session


def test_a_second_language_has_its_own_coach_pages(tmp_path):
    project = write_program(tmp_path / "project", 2, articles=1)
    toml = project / "site.toml"
    text = toml.read_text("utf-8").replace("[site]\n", '[site]\nextra_languages = ["fr"]\n', 1)
    toml.write_text(text, encoding="utf-8")
    out = build_program(project, tmp_path / "output")
    index = _read(out, "fr/coaches")
    assert '<html lang="fr">' in index
    assert 'href="/fr/coaches/coach02/">Coach Number 2</a>' in index
    assert "anglais" in index  # her languages, named in French
    profile = _read(out, "fr/coaches/coach01")
    assert f'href="/fr/book/{ANY}-with-coach01/"' in profile
    # Each language's page names the other as its translation.
    assert re.search(r'hreflang="en" href="[^"]*/coaches/coach01/"', profile)
    assert re.search(
        r'hreflang="fr" href="[^"]*/fr/coaches/coach01/"', _read(out, "coaches/coach01")
    )
    edition = _read(out, f"fr/book/{ANY}-with-coach01")
    assert 'href="/fr/coaches/coach01/">Coach Number 1</a>' in edition
