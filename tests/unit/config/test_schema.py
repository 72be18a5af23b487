"""The schema is the one declaration of site.toml: the checks, the editor's
forms and docs/settings.md all follow it."""

from __future__ import annotations

import pytest

from plugins.config import schema
from plugins.config.docs import DOC, render
from plugins.config.errors import ConfigError
from plugins.config.load import SettingsError, from_tables
from plugins.editor.fields import collections

SESSION = {"slug": "intro", "title": "Intro", "duration_minutes": 30}
BASE = {
    "coach": {"name": "Ada", "email": "ada@example.org", "timezone": "Europe/Paris"},
    "booking": {"weekly_hours": {"mon": ["09:00-12:00"]}, "sessions": [SESSION]},
}


def test_docs_settings_md_is_written_from_the_schema():
    assert DOC.read_text(encoding="utf-8") == render(), (
        "docs/settings.md is out of date: run `python -m plugins.config.docs`"
    )


def test_every_declared_table_and_key_is_in_the_docs():
    text = render()
    for table in schema.TABLES:
        assert f"[{table.path}]" in text
        for key in table.keys:
            assert f"| `{key.name}` | {key.help} |" in text


def _with(table: str, key: str, value: object) -> dict:
    data = {name: dict(body) for name, body in BASE.items()}
    data.setdefault(table, {})[key] = value
    return data


@pytest.mark.parametrize("table", ["site", "coach", "booking", "podcast", "editor"])
def test_a_key_the_schema_does_not_declare_is_refused_with_its_table(table):
    data = _with(table, "colour", "blue")
    if table == "podcast":
        data["podcast"] |= {"description": "D", "image": "p/c.png", "categories": ["Business"]}
    with pytest.raises(SettingsError) as caught:
        from_tables(data)
    assert caught.value.lines == [f"site.toml, [{table}] colour: unknown setting"] or (
        caught.value.lines[0].startswith(f"site.toml, [{table}] colour: ")
    )


@pytest.mark.parametrize(
    "key",
    [k for k in schema.BOOKING.keys if k.default is not None and k.kind not in {"table", "tables"}],
)
def test_each_booking_default_is_the_one_the_schema_declares(key):
    settings = from_tables(BASE)
    session = settings.booking.sessions[0]
    found = [o for o in (settings.booking, session, settings.desk) if hasattr(o, key.name)]
    values = {
        "confirm": settings.desk.policy,
        **({key.name: getattr(found[0], key.name)} if found else {}),
    }
    assert values[key.name] == key.default


@pytest.mark.parametrize("table", [schema.SESSION, schema.LIMITS])
def test_each_maximum_the_schema_declares_is_the_one_enforced(table):
    for key in table.keys:
        if key.maximum is None or key.kind not in {"whole", "number"}:
            continue
        if table is schema.SESSION:
            raw = {**BASE["booking"], "sessions": [{**SESSION, key.name: int(key.maximum) + 1}]}
            data = {**BASE, "booking": raw}
        else:
            data = {**BASE, "booking": {**BASE["booking"], "limits": {key.name: key.maximum + 1}}}
        with pytest.raises(ConfigError, match=key.name):
            from_tables(data)


def test_the_editor_shows_only_keys_the_schema_declares():
    (site,) = [
        c
        for c in collections(
            str,
            content="content",
            day_names=dict.fromkeys(schema.WEEKDAYS, "d"),
            zones=[],
            settings_file="site.toml",
        )
        if c["name"] == "site"
    ]
    coach, booking, design = site["files"][0]["fields"]
    assert {f["name"] for f in coach["fields"]} <= set(schema.COACH.names)
    assert {f["name"] for f in design["fields"]} == set(schema.DESIGN.names)
    (style,) = [f for f in design["fields"] if f["name"] == "style"]
    assert style["options"] == list(schema.DESIGN["style"].choices)
    assert {f["name"] for f in booking["fields"]} <= set(schema.BOOKING.names)
    (sessions,) = [f for f in booking["fields"] if f["name"] == "sessions"]
    assert {f["name"] for f in sessions["fields"]} <= set(schema.SESSION.names)
