"""The coach's CalDAV calendars (optional): busy time in, booking events out.

Busy time is a time-range REPORT over the horizon in every configured
calendar, without server-side expansion: each object's raw iCalendar goes
through busy.parse and busy.intervals, so recurrences, all-day events,
floating times, TRANSP and STATUS mean exactly what they mean for a busy
.ics file. Servers interpret floating and all-day times in the time-range
filter differently, so the query is two days wider on each side than
needed and busy.intervals does the exact cut.

Any failure raises CalDavError (the build fails closed). The password is
read from the environment variable named by `password_env` and is never
printed; messages name the server without its path.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime, timedelta
from urllib.parse import urljoin

import icalendar

from . import busy
from .desk_config import CalDavSettings
from .errors import BookingError, BusySourceError
from .ledger import Entry, event
from .model import Interval
from .settings import BookingSettings

MARGIN = timedelta(days=2)


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
    """Busy intervals from every configured calendar ([] without BOOKING["caldav"]).

    `skip_uids` leaves events out: a reschedule must not be blocked by the
    very booking it moves.
    """
    caldav = settings.desk.caldav
    if caldav is None:
        return []
    skip = set(skip_uids)
    found: list[Interval] = []
    with _calendars(caldav, environ, settings.busy_timeout_seconds) as calendars:
        for entry, calendar in calendars:
            label = f'{caldav.label} calendar "{entry}"'
            objects = calendar.search(
                start=start - MARGIN, end=end + MARGIN, event=True, expand=False, post_filter=False
            )
            for item in objects:
                for parsed in busy.parse(_bytes(item.data), label):
                    parsed.subcomponents = [
                        c
                        for c in parsed.subcomponents
                        if not (c.name == "VEVENT" and str(c.get("UID")) in skip)
                    ]
                    found.extend(busy.intervals(parsed, settings.zone, start, end, label))
    return found


def save_booking(
    settings: BookingSettings, entry: Entry, environ: Mapping[str, str] | None = None
) -> None:
    """Create or replace the booking's event in the first configured calendar."""
    caldav = settings.desk.caldav
    if caldav is None:
        return
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//coach-site//Pelican booking desk 1.0//EN")
    calendar.add("version", "2.0")
    calendar.add_component(event(entry, schedule_agent="CLIENT"))
    with _calendars(caldav, environ, settings.busy_timeout_seconds, first_only=True) as found:
        # Stored verbatim: the ledger owns SEQUENCE, the library must not bump it.
        found[0][1].add_event(calendar.to_ical().decode("utf-8"), increase_seqno=False)


def delete_booking(
    settings: BookingSettings, uid: str, environ: Mapping[str, str] | None = None
) -> bool:
    """Remove the booking's event from the first calendar; False if it was not there."""
    caldav = settings.desk.caldav
    if caldav is None:
        return False
    from caldav.lib import error

    with _calendars(caldav, environ, settings.busy_timeout_seconds, first_only=True) as found:
        try:
            item = found[0][1].get_event_by_uid(uid)
        except error.NotFoundError:
            return False
        item.delete()
    return True


@contextmanager
def _calendars(
    caldav: CalDavSettings,
    environ: Mapping[str, str] | None,
    timeout: float,
    *,
    first_only: bool = False,
) -> Iterator[list[tuple[str, object]]]:
    """(entry, caldav.Calendar) in settings order; every error becomes CalDavError."""
    secret = password(caldav, os.environ if environ is None else environ)
    import caldav as client_library  # imported late: heavy, and only needed when configured
    from caldav.lib import error

    wanted = caldav.calendars[:1] if first_only else caldav.calendars
    # The library logs server quirks as warnings; a strict build counts every
    # warning as a failure, while real failures reach us as exceptions.
    quiet = logging.getLogger("caldav")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        with client_library.DAVClient(
            url=caldav.url,
            username=caldav.username,
            password=secret,
            timeout=timeout,
            enable_rfc6764=False,
        ) as client:
            yield _resolve(client, caldav, wanted)
    except (CalDavError, BusySourceError):
        raise
    except error.AuthorizationError:
        raise CalDavError(
            caldav,
            f"the server refused user {caldav.username!r} with the password in "
            f"{caldav.password_env} (wrong username or password?)",
        ) from None
    except error.NotFoundError:
        raise CalDavError(caldav, "not found on the server (HTTP 404); check the url") from None
    except error.DAVError as exc:
        raise CalDavError(caldav, f"the server refused the request ({_reason(exc)})") from None
    except OSError as exc:  # niquests' connection and timeout errors are OSErrors
        if "timeout" in type(exc).__name__.lower() or "timed out" in str(exc).lower():
            problem = f"no answer within {timeout:g} s (busy_timeout_seconds)"
        else:
            problem = f"unreachable ({_reason(exc)})"
        raise CalDavError(caldav, problem) from None
    except Exception as exc:  # the library raises many kinds; all mean "cannot use it"
        raise CalDavError(caldav, f"unexpected answer ({_reason(exc)})") from None
    finally:
        quiet.setLevel(level)


def _resolve(client, caldav: CalDavSettings, wanted: tuple[str, ...]) -> list[tuple[str, object]]:
    """Entries with a "/" are calendar URLs (relative to `url`); others are
    display names or collection names of the user's calendars."""
    by_name: dict[str, object] | None = None
    found = []
    for entry in wanted:
        if "/" in entry:
            found.append((entry, client.calendar(url=urljoin(caldav.url, entry))))
            continue
        if by_name is None:
            by_name = {}
            for calendar in client.principal().calendars():
                segment = str(calendar.url).rstrip("/").rsplit("/", 1)[-1]
                by_name.setdefault(segment, calendar)
                by_name.setdefault(calendar.get_display_name() or segment, calendar)
        if entry not in by_name:
            known = ", ".join(sorted(f'"{n}"' for n in by_name)) or "none"
            raise CalDavError(
                caldav,
                f'no calendar named "{entry}" (BOOKING["caldav"]["calendars"]); found: {known}',
            )
        found.append((entry, by_name[entry]))
    return found


def _bytes(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


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
