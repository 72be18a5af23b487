"""The coach's CalDAV calendars as a busy source (optional, [booking] caldav).

Busy time is a time-range REPORT over the horizon in every configured
calendar, without server-side expansion: each object's raw iCalendar goes
through busy_ical.parse and busy_ical.intervals, so recurrences, all-day events,
floating times, TRANSP and STATUS mean exactly what they mean for a busy
.ics file. Servers interpret floating and all-day times in the time-range
filter differently, so the query is two days wider on each side than
needed and busy_ical.intervals does the exact cut.

`connect` and `library_call` are shared with the desk, which writes
booking events through the same connection (plugins.booking.desk.calendar_sync).
Any failure raises CalDavError (the build fails closed). The password is
read from the environment variable named by `password_env` and is never
printed; messages name the server without its path.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime, timedelta
from http import HTTPStatus
from typing import TypeVar
from urllib.parse import urljoin

from ..common.deadline import Deadline
from ..config.booking import BookingSettings, CalDavSettings
from .errors import BookingError
from .model import Interval

MARGIN = timedelta(days=2)
T = TypeVar("T")


class CalDavError(BookingError):
    def __init__(self, caldav: CalDavSettings, problem: str) -> None:
        self.problem = problem
        super().__init__(f"{caldav.label}: {problem}")


def password(caldav: CalDavSettings, environ: Mapping[str, str]) -> str:
    value = environ.get(caldav.password_env)
    if not value:
        raise CalDavError(
            caldav,
            f"the environment variable {caldav.password_env} (password_env) is not set; "
            "set it to your calendar password (an app password where your provider has them)",
        )
    return value


def read_busy(
    settings: BookingSettings,
    start: datetime,
    end: datetime,
    *,
    environ: Mapping[str, str] | None = None,
    skip_uids: Iterable[str] = (),
) -> list[Interval]:
    """Busy intervals from every configured calendar ([] without [booking] caldav).

    `skip_uids` leaves events out: a reschedule must not be blocked by the
    very booking it moves.
    """
    caldav = settings.caldav
    if caldav is None:
        return []
    from . import busy_ical  # icalendar only when there is a CalDAV calendar to read

    skip = set(skip_uids)
    found: list[Interval] = []
    deadline = Deadline(settings.busy_timeout_seconds)
    with connect(caldav, environ, deadline) as calendars:
        for entry, calendar in calendars:
            label = f'{caldav.label} calendar "{entry}"'
            objects = library_call(
                caldav,
                deadline,
                lambda calendar=calendar: [
                    _bytes(item.data)
                    for item in calendar.search(
                        start=start - MARGIN,
                        end=end + MARGIN,
                        event=True,
                        expand=False,
                        post_filter=False,
                    )
                ],
            )
            for data in objects:
                for parsed in busy_ical.parse(data, label):
                    parsed.subcomponents = [
                        c
                        for c in parsed.subcomponents
                        if not (c.name == "VEVENT" and str(c.get("UID")) in skip)
                    ]
                    found.extend(busy_ical.intervals(parsed, settings.zone, start, end, label))
    return found


@contextmanager
def connect(
    caldav: CalDavSettings,
    environ: Mapping[str, str] | None,
    deadline: Deadline,
    *,
    first_only: bool = False,
) -> Iterator[list[tuple[str, object]]]:
    """(entry, caldav.Calendar) in settings order. Calls into the calendars go
    through `library_call` with the same `deadline`, so the whole exchange
    ends in time, the library's errors become CalDavError and ours pass
    through untouched."""
    secret = password(caldav, os.environ if environ is None else environ)
    import caldav as client_library  # imported late: heavy, and only needed when configured

    wanted = caldav.calendars[:1] if first_only else caldav.calendars
    # The library logs server quirks as warnings; a strict build counts every
    # warning as a failure, while real failures reach us as exceptions.
    quiet = logging.getLogger("caldav")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        client = library_call(
            caldav,
            deadline,
            lambda: client_library.DAVClient(
                url=caldav.url,
                username=caldav.username,
                password=secret,
                timeout=deadline.seconds,
                enable_rfc6764=False,
            ),
        )
        try:
            yield _resolve(client, caldav, wanted, deadline)
        finally:
            client.close()
    finally:
        quiet.setLevel(level)


def library_call(caldav: CalDavSettings, deadline: Deadline, call: Callable[[], T]) -> T:
    """Run `call`, which holds only calls into the caldav library (and the
    HTTP and XML libraries under it), before `deadline`, turning their
    errors into one line."""
    from caldav.lib import error

    timeout = deadline.seconds
    try:
        return deadline.run(call)
    except TimeoutError:
        raise CalDavError(
            caldav, f"no complete answer within {timeout:g} s (busy_timeout_seconds)"
        ) from None
    except error.AuthorizationError as exc:
        if getattr(exc, "status", None) not in (None, 401):
            # 403 is also what a server says to a request it will not do at
            # that address (a report on an address book): not the password.
            raise CalDavError(
                caldav, f"the server refused the request ({_dav_reason(exc)})"
            ) from None
        raise CalDavError(
            caldav,
            f"the server refused user {caldav.username!r} with the password in "
            f"{caldav.password_env} (wrong username or password?)",
        ) from None
    except error.NotFoundError:
        raise CalDavError(caldav, "not found on the server (HTTP 404); check the url") from None
    except error.DAVError as exc:
        raise CalDavError(caldav, f"the server refused the request ({_dav_reason(exc)})") from None
    except OSError as exc:  # niquests' connection and timeout errors are OSErrors
        if "timeout" in type(exc).__name__.lower() or "timed out" in str(exc).lower():
            problem = f"no answer within {timeout:g} s (busy_timeout_seconds)"
        else:
            problem = f"unreachable ({_reason(exc)})"
        raise CalDavError(caldav, problem) from None
    except Exception as exc:  # lxml, dateutil and icalendar under caldav raise many kinds
        raise CalDavError(caldav, f"unexpected answer ({_reason(exc)})") from None


def _resolve(
    client, caldav: CalDavSettings, wanted: tuple[str, ...], deadline: Deadline
) -> list[tuple[str, object]]:
    """Entries with a "/" are calendar URLs (relative to `url`); others are
    display names or collection names of the user's calendars."""
    by_name: dict[str, object] | None = None
    found = []
    for entry in wanted:
        if "/" in entry:
            url = urljoin(caldav.url, entry)
            found.append(
                (entry, library_call(caldav, deadline, lambda u=url: client.calendar(url=u)))
            )
            continue
        if by_name is None:
            by_name = library_call(caldav, deadline, lambda: _by_name(client))
        if entry not in by_name:
            known = ", ".join(sorted(f'"{n}"' for n in by_name)) or "none"
            raise CalDavError(
                caldav,
                f'no calendar named "{entry}" ([booking] caldav.calendars); found: {known}',
            )
        found.append((entry, by_name[entry]))
    return found


