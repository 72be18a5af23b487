"""The browser editor's save of site.toml keeps the coach's notes, order and
commented examples; only what the form changed changes."""

from __future__ import annotations

import tomllib

import tomlkit

from sitetools.init_site import Answers, site_toml
from sitetools.settings_merge import keep_notes

ANSWERS = Answers(
    name="Lucía Hernández",
    email="lucia@example.mx",
    timezone="America/Mexico_City",
    weekly_hours={"mon": ["10:00-14:00"], "fri": ["16:00-19:00"]},
    language="es",
    session_title="Sesión de descubrimiento gratuita",
)


def _as_the_editor_saves(data: dict) -> str:
    """Bare TOML, as Decap writes the form: no notes, its own order."""
    return tomlkit.dumps(data)


def test_a_round_trip_through_the_editor_keeps_every_note_and_the_inbox_template():
    mine = site_toml(ANSWERS)
    data = tomllib.loads(mine)
    data["booking"]["weekly_hours"]["wed"] = ["09:00-11:00"]
    data["booking"]["minimum_notice_hours"] = 48
    data["coach"]["tagline"] = "Coaching de vida"
    merged = keep_notes(mine, _as_the_editor_saves(data))
    assert tomllib.loads(merged) == data
    notes = [line for line in mine.splitlines() if line.lstrip().startswith("#")]
    assert notes and all(line in merged.splitlines() for line in notes)
    assert "# [booking.inbox]" in merged and "# password_env" in merged
    # What the form did not touch keeps its place and spelling.
    assert merged.index("[site]") < merged.index("[coach]") < merged.index("[booking]")


def test_an_unchanged_save_gives_back_her_file_byte_for_byte():
    mine = site_toml(ANSWERS)
    assert keep_notes(mine, _as_the_editor_saves(tomllib.loads(mine))) == mine


def test_what_the_form_removed_is_removed_and_new_tables_are_added():
    mine = '# my notes\n[coach]\nname = "L"  # as on my card\ntagline = "x"\n'
    saved = '[coach]\nname = "L"\n\n[editor]\nrepo = "lucia/sitio"\n'
    merged = keep_notes(mine, saved)
    assert tomllib.loads(merged) == {"coach": {"name": "L"}, "editor": {"repo": "lucia/sitio"}}
    assert "# my notes" in merged and "# as on my card" in merged
