"""Busy sources (local .ics files, http(s) URLs, booked sessions) -> busy intervals.

With busy_caldav.py (CalDAV calendars) and ledger_format.py (the bookings
ledger), one of the three modules of the engine that read anything
outside the settings; the rest of the engine is pure. Every failure raises
BusySourceError naming the source, so the build fails closed: a calendar we
could not read might hide an appointment, and publishing that time as free
would be worse than publishing nothing.

Nothing read here leaves this module except start/end instants; summaries,
descriptions, attendees and locations are never copied anywhere.
"""

from __future__ import annotations

import hashlib
import urllib.error
import urllib.request
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.client import HTTPException
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from ..common.deadline import Deadline
from ..common.memo import Memo, code_version, key_of, zone_file_stamps
from ..config.booking import Session, name
from .errors import BusySourceError
from .model import Booking, Interval

MAX_BYTES = 50 * 1024 * 1024  # far beyond any real calendar; stops a runaway download
USER_AGENT = "coach-site-booking/1.0 (+https://getpelican.com)"


@dataclass(frozen=True)
class BusySource:
    index: int  # position in [booking] busy_calendars
    entry: str  # as written in the setting
    location: str  # absolute path or URL
    root: str = ""  # the content folder: files must be inside it
    setting: str = ""  # how errors name the list ("": [booking] busy_calendars)

    @property
    def is_url(self) -> bool:
        return urlsplit(self.location).scheme.lower() in {"http", "https", "webcal"}

    @property
    def label(self) -> str:
        """How errors name the source. URLs lose their path: private calendar
        addresses carry a secret token there, and build logs are often public."""
        if self.setting:
            where = f"{self.setting}, item {self.index + 1}"
        else:
            where = name("busy_calendars", self.index)
        if self.is_url:
            parts = urlsplit(self.location)
            return f"{where} <{parts.scheme}://{parts.hostname}/…>"
        return f"{where} ({self.entry})"


def sources(
    entries: Sequence[str], content_path: str | Path, setting: str = ""
) -> tuple[BusySource, ...]:
    """Relative file paths are inside the content folder (Pelican's PATH).
    `setting` names the list in errors (a program's coach has her own)."""
    root = str(Path(content_path).resolve())
    found = []
    for i, entry in enumerate(entries):
        source = BusySource(i, entry, entry, root, setting)
        if not source.is_url:
            source = BusySource(i, entry, str(Path(content_path, entry).resolve()), root, setting)
        found.append(source)
    return tuple(found)


def read(source: BusySource, timeout: float) -> bytes:
    if source.is_url:
        return _fetch(source, timeout)
    path = Path(source.location)  # resolved: links and ".." already followed
    if source.root and not path.is_relative_to(source.root):
        raise BusySourceError(
            source.label,
            "is outside the content folder (PATH); keep busy calendars there, "
            "e.g. content/calendars/busy.ics",
        )
    try:
        if not path.is_file():
            if path.exists():
                raise BusySourceError(source.label, "is not a regular file")
            raise FileNotFoundError
        if path.stat().st_size > MAX_BYTES:
            raise BusySourceError(source.label, "larger than 50 MB; is it a calendar?")
        return path.read_bytes()
    except FileNotFoundError:
        raise BusySourceError(source.label, "file not found in the content folder (PATH)") from None
    except OSError as exc:
        raise BusySourceError(source.label, f"cannot read the file: {exc.strerror}") from None


class _RefusedRedirect(Exception):
    def __init__(self, scheme: str) -> None:
        self.scheme = scheme


