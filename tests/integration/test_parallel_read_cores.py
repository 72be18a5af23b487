"""parallel_read starts one reader per core the build may use, not per core
the machine has: a build pinned to one core (taskset, a container's cpuset)
must not start readers that only queue for it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.support.site import ROOT


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="Linux-only affinity call")
def test_a_build_pinned_to_one_core_counts_one_core():
    code = (
        "import os; os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]});"
        "from plugins.parallel_read.glue import _usable_cores; print(_usable_cores())"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert proc.stdout.strip() == "1"
