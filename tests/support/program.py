"""A coaching program's project folder, written from scratch: site.toml
with N [[coaches]] (each in one of several zones, 20 hours a week, her own
busy calendar), three sessions (one "any" over every coach, one "all" pair,
one per coach through the "any" session's editions), a home page and a few
articles. The build test and the 50-coach benchmark both use it; nothing
here reads the sample site."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.support.site import DEFAULT_EPOCH, ROOT, build_site

ZONES = ("America/Chicago", "Europe/Paris", "Asia/Tokyo", "America/New_York", "Australia/Sydney")
# Five four-hour days: 20 hours a week, each coach starting an hour later than the last.
DAYS = ("mon", "tue", "wed", "thu", "fri")


def coach_slug(i: int) -> str:
    return f"coach{i + 1:02d}"


def coach_toml(i: int, zone: str, *, busy: bool = True, photo: str = "") -> str:
    start = 8 + i % 6
    hours = "\n".join(f'{day} = ["{start:02d}:00-{start + 4:02d}:00"]' for day in DAYS)
    lines = [
        "[[coaches]]",
        f'slug = "{coach_slug(i)}"',
        f'name = "Coach Number {i + 1}"',
        f'email = "{coach_slug(i)}@program.example"',
        f'timezone = "{zone}"',
        f'bio = "Coach {i + 1} works with medical students on study plans."',
        'languages = ["en"]',
    ]
    if busy:
        lines.append(f'busy_calendars = ["calendars/{coach_slug(i)}.ics"]')
    if photo:
        lines.append(f'photo = "{photo}"')
    return "\n".join([*lines, "[coaches.weekly_hours]", hours, ""])


def busy_calendar(i: int, now: datetime, events: int = 10) -> str:
    """A few hour-long appointments over the next four weeks."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//program//EN"]
    for k in range(events):
        start = (now + timedelta(days=1 + k * 27 // events, hours=(i * 7 + k * 5) % 24)).replace(
            minute=0, second=0
        )
        lines += [
            "BEGIN:VEVENT",
            f"UID:busy-{i}-{k}@program.example",
            f"DTSTAMP:{now:%Y%m%dT%H%M%SZ}",
            f"DTSTART:{start:%Y%m%dT%H%M%SZ}",
            f"DTEND:{start + timedelta(hours=1):%Y%m%dT%H%M%SZ}",
            "SUMMARY:Private appointment",
            "END:VEVENT",
        ]
    return "\r\n".join([*lines, "END:VCALENDAR", ""])


def site_toml(coaches: int, zones: tuple[str, ...] = ZONES, *, busy: bool = True) -> str:
    parts = [
        "[site]",
        'name = "Academic Coaching Program"',
        'url = "https://coaching.program.example"',
        "",
        "[coach]",
        'name = "Academic Coaching Program"',
        'email = "coaching@program.example"',
        'timezone = "America/Chicago"',
        'tagline = "Coaching for every student"',
        "",
    ]
    parts += [coach_toml(i, zones[i % len(zones)], busy=busy) for i in range(coaches)]
    pair = json.dumps(sorted({coach_slug(0), coach_slug(1 % coaches)}))
    parts += [
        "[booking]",
        "minimum_notice_hours = 12",
        "horizon_days = 28",
        "",
        "[[booking.sessions]]",
        'slug = "first-meeting"',
        'title = "First coaching meeting"',
        "duration_minutes = 30",
        'description = "Meet the first available coach."',
        "",
        "[[booking.sessions]]",
        'slug = "joint-review"',
        'title = "Joint review with your advisor"',
        "duration_minutes = 60",
        f"coaches = {pair}",
        'assign = "all"',
        "",
    ]
    return "\n".join(parts)


def write_program(
    project: Path,
    coaches: int,
    *,
    zones: tuple[str, ...] = ZONES,
    articles: int = 3,
    now: datetime | None = None,
) -> Path:
    """The project folder (pelicanconf.py copied from the repository)."""
    now = now or datetime.fromtimestamp(DEFAULT_EPOCH, UTC)
    content = project / "content"
    for folder in ("articles", "pages", "calendars"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "pelicanconf.py", project / "pelicanconf.py")
    (project / "site.toml").write_text(site_toml(coaches, zones), encoding="utf-8")
    for i in range(coaches):
        (content / f"calendars/{coach_slug(i)}.ics").write_text(
            busy_calendar(i, now), encoding="utf-8", newline=""
        )
    (content / "pages/home.md").write_text(
        "Title: Home\nSlug: home\nStatus: hidden\nSave_as:\n"
        "Summary: Our coaches help students plan their studies.\n\nBook a first meeting.\n",
        encoding="utf-8",
    )
    for k in range(articles):
        (content / f"articles/note-{k}.md").write_text(
            f"Title: Study note {k}\nDate: 2026-11-{1 + k % 20:02d} 09:00\nCategory: Notes\n\n"
            + "Plan the week before it plans you. " * 40
            + "\n",
            encoding="utf-8",
        )
    return project


def build_program(project: Path, output: Path) -> Path:
    """The project built with its own pelicanconf.py and site.toml; the output."""
    return build_site(
        output, settings_file=str(project / "pelicanconf.py"), content=project / "content"
    ).output
