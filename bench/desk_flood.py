"""How long one `invoke inbox` run takes over a flood of forged mail: N
cancel links with a wrong signature from one sender, plus one real request
from someone else, in a local Dovecot mailbox (real IMAP, real SMTP sink,
the desk as a fresh process, as the hourly workflow runs it).

    python bench/desk_flood.py [--sizes 250,500,1000]

Prints the run's wall time per size and the time per message, so a cost
that grows faster than the flood shows as a rising per-message time. Needs
Dovecot (apt-get install dovecot-imapd).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.integration.test_desk_inbox import confirmed_by_coach, request_email
from tests.support.desk_sample import FREE
from tests.support.mailflow import change_request, links, mail_world


def one(size: int) -> tuple[float, str]:
    with tempfile.TemporaryDirectory() as folder, mail_world(Path(folder)) as world:
        invitation = confirmed_by_coach(world)
        link = links(invitation)["cancel"]
        for i in range(size):
            forged = link[:-4] + "".join(chr(ord("a") + (i >> s) % 26) for s in (0, 5, 10, 15))
            world.imap.append(change_request(forged, sender="mallory@example.net").as_bytes())
        world.imap.append(request_email(FREE[1], sender="ada@example.org", name="Ada").as_bytes())
        start = time.monotonic()
        result = world.desk("inbox")
        elapsed = time.monotonic() - start
        answered = any("Ada" in str(m["Subject"]) for m in world.outgoing())
        assert result.returncode == 0, result.stderr
        return elapsed, "answered" if answered else "NOT answered"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="250,500,1000")
    args = parser.parse_args()
    for size in [int(s) for s in args.sizes.split(",")]:
        elapsed, real = one(size)
        print(
            f"{size:5d} forged links + 1 request: {elapsed:6.2f} s "
            f"({elapsed / size * 1000:.1f} ms a message); the real request {real}"
        )


if __name__ == "__main__":
    main()
