"""A read-only folder or a full disk under the desk or the build is one line
naming the folder, exit status 1, and nothing half-written: never a Python
traceback, and never an IMAP message for what is a local disk's problem.
(The tests run as root, where `chmod` stops nothing: tests/support/unwritable.py
makes a read-only folder with a read-only bind mount, or `chattr +i`, and a
full disk with a small tmpfs.)"""

from __future__ import annotations

import subprocess
import sys

from tests.support.desk import make_project, run_desk
from tests.support.desk_sample import FREE
from tests.support.mailflow import mail_world
from tests.support.unwritable import full, read_only


def _one_line(result, *words: str) -> str:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    [line] = result.stderr.strip().splitlines()
    for word in words:
        assert word in line, line
    return line


def test_confirm_with_a_read_only_ledger_folder(tmp_path):
    project = make_project(tmp_path / "project")
    bookings = project / "bookings"
    with read_only(bookings):
        result = run_desk(
            project, "confirm", "--slot", FREE[0], "--name", "Ada", "--email", "ada@example.org"
        )
        _one_line(result, str(bookings))
    assert not (project / "outbox").exists()


def test_inbox_with_a_read_only_outbox_says_so_not_imap(tmp_path):
    from tests.integration.test_desk_inbox import request_email

    with mail_world(tmp_path) as world:
        world.imap.append(request_email(FREE[0]).as_bytes())
        outbox = world.project / "outbox"
        with read_only(outbox):
            result = world.desk("inbox")
            line = _one_line(result, str(outbox))
            assert "IMAP" not in line and "[booking] inbox" not in line
        assert len(world.imap.messages()) == 1  # left for the next run
        assert world.sent == []
        again = world.desk("inbox")
        assert again.returncode == 0, again.stderr
        assert len(world.sent) == 1


def test_remind_with_a_full_outbox_sends_nothing_and_says_where(tmp_path):
    from tests.integration.test_desk_inbox import at, confirmed_by_coach

    with mail_world(tmp_path) as world:
        confirmed_by_coach(world)
        before = len(world.sent)
        outbox = world.project / "outbox"
        with full(outbox):
            result = world.desk("remind", env=at("2026-11-22T20:00:00+00:00"))
            _one_line(result, str(outbox))
        assert len(world.sent) == before
        # Nothing was recorded: the reminder goes out once there is room.
        again = world.desk("remind", env=at("2026-11-22T20:05:00+00:00"))
        assert again.returncode == 0, again.stderr
        [reminder] = world.outgoing(before)
        assert reminder["Subject"].startswith("Reminder:")


def test_a_build_whose_output_folder_sits_in_a_read_only_folder(tmp_path):
    from sitetools.build import OutputLocked, output_locked

    parent = tmp_path / "site"
    with read_only(parent):
        try:
            with output_locked(parent / "output"):
                raise AssertionError("locked a folder that cannot be written")
        except OutputLocked as error:
            message = str(error)
    assert str(parent) in message and "\n" not in message


def test_invoke_build_in_a_read_only_project_is_one_line(tmp_path):
    from tests.support.project import project_copy, sample_project

    project = sample_project(project_copy(tmp_path / "project"))
    invoke = [str(__import__("pathlib").Path(sys.executable).with_name("invoke")), "build"]
    with read_only(project):
        result = subprocess.run(invoke, cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    [line] = result.stderr.strip().splitlines()
    assert str(project) in line
