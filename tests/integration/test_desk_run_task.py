"""`invoke desk-run`, the scheduled round, in a copy of the project: inbox
and reminders against Dovecot and aiosmtpd, the ledger committed and pushed
to the (private) repository, the site built; with IMAP down the site is
still built, nothing is committed, and the run fails loudly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.desk import smtp_sink
from tests.support.desk_sample import FREE
from tests.support.imap import dovecot, require_dovecot
from tests.support.mailflow import IMAP_PASSWORD_ENV, LINK_SECRET
from tests.support.project import project_copy, sample_project
from tests.support.site import DEFAULT_EPOCH

INVOKE = Path(sys.executable).with_name("invoke")


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout


def _coach_repository(tmp_path: Path, imap_port: int, smtp_port: int) -> Path:
    project = sample_project(project_copy(tmp_path / "project"))
    with (project / "site.toml").open("a", encoding="utf-8") as toml:
        toml.write(
            f'\n[booking.inbox]\nhost = "127.0.0.1"\nport = {imap_port}\nsecurity = "none"\n'
            f'username = "coach"\npassword_env = "{IMAP_PASSWORD_ENV}"\n'
            f'\n[booking.smtp]\nhost = "127.0.0.1"\nport = {smtp_port}\nsecurity = "none"\n'
        )
    remote = tmp_path / "private.git"
    _git("init", "-q", "--bare", str(remote), cwd=tmp_path)
    for args in (
        ("init", "-q", "-b", "main"),
        ("config", "user.email", "coach@example.org"),
        ("config", "user.name", "Coach"),
        ("add", "-A"),
        ("commit", "-q", "-m", "My site"),
        ("remote", "add", "origin", str(remote)),
        ("push", "-q", "origin", "main"),
    ):
        _git(*args, cwd=project)
    _git("branch", "--set-upstream-to=origin/main", cwd=project)
    return project


def desk_run_env(password: str = "") -> dict[str, str]:
    """The scheduled workflow's environment: its secrets and SITEURL, no deploy settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DEPLOY_", "GIT_", "SITEURL"))}
    env.update(
        {
            "SITEURL": "https://coach.example.org",
            "SOURCE_DATE_EPOCH": str(DEFAULT_EPOCH),
            IMAP_PASSWORD_ENV: password,
            "BOOKING_LINK_SECRET": LINK_SECRET,
        }
    )
    return env


def _desk_run(project: Path, password: str) -> subprocess.CompletedProcess:
    env = desk_run_env(password)
    return subprocess.run(
        [str(INVOKE), "desk-run", "--push"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_desk_run_handles_the_inbox_commits_the_ledger_and_builds(tmp_path):
    from tests.integration.test_desk_inbox import request_email

    require_dovecot()
    with dovecot(tmp_path / "imap") as imap, smtp_sink() as (_host, smtp_port, sent):
        project = _coach_repository(tmp_path, imap.port, smtp_port)
        imap.append(request_email(FREE[0]).as_bytes())
        result = _desk_run(project, imap.password)
        assert result.returncode == 0, result.stdout + result.stderr
        assert len(sent) == 1  # the coach's summary
        assert imap.messages() == []
        remote_log = _git("log", "--format=%s", "origin/main", cwd=project)
        assert remote_log.splitlines()[0] == "Bookings: the desk's scheduled round"
        tracked = _git("show", "--name-only", "--format=", "HEAD", cwd=project).split()
        assert tracked == ["bookings/bookings.ics"]
        assert (project / "output/book/discovery/index.html").is_file()

        imap.stop()
        (project / "output/book/discovery/index.html").unlink()
        down = _desk_run(project, imap.password)
        assert down.returncode == 1
        assert "desk-run: inbox failed" in down.stderr
        assert (project / "output/book/discovery/index.html").is_file()  # the site still built
        assert _git("log", "-1", "--format=%s", cwd=project).startswith("Bookings")  # no new commit
        assert len(_git("log", "--format=%s", cwd=project).splitlines()) == 2
