"""The BOOKING settings contract: defaults, overrides and every bad input."""

from __future__ import annotations

import pytest

from plugins.config.booking import parse_settings
from plugins.config.errors import ConfigError
from plugins.config.hours import Window
from tests.support.booking_settings import booking


@pytest.fixture
def raw() -> dict:
    return booking()


def test_defaults_fill_every_optional_setting(raw):
    settings = parse_settings(raw)
    session = settings.sessions[0]
    assert settings.busy_calendars == ()
    assert dict(settings.hours.overrides) == {}
    assert settings.busy_timeout_seconds == 10
    assert session.minimum_notice_hours == 24
    assert session.horizon_days == 28
    assert session.interval_minutes == 30  # = duration when not set
    assert (session.buffer_before_minutes, session.buffer_after_minutes) == (0, 0)
    assert session.max_per_day is None
    assert session.price == 0
    assert "Dr. Eleanor Hart" in session.description
    assert session.location


def test_top_level_values_are_defaults_and_session_keys_win():
    raw = booking(interval_minutes=15, buffer_after_minutes=10, horizon_days=14, max_per_day=3)
    raw["sessions"].append(
        {
            "slug": "deep",
            "title": "Deep dive",
            "duration_minutes": 60,
            "interval_minutes": 60,
            "buffer_after_minutes": 0,
            "max_per_day": 1,
            "minimum_notice_hours": 48,
        }
    )
    first, second = parse_settings(raw).sessions
    assert (first.interval_minutes, first.buffer_after_minutes, first.max_per_day) == (15, 10, 3)
    assert (second.interval_minutes, second.buffer_after_minutes, second.max_per_day) == (60, 0, 1)
    assert (first.minimum_notice_hours, second.minimum_notice_hours) == (24, 48)
    assert first.horizon_days == second.horizon_days == 14


def test_windows_parse_to_minutes_and_24_00_is_midnight_at_the_end():
    raw = booking(weekly_hours={"sat": ["18:00-24:00", "00:00-06:30"]})
    weekly = parse_settings(raw).hours.weekly
    assert weekly[5] == (Window(0, 390), Window(1080, 1440))
    assert weekly[0] == ()  # a missing day is unavailable


def test_overrides_replace_the_weekday_and_empty_means_closed():
    from datetime import date

    raw = booking(date_overrides={"2026-11-23": [], "2026-11-28": ["10:00-12:00"]})
    hours = parse_settings(raw).hours
    assert hours.windows_on(date(2026, 11, 23)) == ()  # a Monday, closed
    assert hours.windows_on(date(2026, 11, 28)) == (Window(600, 720),)  # a Saturday, opened
    assert hours.windows_on(date(2026, 11, 30)) == (Window(540, 720), Window(780, 1020))


def test_questions_consent_page_and_cutoff():
    raw = _session(
        questions=[
            {"label": "Your specialty"},
            {"label": "Your role", "type": "choice", "options": ["Resident", "Attending"]},
            {"label": "First session", "type": "checkbox", "required": True},
        ]
    )
    raw.update(consent_page="/pages/privacy.html", self_service_cutoff_hours=6)
    settings = parse_settings(raw)
    text, choice, checkbox = settings.sessions[0].questions
    assert (text.kind, text.options, text.required) == ("text", (), False)
    assert (choice.kind, choice.options) == ("choice", ("Resident", "Attending"))
    assert (checkbox.kind, checkbox.required) == ("checkbox", True)
    assert [q.field(i) for i, q in enumerate(settings.sessions[0].questions)] == ["q1", "q2", "q3"]
    assert settings.consent_page == "pages/privacy.html"
    assert settings.self_service_cutoff_hours == 6
    defaults = parse_settings(booking())
    assert defaults.sessions[0].questions == () and defaults.consent_page is None
    assert defaults.self_service_cutoff_hours == 24


def _session(**keys) -> dict:
    return booking(sessions=[{"slug": "discovery", "title": "T", "duration_minutes": 30, **keys}])


