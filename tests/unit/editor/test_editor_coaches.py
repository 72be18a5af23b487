"""A coaching program in the browser editor: the "Your site" form lists its
coaches ([[coaches]]), each with the widgets the one coach's settings use
(her time zone, her weekly hours, a photo), and a session says which
coaches give it. A site.toml with two coaches goes through the form and the
editor's save and is read back with the same coaches."""

from __future__ import annotations

import re
import tomllib
from datetime import date

import tomlkit

from plugins.config import schema
from plugins.config.editor import parse_editor
from plugins.config.load import from_tables
from plugins.editor.decap_config import decap_config, media_folders
from plugins.editor.fields import collections
from sitetools.settings_merge import keep_notes
from tests.support.program import site_toml

DAYS = dict.fromkeys(schema.WEEKDAYS, "Day")
ZONES = ["America/Chicago", "Asia/Tokyo", "Europe/Paris", "UTC"]
ENGLISH = [("en", "English")]
BILINGUAL = [("en", "English"), ("fr", "Français")]
PROGRAM = [("coach01", "Coach Number 1"), ("coach02", "Coach Number 2")]
# Her keys the form does not show: kept as she wrote them.
NOT_IN_THE_FORM = {
    "date_overrides",
    "joined",
    "minimum_notice_hours",
    "buffer_before_minutes",
    "buffer_after_minutes",
    "max_per_day",
}


def _forms(languages=ENGLISH, coaches=PROGRAM) -> list[dict]:
    return collections(
        str,
        content="content",
        day_names=DAYS,
        zones=ZONES,
        settings_file="site.toml",
        languages=languages,
        coaches=coaches,
    )


def _by_name(fields: list[dict]) -> dict[str, dict]:
    return {field["name"]: field for field in fields}


def _settings(forms: list[dict]) -> dict[str, dict]:
    site = next(c for c in forms if c["name"] == "site")
    return _by_name(site["files"][0]["fields"])


def _coach_fields(languages=ENGLISH) -> dict[str, dict]:
    return _by_name(_settings(_forms(languages))["coaches"]["fields"])


def _session_fields(coaches=PROGRAM) -> dict[str, dict]:
    booking = _by_name(_settings(_forms(coaches=coaches))["booking"]["fields"])
    return _by_name(booking["sessions"]["fields"])


def _without_words(field: dict) -> dict:
    """The widget, without our words; required written out or left to
    Decap's default (required) is the same."""
    return {k: v for k, v in field.items() if k not in {"label", "hint"} and v is not True}


def test_a_program_s_form_lists_its_coaches_after_the_site_s_own_details():
    settings = _settings(_forms())
    assert list(settings) == ["coach", "coaches", "booking", "design"]
    coaches = settings["coaches"]
    assert (coaches["widget"], coaches["label"], coaches["label_singular"]) == (
        "list",
        "Coaches",
        # Not "coach": the word must not match a name our pages print in
        # every language (tests/integration/test_languages.py).
        "team member",
    )
    assert "required" not in coaches  # a program has at least one coach
    assert coaches["summary"] == "{{fields.name}}"
    assert list(_coach_fields()) == [
        "slug",
        "name",
        "email",
        "timezone",
        "weekly_hours",
        "special_days",
        "busy_calendars",
        "credentials",
        "photo",
        "photo_alt",
        "bio",
        "languages",
        "weight",
        "priority",
    ]


def test_each_label_is_the_schema_s_and_the_keys_it_requires_are_required():
    for name, field in _coach_fields().items():
        key = schema.COACHES[name]
        assert field["label"] == key.label, name
        assert ("required" not in field) == key.required, name
    assert not set(_coach_fields()) & NOT_IN_THE_FORM


def test_her_zone_hours_and_days_off_use_the_one_coach_s_widgets():
    one_coach = _settings(_forms(coaches=()))
    booking = _by_name(one_coach["booking"]["fields"])
    coach = _coach_fields()
    zone = _by_name(one_coach["coach"]["fields"])["timezone"]
    assert _without_words(coach["timezone"]) == _without_words(zone)
    assert coach["timezone"]["widget"] == "select" and coach["timezone"]["options"] == ZONES
    assert coach["weekly_hours"] == booking["weekly_hours"]
    assert [f["name"] for f in coach["weekly_hours"]["fields"]] == list(schema.WEEKDAYS)
    assert coach["special_days"] == booking["special_days"]
    window = coach["weekly_hours"]["fields"][0]["field"]
    assert re.fullmatch(window["pattern"][0], "09:00-12:00")
    assert not re.fullmatch(window["pattern"][0], "9-12")


def test_her_photo_is_a_picture_under_content_images_written_as_its_path():
    photo = _coach_fields()["photo"]
    assert (photo["widget"], photo["required"], photo["choose_url"]) == ("image", False, False)
    assert (photo["media_folder"], photo["public_folder"]) == ("/content/images", "images")
    # An upload from her form goes where the editor's helper accepts pictures.
    editor = parse_editor({"repo": "p/site"})
    config = decap_config(editor, language="en", site_url="", collections=_forms())
    assert photo["media_folder"].strip("/") in media_folders(config)


