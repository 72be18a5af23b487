"""The desk's REQUEST and CANCEL as Mozilla's ical.js reads them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.desk_sample import FREE, cancel_file, confirmed_then_cancelled, request_file
from tests.support.ics_text import icaljs

UID = f"{FREE[0]}@hartcoaching.example"


@pytest.fixture(scope="module")
def outbox(tmp_path_factory) -> Path:
    return confirmed_then_cancelled(tmp_path_factory.mktemp("desk"))


@pytest.mark.node
def test_icaljs_reads_both_with_the_same_instants(outbox, node):
    files = [request_file(outbox), cancel_file(outbox)]
    parsed, returncode, _ = icaljs(node, files)
    assert returncode == 0, parsed
    request, cancel = (parsed[str(p)] for p in files)
    assert (request["method"], cancel["method"]) == ("REQUEST", "CANCEL")
    (r,), (c,) = request["events"], cancel["events"]
    assert r["uid"] == c["uid"] == UID
    assert (r["start"], r["end"]) == (c["start"], c["end"])
    assert r["start"] == 1795442400  # 2026-11-23T14:00:00Z
    assert r["utc"] and c["utc"]
    assert (r["status"], c["status"]) == ("CONFIRMED", "CANCELLED")
    assert r["organizer"] == c["organizer"] == "mailto:hello@hartcoaching.example"
    assert (r["alarms"], c["alarms"]) == (1, 0)
