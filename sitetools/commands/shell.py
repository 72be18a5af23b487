"""Running another program, its output straight to the terminal."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from sitetools.commands.abort import Abort


def run(
    args: Sequence[str], *, cwd: Path | None = None, check: bool = True, hide_out: bool = False
) -> int:
    """Run `args` (no shell) and return its exit status. With `check`, a
    failure ends the command with the program's own status and no line of
    ours: the program has said why. `hide_out` keeps its standard output
    unless it fails."""
    # What this process printed comes before what the program prints.
    sys.stdout.flush()
    sys.stderr.flush()
    done = subprocess.run(
        list(args), cwd=cwd, stdout=subprocess.PIPE if hide_out else None, check=False
    )
    if check and done.returncode != 0:
        if hide_out and done.stdout:
            sys.stdout.buffer.write(done.stdout)
            sys.stdout.flush()
        raise Abort(code=done.returncode)
    return done.returncode
