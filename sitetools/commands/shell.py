"""Running another program, its output straight to the terminal."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from sitetools.commands.abort import Abort


def run(
    args: Sequence[str],
    *,
    cwd: Path | None = None,
    check: bool = True,
    hide_out: bool = False,
    env: Mapping[str, str] | None = None,
) -> int:
    """Run `args` (no shell) and return its exit status. With `check`, a
    failure ends the command with the program's own status and no line of
    ours: the program has said why. `hide_out` keeps its standard output
    unless it fails."""
    # What this process printed comes before what the program prints.
    sys.stdout.flush()
    sys.stderr.flush()
    with subprocess.Popen(
        list(args), cwd=cwd, stdout=subprocess.PIPE if hide_out else None, env=env
    ) as program:
        while True:
            try:
                out, _ = program.communicate()
                break
            except KeyboardInterrupt:
                # Ctrl-C reached the program too (the same terminal): it stops
                # as it chooses (the desk finishes the email in hand), and its
                # status decides, as under invoke's own runner; never killed.
                continue
    if check and program.returncode != 0:
        if hide_out and out:
            sys.stdout.buffer.write(out)
            sys.stdout.flush()
        raise Abort(code=program.returncode)
    return program.returncode
