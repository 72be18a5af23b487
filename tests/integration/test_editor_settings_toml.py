"""site.toml through the editor's own TOML code: Decap reads the "Your site"
form's file with @iarna/toml and writes it with tomlify-j0.4 and its
replacer (decap-cms-core, formats/toml.js, run here in Node as Decap does).
A program's site.toml with two coaches, saved unchanged or with a coach
added in the form, is read back by plugins.config with the same coaches,
both as the published site saves it (Decap's text) and as `invoke edit`
does (Decap's text set into her own file, her notes kept)."""

from __future__ import annotations

import tomllib
from datetime import date

import pytest

from plugins.config.load import from_tables
from sitetools.settings_merge import keep_notes
from tests.support.editor import node_jobs
from tests.support.site import ROOT

pytestmark = pytest.mark.node

NODE_MODULES = ROOT / "node_modules"

# decap-cms-core/src/formats/toml.ts, without the two branches for values a
# form of ours never holds (a date picked in a dayjs object, an upload).
_DECAP_TOML = """
const modules = process.argv[1];
const parse = require(modules + '/@iarna/toml/parse-string');
const tomlify = require(modules + '/tomlify-j0.4');
function outputReplacer(_key, value) {
  if (typeof value === 'number' && Number.isInteger(value)) return value.toString();
  return false;
}
const jobs = JSON.parse(require('fs').readFileSync(0, 'utf-8'));
const out = jobs.map(([op, value]) => {
  if (op === 'fromFile') return parse(value);
  if (op === 'resave') return tomlify.toToml(parse(value), { replace: outputReplacer });
  return tomlify.toToml(value, { replace: outputReplacer });
});
process.stdout.write(JSON.stringify(out));
"""

PROGRAM = """\
# The program's settings; ask Dana before changing the sessions.
[site]
name = "Academic Coaching Program"
language = "en"
extra_languages = ["fr"]

[coach]
name = "Academic Coaching Program"
email = "coaching@program.example"
timezone = "America/Chicago"

# Our first coach.
[[coaches]]
slug = "amara"
name = "Amara Okafor"
email = "amara@program.example"
timezone = "Europe/Paris"
credentials = "MD, PCC"
photo = "images/amara.jpg"
photo_alt = { en = "Amara in her office", fr = "Amara à son bureau" }
bio = { en = "Study plans.\\nExams too.", fr = "Plans d'étude." }
languages = ["en", "fr"]
busy_calendars = ["calendars/amara.ics", "https://cal.example.org/amara.ics?k=1,2"]
weight = 1.5
priority = 2
joined = 2026-11-02
buffer_after_minutes = 10
special_days = [{ date = "2026-12-24", hours = [] }]
date_overrides = { "2026-12-31" = ["09:00-11:00"] }

[coaches.weekly_hours]
mon = ["09:00-12:00", "14:00-17:00"]
fri = ["09:00-11:00"]

[[coaches]]
slug = "ben"
name = "Benoît Lefèvre"
email = "ben@program.example"
timezone = "Asia/Tokyo"
weight = 2

[coaches.weekly_hours]
tue = ["10:00-14:00"]

[booking]
minimum_notice_hours = 12

[[booking.sessions]]
slug = "first-meeting"
title = { en = "First meeting", fr = "Premier rendez-vous" }
duration_minutes = 30

[[booking.sessions]]
slug = "joint-review"
title = "Joint review"
duration_minutes = 60
coaches = ["amara", "ben"]
assign = "all"
"""


@pytest.fixture(scope="module")
def decap_toml(node):
    if not (NODE_MODULES / "tomlify-j0.4").is_dir() or not (NODE_MODULES / "@iarna/toml").is_dir():
        pytest.skip("Decap's TOML packages are not installed (npm ci)")

    def run(jobs: list[tuple[str, object]]) -> list:
        return node_jobs(node, _DECAP_TOML, str(NODE_MODULES), jobs)

    return run


def _settings(text: str):
    return from_tables(tomllib.loads(text))


def test_a_program_saved_unchanged_keeps_its_coaches_and_her_notes(decap_toml):
    [written] = decap_toml([("resave", PROGRAM)])
    mine = _settings(PROGRAM)
    merged = keep_notes(PROGRAM, written)
    assert _settings(written).coaches == _settings(merged).coaches == mine.coaches
    assert tomllib.loads(merged) == tomllib.loads(PROGRAM)
    notes = [line for line in PROGRAM.splitlines() if line.startswith("#")]
    assert len(notes) == 2 and all(line in merged.splitlines() for line in notes)
    amara = mine.coaches[0]
    assert (amara.weight, amara.joined, amara.busy_calendars[1]) == (
        1.5,
        date(2026, 11, 2),
        "https://cal.example.org/amara.ics?k=1,2",
    )
    assert [s.slug for s in _settings(written).booking.sessions] == [
        s.slug for s in mine.booking.sessions
    ]


def test_a_coach_added_in_the_form_is_saved_as_one_the_build_reads(decap_toml):
    [data] = decap_toml([("fromFile", PROGRAM)])
    # What Decap holds once she has added a coach: boxes she cleared are "",
    # a choice she cleared is null, a number she did not touch is absent.
    data["coaches"].append(
        {
            "slug": "lucia",
            "name": "Lucía Hernández",
            "email": "lucia@program.example",
            "timezone": "America/Mexico_City",
            "weekly_hours": {"mon": ["09:00-13:00"], "wed": []},
            "special_days": [{"date": "2026-12-25", "hours": []}],
            "busy_calendars": [],
            "credentials": "",
            "photo": "",
            "bio": {"en": "Careers in medicine.", "fr": ""},
            "languages": ["es"],
            "weight": "",
        }
    )
    data["booking"]["sessions"][0]["coaches"] = None
    data["booking"]["sessions"][0]["assign"] = "any"
    data["booking"]["sessions"][1]["coaches"] = ["ben", "lucia"]
    # JSON has no dates: her joined date as the form's date widgets write one.
    data["coaches"][0]["joined"] = "2026-11-02"
    [written] = decap_toml([("toFile", data)])
    for text in (written, keep_notes(PROGRAM, written)):
        settings = _settings(text)
        assert settings.coaches[:2] == _settings(PROGRAM).coaches
        lucia = settings.coaches[2]
        assert (lucia.slug, lucia.timezone, lucia.weight, lucia.credentials, lucia.photo) == (
            "lucia",
            "America/Mexico_City",
            1,
            "",
            "",
        )
        assert date(2026, 12, 25) in lucia.hours.overrides
        sessions = {s.slug: s for s in settings.booking.sessions}
        assert sessions["first-meeting"].coaches == ("amara", "ben", "lucia")
        assert sessions["joint-review"].coaches == ("ben", "lucia")
