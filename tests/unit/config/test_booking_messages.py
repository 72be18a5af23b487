"""Each mistake in [booking] as the exact line the coach reads (the table,
the key she wrote, the item), and what each of its keys becomes when right:
sessions, questions, the form backend, CalDAV, the desk's files, program
sessions across coaches."""

from __future__ import annotations

import pytest

from plugins.config.load import SettingsError, from_tables

COACH = {"name": "Noor Haddad", "email": "noor@haddad.example", "timezone": "Asia/Amman"}
SESSION = {"slug": "intro", "title": "Intro", "duration_minutes": 30}
HOURS = {"mon": ["09:00-12:00"]}
CALDAV = {
    "url": "https://dav.example.org/cal/",
    "username": "noor",
    "password_env": "DAV_PASSWORD",
    "calendars": ["Work", "Home"],
}
TEAM = [
    {
        "slug": slug,
        "name": slug.title(),
        "email": f"{slug}@program.example",
        "timezone": "UTC",
        "weekly_hours": HOURS,
    }
    for slug in ("amara", "ben")
]
B = "site.toml, [booking]"


def tables(team: list | None = None, **booking) -> dict:
    found = {"weekly_hours": HOURS, "sessions": [SESSION]} if team is None else {}
    found.setdefault("sessions", [SESSION])
    found.update(booking)
    result = {"coach": COACH, "booking": found}
    if team is not None:
        result["coaches"] = team
    return result


def caldav(**changes) -> dict:
    """[booking.caldav] with `changes`; a key given as None is left out."""
    return {k: v for k, v in {**CALDAV, **changes}.items() if v is not None}


def session(**changes) -> dict:
    return {**SESSION, **changes}


def question(**changes) -> dict:
    return {"label": "Your role", **changes}


