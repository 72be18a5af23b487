"""`invoke init` typed at a real terminal (a pseudo-terminal), as the Mexico
City coach typed it: every mistake is said at once and asked again, the
read-back shows what will be written, and site.toml has exactly her hours,
zone and currency."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.support.project import project_copy, sample_project
from tests.unit.test_init_interactive import REPLIES

INVOKE = Path(sys.executable).with_name("invoke")


def _converse(project: Path, replies: list[str], timeout: float = 120) -> str:
    """Each reply typed once its question is on the screen; the whole screen."""
    leader, follower = os.openpty()
    proc = subprocess.Popen(
        [str(INVOKE), "init"],
        cwd=project,
        stdin=follower,
        stdout=follower,
        stderr=follower,
        close_fds=True,
    )
    os.close(follower)
    screen, pending = b"", list(replies)
    try:
        while True:
            ready, _, _ = select.select([leader], [], [], timeout)
            assert ready, f"init stopped answering:\n{screen.decode(errors='replace')}"
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed: init is done
                break
            if not chunk:
                break
            screen += chunk
            if screen.rstrip(b" ").endswith(b":") and pending:
                os.write(leader, pending.pop(0).encode() + b"\n")
    finally:
        os.close(leader)
        proc.wait(timeout=60)
    assert pending == [], screen.decode(errors="replace")
    assert proc.returncode == 0, screen.decode(errors="replace")
    return screen.decode(errors="replace").replace("\r\n", "\n")


def test_the_mexico_city_coach_types_her_answers_and_gets_exactly_her_hours(tmp_path):
    project = sample_project(project_copy(tmp_path / "project"))
    screen = _converse(project, REPLIES)
    for said in (
        "email: 'lucia at example.mx' is not an email address",
        "timezone: 'Chihuahua?' is not a time zone",
        "language: 'ja' is not a language this site has",
        "hours: 19:00-18:00 ends before it starts",
        "session_minutes: must be a number from 1 to 1,440, not 0",
        "Lunes 10:00-14:00, Miércoles 10:00-14:00, Viernes 16:00-19:00",
        "America/Mexico_City, UTC-6 all year (no daylight saving)",
    ):
        assert said in screen, screen
    settings = tomllib.loads((project / "site.toml").read_text("utf-8"))
    assert settings["booking"]["weekly_hours"] == {
        "mon": ["10:00-14:00"],
        "wed": ["10:00-14:00"],
        "fri": ["16:00-19:00"],
    }
    assert settings["coach"]["timezone"] == "America/Mexico_City"
    assert settings["booking"]["currency"] == "MXN"
    assert settings["booking"]["sessions"][0]["slug"] == "sesion-de-descubrimiento-gratuita"
    assert (project / "content/pages/home.md").read_text("utf-8").count("Coaching de vida") == 0
