"""Every way her hours, days off, zone and busy calendars can be written
wrong, as the one line she reads ([booking] here; [[coaches]] entries use the
same checks with their own names), and the edges that are right."""

from __future__ import annotations

import pytest

from plugins.config.booking import parse_settings
from plugins.config.errors import ConfigError
from plugins.config.load import SettingsError, from_tables
from tests.support.booking_settings import booking

CASES = {
    "hour 24 start": (
        {"weekly_hours": {"mon": ["24:00-24:30"]}},
        '[booking] weekly_hours.mon, item 1: "24:00-24:30" is not a time of day (00:00-24:00)',
    ),
    "minute 60 start": (
        {"weekly_hours": {"mon": ["09:60-10:00"]}},
        '[booking] weekly_hours.mon, item 1: "09:60-10:00" is not a time of day (00:00-24:00)',
    ),
    "minute 60 end": (
        {"weekly_hours": {"mon": ["09:00-10:60"]}},
        '[booking] weekly_hours.mon, item 1: "09:00-10:60" is not a time of day (00:00-24:00)',
    ),
    "past midnight": (
        {"weekly_hours": {"mon": ["23:00-24:01"]}},
        '[booking] weekly_hours.mon, item 1: "23:00-24:01" is not a time of day (00:00-24:00)',
    ),
    "not text": (
        {"weekly_hours": {"mon": [900]}},
        '[booking] weekly_hours.mon, item 1: 900 must look like "09:00-12:00"',
    ),
    "not a list": (
        {"weekly_hours": {"mon": "09:00-10:00"}},
        '[booking] weekly_hours.mon: must be a list like ["09:00-12:00"] ([] = closed)',
    ),
    "weekly not a table": (
        {"weekly_hours": ["mon"]},
        '[booking] weekly_hours: must be a dict like {"mon": [...]}',
    ),
    "unknown day": (
        {"weekly_hours": {"mun": ["09:00-10:00"]}},
        '[booking] weekly_hours.mun: unknown setting (did you mean "sun"?)',
    ),
    "overlap": (
        {"weekly_hours": {"mon": ["09:00-11:00", "10:00-12:00"]}},
        '[booking] weekly_hours.mon, item 2: "10:00-12:00" overlaps another window',
    ),
    "factory": (
        {"timezone": "Factory"},
        "[booking] timezone: unknown time zone 'Factory' "
        "(use an IANA name like Europe/Paris or America/New_York)",
    ),
    "zone not text": (
        {"timezone": 5},
        "[booking] timezone: unknown time zone 5 "
        "(use an IANA name like Europe/Paris or America/New_York)",
    ),
    "overrides not a table": (
        {"date_overrides": ["2026-12-24"]},
        '[booking] date_overrides: must be a dict like {"2026-12-24": []}',
    ),
    "override key": (
        {"date_overrides": {"24/12/2026": []}},
        "[booking] date_overrides.24/12/2026: not a date; write YYYY-MM-DD",
    ),
    "special not list": (
        {"special_days": {"date": "2026-12-24"}},
        '[booking] special_days: must be a list like [{date = "2026-12-24", hours = []}]',
    ),
    "special item": (
        {"special_days": ["2026-12-24"]},
        '[booking] special_days, item 1: must look like {date = "2026-12-24", hours = []}',
    ),
    "special key": (
        {"special_days": [{"date": "2026-12-24", "hour": []}]},
        '[booking] special_days, item 1, hour: unknown setting (did you mean "hours"?)',
    ),
    "special date": (
        {"special_days": [{"date": 20261224, "hours": []}]},
        "[booking] special_days, item 1, date: not a date; write YYYY-MM-DD",
    ),
    "special twice": (
        {
            "date_overrides": {"2026-12-24": []},
            "special_days": [{"date": "2026-12-24", "hours": []}],
        },
        "[booking] special_days, item 1, date: 2026-12-24 is given twice "
        "(special_days, date_overrides); keep one",
    ),
    "special hours": (
        {"special_days": [{"date": "2026-12-24", "hours": ["10-12"]}]},
        "[booking] special_days, item 1, hours, item 1: '10-12' must look like \"09:00-12:00\"",
    ),
    "busy not list": (
        {"busy_calendars": "a.ics"},
        "[booking] busy_calendars: must be a list of paths or URLs",
    ),
    "busy not text": (
        {"busy_calendars": [3]},
        "[booking] busy_calendars, item 1: must be non-empty text, not 3",
    ),
    "busy bad url": (
        {"busy_calendars": ["https://[::1/x"]},
        "[booking] busy_calendars, item 1: 'https://[::1/x' is not a URL or a path",
    ),
    "busy ftp": (
        {"busy_calendars": ["ftp://example.org/a.ics"]},
        "[booking] busy_calendars, item 1: ftp:// is not supported; use a path or https://",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_mistake_is_its_exact_line(case):
    changes, line = CASES[case]
    with pytest.raises(ConfigError) as caught:
        parse_settings(booking(**changes))
    assert str(caught.value) == line


def test_the_edges_that_are_right():
    hours = parse_settings(
        booking(
            weekly_hours={
                "mon": ["09:00-10:00", "10:00-11:00", " 11:00 - 11:59 ", "23:59-24:00"],
                "tue": ["00:00-00:59"],
            },
            special_days=[{"date": "2026-12-24", "hours": []}],
        )
    ).hours
    assert [(w.start, w.end) for w in hours.weekly[0]] == [
        (540, 600),
        (600, 660),  # touching is not overlapping
        (660, 719),
        (1439, 1440),
    ]
    assert [(w.start, w.end) for w in hours.weekly[1]] == [(0, 59)]
    assert [(w.start, w.end) for w in hours.weekly[2]] == []


def test_a_coach_s_hours_are_named_as_her_entry():
    tables = {
        "coach": {"name": "P", "email": "p@example.org", "timezone": "UTC"},
        "coaches": [
            {
                "slug": "amara",
                "name": "A",
                "email": "a@example.org",
                "timezone": "Factory",
                "weekly_hours": {"mon": ["09:00-11:00", "10:00-12:00"]},
                "busy_calendars": ["ftp://example.org/a.ics"],
                "special_days": [{"date": "24/12", "hours": []}],
            }
        ],
        "booking": {"sessions": [{"slug": "s", "title": "S", "duration_minutes": 30}]},
    }
    with pytest.raises(SettingsError) as caught:
        from_tables(tables)
    assert caught.value.lines == [
        "site.toml, [[coaches]] item 1, timezone: unknown time zone 'Factory' (use an IANA "
        "name like Europe/Paris or America/New_York)"
    ]
    tables["coaches"][0]["timezone"] = "UTC"
    for broken, line in (
        ("weekly_hours", '[[coaches]] item 1, weekly_hours.mon, item 2: "10:00-12:00" overlaps'),
        ("special_days", "[[coaches]] item 1, special_days, item 1, date: not a date"),
        ("busy_calendars", "[[coaches]] item 1, busy_calendars, item 1: ftp:// is not supported"),
    ):
        with pytest.raises(SettingsError) as caught:
            from_tables(tables)
        assert caught.value.lines[0].startswith(f"site.toml, {line}"), caught.value.lines
        tables["coaches"][0].pop(broken)
        if broken == "weekly_hours":
            tables["coaches"][0]["weekly_hours"] = {"mon": ["09:00-10:00"]}
