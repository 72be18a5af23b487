"""Each mistake in a [[coaches]] entry as the exact line the program's
administrator reads, and what a form left empty means."""

from __future__ import annotations

import pytest

from plugins.config.coaches import stand_ins
from plugins.config.load import SettingsError, from_tables

HEAD = "site.toml, [[coaches]] item 1"
DROP = object()


def coach(**changes) -> dict:
    base = {
        "slug": "amara",
        "name": "Dr. A",
        "email": "a@program.example",
        "timezone": "America/Chicago",
        "weekly_hours": {"mon": ["09:00-12:00"]},
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not DROP}


def tables(coaches) -> dict:
    return {
        "coach": {"name": "P", "email": "p@example.org", "timezone": "UTC"},
        "coaches": coaches,
        "booking": {"sessions": [{"slug": "s", "title": "S", "duration_minutes": 30}]},
    }


CASES = {
    "not a list": (
        "amara",
        "site.toml, [[coaches]]: write each coach as [[coaches]] with slug, ...",
    ),
    "not a table": (
        ["amara"],
        f"{HEAD}: must be a table: slug, name, email, timezone, weekly_hours",
    ),
    "no slug": ([coach(slug=DROP)], f"{HEAD}, slug: missing (it is required)"),
    "no name": ([coach(name=DROP)], f"{HEAD}, name: missing (it is required)"),
    "no email": ([coach(email=DROP)], f"{HEAD}, email: missing (it is required)"),
    "no zone": ([coach(timezone=DROP)], f"{HEAD}, timezone: missing (it is required)"),
    "no hours": ([coach(weekly_hours=DROP)], f"{HEAD}, weekly_hours: missing (it is required)"),
    "photo path": (
        [coach(photo="../secret.jpg")],
        f"{HEAD}, photo: '../secret.jpg' must be a path under content/ like images/amara.jpg",
    ),
    "photo text": ([coach(photo=3)], f"{HEAD}, photo: must be non-empty text, not 3"),
    "languages text": (
        [coach(languages="en")],
        f'{HEAD}, languages: must be a list like ["en", "fr"], not \'en\'',
    ),
    "language code": (
        [coach(languages=["en", "xx-notalanguage!"])],
        f"{HEAD}, languages, item 2: 'xx-notalanguage!' is not a language code "
        "like en, fr or pt_BR",
    ),
    "language empty": (
        [coach(languages=[""])],
        f"{HEAD}, languages, item 1: must be non-empty text, not ''",
    ),
    "priority float": (
        [coach(priority=1.5)],
        f"{HEAD}, priority: must be a whole number like 0 or 1, not 1.5",
    ),
    "priority bool": (
        [coach(priority=True)],
        f"{HEAD}, priority: must be a whole number like 0 or 1, not True",
    ),
    "priority high": (
        [coach(priority=1001)],
        f"{HEAD}, priority: must be a whole number like 0 or 1, not 1001",
    ),
    "priority low": (
        [coach(priority=-1001)],
        f"{HEAD}, priority: must be a whole number like 0 or 1, not -1001",
    ),
    "weight high": ([coach(weight=101)], f"{HEAD}, weight: must be at most 100, not 101"),
    "notice high": (
        [coach(minimum_notice_hours=10**9)],
        f"{HEAD}, minimum_notice_hours: must be at most 87,840, not 1e+09",
    ),
    "buffer float": (
        [coach(buffer_after_minutes=2.5)],
        f"{HEAD}, buffer_after_minutes: must be a whole number 0 or more, not 2.5",
    ),
    "cap zero": (
        [coach(max_per_day=0)],
        f"{HEAD}, max_per_day: must be a whole number greater than 0, not 0",
    ),
    "joined": ([coach(joined="next week")], f"{HEAD}, joined: not a date; write YYYY-MM-DD"),
    "credentials": ([coach(credentials=5)], f"{HEAD}, credentials: must be non-empty text, not 5"),
    "bio language": (
        [coach(bio={"de": "Hallo"})],
        f"{HEAD}, bio.de: 'de' is not a language of this site (en)",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_mistake_is_its_exact_line(case):
    coaches, line = CASES[case]
    with pytest.raises(SettingsError) as caught:
        from_tables(tables(coaches))
    assert caught.value.lines[0] == line


def test_the_edges_that_are_right():
    [amara] = from_tables(
        tables(
            [
                coach(
                    priority=1000,
                    weight=100,
                    photo="images/amara.jpg",
                    languages=["pt-BR", "fr"],
                    max_per_day=1,
                    minimum_notice_hours=87_840,
                )
            ]
        )
    ).coaches
    assert (amara.priority, amara.weight, amara.photo) == (1000, 100, "images/amara.jpg")
    assert amara.languages == ("pt-BR", "fr")
    assert dict(amara.rules) == {"max_per_day": 1, "minimum_notice_hours": 87_840}
    [low] = from_tables(tables([coach(priority=-1000)])).coaches
    assert low.priority == -1000 and low.photo == "" and low.rules == {}


def test_what_a_form_left_empty_is_as_if_not_written():
    [amara] = from_tables(
        tables([coach(photo="", credentials="", bio={"en": ""}, photo_alt="", weight="")])
    ).coaches
    assert (amara.photo, amara.credentials, amara.bio, amara.photo_alt) == ("", "", "", "")
    assert amara.weight == 1
    with pytest.raises(SettingsError) as caught:
        from_tables(tables([coach(slug="")]))
    assert caught.value.lines[0] == f"{HEAD}, slug: must be non-empty text, not ''"


def test_stand_ins_keep_the_slugs_she_wrote():
    found = stand_ins([{"slug": "amara"}, "junk", {"name": "no slug"}, {"slug": "ben"}])
    assert [(c.slug, c.name, c.index) for c in found] == [("amara", "amara", 0), ("ben", "ben", 3)]
    assert all(c.timezone == "UTC" and c.hours.weekly == ((),) * 7 for c in found)
    assert stand_ins("not a list") == ()
