"""[[coaches]] and sessions over several coaches: what is read, and each
mistake named as the program's administrator wrote it."""

from __future__ import annotations

import pickle
from datetime import date

import pytest

from plugins.config.load import SettingsError, from_tables


def coach(slug: str, **extra) -> dict:
    return {
        "slug": slug,
        "name": f"Dr. {slug.title()}",
        "email": f"{slug}@program.example",
        "timezone": "America/Chicago",
        "weekly_hours": {"mon": ["09:00-12:00"]},
        **extra,
    }


def tables(coaches=None, sessions=None, **booking) -> dict:
    return {
        "site": {"language": "en", "extra_languages": ["fr"]},
        "coach": {"name": "Program", "email": "program@example.org", "timezone": "UTC"},
        "coaches": [coach("amara"), coach("ben")] if coaches is None else coaches,
        "booking": {
            "sessions": sessions
            or [{"slug": "first", "title": "First meeting", "duration_minutes": 30}],
            **booking,
        },
    }


def error(data: dict) -> str:
    with pytest.raises(SettingsError) as caught:
        from_tables(data)
    return str(caught.value)


def test_coaches_are_read_with_their_own_zone_hours_rules_and_words():
    data = tables(
        [
            coach(
                "amara",
                bio={"en": "Study plans.", "fr": "Plans d'étude."},
                languages=["en", "fr"],
                weight=2,
                priority=1,
                joined="2026-11-16",
                buffer_after_minutes=10,
                busy_calendars=["calendars/amara.ics"],
            ),
            coach("ben", timezone="Europe/Paris", weekly_hours={"tue": ["14:00-18:00"]}),
        ]
    )
    settings = from_tables(data)
    amara, ben = settings.coaches
    assert (amara.weight, amara.priority, amara.joined) == (2, 1, date(2026, 11, 16))
    assert dict(amara.rules) == {"buffer_after_minutes": 10}
    assert amara.languages == ("en", "fr")
    assert amara.bio == "Study plans." and amara.in_language("fr").bio == "Plans d'étude."
    assert ben.zone.key == "Europe/Paris"
    assert ben.hours.weekly[1][0].start == 14 * 60
    assert settings.booking.coaches == settings.coaches
    assert pickle.loads(pickle.dumps(settings)) == settings


def test_a_session_without_coaches_is_given_by_all_and_any_gets_an_edition_each():
    sessions = from_tables(tables()).booking.sessions
    assert [(s.slug, s.coaches, s.parent) for s in sessions] == [
        ("first", ("amara", "ben"), ""),
        ("first-with-amara", ("amara",), "first"),
        ("first-with-ben", ("ben",), "first"),
    ]
    listed = from_tables(tables()).booking.listed_sessions
    assert [s.slug for s in listed] == ["first"]


def test_an_all_session_and_a_one_coach_session_have_no_editions():
    sessions = [
        {"slug": "pair", "title": "P", "duration_minutes": 60, "assign": "all"},
        {"slug": "solo", "title": "S", "duration_minutes": 30, "coaches": ["ben"]},
    ]
    found = from_tables(tables(sessions=sessions)).booking.sessions
    assert [(s.slug, s.coaches, s.assign, s.shared) for s in found] == [
        ("pair", ("amara", "ben"), "all", True),
        ("solo", ("ben",), "any", False),
    ]


def test_a_one_coach_site_is_unchanged():
    data = tables(coaches=[])
    del data["coaches"]
    data["booking"]["weekly_hours"] = {"mon": ["09:00-12:00"]}
    booking = from_tables(data).booking
    assert booking.coaches == ()
    assert [(s.slug, s.coaches) for s in booking.sessions] == [("first", ())]


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (
            tables([coach("amara"), coach("ben", weekly_hours={"mon": ["17:00-09:00"]})]),
            '[[coaches]] item 2, weekly_hours.mon, item 1: "17:00-09:00" ends before it starts',
        ),
        (
            tables([coach("amara"), coach("amara")]),
            '[[coaches]] item 2, slug: "amara" is the slug of coach 1 too',
        ),
        (tables([coach("amara", timezone="Chicago")]), "[[coaches]] item 1, timezone:"),
        (tables([coach("amara", weight=0)]), "[[coaches]] item 1, weight: must be a number"),
        (tables([coach("amara", wieght=2)]), "[[coaches]] item 1, wieght: unknown setting"),
        (tables([coach("Amara")]), "[[coaches]] item 1, slug:"),
        (tables([coach("amara", languages=["klingon!"])]), "[[coaches]] item 1, languages, item 1"),
        (
            tables([coach("amara", max_per_day=0)]),
            "[[coaches]] item 1, max_per_day: must be a whole number greater than 0",
        ),
        (
            tables(
                sessions=[{"slug": "s", "title": "S", "duration_minutes": 30, "coaches": ["bem"]}]
            ),
            "[booking] sessions, item 1, coaches, item 1: "
            "'bem' is not a coach (did you mean \"ben\"?)",
        ),
        (
            tables(
                sessions=[{"slug": "s", "title": "S", "duration_minutes": 30, "assign": "some"}]
            ),
            '[booking] sessions, item 1, assign: must be "any"',
        ),
        (
            tables(weekly_hours={"mon": ["09:00-12:00"]}),
            "[booking] weekly_hours: a program's hours are each coach's own",
        ),
        (
            tables(
                sessions=[
                    {"slug": "first", "title": "F", "duration_minutes": 30},
                    {"slug": "first-with-ben", "title": "B", "duration_minutes": 30},
                ]
            ),
            '[booking] sessions, item 2, slug: "first-with-ben" is the address of ben\'s edition',
        ),
    ],
    ids=[
        "hours",
        "twice",
        "zone",
        "weight",
        "typo",
        "slug",
        "language",
        "cap",
        "unknown coach",
        "assign",
        "program hours",
        "edition slug",
    ],
)
def test_each_mistake_is_named_where_it_was_written(data, line):
    assert f"site.toml, {line}" in error(data)


def test_a_session_listing_coaches_on_a_one_coach_site_is_refused():
    data = tables(sessions=[{"slug": "s", "title": "S", "duration_minutes": 30, "coaches": ["x"]}])
    del data["coaches"]
    data["booking"]["weekly_hours"] = {"mon": ["09:00-12:00"]}
    assert "this site has no [[coaches]]" in error(data)