def test_her_calendars_and_languages_are_lists_of_texts_and_her_share_a_number():
    coach = _coach_fields()
    calendars, languages = coach["busy_calendars"], coach["languages"]
    assert (calendars["widget"], calendars["required"]) == ("list", False)
    assert calendars["field"]["widget"] == "string"
    pattern = languages["field"]["pattern"][0]
    assert all(re.fullmatch(pattern, code) for code in ("en", "fr", "pt_BR", "pt-BR", "zh_Hant"))
    assert not any(re.fullmatch(pattern, code) for code in ("English", "e n", "fr,en"))
    weight, priority = coach["weight"], coach["priority"]
    assert (weight["widget"], weight["value_type"]) == ("number", "float")
    assert weight["required"] is False
    assert 0 < weight["min"] < 1 and weight["max"] == 100
    assert (priority["value_type"], priority["min"], priority["max"]) == ("int", -1000, 1000)


def test_her_bio_has_one_box_per_language_on_a_bilingual_site():
    assert _coach_fields()["bio"]["widget"] == "text"
    bio = _coach_fields(BILINGUAL)["bio"]
    assert bio["widget"] == "object" and bio["required"] is False
    assert [(f["name"], f["widget"], f["required"]) for f in bio["fields"]] == [
        ("en", "text", False),
        ("fr", "text", False),
    ]
    assert [f["name"] for f in _coach_fields(BILINGUAL)["photo_alt"]["fields"]] == ["en", "fr"]


def test_a_program_s_sessions_say_which_coaches_give_them_and_how():
    sessions = _session_fields()
    coaches, assign = sessions["coaches"], sessions["assign"]
    assert (coaches["widget"], coaches["multiple"], coaches["required"]) == ("select", True, False)
    assert coaches["options"] == [
        {"label": "Coach Number 1", "value": "coach01"},
        {"label": "Coach Number 2", "value": "coach02"},
    ]
    assert (assign["widget"], assign["required"], assign["default"]) == ("select", False, "any")
    assert [o["value"] for o in assign["options"]] == list(schema.SESSION["assign"].choices)
    assert (coaches["label"], assign["label"]) == (
        schema.SESSION["coaches"].label,
        schema.SESSION["assign"].label,
    )


def test_a_program_s_booking_has_no_hours_of_its_own_and_a_one_coach_site_no_coaches():
    program = _by_name(_settings(_forms())["booking"]["fields"])
    assert not {"weekly_hours", "special_days"} & set(program)
    one_coach = _settings(_forms(coaches=()))
    assert "coaches" not in one_coach
    assert {"weekly_hours", "special_days"} <= set(_by_name(one_coach["booking"]["fields"]))
    assert not {"coaches", "assign"} & set(_session_fields(coaches=()))


# --- A round trip: the file through the form and the editor's save ------------


def _fits(field: dict, value: object) -> bool:
    """Whether Decap's widget for `field` holds `value` as it is (so the
    form shows it and saves it back unchanged)."""
    widget = field["widget"]
    if value == "" and field.get("required") is False:
        return True
    if widget in {"string", "text", "image"}:
        pattern = field.get("pattern")
        return isinstance(value, str) and (not pattern or bool(re.fullmatch(pattern[0], value)))
    if widget == "number":
        kinds = (int,) if field["value_type"] == "int" else (int, float)
        return (
            isinstance(value, kinds)
            and not isinstance(value, bool)
            and field["min"] <= value <= field.get("max", value)
        )
    if widget == "select":
        values = [o["value"] if isinstance(o, dict) else o for o in field["options"]]
        if field.get("multiple"):
            return isinstance(value, list) and all(v in values for v in value)
        return value in values
    if widget == "datetime":
        return isinstance(value, date) or bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)))
    if widget == "list":
        if not isinstance(value, list):
            return False
        if "field" in field:
            return all(_fits(field["field"], item) for item in value)
        return all(_fits({**field, "widget": "object"}, item) for item in value)
    if widget == "object":
        boxes = _by_name(field["fields"])
        if isinstance(value, str):  # her words given once: shown in every box
            return all(box["widget"] in {"string", "text"} for box in boxes.values())
        return isinstance(value, dict) and all(
            k in boxes and _fits(boxes[k], v) for k, v in value.items()
        )
    raise AssertionError(f"no check for the {widget} widget")


