"""Busy calendars at http(s) URLs, served by a real server on 127.0.0.1: fetched,
and every way a fetch can fail is one line without the secret path."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from plugins.booking import busy
from plugins.booking.errors import BusySourceError
from tests.support.busy_server import closed_port_url, serving
from tests.support.ics_text import event, ics

NY = ZoneInfo("America/New_York")
START, END = datetime(2026, 11, 1, tzinfo=UTC), datetime(2027, 2, 1, tzinfo=UTC)


def _load(entries, content: Path, timeout: float = 2.0):
    return busy.load(entries, content, NY, START, END, timeout)


def test_url_is_fetched(tmp_path):
    data = ics(event("DTSTART:20261201T150000Z", "DTEND:20261201T160000Z"))
    with serving({"/busy.ics": (200, data, 0)}) as base:
        assert len(_load([f"{base}/busy.ics"], tmp_path)) == 1


@pytest.mark.parametrize(
    ("status", "shown"), [(404, "HTTP 404"), (500, "HTTP 500"), (204, "HTTP 204")]
)
def test_url_answering_other_than_200_fails(tmp_path, status, shown):
    with serving({"/busy.ics": (status, b"", 0)}) as base, pytest.raises(BusySourceError) as caught:
        _load([f"{base}/busy.ics"], tmp_path)
    assert f"the server answered {shown}" in str(caught.value)


def test_unreachable_url_fails(tmp_path):
    with pytest.raises(BusySourceError) as caught:
        _load([closed_port_url()], tmp_path)
    assert "unreachable" in str(caught.value)


def test_slow_url_times_out_within_the_bound(tmp_path):
    import time

    with serving({"/busy.ics": (200, b"", 3.0)}) as base:
        started = time.monotonic()
        with pytest.raises(BusySourceError) as caught:
            _load([f"{base}/busy.ics"], tmp_path, timeout=0.3)
        assert time.monotonic() - started < 2.0
    assert "no complete answer within 0.3 s (busy_timeout_seconds)" in str(caught.value)


def test_url_errors_do_not_print_the_secret_path(tmp_path):
    with serving({}) as base:
        url = f"{base}/calendar/ical/private-5ecret7oken/basic.ics"
        with pytest.raises(BusySourceError) as caught:
            _load([url], tmp_path)
    assert "5ecret7oken" not in str(caught.value)
    assert "<http://127.0.0.1/…>" in str(caught.value)
