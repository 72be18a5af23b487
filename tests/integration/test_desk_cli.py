"""The desk as people run it: `python -m plugins.booking.desk` and the invoke
tasks, in a throwaway project folder; parallel processes never lose a booking."""

from __future__ import annotations

import subprocess
import sys

from plugins.booking.desk import work
from tests.support.desk import (
    PASSWORD_ENV,
    SETTINGS_NAME,
    desk_command,
    desk_env,
    make_project,
    run_desk,
)
from tests.support.site import ROOT

# Free in the sample calendar, an hour apart (never in each other's buffer) and
# at most four a day (the sample's max_per_day).
SLOTS = [f"discovery-{d}T{h}0000Z" for d in ("20261123", "20261130") for h in (14, 15, 16)]


def _ledger(project):
    return work.read(project / "bookings/bookings.ics")


def test_confirm_prints_the_next_steps(tmp_path):
    project = make_project(tmp_path)
    done = run_desk(project, "confirm", "--slot", SLOTS[0], "--name", "Ada", "--email", "a@ex.org")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Confirmed {SLOTS[0]}: Ada <a@ex.org>, Monday, November 23")
    assert "outbox" in done.stdout and "Next:" in done.stdout and done.stderr == ""
    listed = run_desk(project, "bookings")
    assert (
        listed.returncode == 0 and SLOTS[0] in listed.stdout and "Ada <a@ex.org>" in listed.stdout
    )


def test_refusals_are_one_line_on_stderr_with_status_1(tmp_path):
    project = make_project(tmp_path)
    cases = [
        ("confirm", "--slot", "nope", "--name", "A", "--email", "a@ex.org"),
        ("confirm", "--slot", SLOTS[0], "--name", "A", "--email", "not-an-address"),
        ("confirm", "--slot", "discovery-20261124T140000Z", "--name", "A", "--email", "a@ex.org"),
        ("cancel", "--slot", SLOTS[0]),
        ("sync-calendar",),  # without [booking] caldav
    ]
    for args in cases:
        done = run_desk(project, *args)
        assert done.returncode == 1, args
        assert done.stdout == "" and done.stderr.count("\n") == 1, done.stderr
        assert done.stderr.startswith("booking desk: ") and "Traceback" not in done.stderr
    assert not (project / "bookings/bookings.ics").exists()
    assert not (project / "outbox").exists()


def test_a_missing_settings_file_is_one_line(tmp_path):
    done = run_desk(tmp_path, "bookings")
    assert done.returncode == 1 and f"settings file {SETTINGS_NAME} not found" in done.stderr


def test_a_missing_caldav_password_variable_is_named(tmp_path):
    caldav = {
        "url": "http://127.0.0.1:9/",
        "username": "coach",
        "password_env": PASSWORD_ENV,
        "calendars": ["Work"],
    }
    project = make_project(tmp_path, caldav=caldav)
    done = run_desk(project, "confirm", "--slot", SLOTS[0], "--name", "A", "--email", "a@ex.org")
    assert done.returncode == 1
    assert f"the environment variable {PASSWORD_ENV} (password_env) is not set" in done.stderr
    assert done.stderr.count("\n") == 1 and not (project / "bookings/bookings.ics").exists()


def test_parallel_confirms_of_different_slots_all_survive(tmp_path):
    """Six processes start together; without the lock, each would read the
    ledger before the others wrote and all but one booking would be lost."""
    project = make_project(tmp_path)
    processes = [
        subprocess.Popen(
            desk_command(
                "confirm", "--slot", slot, "--name", f"Client {i}", "--email", f"c{i}@ex.org"
            ),
            cwd=project,
            env=desk_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i, slot in enumerate(SLOTS)
    ]
    results = [(p.wait(timeout=120), p.stderr.read()) for p in processes]
    for p in processes:
        p.stdout.close()
        p.stderr.close()
    assert [code for code, _ in results] == [0] * len(SLOTS), results
    entries = _ledger(project).entries
    assert sorted(e.slot_id for e in entries) == SLOTS
    assert {e.email for e in entries} == {f"c{i}@ex.org" for i in range(len(SLOTS))}
    assert len(list((project / "outbox").glob("*.eml"))) == len(SLOTS)


def test_parallel_confirms_of_the_same_slot_book_it_once(tmp_path):
    project = make_project(tmp_path)
    processes = [
        subprocess.Popen(
            desk_command(
                "confirm", "--slot", SLOTS[0], "--name", f"C{i}", "--email", f"c{i}@x.org"
            ),
            cwd=project,
            env=desk_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(4)
    ]
    codes = sorted(p.wait(timeout=120) for p in processes)
    errors = [p.stderr.read() for p in processes]
    for p in processes:
        p.stderr.close()
    assert codes == [0, 1, 1, 1]
    assert sum("already booked" in e for e in errors) == 3
    (entry,) = _ledger(project).entries
    assert entry.status == "CONFIRMED"


def test_the_invoke_tasks_run_the_desk(tmp_path):
    project = make_project(tmp_path)
    invoke = [sys.executable, "-m", "invoke"]
    settings = str(project / SETTINGS_NAME)

    def run(*args):
        return subprocess.run(
            [*invoke, *args, "--settings", settings],
            cwd=ROOT,
            env=desk_env(),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    done = run("confirm", "--slot", SLOTS[0], "--name", "Ada L", "--email", "ada@ex.org")
    assert done.returncode == 0, done.stderr
    assert run("reschedule", "--slot", SLOTS[0], "--to", SLOTS[1]).returncode == 0
    listed = run("bookings")
    assert SLOTS[1] in listed.stdout and SLOTS[0] not in listed.stdout
    assert run("cancel", "--slot", SLOTS[1], "--reason", "Ill").returncode == 0
    assert "No upcoming bookings." in run("bookings").stdout
    refused = run("cancel", "--slot", SLOTS[1])
    assert refused.returncode == 1 and "already cancelled" in refused.stderr
    # Everything went to the project's absolute ledger and outbox, not the repository's.
    assert [e.status for e in _ledger(project).entries] == ["CANCELLED", "CANCELLED"]
    assert len(list((project / "outbox").glob("*.eml"))) == 4