class _WebOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """urllib follows redirects to ftp:// too; a calendar comes over http(s) only."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        scheme = urlsplit(newurl).scheme.lower()
        if scheme not in {"http", "https"}:
            raise _RefusedRedirect(scheme or "?")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _fetch(source: BusySource, timeout: float) -> bytes:
    """The whole exchange (connection, headers, body, redirects) within
    `timeout` seconds of wall-clock time, however slowly the server drips."""
    url = source.location
    if url.lower().startswith("webcal://"):
        url = "https://" + url[len("webcal://") :]
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "text/calendar, */*;q=0.1"}
    )
    opener = urllib.request.build_opener(_WebOnlyRedirects)

    def exchange() -> bytes:
        with opener.open(request, timeout=timeout) as response:
            if response.status != 200:
                raise BusySourceError(source.label, f"the server answered HTTP {response.status}")
            chunks, size = [], 0
            while chunk := response.read(64 * 1024):
                size += len(chunk)
                if size > MAX_BYTES:
                    raise BusySourceError(source.label, "larger than 50 MB; is it a calendar?")
                chunks.append(chunk)
            return b"".join(chunks)

    try:
        return Deadline(timeout).run(exchange)
    except _RefusedRedirect as exc:
        raise BusySourceError(
            source.label, f"the server redirected to a {exc.scheme}:// address; only http(s)"
        ) from None
    except urllib.error.HTTPError as exc:
        raise BusySourceError(source.label, f"the server answered HTTP {exc.code}") from None
    except (TimeoutError, urllib.error.URLError, HTTPException, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError):
            problem = f"no complete answer within {timeout:g} s (busy_timeout_seconds)"
        else:
            problem = f"unreachable ({reason})"
        raise BusySourceError(source.label, problem) from None


def load(
    entries: Sequence[str],
    content_path: str | Path,
    zone: ZoneInfo,
    start: datetime,
    end: datetime,
    timeout: float,
    reader: Callable[[BusySource, float], bytes] = read,
    memo: Memo | None = None,
    setting: str = "",
) -> list[Interval]:
    """Busy intervals from every configured calendar; the first failure raises.

    With a memo, a calendar whose bytes an earlier build expanded is not
    parsed again: what is kept is its expansion over a window widened to
    whole days (so every build of the same day hits), which holds every
    interval of [start, end) and some outside it that no slot can touch."""
    found: list[Interval] = []
    for source in sources(entries, content_path, setting):
        data = reader(source, timeout)
        if memo is None:
            found.extend(_expanded(data, source.label, zone, start, end))
            continue
        day = start.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        wide_end = day + timedelta(days=-(-(end - start) // timedelta(days=1)) + 1)
        digest = hashlib.sha256(data).hexdigest()
        key = key_of("busy", digest, zone.key, day.isoformat(), wide_end.isoformat())

        def expand(data=data, label=source.label, start=day, end=wide_end) -> bytes:
            return _packed(_expanded(data, label, zone, start, end))

        try:
            packed = memo.get(key, expand)
        except BusySourceError:
            # A wider window can cross a limit (MAX_STEPS) the build's own does not.
            found.extend(_expanded(data, source.label, zone, start, end))
            continue
        found.extend(_unpacked(packed))
    return found


def _expanded(
    data: bytes, label: str, zone: ZoneInfo, start: datetime, end: datetime
) -> list[Interval]:
    # Imported here: loading icalendar and recurring-ical-events is a tenth
    # of a small site's build, and a memo hit needs neither.
    from .busy_ical import calendar_intervals

    return calendar_intervals(data, label, zone, start, end)


def _packed(found: list[Interval]) -> bytes:
    return array("q", [edge for interval in found for edge in interval]).tobytes()


def _unpacked(data: bytes) -> list[Interval]:
    edges = array("q")
    edges.frombytes(data)
    return [Interval(edges[i], edges[i + 1]) for i in range(0, len(edges), 2)]


def memo_version() -> str:
    """The code and data an expansion depends on besides the calendar's bytes."""
    return code_version(
        extra=tuple(zone_file_stamps()),
    )


def from_bookings(bookings: Iterable[Booking], sessions: Sequence[Session]) -> list[Interval]:
    """Booked sessions as busy time, padded by their own session's buffers so a
    new slot never eats into the rest the coach set around an existing one."""
    by_slug = {s.slug: s for s in sessions}
    found = []
    for booking in bookings:
        session = by_slug.get(booking.session)
        before = session.buffer_before_minutes * 60 if session else 0
        after = session.buffer_after_minutes * 60 if session else 0
        start, end = int(booking.start.timestamp()), int(booking.end.timestamp())
        found.append(Interval(start - before, end + after))
    return found
