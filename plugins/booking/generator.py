"""The only Pelican-aware module of the booking plugin.

`generate_context` (runs after articles and pages are read, before anything
is written) validates BOOKING, reads every busy calendar and computes the
slots; `generate_output` writes them. Any BookingError is logged as one
CRITICAL line naming the setting or file, then the build stops with exit
status 1 before a single file is written (fail closed). CRITICAL rather than
ERROR because Pelican's `--fatal` turns an ERROR into a RuntimeError with a
traceback; SystemExit rather than an exception because Pelican's catch-all
`except Exception` would print another traceback.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import re
import shutil
import site
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from pelican import signals
from pelican.generators import Generator

from .calendar_reuse import CalendarMemo, inputs_digest
from .clock import read_clock
from .errors import BookingConfigError, BookingError
from .ics import availability_feed, slot_invite, uid_host
from .ledger import booked
from .plan import BookingPlan, make_plan
from .views import booking_view, slots_document

log = logging.getLogger(__name__)
_STAMPED = re.compile(r"\d{8}T\d{6}Z(\.ics)?")
# Serialising invites with `icalendar` costs ~1 ms a slot. Above this many
# slots it runs in a second process while Pelican renders the articles
# (profiled: 0.5 s of a 1,000-article build with a 90-day horizon); below it,
# starting a process costs more than it saves.
PARALLEL_FROM_SLOTS = 200
CALENDAR_MEMO = "BookingCalendars"


def build_clock() -> datetime:
    try:
        return read_clock(os.environ)
    except ValueError as error:
        log.critical("booking: %s", error)
        raise SystemExit(1) from None


class BookingGenerator(Generator):
    def generate_context(self) -> None:
        try:
            self.origin = _origin(self.settings)
            raw = self.settings.get("BOOKING")
            # The desk's ledger: confirmed bookings are busy and count towards
            # max_per_day. Relative to the project folder, where builds run.
            ledger = booked(raw, content_path=self.path, output_path=self.output_path, root=".")
            self.plan: BookingPlan = make_plan(
                raw, content_path=self.path, now=build_clock(), bookings=ledger
            )
            _refuse_publishing_busy_files(self.plan, self.settings, self.path)
        except BookingError as error:
            log.critical("booking: %s", error)
            raise SystemExit(1) from None
        self.views = booking_view(self.plan, self.origin)
        self.context["BOOKING_VIEW"] = self.views
        self.calendars = self._start_calendars()
        log.info(
            "booking: %s",
            ", ".join(f"{sp.session.slug}: {len(sp.slots)} slots" for sp in self.plan.sessions),
        )

    def _start_calendars(self) -> Future | list:
        jobs = _calendar_jobs(self.plan, self.views, self.settings, self.origin, self.output_path)
        self.calendar_memo = _calendar_memo(self.settings)
        if self.calendar_memo is not None:
            previous = os.environ.get("SITE_PREVIOUS_OUTPUT")
            roots = [Path(previous)] if previous else []
            every = len(jobs)
            jobs = [
                job
                for job in jobs
                if not self.calendar_memo.reuse(
                    _job_key(job, self.output_path), inputs_digest(job[1:]), Path(job[0]), roots
                )
            ]
            reused = every - len(jobs)
            log.info("booking: calendar files of %d of %d sessions reused", reused, every)
        slots = sum(len(job[2]) for job in jobs)
        if slots < PARALLEL_FROM_SLOTS or (os.cpu_count() or 1) < 2:
            return _write_calendars(jobs)
        # spawn, not fork: Pelican runs a progress thread, and forking a
        # threaded process can deadlock; spawn also works on macOS/Windows.
        # Pelican imports plugins from PLUGIN_PATHS without leaving them on
        # sys.path; the worker needs this package's parent folder to import it.
        pool = ProcessPoolExecutor(
            1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=site.addsitedir,
            initargs=(str(Path(__file__).resolve().parents[1]),),
        )
        future = pool.submit(_write_calendars, jobs)
        pool.shutdown(wait=False)
        return future

    def generate_output(self, writer) -> None:
        written = self.calendars
        if isinstance(written, Future):
            try:
                written = written.result()
            except Exception as error:  # the worker's error, re-raised here
                log.critical("booking: writing the calendar files failed: %s", error)
                raise SystemExit(1) from None
        if self.calendar_memo is not None:
            for folder, digest, hashes in written:
                self.calendar_memo.record(_job_key((folder,), self.output_path), digest, hashes)
            self.calendar_memo.save(Path(self.settings["CACHE_PATH"], CALENDAR_MEMO))
        for sp in self.plan.sessions:
            _prune_stale(
                Path(self.output_path, "book", sp.session.slug), {s.stamp for s in sp.slots}
            )
        self._write_pages(writer)

    def _write_pages(self, writer) -> None:
        relative = self.settings.get("RELATIVE_URLS", False)
        page = self.get_template("booking_index")
        writer.write_file("book/index.html", page, self.context, relative, url="book/")
        session_page = self.get_template("booking_session")
        slot_page = self.get_template("booking_slot")
        for view in self.views:
            writer.write_file(
                f"{view['url']}index.html",
                session_page,
                self.context,
                relative,
                url=view["url"],
                booking_session=view,
            )
            for day in view["days"]:
                for slot in day["slots"]:
                    writer.write_file(
                        f"{slot['url']}index.html",
                        slot_page,
                        self.context,
                        relative,
                        url=slot["url"],
                        booking_session=view,
                        booking_slot=slot,
                    )


def _calendar_jobs(plan: BookingPlan, views, settings, origin: str, output: str) -> list:
    """Plain, picklable descriptions of every calendar file to write."""
    host = uid_host(settings.get("SITEURL") or "", plan.settings.organizer.email)
    return [
        (
            str(Path(output, "book", sp.session.slug)),
            _json(slots_document(view)),
            sp.slots,
            sp.session,
            plan.settings.organizer,
            origin,
            host,
            plan.now,
        )
        for sp, view in zip(plan.sessions, views, strict=True)
    ]


def _calendar_memo(settings) -> CalendarMemo | None:
    """Only with Pelican's content cache on (see calendar_reuse.py)."""
    if not settings.get("CACHE_CONTENT"):
        return None
    if not settings.get("LOAD_CONTENT_CACHE"):
        return CalendarMemo()
    return CalendarMemo.load(Path(settings["CACHE_PATH"], CALENDAR_MEMO))