def _program_toml() -> str:
    """Two coaches with every key the form shows and some it does not,
    notes included, on a bilingual site."""
    text = site_toml(2).replace(
        '[site]\nname = "Academic Coaching Program"\n',
        '[site]\nname = "Academic Coaching Program"\nlanguage = "en"\nextra_languages = ["fr"]\n',
    )
    first = '[[coaches]]\nslug = "coach01"\n'
    return text.replace(
        first,
        "# Our first coach; her Friday is short.\n"
        + first
        + 'credentials = "MD, PCC"\n'
        + 'photo = "images/coach01.jpg"\n'
        + 'photo_alt = { en = "Coach 1 in her office", fr = "Coach 1 à son bureau" }\n'
        + "weight = 1.5\npriority = 2\njoined = 2026-11-02\nbuffer_after_minutes = 10\n"
        + 'special_days = [{ date = "2026-12-24", hours = [] }]\n'
        + 'date_overrides = { "2026-12-31" = ["09:00-11:00"] }\n',
    ).replace(
        'bio = "Coach 2 works with medical students on study plans."',
        'bio = { en = "Study plans.\\nExams too.", fr = "Plans d\'étude." }',
    )


def _program_fields() -> tuple[dict[str, dict], dict[str, dict]]:
    settings = _settings(_forms(BILINGUAL))
    booking = _by_name(settings["booking"]["fields"])
    return _by_name(settings["coaches"]["fields"]), _by_name(booking["sessions"]["fields"])


def _as_the_editor_saves(data: dict) -> str:
    """Bare TOML, as Decap writes the form: a select she cleared (null) is
    left out; no notes."""

    def kept(value):
        if isinstance(value, dict):
            return {k: kept(v) for k, v in value.items() if v is not None}
        if isinstance(value, list):
            return [kept(v) for v in value]
        return value

    return tomlkit.dumps(kept(data))


def _coaches(text: str):
    return from_tables(tomllib.loads(text)).coaches


def test_two_coaches_go_through_the_form_and_come_back_the_same():
    mine = _program_toml()
    data = tomllib.loads(mine)
    coach_fields, session_fields = _program_fields()
    assert len(data["coaches"]) == 2
    for entry in data["coaches"]:
        for name, field in coach_fields.items():
            assert name in entry or field.get("required") is False, name
            assert name not in entry or _fits(field, entry[name]), (name, entry[name])
        assert set(entry) - set(coach_fields) <= NOT_IN_THE_FORM
    for session in data["booking"]["sessions"]:
        for name in ("coaches", "assign"):
            assert name not in session or _fits(session_fields[name], session[name])
    saved = _as_the_editor_saves(data)
    # On the published site the editor's file is saved as it is; on her
    # computer, into her own file (her notes kept).
    merged = keep_notes(mine, saved)
    assert "# Our first coach; her Friday is short." in merged
    assert _coaches(saved) == _coaches(merged) == _coaches(mine)
    first = _coaches(merged)[0]
    assert (first.photo, first.weight) == ("images/coach01.jpg", 1.5)
    assert first.joined == date(2026, 11, 2)
    assert first.in_language("fr").photo_alt == "Coach 1 à son bureau"


def test_a_coach_added_in_the_form_is_read_with_what_she_left_empty():
    mine = _program_toml()
    data = tomllib.loads(mine)
    coach_fields, session_fields = _program_fields()
    # What Decap holds for a new coach: the boxes she filled, the ones she
    # typed in and cleared as "", a list she emptied as [].
    added = {
        "slug": "lucia",
        "name": "Lucía Hernández",
        "email": "lucia@program.example",
        "timezone": "Europe/Paris",
        "weekly_hours": {"mon": ["09:00-13:00"], "tue": []},
        "busy_calendars": [],
        "credentials": "",
        "photo": "",
        "photo_alt": {"en": "", "fr": ""},
        "bio": {"en": "Careers in medicine.\nAnd research.", "fr": ""},
        "languages": ["es", "fr"],
        "weight": "",
        "priority": "",
    }
    assert all(_fits(coach_fields[k], v) for k, v in added.items())
    data["coaches"].append(added)
    session = data["booking"]["sessions"][1]
    session["coaches"] = ["coach02", "coach01"]
    session["assign"] = "any"
    assert _fits(session_fields["coaches"], session["coaches"])
    data["booking"]["sessions"][0]["coaches"] = None  # a choice she cleared
    saved = _as_the_editor_saves(data)
    for text in (saved, keep_notes(mine, saved)):
        settings = from_tables(tomllib.loads(text))
        lucia = settings.coaches[2]
        assert (lucia.slug, lucia.name, lucia.timezone) == (
            "lucia",
            "Lucía Hernández",
            "Europe/Paris",
        )
        assert (lucia.credentials, lucia.photo, lucia.photo_alt) == ("", "", "")
        assert (lucia.weight, lucia.priority, lucia.languages) == (1, 0, ("es", "fr"))
        assert lucia.bio == "Careers in medicine.\nAnd research." and not lucia.given_in("fr")
        sessions = {s.slug: s for s in settings.booking.sessions}
        assert sessions["first-meeting"].coaches == ("coach01", "coach02", "lucia")
        assert sessions["joint-review"].coaches == ("coach02", "coach01")
        assert "first-meeting-with-lucia" in sessions
    assert settings.coaches[:2] == _coaches(mine)
