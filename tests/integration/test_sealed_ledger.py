"""What the desk keeps about clients, encrypted at rest with age when
[booking] ledger_key_env names a variable holding the key: a confirmed
booking's client (unique markers) appears in no file git tracks after a
commit, every command works with the key and stops in one line without
it (changing nothing), the build reads the sealed ledger, and after
`ledger-key --rotate` the previous commit's ledger cannot be opened with
the new key."""

from __future__ import annotations

import subprocess

import pytest

from plugins.common.sealed import MAGIC, SealError, new_key, with_key
from tests.support.desk import SETTINGS_NAME, desk_env, make_project, run_desk, slot_ids
from tests.support.desk_sample import FREE
from tests.support.site import build_site

VARIABLE = "BOOKING_LEDGER_KEY"
NAME = "Quillon Vexmarrow"
EMAIL = "quillon.vexmarrow@zarnby.example"
NOTE = "Brambleweft intake"


def git(project, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=project, capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def sealed(tmp_path):
    key = new_key()
    project = make_project(tmp_path / "project", ledger_key_env=VARIABLE)
    env = desk_env(**{VARIABLE: key})
    result = run_desk(
        project,
        "confirm",
        "--slot",
        FREE[0],
        "--name",
        NAME,
        "--email",
        EMAIL,
        "--note",
        NOTE,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return project, key, env


def test_nothing_of_the_client_is_readable_in_what_git_tracks(sealed):
    project, _key, _env = sealed
    ledger = project / "bookings/bookings.ics"
    assert ledger.read_bytes().startswith(MAGIC)
    kept = [p for p in (project / "outbox").rglob("*") if p.is_file()]
    assert kept and all(p.read_bytes().startswith(MAGIC) for p in kept)
    git(project, "init", "-q")
    git(project, "add", "-A", "-f", "bookings", "outbox")
    git(project, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "round")
    for marker in (NAME, EMAIL, NOTE, "Vexmarrow", "zarnby"):
        found = subprocess.run(
            ["git", "grep", "-I", "-i", "-l", marker, "HEAD"], cwd=project, capture_output=True
        )
        assert found.returncode == 1, (marker, found.stdout)


def test_every_command_works_with_the_key_and_stops_in_one_line_without(sealed):
    project, _key, env = sealed
    listed = run_desk(project, "bookings", env=env)
    assert listed.returncode == 0 and NAME in listed.stdout
    before = (project / "bookings/bookings.ics").read_bytes()
    without = {k: v for k, v in env.items() if k != VARIABLE}
    wrong = {**env, VARIABLE: new_key()}
    for environ in (without, wrong, {**env, VARIABLE: "not-a-key"}):
        for args in (
            ("bookings",),
            ("cancel", "--slot", FREE[0]),
            ("confirm", "--slot", FREE[1], "--name", "A", "--email", "a@example.org"),
        ):
            result = run_desk(project, *args, env=environ)
            assert result.returncode == 1, (args, result.stdout)
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and VARIABLE in lines[0], lines
            assert environ.get(VARIABLE, "#") not in lines[0]
    assert (project / "bookings/bookings.ics").read_bytes() == before


def test_the_build_reads_the_sealed_ledger_and_stops_without_the_key(sealed, tmp_path):
    project, key, _env = sealed
    settings = str(project / SETTINGS_NAME)
    out = build_site(
        tmp_path / "out",
        settings_file=settings,
        content=project / "content",
        env={VARIABLE: key},
    ).output
    # Booked (and its buffer) no longer offered; a later time still is.
    assert FREE[0] not in slot_ids(out) and FREE[2] in slot_ids(out)
    failed = build_site(
        tmp_path / "out2", settings_file=settings, content=project / "content", check=False
    )
    assert failed.returncode != 0
    assert f"the environment variable {VARIABLE} is not set" in failed.log
    assert not (tmp_path / "out2/book").exists()


def test_after_rotation_the_previous_ledger_cannot_be_opened(sealed):
    project, key, env = sealed
    ledger = project / "bookings/bookings.ics"
    previous = ledger.read_bytes()
    result = run_desk(project, "ledger-key", "--rotate", env=env)
    assert result.returncode == 0, result.stderr
    new = next(line for line in result.stdout.splitlines() if line.startswith("AGE-SECRET"))
    assert new != key
    with pytest.raises(SealError):
        with_key(new, VARIABLE).open(previous, "the previous commit's ledger")
    assert NAME.encode() in with_key(new, VARIABLE).open(ledger.read_bytes(), ledger)
    with pytest.raises(SealError):
        with_key(key, VARIABLE).open(ledger.read_bytes(), ledger)
    # The desk goes on with the new key, and no longer with the old one.
    assert run_desk(project, "bookings", env={**env, VARIABLE: new}).returncode == 0
    assert run_desk(project, "bookings", env=env).returncode == 1


def test_a_new_key_is_printed_with_what_to_do_with_it(tmp_path):
    project = make_project(tmp_path / "project", ledger_key_env=VARIABLE)
    result = run_desk(project, "ledger-key", env=desk_env())
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith("AGE-SECRET-KEY-1")
    assert f"repository secret, name {VARIABLE}" in result.stdout


def test_invoke_check_notes_plain_client_files_in_a_repository_with_a_remote(tmp_path):
    from sitetools.check import plain_client_files

    plain = make_project(tmp_path / "plain")
    settings = plain / SETTINGS_NAME
    git(plain, "init", "-q")
    assert plain_client_files(settings) == []  # no remote: nobody else reads it
    git(plain, "remote", "add", "origin", "https://example.org/coach/site.git")
    [note] = plain_client_files(settings)
    assert "plain text in a repository with a remote" in note and "invoke ledger-key" in note
    keyed = make_project(tmp_path / "keyed", ledger_key_env=VARIABLE)
    git(keyed, "init", "-q")
    git(keyed, "remote", "add", "origin", "https://example.org/coach/site.git")
    assert plain_client_files(keyed / SETTINGS_NAME) == []