def _job_key(job: tuple, output: str) -> str:
    return Path(job[0]).relative_to(output).as_posix()


def _write_calendars(jobs: list) -> list[tuple[str, bytes, dict[str, bytes]]]:
    """Write every job's files; (folder, inputs digest, SHA-256 by file name) each."""
    written = []
    for job in jobs:
        folder, document, slots, session, organizer, origin, host, now = job
        files = {
            "slots.json": document,
            "availability.ics": availability_feed(slots, session, organizer, origin, host, now),
        }
        for slot in slots:
            files[f"{slot.stamp}.ics"] = slot_invite(slot, session, organizer, origin, host, now)
        for name, data in files.items():
            _write_atomically(Path(folder, name), data)
        hashes = {name: hashlib.sha256(data).digest() for name, data in files.items()}
        written.append((folder, inputs_digest(job[1:]), hashes))
    return written


def _origin(settings) -> str:
    origin = (settings.get("FEED_DOMAIN") or settings.get("SITEURL") or "").rstrip("/")
    if urlsplit(origin).scheme not in {"http", "https"}:
        raise BookingConfigError(
            "FEED_DOMAIN", "must be an absolute origin like https://coach.example.org"
        )
    return origin


def _refuse_publishing_busy_files(plan: BookingPlan, settings, content: str) -> None:
    """A busy calendar under STATIC_PATHS would be copied to the site verbatim."""
    static = [Path(content, p).resolve() for p in settings.get("STATIC_PATHS", [])]
    for i, entry in enumerate(plan.settings.busy_calendars):
        path = Path(content, entry).resolve()
        if "://" not in entry and any(path.is_relative_to(s) for s in static):
            raise BookingConfigError(
                f'BOOKING["busy_calendars"][{i}]',
                f"{entry} is inside STATIC_PATHS and would be published; move it out",
            )


def _prune_stale(folder: Path, keep: set[str]) -> None:
    """Slots from an earlier build into the same folder must not stay downloadable."""
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        if _STAMPED.fullmatch(entry.name) and entry.name.removesuffix(".ics") not in keep:
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink()


def _json(document: object) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def get_generators(_pelican) -> type[Generator]:
    return BookingGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
