"""How fast `invoke inbox --watch` answers: a request lands in the mailbox
(IMAP APPEND into a local Dovecot) -> the invitation reaches the SMTP sink.

    python bench/desk_latency.py [--runs 5]

Policy "auto" (the coach's own "yes" would add her reply time). Prints each
run's latency and the median. Needs Dovecot (apt-get install dovecot-imapd).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.integration.test_desk_inbox import request_email
from tests.support.desk import desk_command
from tests.support.desk_sample import FREE
from tests.support.mailflow import mail_world


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    latencies = []
    with tempfile.TemporaryDirectory() as folder, mail_world(Path(folder), confirm="auto") as world:
        watcher = subprocess.Popen(
            desk_command("inbox", "--watch"),
            cwd=world.project,
            env=world.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            time.sleep(2)  # connected and idling
            slots = [FREE[0], FREE[2]] + [
                f"discovery-20261130T{h:02d}0000Z" for h in (14, 15, 18, 19)
            ]
            for i in range(args.runs):
                before = len(world.sent)
                start = time.monotonic()
                world.imap.append(
                    request_email(slots[i % len(slots)], sender=f"c{i}@example.org").as_bytes()
                )
                while len(world.sent) == before and time.monotonic() - start < 60:
                    time.sleep(0.005)
                latencies.append(time.monotonic() - start)
                print(f"run {i + 1}: {latencies[-1] * 1000:.0f} ms to the first message sent")
                time.sleep(0.5)
        finally:
            watcher.terminate()
            watcher.wait(timeout=30)
    print(f"median {statistics.median(latencies) * 1000:.0f} ms over {len(latencies)} runs")


if __name__ == "__main__":
    main()
