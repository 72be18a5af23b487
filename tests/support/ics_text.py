"""Small iCalendar texts for tests: a VCALENDAR around components, a VEVENT."""

from __future__ import annotations


def ics(*components: str) -> bytes:
    body = "\n".join(c.strip() for c in components)
    text = f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n{body}\nEND:VCALENDAR\n"
    return text.replace("\n", "\r\n").encode()


def event(*lines: str, uid: str = "e1@test") -> str:
    return "\n".join(
        ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20261101T000000Z", *lines, "END:VEVENT"]
    )


def icaljs(node: str, files) -> tuple[dict, int, str]:
    """Mozilla ical.js's reading of `files` (tests/interop/icaljs_dump.mjs):
    (file -> {method, version, events} or {error}, exit status, stderr)."""
    import json
    import subprocess
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "interop/icaljs_dump.mjs"
    proc = subprocess.run(
        [node, str(script), *map(str, files)],
        capture_output=True,
        text=True,
        cwd=script.parent,
        timeout=120,
        check=False,
    )
    return json.loads(proc.stdout), proc.returncode, proc.stderr
