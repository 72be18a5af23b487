"""What we emit, read by libical with RFC 5546's per-METHOD restrictions
(`icalrestriction_check`): a slot's METHOD:PUBLISH .ics from the build, the
desk's METHOD:REQUEST invitation and its METHOD:CANCEL. Skipped locally
without libical's bindings, a failure under CI=true (.ci/run installs them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugins.booking.desk import commands
from tests.conftest import require
from tests.support import libical
from tests.support.booking_sample import build_booking_sample, ics_files
from tests.support.desk_sample import (
    FREE,
    cancel_file,
    confirmed_then_cancelled,
    make_desk,
    request_file,
)


@pytest.fixture(scope="module")
def checked():
    require(
        libical.available(),
        "libical's GObject bindings (apt-get install gir1.2-ical-3.0 python3-gi)",
    )
    return libical.restriction_check


def _verdicts(check, files: list[Path]) -> dict[str, dict]:
    texts = [path.read_bytes().decode("utf-8") for path in files]  # CRLF kept
    return {path.name: verdict for path, verdict in zip(files, check(texts), strict=True)}


def test_libical_refuses_what_rfc_5546_forbids(checked):
    # The check itself can fail: a REQUEST without an attendee, an event without DTSTAMP.
    request = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nMETHOD:REQUEST\r\n"
        "BEGIN:VEVENT\r\nUID:u@t\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261123T140000Z\r\n"
        "ORGANIZER:mailto:a@example.org\r\nSUMMARY:s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    no_stamp = request.replace("METHOD:REQUEST", "METHOD:PUBLISH").replace(
        "DTSTAMP:20261101T000000Z\r\n", ""
    )
    (bad_request, bad_publish) = checked([request, no_stamp])
    assert not bad_request["passed"] and "ATTENDEE" in " ".join(bad_request["errors"])
    assert not bad_publish["passed"] and "DTSTAMP" in " ".join(bad_publish["errors"])


def test_every_slot_ics_of_a_build_passes_the_publish_rules(checked, tmp_path):
    files = ics_files(build_booking_sample(tmp_path).output)
    assert len(files) > 10
    verdicts = _verdicts(checked, files)
    assert {n: v for n, v in verdicts.items() if not v["passed"] or v["errors"]} == {}


def test_the_desks_request_and_cancel_pass_their_rules(checked, tmp_path):
    outbox = confirmed_then_cancelled(tmp_path / "desk")
    # A moved booking with a video room: a REQUEST with more in it.
    desk = make_desk(tmp_path / "video", video={"rooms_at": "https://meet.example.org/"})
    commands.confirm(desk, FREE[0], "Ada Lovelace", "ada@example.org")
    commands.reschedule(desk, FREE[0], FREE[2])
    files = [request_file(outbox), cancel_file(outbox), *sorted(desk.outbox.glob("*.ics"))]
    assert len(files) >= 5
    verdicts = _verdicts(checked, files)
    methods = {path.read_text("utf-8").split("METHOD:")[1].splitlines()[0] for path in files}
    assert methods == {"REQUEST", "CANCEL"}
    assert {n: v for n, v in verdicts.items() if not v["passed"] or v["errors"]} == {}
