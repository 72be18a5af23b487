"""Full builds with the booking desk: the ledger's bookings are not offered
(and count towards max_per_day), no client detail reaches the output, CalDAV
busy time and booking events work end to end against a real server
(Radicale), and a ledger or CalDAV problem fails the build closed."""

from __future__ import annotations

import pytest

from tests.support.desk import (
    PASSWORD_ENV,
    build_project,
    free_port,
    make_project,
    radicale,
    run_desk,
    slot_ids,
)
from tests.support.site import sample_settings

CLIENTS = [
    ("Zebediah Quillfeather-Marchbanks", "zq.marchbanks@clients-private.example"),
    ("Philippa Oyelaran-Vasquez", "p.oyelaran@secret-mail.example"),
    ("Cornelius Abernathy-Thistlewood", "cat.cancelled@hidden-client.example"),
]
NOTE = "Private note: referral from Dr. Nightingale-Osei"
REASON = "Cancellation reason mentioning Thistlewood family emergency"
A, B, C = "discovery-20261123T140000Z", "discovery-20261123T160000Z", "discovery-20261130T150000Z"


def _confirm(project, slot, client, *extra, env=None):
    name, address = client
    done = run_desk(
        project, "confirm", "--slot", slot, "--name", name, "--email", address, *extra, env=env
    )
    assert done.returncode == 0, done.stderr
    return done


def _problem_lines(log: str) -> list[str]:
    return [line for line in log.splitlines() if "booking:" in line]


def _published(output) -> list:
    return [p for p in output.rglob("*") if p.is_file()] if output.exists() else []


@pytest.fixture(scope="module")
def booked_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("project"))
    first = build_project(project, project / "before").output
    _confirm(project, A, CLIENTS[0], "--note", NOTE)
    _confirm(project, B, CLIENTS[1])
    _confirm(project, C, CLIENTS[2])
    assert run_desk(project, "cancel", "--slot", C, "--reason", REASON).returncode == 0
    return project, first, build_project(project, project / "after").output


def test_confirmed_slots_are_no_longer_offered_cancelled_ones_are(booked_site):
    _, before, after = booked_site
    assert {A, B, C} <= set(slot_ids(before))
    offered = set(slot_ids(after))
    assert A not in offered and B not in offered and C in offered
    # The buffer after each booking is respected too (15 minutes: 9:30 goes).
    assert "discovery-20261123T143000Z" not in offered
    assert not (after / "book/discovery/20261123T140000Z.ics").exists()


def test_no_client_detail_appears_anywhere_in_the_output(booked_site):
    project, _, after = booked_site
    secrets = [text for client in CLIENTS for text in client] + [NOTE, REASON]
    secrets += [part for name, _ in CLIENTS for part in name.split()[-1].split("-")]
    secrets += ["clients-private", "secret-mail", "hidden-client", "Nightingale"]
    files = _published(after)
    assert len(files) > 100
    for path in files:
        data = path.read_bytes()
        for secret in secrets:
            for form in {
                secret,
                secret.lower(),
                secret.replace(" ", "%20"),
                secret.replace("@", "%40"),
            }:
                assert form.encode() not in data, (path, secret)
    names = {p.name for p in files}
    assert not {"bookings.ics", "bookings.ics.bak"} & names
    assert not [p for p in files if p.suffix == ".eml"]
    # The ledger does hold them: the grep above would have found them if they leaked.
    ledger = (project / "bookings/bookings.ics").read_bytes()
    assert CLIENTS[0][1].encode() in ledger


def test_max_per_day_counts_ledger_bookings(tmp_path):
    pelicanconf = sample_settings()

    session = {**pelicanconf.BOOKING["sessions"][0], "max_per_day": 2}
    project = make_project(tmp_path, sessions=[session])
    _confirm(project, A, CLIENTS[0])
    _confirm(project, B, CLIENTS[1])
    offered = slot_ids(build_project(project, tmp_path / "out").output)
    assert not [s for s in offered if s.startswith("discovery-20261123")]
    assert [s for s in offered if s.startswith("discovery-20261130")]


def test_a_corrupted_ledger_fails_the_build_closed(tmp_path):
    project = make_project(tmp_path)
    _confirm(project, A, CLIENTS[0])
    ledger = project / "bookings/bookings.ics"
    ledger.write_bytes(ledger.read_bytes()[:200])
    result = build_project(project, tmp_path / "out", check=False)
    assert result.returncode == 1
    (line,) = _problem_lines(result.log)
    assert f"bookings ledger {ledger}" in line and "not valid iCalendar" in line
    assert "Traceback" not in result.log
    assert _published(tmp_path / "out") == []