BAD = {
    "unknown time zone": (
        booking(timezone="America/NewYork"),
        "[booking] timezone: unknown time zone 'America/NewYork' "
        '(did you mean "America/New_York"?)',
    ),
    "reversed window": (
        booking(weekly_hours={"mon": ["09:00-12:00", "17:00-09:00"]}),
        '[booking] weekly_hours.mon, item 2: "17:00-09:00" ends before it starts',
    ),
    "empty window": (
        booking(weekly_hours={"mon": ["09:00-09:00"]}),
        '[booking] weekly_hours.mon, item 1: "09:00-09:00" ends before it starts',
    ),
    "malformed window": (
        booking(weekly_hours={"tue": ["9-12"]}),
        "[booking] weekly_hours.tue, item 1: '9-12' must look like \"09:00-12:00\"",
    ),
    "impossible time": (
        booking(weekly_hours={"tue": ["09:00-24:30"]}),
        '[booking] weekly_hours.tue, item 1: "09:00-24:30" is not a time of day (00:00-24:00)',
    ),
    "24:00 as a start": (
        booking(weekly_hours={"tue": ["24:00-24:00"]}),
        '[booking] weekly_hours.tue, item 1: "24:00-24:00" is not a time of day (00:00-24:00)',
    ),
    "hours not a list": (
        booking(weekly_hours={"tue": "09:00-12:00"}),
        '[booking] weekly_hours.tue: must be a list like ["09:00-12:00"] ([] = closed)',
    ),
    "overlapping windows": (
        booking(weekly_hours={"mon": ["09:00-12:00", "11:00-14:00"]}),
        '[booking] weekly_hours.mon, item 2: "11:00-14:00" overlaps another window',
    ),
    "unknown weekday key": (
        booking(weekly_hours={"monday": ["09:00-12:00"]}),
        '[booking] weekly_hours.monday: unknown setting (did you mean "mon"?)',
    ),
    "bad override date": (
        booking(date_overrides={"2026-02-30": []}),
        "[booking] date_overrides.2026-02-30: not a date; write YYYY-MM-DD",
    ),
    "override date in another format": (
        booking(date_overrides={"24/12/2026": []}),
        "[booking] date_overrides.24/12/2026: not a date; write YYYY-MM-DD",
    ),
    "bad override window": (
        booking(date_overrides={"2026-12-30": ["12:00-10:00"]}),
        '[booking] date_overrides.2026-12-30, item 1: "12:00-10:00" ends before it starts',
    ),
    "zero duration": (
        _session(duration_minutes=0),
        "[booking] sessions, item 1, duration_minutes: must be a whole number "
        "greater than 0, not 0",
    ),
    "negative duration": (
        _session(duration_minutes=-30),
        "[booking] sessions, item 1, duration_minutes: "
        "must be a whole number greater than 0, not -30",
    ),
    "zero interval (top level)": (
        booking(interval_minutes=0),
        "[booking] interval_minutes: must be a whole number greater than 0, not 0",
    ),
    "negative interval (session)": (
        _session(interval_minutes=-5),
        "[booking] sessions, item 1, interval_minutes: must be a whole number "
        "greater than 0, not -5",
    ),
    "negative buffer before": (
        booking(buffer_before_minutes=-1),
        "[booking] buffer_before_minutes: must be a whole number 0 or more, not -1",
    ),
    "negative buffer after": (
        _session(buffer_after_minutes=-15),
        "[booking] sessions, item 1, buffer_after_minutes: must be a whole "
        "number 0 or more, not -15",
    ),
    "negative notice": (
        booking(minimum_notice_hours=-2),
        "[booking] minimum_notice_hours: must be a number 0 or more, not -2",
    ),
    "negative horizon": (
        booking(horizon_days=-1),
        "[booking] horizon_days: must be a whole number 0 or more, not -1",
    ),
    "duration as text": (
        _session(duration_minutes="30"),
        "[booking] sessions, item 1, duration_minutes: "
        "must be a whole number greater than 0, not '30'",
    ),
    "missing slug": (
        booking(sessions=[{"title": "T", "duration_minutes": 30}]),
        "[booking] sessions, item 1, slug: missing (it is required)",
    ),
    "duplicate slug": (
        booking(
            sessions=[
                {"slug": "a", "title": "A", "duration_minutes": 30},
                {"slug": "a", "title": "B", "duration_minutes": 60},
            ]
        ),
        '[booking] sessions, item 2, slug: "a" is the slug of session 1 too',
    ),
    "slug unsafe in a URL": (
        booking(sessions=[{"slug": "Discovery Call", "title": "A", "duration_minutes": 30}]),
        "[booking] sessions, item 1, slug: "
        '"Discovery Call" must be lowercase letters, digits and dashes',
    ),
    "no sessions": (
        booking(sessions=[]),
        "[booking] sessions: must be a list with at least one session",
    ),
    "missing timezone": (booking(timezone=None), "[booking] timezone: missing (it is required)"),
    "missing weekly hours": (
        booking(weekly_hours=None),
        "[booking] weekly_hours: missing (it is required)",
    ),
    "missing organizer": (
        booking(organizer=None),
        "[booking] organizer: missing (it is required)",
    ),
    "bad organizer email": (
        booking(organizer={"name": "E", "email": "not-an-address"}),
        "[booking] organizer.email: 'not-an-address' is not an email address"
        " like ada@example.org (letters, digits and . _ + - ' before the @)",
    ),
    "misspelt setting": (
        booking(buffer_afer_minutes=15),
        '[booking] buffer_afer_minutes: unknown setting (did you mean "buffer_after_minutes"?)',
    ),
    "unsupported busy scheme": (
        booking(busy_calendars=["ftp://example.org/busy.ics"]),
        "[booking] busy_calendars, item 1: ftp:// is not supported; use a path or https://",
    ),
    "zero busy timeout": (
        booking(busy_timeout_seconds=0),
        "[booking] busy_timeout_seconds: must be a number greater than 0, not 0",
    ),
    "no BOOKING at all": (None, "[booking]: missing, or not a table; see docs/booking.md"),
    "unknown question type": (
        _session(questions=[{"label": "Your role"}, {"label": "Field", "type": "radio"}]),
        "[booking] sessions, item 1, questions, item 2, type: "
        'must be "text", "choice" or "checkbox", not \'radio\'',
    ),
    "choice with one option": (
        _session(questions=[{"label": "Your role", "type": "choice", "options": ["Resident"]}]),
        "[booking] sessions, item 1, questions, item 1, options: "
        'a "choice" needs a list of at least two options',
    ),
    "options on a text question": (
        _session(questions=[{"label": "Your role", "options": ["A", "B"]}]),
        "[booking] sessions, item 1, questions, item 1, options: only a "
        '"choice" question has options',
    ),
    "question without a label": (
        _session(questions=[{"type": "text"}]),
        "[booking] sessions, item 1, questions, item 1, label: missing (it is required)",
    ),
    "colon in a question label": (
        _session(questions=[{"label": "Role: resident?"}]),
        "[booking] sessions, item 1, questions, item 1, label: "
        "'Role: resident?' must not contain : or [",
    ),
    "required as text": (
        _session(questions=[{"label": "Your role", "required": "yes"}]),
        "[booking] sessions, item 1, questions, item 1, required: must be true or false, not 'yes'",
    ),
    "misspelt question key": (
        _session(questions=[{"lable": "Your role"}]),
        "[booking] sessions, item 1, questions, item 1, lable: unknown setting "
        '(did you mean "label"?)',
    ),
    "questions not a list": (
        _session(questions="Your role"),
        "[booking] sessions, item 1, questions: "
        'must be a list of at most 10 questions like {"label": "Your role"}',
    ),
    "consent page as a URL": (
        booking(consent_page="https://example.org/privacy/"),
        "[booking] consent_page: must be a path of your site like pages/privacy.html, "
        "not 'https://example.org/privacy/'",
    ),
}


