"""render_memo's digests are the same in fresh processes with other hash seeds."""

from __future__ import annotations

import subprocess
import sys

from tests.support.site import ROOT


def _digest_in_fresh_process(seed: str) -> str:
    code = (
        "from plugins.render_memo.digest import StateDigest\n"
        "d = StateDigest(lambda o: None)\n"
        "print(d.digest({'tags': {'rest', 'burnout', 'habit', 'career'}, "
        "'by': dict.fromkeys({'b', 'a', 'c'}, 1)}).hex())\n"
    )
    env = {"PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_digests_do_not_depend_on_the_hash_seed():
    digests = {_digest_in_fresh_process(seed) for seed in ("1", "2", "3", "4")}
    assert len(digests) == 1
