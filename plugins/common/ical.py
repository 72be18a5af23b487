"""The start of every iCalendar document we write, and the UID format.

One PRODID for the site's invites, the ledger, the desk's invitations and
the CalDAV events. `icalendar.Calendar.new()` is not used: it gives every
calendar a random UID, and our files must be byte-identical from one build
to the next.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from icalendar import Calendar

PRODID = "-//coach-site//Pelican booking engine 1.0//EN"


def new_calendar(method: str | None = None, *, calscale: bool = True) -> Calendar:
    """VERSION:2.0, PRODID, CALSCALE:GREGORIAN and METHOD (when given)."""
    # icalendar is imported where it is used: a build that takes every
    # calendar from its memo never loads it.
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if calscale:
        calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    return calendar


def uid_host(siteurl: str, organizer_email: str) -> str:
    """The domain part of every UID.

    The host of SITEURL when it is set (the public site); otherwise (local
    builds have SITEURL = "") the domain of the organizer's email address,
    which the coach controls too.
    """
    host = urlsplit(siteurl).hostname if siteurl else None
    return (host or organizer_email.rpartition("@")[2]).lower()


def uid(local: str, host: str) -> str:
    """`<local>@<host>`: stable across builds (the local part depends only on
    what the object is, e.g. `discovery-20261124T140000Z`) and globally
    unique (the host is the coach's domain)."""
    return f"{local}@{host}"


def first_bad_line(data: bytes) -> int | None:
    """The number of the first line that is not a content line (folded lines
    joined), or None when every line is one. Error messages give this number
    instead of the library's message, which quotes the line: calendars hold
    private text, and build logs are often public."""
    from icalendar.parser import Contentline

    text = data.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    start, line = 0, ""
    for number, raw in enumerate([*text.split("\n"), ""], start=1):
        if raw[:1] in (" ", "\t"):
            line += raw[1:]
            continue
        if line.strip():
            try:
                Contentline(line).parts()
            except ValueError:
                return start
        start, line = number, raw
    return None


_ESCAPED = re.compile(r"\\([\\;,nN])")


def text_value(value: object) -> str:
    """A TEXT property as written, unescaped (RFC 5545 3.3.11). icalendar
    unescapes the properties it knows; our X- properties arrive as written."""
    from icalendar import vUnknown

    if not isinstance(value, vUnknown):
        return str(value)
    return _ESCAPED.sub(lambda m: "\n" if m[1] in "nN" else m[1], str(value))