@pytest.mark.parametrize(("raw", "message"), BAD.values(), ids=BAD.keys())
def test_bad_input_is_one_line_naming_the_setting(raw, message):
    with pytest.raises(ConfigError) as caught:
        parse_settings(raw)
    assert str(caught.value) == message
    assert "\n" not in str(caught.value)
    assert caught.value.setting == message.split(": ", 1)[0]


def test_special_days_are_date_overrides_written_as_a_list():
    from datetime import date

    settings = parse_settings(
        booking(
            special_days=[
                {"date": "2026-12-24", "hours": []},
                {"date": date(2026, 12, 30), "hours": ["10:00-12:00"]},
            ],
            date_overrides={"2026-12-31": []},
        )
    )
    assert dict(settings.hours.overrides) == {
        date(2026, 12, 24): (),
        date(2026, 12, 30): (Window(600, 720),),
        date(2026, 12, 31): (),
    }


@pytest.mark.parametrize(
    ("special_days", "message"),
    [
        ("2026-12-24", "[booking] special_days: must be a list"),
        ([{"date": "24/12/2026"}], "[booking] special_days, item 1, date: not a date"),
        ([{"date": "2026-12-24", "hours": ["9-12"]}], "hours, item 1: '9-12' must look like"),
        ([{"day": "2026-12-24"}], "[booking] special_days, item 1, day"),
        ([{"date": "2026-12-31"}], "2026-12-31 is given twice (special_days, date_overrides)"),
    ],
)
def test_a_wrong_special_day_names_itself(special_days, message):
    with pytest.raises(ConfigError) as caught:
        parse_settings(booking(special_days=special_days, date_overrides={"2026-12-31": []}))
    assert message in str(caught.value)