CASES = {
    "organizer not a table": (
        tables(organizer="noor"),
        f'{B} organizer: must be {{"name": ..., "email": ...}}',
    ),
    "organizer unknown key": (
        tables(organizer={"name": "N", "email": "n@h.example", "phone": "1"}),
        f"{B} organizer.phone: unknown setting",
    ),
    "organizer without email": (
        tables(organizer={"name": "N"}),
        f"{B} organizer.email: missing (it is required)",
    ),
    "organizer without name": (
        tables(organizer={"email": "n@h.example"}),
        f"{B} organizer.name: missing (it is required)",
    ),
    "sessions empty": (
        tables(sessions=[]),
        f"{B} sessions: must be a list with at least one session",
    ),
    "session not a table": (tables(sessions=["intro"]), f"{B} sessions, item 1: must be a dict"),
    "session unknown key": (
        tables(sessions=[session(colour="red")]),
        f"{B} sessions, item 1, colour: unknown setting",
    ),
    "session slug not text": (
        tables(sessions=[session(slug=5)]),
        f"{B} sessions, item 1, slug: must be non-empty text, not 5",
    ),
    "session without title": (
        tables(sessions=[{"slug": "intro", "duration_minutes": 30}]),
        f"{B} sessions, item 1, title: missing (it is required)",
    ),
    "session price negative": (
        tables(sessions=[session(price=-1)]),
        f"{B} sessions, item 1, price: must be a number 0 or more, not -1",
    ),
    "notice negative": (
        tables(minimum_notice_hours=-1),
        f"{B} minimum_notice_hours: must be a number 0 or more, not -1",
    ),
    "buffer before negative": (
        tables(sessions=[session(buffer_before_minutes=-5)]),
        f"{B} sessions, item 1, buffer_before_minutes: must be a whole number 0 or more, not -5",
    ),
    "buffer after negative": (
        tables(buffer_after_minutes=-5),
        f"{B} buffer_after_minutes: must be a whole number 0 or more, not -5",
    ),
    "cap zero": (
        tables(sessions=[session(max_per_day=0)]),
        f"{B} sessions, item 1, max_per_day: must be a whole number greater than 0, not 0",
    ),
    "cap fraction": (
        tables(max_per_day=2.5),
        f"{B} max_per_day: must be a whole number greater than 0, not 2.5",
    ),
    "horizon negative": (
        tables(horizon_days=-1),
        f"{B} horizon_days: must be a whole number 0 or more, not -1",
    ),
    "questions not a list": (
        tables(sessions=[session(questions="role")]),
        f"{B} sessions, item 1, questions: must be a list of at most 10 questions like "
        '{"label": "Your role"}',
    ),
    "too many questions": (
        tables(sessions=[session(questions=[question(label=f"Q{n}") for n in range(11)])]),
        f"{B} sessions, item 1, questions: must be a list of at most 10 questions like "
        '{"label": "Your role"}',
    ),
    "question not a table": (
        tables(sessions=[session(questions=["Your role"])]),
        f'{B} sessions, item 1, questions, item 1: must be a dict like {{"label": "Your role"}}',
    ),
    "question label not text": (
        tables(sessions=[session(questions=[question(label=3)])]),
        f"{B} sessions, item 1, questions, item 1, label: must be non-empty text, not 3",
    ),
    "question label with a bracket": (
        tables(sessions=[session(questions=[question(label="Role [optional]")])]),
        f"{B} sessions, item 1, questions, item 1, label: "
        "'Role [optional]' must not contain : or [",
    ),
    "choice option not text": (
        tables(sessions=[session(questions=[question(type="choice", options=["A", 2])])]),
        f"{B} sessions, item 1, questions, item 1, options, item 2: must be non-empty text, not 2",
    ),
    "choice option with a slash": (
        tables(sessions=[session(questions=[question(type="choice", options=["A", "B/C"])])]),
        f"{B} sessions, item 1, questions, item 1, options, item 2: "
        "'B/C' must not contain / ( ) [ or ]",
    ),
    "form action http": (
        tables(request_form_action="http://forms.example.net/f"),
        f"{B} request_form_action: must be an https:// URL (http:// only for 127.0.0.1 or "
        "localhost), not 'http://forms.example.net/f'",
    ),
    "form action with a space": (
        tables(request_form_action="https://forms.example.net/f x"),
        f"{B} request_form_action: must be an https:// URL (http:// only for 127.0.0.1 or "
        "localhost), not 'https://forms.example.net/f x'",
    ),
    "form action without host": (
        tables(request_form_action="https:///f"),
        f"{B} request_form_action: must be an https:// URL (http:// only for 127.0.0.1 or "
        "localhost), not 'https:///f'",
    ),
    "form action a number": (
        tables(request_form_action=5),
        f"{B} request_form_action: must be an https:// URL (http:// only for 127.0.0.1 or "
        "localhost), not 5",
    ),
    "form action unprintable": (
        tables(request_form_action="https://f.example/\x1b"),
        f"{B} request_form_action: must be an https:// URL (http:// only for 127.0.0.1 or "
        "localhost), not 'https://f.example/\\x1b'",
    ),
    "form action http elsewhere than here": (
        tables(request_form_action="http://10.0.0.1/f"),
        f"{B} request_form_action: must be an https:// URL (http:// only for 127.0.0.1 or "
        "localhost), not 'http://10.0.0.1/f'",
    ),
    "ledger a URL": (
        tables(ledger="https://x.example/l.ics"),
        f"{B} ledger: must be a local path, not 'https://x.example/l.ics'",
    ),
    "outbox a URL": (
        tables(outbox="s3://bucket/outbox"),
        f"{B} outbox: must be a local path, not 's3://bucket/outbox'",
    ),
    "outbox not text": (tables(outbox=4), f"{B} outbox: must be non-empty text, not 4"),
    "consent page a URL": (
        tables(consent_page="https://x.example/p"),
        f"{B} consent_page: must be a path of your site like pages/privacy.html, not "
        "'https://x.example/p'",
    ),
    "consent page protocol-relative": (
        tables(consent_page="//x.example/p"),
        f"{B} consent_page: must be a path of your site like pages/privacy.html, not "
        "'//x.example/p'",
    ),
    "consent page with a quote": (
        tables(consent_page='pages/p"x.html'),
        f"{B} consent_page: must be a path of your site like pages/privacy.html, not "
        "'pages/p\"x.html'",
    ),
    "consent page not text": (
        tables(consent_page=1),
        f"{B} consent_page: must be non-empty text, not 1",
    ),
    "keep days zero": (
        tables(keep_client_data_days=0),
        f"{B} keep_client_data_days: must be a whole number greater than 0, not 0",
    ),
    "keep days fraction": (
        tables(keep_client_data_days=30.5),
        f"{B} keep_client_data_days: must be a whole number greater than 0, not 30.5",
    ),
    "key variable not a name": (
        tables(ledger_key_env="my key"),
        f"{B} ledger_key_env: ",
    ),
    "cutoff negative": (
        tables(self_service_cutoff_hours=-1),
        f"{B} self_service_cutoff_hours: must be a number 0 or more, not -1",
    ),
    "cutoff beyond the horizon": (
        tables(self_service_cutoff_hours=24 * 3660 + 1),
        f"{B} self_service_cutoff_hours: must be at most 87,840, not 87,841",
    ),
    "caldav not a table": (
        tables(caldav="https://dav.example.org"),
        f'{B} caldav: must be a dict like {{"url": ..., "username": ..., "password_env": ...}}',
    ),
    "caldav unknown key": (tables(caldav=caldav(pasword="x")), f"{B} caldav.pasword: "),
    "caldav without url": (
        tables(caldav=caldav(url=None)),
        f"{B} caldav.url: missing (it is required)",
    ),
    "caldav url not an address": (
        tables(caldav=caldav(url="dav.example.org")),
        f"{B} caldav.url: must be the server's https:// address (from your provider)",
    ),
    "caldav url ftp": (
        tables(caldav=caldav(url="ftp://dav.example.org/")),
        f"{B} caldav.url: must be the server's https:// address (from your provider)",
    ),
    "caldav plain http": (
        tables(caldav=caldav(url="http://dav.example.org/")),
        f"{B} caldav.url: http:// would send your password unencrypted; use https://",
    ),
    "caldav password in the url": (
        tables(caldav=caldav(url="https://noor:pw@dav.example.org/")),
        f"{B} caldav.url: must not contain a user name or password; use username",
    ),
    "caldav user in the url": (
        tables(caldav=caldav(url="https://noor@dav.example.org/")),
        f"{B} caldav.url: must not contain a user name or password; use username",
    ),
    "caldav calendars text": (
        tables(caldav=caldav(calendars="Work")),
        f'{B} caldav.calendars: must be a list of calendar names, e.g. ["Work"]; bookings go '
        "into the first",
    ),
    "caldav calendars empty": (
        tables(caldav=caldav(calendars=[])),
        f'{B} caldav.calendars: must be a list of calendar names, e.g. ["Work"]; bookings go '
        "into the first",
    ),
    "caldav calendars missing": (
        tables(caldav=caldav(calendars=None)),
        f"{B} caldav.calendars: missing (it is required)",
    ),
    "caldav calendar name not text": (
        tables(caldav=caldav(calendars=["Work", 7])),
        f"{B} caldav.calendars, item 2: must be non-empty text, not 7",
    ),
    "caldav without username": (
        tables(caldav=caldav(username=None)),
        f"{B} caldav.username: missing (it is required)",
    ),
    "caldav username not text": (
        tables(caldav=caldav(username=3)),
        f"{B} caldav.username: must be non-empty text, not 3",
    ),
    "caldav without password variable": (
        tables(caldav=caldav(password_env=None)),
        f"{B} caldav.password_env: missing (it is required)",
    ),
    "caldav password variable not a name": (
        tables(caldav=caldav(password_env="my password")),
        f"{B} caldav.password_env: ",
    ),
    "assign without coaches": (
        tables(sessions=[session(assign="all")]),
        f"{B} sessions, item 1, assign: needs coaches = [...] and [[coaches]]",
    ),
    "coaches on a one-coach site": (
        tables(sessions=[session(coaches=["amara"])]),
        f"{B} sessions, item 1, coaches: this site has no [[coaches]]; add them, or remove "
        "this line",
    ),
    "coaches as text": (
        tables(TEAM, sessions=[session(coaches="amara")]),
        f'{B} sessions, item 1, coaches: must be a list of coach slugs like ["amara"]',
    ),
    "coaches empty": (
        tables(TEAM, sessions=[session(coaches=[])]),
        f'{B} sessions, item 1, coaches: must be a list of coach slugs like ["amara"]',
    ),
    "coach misspelt": (
        tables(TEAM, sessions=[session(coaches=["amara", "benn"])]),
        f"{B} sessions, item 1, coaches, item 2: 'benn' is not a coach (did you mean \"ben\"?)",
    ),
    "coach unknown": (
        tables(TEAM, sessions=[session(coaches=["zed"])]),
        f"{B} sessions, item 1, coaches, item 1: 'zed' is not a coach (amara, ben)",
    ),
    "coach twice": (
        tables(TEAM, sessions=[session(), session(slug="pair", coaches=["ben", "amara", "ben"])]),
        f"{B} sessions, item 2, coaches, item 3: 'ben' is listed twice",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_booking_mistake_is_its_own_line(case):
    data, line = CASES[case]
    with pytest.raises(SettingsError) as caught:
        from_tables(data)
    found = caught.value.lines
    assert len(found) == 1, found
    if line.endswith(": "):  # the key named; the validator's own words tested elsewhere
        assert found[0].startswith(line), found
    else:
        assert found[0] == line


def test_what_the_booking_keys_become_when_right():
    booking = from_tables(
        tables(
            request_form_action="http://127.0.0.1:8025/f",
            ledger="private/ledger.ics",
            outbox="private/outbox",
            caldav=CALDAV,
            consent_page="/pages/privacy.html",
            keep_client_data_days=90,
            ledger_key_env="MY_LEDGER_KEY",
            self_service_cutoff_hours=12,
            sessions=[session(questions=[question(type="choice", options=["A", "B"])])],
        )
    ).booking
    assert booking.request_form_action == "http://127.0.0.1:8025/f"
    assert (booking.ledger, booking.outbox) == ("private/ledger.ics", "private/outbox")
    assert booking.caldav.url == CALDAV["url"] and booking.caldav.username == "noor"
    assert booking.caldav.password_env == "DAV_PASSWORD"
    assert booking.caldav.calendars == ("Work", "Home")
    assert booking.consent_page == "pages/privacy.html"
    assert (booking.keep_client_data_days, booking.ledger_key_env) == (90, "MY_LEDGER_KEY")
    assert booking.self_service_cutoff_hours == 12
    (q,) = booking.sessions[0].questions
    assert (q.label, q.kind, q.options, q.required) == ("Your role", "choice", ("A", "B"), False)


def test_a_local_form_backend_may_be_plain_http_on_localhost_only():
    assert from_tables(tables(request_form_action="http://localhost/f")).booking.request_form_action
    assert from_tables(
        tables(request_form_action="https://f.example/x")
    ).booking.request_form_action


def test_the_defaults_of_the_desks_keys():
    booking = from_tables(tables()).booking
    assert booking.request_form_action is None and booking.caldav is None
    assert booking.ledger_key_env is None and booking.consent_page is None
    assert booking.keep_client_data_days == 365
    assert booking.ledger == "bookings/bookings.ics"


def test_a_program_session_names_its_coaches_and_each_can_be_looked_up():
    booking = from_tables(
        tables(TEAM, sessions=[session(), session(slug="pair", coaches=["ben"], assign="all")])
    ).booking
    assert booking.coach("ben").email == "ben@program.example"
    assert booking.coach("amara").email == "amara@program.example"
    pair = next(s for s in booking.sessions if s.slug == "pair")
    assert (pair.coaches, pair.assign) == (("ben",), "all")