def _by_name(client) -> dict[str, object]:
    by_name: dict[str, object] = {}
    for calendar in client.principal().calendars():
        segment = str(calendar.url).rstrip("/").rsplit("/", 1)[-1]
        by_name.setdefault(segment, calendar)
        by_name.setdefault(calendar.get_display_name() or segment, calendar)
    return by_name


def _bytes(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def _dav_reason(exc) -> str:
    """The HTTP status and the server's own words from a caldav DAVError:
    its status line, the DAV:error preconditions and responsedescription
    (RFC 4918 16), or the first line of a plain-text body. The library's
    own `reason` is mostly "no reason", which tells the coach nothing."""
    status = getattr(exc, "status", None)
    # The library puts "412 Precondition Failed\n\n<body>" where a URL would be.
    first = str(getattr(exc, "url", None) or "").split("\n", 1)[0].strip()
    if re.fullmatch(r"\d{3}( [A-Za-z][A-Za-z ,'-]*)?", first):
        words = [f"HTTP {first}"]
    elif isinstance(status, int):
        try:
            words = [f"HTTP {status} {HTTPStatus(status).phrase}"]
        except ValueError:
            words = [f"HTTP {status}"]
    else:
        words = []
    words += [
        tag.rsplit("}", 1)[-1]
        for tag in getattr(exc, "preconditions", ())
        if not tag.endswith("}responsedescription")
    ]
    said = _server_words(getattr(exc, "body", None))
    if said:
        words.append(said)
    if not words:
        reason = getattr(exc, "reason", "")
        words = [reason if reason and reason != "no reason" else type(exc).__name__]
    return ": ".join([words[0], ", ".join(words[1:])]) if len(words) > 1 else words[0]


def _server_words(body: bytes | str | None) -> str:
    """The server's explanation in one short line without URLs, or ""."""
    if not body:
        return ""
    raw = body.encode("utf-8", "replace") if isinstance(body, str) else bytes(body)
    text = ""
    if raw.lstrip().startswith(b"<"):
        from lxml import etree  # under caldav already

        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        try:
            root = etree.fromstring(raw, parser=parser)
        except etree.XMLSyntaxError:
            root = None
        if root is not None:
            found = root.find(".//{DAV:}responsedescription")
            text = (found.text or "") if found is not None else ""
    else:
        text = raw.decode("utf-8", "replace").strip().split("\n", 1)[0]
    text = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    if "://" in text:  # may carry the account name
        return ""
    return text if len(text) <= 200 else text[:199] + "…"


def _reason(exc: BaseException) -> str:
    """A short cause without URLs (they may carry the account name)."""
    text = str(exc)
    errno = re.search(r"\[Errno -?\d+\] ([^'\")]+)", text)
    if errno:
        return errno.group(1).strip().lower()
    reason = getattr(exc, "reason", None)
    if isinstance(reason, str) and reason and "://" not in reason:
        return reason
    return type(exc).__name__
