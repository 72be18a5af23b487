"""`invoke desk-run`, the scheduled round, in a copy of the project against
Dovecot and aiosmtpd: two rounds started at once never fail and handle each
email once; a booking a killed `confirm` left without its invitation gets
it; temporary files under the outbox are removed and never committed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.integration.test_desk_run_task import INVOKE, _coach_repository, _git, desk_run_env
from tests.support.desk import smtp_sink
from tests.support.desk_sample import FREE
from tests.support.imap import dovecot, require_dovecot
from tests.support.mailflow import COACH, VISITOR, parse


def _start(project: Path, password: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [str(INVOKE), "desk-run", *args],
        cwd=project,
        env=desk_run_env(password),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _finish(run: subprocess.Popen) -> tuple[int, str]:
    output, _ = run.communicate(timeout=600)
    return run.returncode, output


def test_two_desk_runs_at_once_never_fail_and_handle_each_email_once(tmp_path):
    from tests.integration.test_desk_inbox import request_email

    require_dovecot()
    with dovecot(tmp_path / "imap") as imap, smtp_sink() as (_host, smtp_port, sent):
        project = _coach_repository(tmp_path, imap.port, smtp_port)
        for i, slot in enumerate(FREE):
            imap.append(request_email(slot, sender=f"client{i}@example.org").as_bytes())
        # Two real rounds, started together (a slow hourly run and the next one).
        runs = [_start(project, imap.password, "--push") for _ in range(2)]
        results = [_finish(run) for run in runs]
        for code, output in results:
            assert code == 0, output
            assert "EXPUNGE" not in output and "Traceback" not in output, output
            assert "failed" not in output, output
        # Each request summarised for the coach exactly once, and moved.
        summaries = [parse(raw) for _from, _to, raw in sent]
        assert sorted(str(m["Subject"]) for m in summaries) == sorted(
            {str(m["Subject"]) for m in summaries}
        )
        assert len(summaries) == len(FREE)
        assert {m["To"].addresses[0].addr_spec for m in summaries} == {COACH}
        assert imap.messages() == []
        assert _git("status", "--porcelain", "--", "bookings", cwd=project) == ""
        # The loser, if the two overlapped, said why it stopped (and that is all).
        stopped = [o for _c, o in results if "another desk run is in progress" in o]
        for output in stopped:
            assert (
                output.strip() == "desk-run: another desk run is in progress; this one stops here."
            )


def _killed_confirm(project: Path, slot: str) -> None:
    """`invoke confirm` whose process dies (os._exit, as kill -9 leaves it)
    after the ledger recorded the booking and before the invitation."""
    script = (
        "import os, sys\n"
        "from plugins.booking.desk import cli, commands\n"
        "commands._deliver = lambda *args: os._exit(9)\n"
        "sys.exit(cli.main(sys.argv[1:]))\n"
    )
    confirm = ["confirm", "--slot", slot, "--name", "Zoë O'Brien", "--email", VISITOR]
    proc = subprocess.run(
        [sys.executable, "-c", script, *confirm],
        cwd=project,
        env={**desk_run_env(), "PYTHONPATH": str(project)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 9, proc.stdout + proc.stderr


def test_desk_run_finishes_a_killed_confirm_and_never_commits_temporary_files(tmp_path):
    from plugins.booking.desk import work

    require_dovecot()
    with dovecot(tmp_path / "imap") as imap, smtp_sink() as (_host, smtp_port, sent):
        project = _coach_repository(tmp_path, imap.port, smtp_port)
        _killed_confirm(project, FREE[1])
        ledger = project / "bookings/bookings.ics"
        assert work.read(ledger).find(FREE[1]).pending
        leftovers = [
            project / "outbox/queue/.summary-x.eml.4242.tmp",
            project / "outbox/.discovery-x.eml.4242.tmp",
            project / "bookings/.bookings.ics.4242.tmp",
        ]
        for path in leftovers:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("Zoë O'Brien <zoe.obrien@example.org>: half a message")
        code, output = _finish(_start(project, imap.password, "--push"))
        assert code == 0, output
        [invitation] = [parse(raw) for _from, _to, raw in sent]
        assert invitation["To"].addresses[0].addr_spec == VISITOR
        assert any(p.get_content_type() == "text/calendar" for p in invitation.walk())
        assert not work.read(ledger).find(FREE[1]).pending
        assert [p for p in leftovers if p.exists()] == []
        committed = _git("show", "--name-only", "--format=", "HEAD", cwd=project).split()
        assert committed and not [name for name in committed if name.endswith(".tmp")]


def test_desk_run_commit_leaves_out_a_temporary_file_still_being_written(tmp_path):
    """Without an inbox or SMTP no desk command runs, so nothing removes the
    file: as when a `confirm` is writing while the round commits."""
    from tests.support.project import project_copy, sample_project

    project = sample_project(project_copy(tmp_path / "project"))
    for args in (
        ("init", "-q", "-b", "main"),
        ("config", "user.email", "coach@example.org"),
        ("config", "user.name", "Coach"),
        ("add", "-A"),
        ("commit", "-q", "-m", "My site"),
    ):
        _git(*args, cwd=project)
    queue = project / "outbox/queue"
    queue.mkdir(parents=True)
    (queue / "discovery-x-request-0.eml").write_text("To: zoe.obrien@example.org\n\nHi\n")
    (queue / ".discovery-y-request-0.eml.4242.tmp").write_text("To: ada@example.org\n\nHa")
    code, output = _finish(_start(project, "", "--commit"))
    assert code == 0, output
    committed = _git("show", "--name-only", "--format=", "HEAD", cwd=project).split()
    assert committed == ["outbox/queue/discovery-x-request-0.eml"]
