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
    """Mozilla ical.js's reading of `files`, as `invoke check` runs it."""
    from sitetools.check import run_icaljs

    return run_icaljs(node, files)
