"""[coach] (who the site is about) is checked before any page prints it."""

from __future__ import annotations

import pytest

from plugins.config.coach import parse_coach
from plugins.config.errors import ConfigError

GOOD = {
    "name": "Dr. Eleanor Hart",
    "credentials": "MD",
    "tagline": "Coaching for physicians",
    "photo": "images/coach.svg",
    "photo_alt": "Portrait",
    "email": "hello@hartcoaching.example",
    "location": "Hartford, Connecticut, USA",
    "timezone": "America/New_York",
    "social": [("LinkedIn", "https://www.linkedin.com/in/x"), ("Email", "mailto:a@example.org")],
}


def test_a_good_coach_is_read_into_a_frozen_coach():
    coach = parse_coach(GOOD)
    assert (coach.name, coach.photo, coach.timezone) == (
        "Dr. Eleanor Hart",
        "images/coach.svg",
        "America/New_York",
    )
    assert coach.social == tuple(GOOD["social"])
    assert parse_coach(None).name == ""  # a site without [coach]
    toml_form = [{"label": "LinkedIn", "url": "https://www.linkedin.com/in/x"}]
    assert parse_coach({**GOOD, "social": toml_form}).social == (GOOD["social"][0],)


@pytest.mark.parametrize(
    ("changes", "setting", "problem"),
    [
        (
            {"social": [("Bad", "javascript:alert(1)")]},
            "[coach] social, item 1, url",
            "https://",
        ),
        (
            {"social": [("Bad", "data:text/html,<b>x</b>")]},
            "[coach] social, item 1, url",
            "https://",
        ),
        (
            {"social": [("Bad", 'https://x.example/"onmouseover="x')]},
            "social, item 1, url",
            "https",
        ),
        ({"social": ["https://x.example"]}, "[coach] social, item 1", "label ="),
        ({"photo": 'coach.svg" onerror="alert(1)'}, "[coach] photo", "a path under content/"),
        ({"photo": "../../etc/passwd"}, "[coach] photo", "a path under content/"),
        ({"email": "a@example.org?cc=x@evil.example&bcc=y@evil.example"}, "email", "email"),
        ({"name": "Eleanor\nHart"}, "[coach] name", "U+000A"),
        ({"nmae": "typo"}, "[coach] nmae", 'did you mean "name"'),
    ],
)
def test_a_bad_value_is_one_line_naming_the_key(changes, setting, problem):
    with pytest.raises(ConfigError) as caught:
        parse_coach({**GOOD, **changes})
    assert caught.value.setting.endswith(setting), caught.value.setting
    assert problem in caught.value.problem
    assert "\n" not in str(caught.value)
