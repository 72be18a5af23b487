"""COACH (who the site is about) is checked before any page prints it."""

from __future__ import annotations

import pytest

from plugins.common.config import ConfigError
from plugins.site_extras.coach import check_coach

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


def test_a_good_coach_passes():
    check_coach(GOOD)
    check_coach(None)  # a site without COACH


@pytest.mark.parametrize(
    ("changes", "setting", "problem"),
    [
        ({"social": [("Bad", "javascript:alert(1)")]}, 'COACH["social"][0][1]', "https://"),
        ({"social": [("Bad", "data:text/html,<b>x</b>")]}, 'COACH["social"][0][1]', "https://"),
        ({"social": [("Bad", 'https://x.example/"onmouseover="x')]}, '["social"][0][1]', "https"),
        ({"social": ["https://x.example"]}, 'COACH["social"][0]', "pair"),
        ({"photo": 'coach.svg" onerror="alert(1)'}, 'COACH["photo"]', "a path under content/"),
        ({"photo": "../../etc/passwd"}, 'COACH["photo"]', "a path under content/"),
        ({"email": "a@example.org?cc=x@evil.example&bcc=y@evil.example"}, '["email"]', "email"),
        ({"name": "Eleanor\nHart"}, 'COACH["name"]', "U+000A"),
        ({"nmae": "typo"}, 'COACH["nmae"]', 'did you mean "name"'),
    ],
)
def test_a_bad_value_is_one_line_naming_the_key(changes, setting, problem):
    with pytest.raises(ConfigError) as caught:
        check_coach({**GOOD, **changes})
    assert caught.value.setting.endswith(setting), caught.value.setting
    assert problem in caught.value.problem
    assert "\n" not in str(caught.value)
