"""A process a test leaves running is found by the mark `invoke test` puts in
the environment, even after its parent is gone, and stopped."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid

from sitetools import leftovers


def test_a_process_carrying_the_mark_is_found_and_stopped():
    mark = uuid.uuid4().hex
    env = {**os.environ, leftovers.VARIABLE: mark}
    marked = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], env=env)
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        found = leftovers.marked(mark)
        assert [pid for pid, _ in found] == [marked.pid]
        assert "time.sleep(60)" in found[0][1]
        leftovers.stop(found)
        assert marked.wait(timeout=10) != 0
        deadline = time.monotonic() + 5
        while leftovers.marked(mark) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert leftovers.marked(mark) == []
        assert other.poll() is None  # unmarked: never touched
    finally:
        for process in (marked, other):
            process.kill()
            process.wait()