def test_a_ledger_inside_the_content_folder_fails_the_build(tmp_path):
    project = make_project(tmp_path, ledger=str(tmp_path / "content/bookings.ics"))
    result = build_project(project, tmp_path / "out", check=False)
    assert result.returncode == 1
    (line,) = _problem_lines(result.log)
    assert "[booking] ledger" in line and "could be published" in line
    assert _published(tmp_path / "out") == []


# --- CalDAV end to end (Radicale) ---------------------------------------------

BUSY = """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:board-meeting@test
DTSTAMP:20261101T000000Z
DTSTART;TZID=America/New_York:20261130T090000
DTEND;TZID=America/New_York:20261130T110000
RRULE:FREQ=WEEKLY;COUNT=2
SUMMARY:Hospital board meeting (private)
END:VEVENT
END:VCALENDAR
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with radicale(tmp_path_factory.mktemp("radicale")) as running:
        running.calendar("Work").add_event(BUSY)
        running.calendar("Bookings")
        yield running


@pytest.fixture
def caldav_env(server, monkeypatch):
    # build_site passes the test process's environment on to the build.
    monkeypatch.setenv(PASSWORD_ENV, server.password)
    return {PASSWORD_ENV: server.password}


def test_caldav_busy_time_confirm_and_cancel_end_to_end(tmp_path, server, caldav_env):
    from tests.support.desk import desk_env

    caldav = server.settings("Bookings", "Work")
    project = make_project(tmp_path / "p", caldav=caldav)
    # A second project with the same calendars but its own, empty ledger: what
    # it does not offer, only the CalDAV server can have blocked.
    bare = make_project(tmp_path / "bare", caldav=caldav)
    env = desk_env(**caldav_env)

    offered = slot_ids(build_project(project, tmp_path / "1").output)
    busy = [f"discovery-{d}T{t}Z" for d in ("20261130", "20261207") for t in ("140000", "150000")]
    assert not set(busy) & set(offered)  # 9:00-11:00 on both Mondays
    assert "discovery-20261130T160000Z" in offered and "discovery-20261123T140000Z" in offered
    assert "Hospital board" not in (tmp_path / "1/book/discovery/index.html").read_text("utf-8")

    _confirm(project, A, CLIENTS[0], env=env)
    (item,) = server.calendar("Bookings").search(event=True)
    assert str(item.icalendar_component["UID"]) == f"{A}@hartcoaching.example"
    assert A not in slot_ids(build_project(project, tmp_path / "2").output)
    assert A not in slot_ids(build_project(bare, tmp_path / "3").output)

    assert run_desk(project, "cancel", "--slot", A, env=env).returncode == 0
    assert server.calendar("Bookings").search(event=True) == []
    assert A in slot_ids(build_project(bare, tmp_path / "4").output)
    assert A in slot_ids(build_project(project, tmp_path / "5").output)


@pytest.mark.parametrize(
    ("change", "env", "problem"),
    [
        ({}, {PASSWORD_ENV: "wrong-password-8812"}, "refused user 'coach'"),
        ({"url": "http://127.0.0.1:{port}/"}, None, "unreachable"),
        ({}, {}, f"environment variable {PASSWORD_ENV} (password_env) is not set"),
        ({"calendars": ["Nope"]}, None, 'no calendar named "Nope"'),
    ],
)
def test_caldav_problems_fail_the_build_closed(tmp_path, server, monkeypatch, change, env, problem):
    caldav = {**server.settings("Work"), **change}
    caldav["url"] = caldav["url"].format(port=free_port())
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    for key, value in ({PASSWORD_ENV: server.password} if env is None else env).items():
        monkeypatch.setenv(key, value)
    project = make_project(tmp_path, caldav=caldav)
    result = build_project(project, tmp_path / "out", check=False)
    assert result.returncode == 1
    (line,) = _problem_lines(result.log)
    assert "[booking] caldav <http://127.0.0.1:" in line and problem in line
    assert "wrong-password-8812" not in result.log and server.password not in result.log
    assert "Traceback" not in result.log
    assert _published(tmp_path / "out") == []
