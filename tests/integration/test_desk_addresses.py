"""An address that could carry a header or a URL parameter (`?cc=`, `&`,
`%40`, `=`) is refused everywhere the desk reads one: site.toml, the
command line's --email and the From of an email in the coach's mailbox.
Accepted, it went into ORGANIZER, every `mailto:` link and the To of the
desk's answers, adding a recipient the coach never chose."""

from __future__ import annotations

import subprocess
import sys

from tests.support.desk import make_project, run_desk
from tests.support.desk_sample import FREE
from tests.support.mailflow import mail_world

HOSTILE = "hello?cc=spy%40evil.example@hartcoaching.example"


def test_site_toml_with_such_an_email_stops_the_build_in_one_line(tmp_path):
    from tests.support.project import project_copy, sample_project

    project = sample_project(project_copy(tmp_path / "project"))
    site = project / "site.toml"
    text = site.read_text("utf-8")
    assert 'email = "hello@hartcoaching.example"' in text  # the [coach] email
    site.write_text(text.replace("hello@hartcoaching.example", HOSTILE, 1), "utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "sitetools.build", "content", "-s", "pelicanconf.py", "-o", "out"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1, proc.stdout[-2000:]
    lines = [line for line in (proc.stdout + proc.stderr).splitlines() if line.strip()]
    assert len(lines) == 1, lines
    # The table and key ([coach] email), as every settings error names them.
    assert "[coach] email" in lines[0] and "is not an email address" in lines[0]
    assert not (project / "out").exists()


def test_the_command_lines_email_option_refuses_it_before_anything_is_written(tmp_path):
    project = make_project(tmp_path / "project")
    result = run_desk(project, "confirm", "--slot", FREE[0], "--name", "Ada", "--email", HOSTILE)
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("booking desk: --email ") and "is not an email address" in line
    assert not (project / "bookings").exists() and not (project / "outbox").exists()


def test_a_request_from_such_an_address_is_never_answered_or_booked(tmp_path):
    from tests.integration.test_desk_inbox import request_email

    with mail_world(tmp_path, confirm="auto") as world:
        world.imap.append(request_email(FREE[0], sender=HOSTILE).as_bytes())
        world.imap.append(request_email(FREE[2]).as_bytes())  # a real one beside it
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        _nothing_reached_the_spy(world)
        book = world.ledger()
        assert [e.slot_id for e in book.entries if e.confirmed] == [FREE[2]]


def test_such_a_reply_to_is_never_written_to(tmp_path):
    from tests.integration.test_desk_inbox import request_email

    with mail_world(tmp_path, confirm="auto") as world:
        request = request_email(FREE[0])
        request["Reply-To"] = HOSTILE
        world.imap.append(request.as_bytes())
        result = world.desk("inbox")
        assert result.returncode == 0, result.stderr
        _nothing_reached_the_spy(world)


def _nothing_reached_the_spy(world) -> None:
    recipients = [address for _from, rcpt, _raw in world.sent for address in rcpt]
    assert recipients and not [a for a in recipients if "evil" in a or "?" in a]
    for msg in world.outgoing():
        assert "evil.example" not in msg.as_string()
