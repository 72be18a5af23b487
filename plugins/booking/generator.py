"""The only Pelican-aware module of the booking engine.

`generate_context` (runs after articles and pages are read, before anything
is written) validates BOOKING, reads every busy calendar and the ledger and
computes the slots and the template context; it writes nothing.
`generate_output` writes the pages, the slot calendars and slots.json, and
removes what an earlier build into the same folder left behind (past slots
and day pages, sessions that were removed or renamed).

Any of our errors is logged as one CRITICAL line naming the setting or file,
then the build stops with exit status 1 before a single booking file is
written (fail closed). CRITICAL rather than ERROR because Pelican's
`--fatal` turns an ERROR into a RuntimeError with a traceback; SystemExit
rather than an exception because Pelican's catch-all `except Exception`
would print another traceback.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from pelican import signals
from pelican.generators import Generator

from ..common.clock import read_clock
from ..common.errors import SiteError
from ..common.files import write_if_changed
from ..common.ical import uid_host
from ..common.language import Language, site_languages, url_prefix
from ..common.memo import Memo
from ..common.stamp import Stamp
from ..config import of
from ..config.errors import ConfigError
from ..config.placement import check_busy_files, check_slugs
from .busy import memo_version as busy_memo_version
from .ics import availability_feed, memo_version, slot_invite
from .labels import zone_countries
from .ledger_format import booked, theme_static_folders
from .plan import BookingPlan, in_language, make_plan
from .tokens import MANAGE_PAGE
from .views import booking_view, manage_view, slots_document

log = logging.getLogger(__name__)
# A slot's page and invite, and a day's page (compact.py's day form).
_DATED = re.compile(r"\d{8}T\d{6}Z(\.ics)?|\d{4}-\d{2}-\d{2}")
BOOK = "book"
MEMO_FILE = "booking-calendars.pickle"
BUSY_MEMO = "booking-busy.pickle"
ZONES = "zones.json"
MANAGE = MANAGE_PAGE.removeprefix(f"{BOOK}/").strip("/")  # book/manage/


class BookingGenerator(Generator):
    def generate_context(self) -> None:
        try:
            self.origin = _origin(self.settings)
            settings = of(self.settings).booking
            if settings is None:
                raise ConfigError("[booking]", "missing, or not a table; see docs/booking.md")
            # The desk's ledger: confirmed bookings are busy and count towards
            # max_per_day. Relative to the project folder, where builds run.
            bookings = booked(
                settings,
                content_path=self.path,
                output_path=self.output_path,
                root=".",
                theme_static=theme_static_folders(self.settings),
                environ=os.environ,
            )
            # Calendars expanded by an earlier build (same bytes, same day) are
            # not parsed again; kept beside the compiled templates.
            busy_memo = Memo(Path(self.settings["CACHE_PATH"], BUSY_MEMO), busy_memo_version())
            self.plan: BookingPlan = make_plan(
                settings,
                content_path=self.path,
                now=read_clock(os.environ),
                bookings=bookings,
                memo=busy_memo,
            )
            busy_memo.save()
            check_busy_files(settings, self.path, self.settings.get("STATIC_PATHS", []))
            check_slugs(settings)
            languages = site_languages(self.settings)
        except SiteError as error:
            log.critical("booking: %s", error)
            raise SystemExit(1) from None
        # One set of pages per site language ("fr/book/..." beside "book/..."),
        # from the same plan: every language offers the same times.
        self.editions = [
            (lang, prefix, booking_view(plan, lang, self.origin, prefix), plan)
            for lang in languages
            for prefix in [url_prefix(lang, languages)]
            for plan in [in_language(self.plan, lang.code)]
        ]
        self.views = self.editions[0][2]
        self.context["BOOKING_VIEW"] = self.views
        self.context["BOOKING_EDITIONS"] = {lang.code: views for lang, _, views, _ in self.editions}
        log.info(
            "booking: %s",
            ", ".join(f"{sp.session.slug}: {len(sp.slots)} slots" for sp in self.plan.sessions),
        )

    def generate_output(self, writer) -> None:
        # The calendars of the last build, kept beside the compiled templates:
        # most of a scheduled rebuild's slots are the same times again.
        memo = Memo(Path(self.settings["CACHE_PATH"], MEMO_FILE), memo_version())
        # One for every language: the browser names the countries.
        write_if_changed(Path(self.output_path, BOOK, ZONES), _json(zone_countries()))
        for lang, prefix, views, plan in self.editions:
            book = Path(self.output_path, prefix, BOOK)
            _remove_old_sessions(book, {sp.session.slug for sp in plan.sessions} | {MANAGE})
            self._write_calendars(book, lang, prefix, views, memo, plan)
            self._write_pages(writer, lang, prefix, views, plan)
        memo.save()

    def _write_calendars(
        self, book: Path, lang: Language, prefix: str, views, memo: Memo, plan: BookingPlan
    ) -> None:
        """slots.json, availability.ics and one invite per slot, per session
        (a coach's edition shares its session's invites: none of its own)."""
        organizer = plan.settings.organizer
        host = uid_host(self.settings.get("SITEURL") or "", organizer.email)
        now, origin = plan.now, self.origin
        for sp, view in zip(plan.sessions, views, strict=True):
            folder = book / sp.session.slug
            days = {day["date"] for day in view["days"]} if view["day_pages"] else set()
            own = set() if sp.session.parent else {s.stamp for s in sp.slots}
            _prune_stale(folder, own | days)
            files = {
                "slots.json": _json(slots_document(view)),
                "availability.ics": availability_feed(
                    sp.slots, sp.session, organizer, origin, host, now, lang, prefix, memo
                ),
            }
            # A coach's edition of an "any" session shares the session's slot
            # pages and invitations (views.slot_view): none of its own.
            for slot in () if sp.session.parent else sp.slots:
                files[f"{slot.stamp}.ics"] = slot_invite(
                    slot, sp.session, organizer, origin, host, now, lang, prefix, memo
                )
            for file_name, data in files.items():
                write_if_changed(folder / file_name, data)

    def _write_pages(self, writer, lang: Language, prefix: str, views, plan: BookingPlan) -> None:
        relative = self.settings.get("RELATIVE_URLS", False)
        # page_language: the templates' words and lang= follow it.
        extra = {"page_language": lang.code, "BOOKING_VIEW": views}
        page = self.get_template("booking_index")
        index = f"{prefix}{BOOK}/"
        writer.write_file(f"{index}index.html", page, self.context, relative, url=index, **extra)
        # The page a confirmation's "Cancel" and "Choose another time" links open.
        manage = manage_view(plan, lang, prefix)
        writer.write_file(
            f"{manage['url']}index.html",
            self.get_template("booking_manage"),
            self.context,
            relative,
            url=manage["url"],
            booking_manage=manage,
            **extra,
        )
        session_page = self.get_template("booking_session")
        slot_page = self.get_template("booking_slot")
        for view in views:
            writer.write_file(
                f"{view['url']}index.html",
                session_page,
                self.context,
                relative,
                url=view["url"],
                booking_session=view,
                **extra,
            )
            # Many times: each day's links on a page of its own (compact.py).
            for day in view["days"] if view["day_pages"] else ():
                writer.write_file(
                    f"{day['url']}index.html",
                    self.get_template("booking_day"),
                    self.context,
                    relative,
                    url=day["url"],
                    booking_session=view,
                    booking_day=day,
                    **extra,
                )
            if view["parent"]:
                continue  # its times open the session's own slot pages
            slots = [slot for day in view["days"] for slot in day["slots"]]
            # The layout is rendered once per session and each slot's strings
            # filled in (exact, or rendered slot by slot: see common/stamp.py).
            stamp = Stamp(slot_page, _SLOT_VARYING, [_slot_varying(s) for s in _probes(slots)])
            for slot in slots:
                writer.write_file(
                    f"{slot['url']}index.html",
                    stamp,
                    self.context,
                    relative,
                    url=slot["url"],
                    booking_session=view,
                    **_slot_varying(slot),
                    **extra,
                )


_SLOT_VARYING = ("booking_slot", "output_file")


def _slot_varying(slot: dict) -> dict:
    # output_file: the name the writer gives the page's context.
    return {"booking_slot": slot, "output_file": f"{slot['url']}index.html"}


def _probes(slots: list[dict]) -> list[dict]:
    """The slots a stamp is checked against before it is used: the last, and
    the first of every month and of every weekday (their names differ)."""
    firsts: dict[str, dict] = {}
    for slot in slots:
        day = date.fromisoformat(slot["date"])
        firsts.setdefault(f"m{day.month}", slot)
        firsts.setdefault(f"w{day.weekday()}", slot)
    return [*firsts.values(), *slots[-1:]]


def _origin(settings) -> str:
    origin = (settings.get("FEED_DOMAIN") or settings.get("SITEURL") or "").rstrip("/")
    if urlsplit(origin).scheme not in {"http", "https"}:
        raise ConfigError(
            "FEED_DOMAIN", "must be an absolute origin like https://coach.example.org"
        )
    return origin


def _remove_old_sessions(book: Path, slugs: set[str]) -> None:
    """A session removed from BOOKING (or renamed) must not stay bookable in a
    folder built in place."""
    if not book.is_dir():
        return
    for entry in book.iterdir():
        if entry.is_dir() and entry.name not in slugs:
            shutil.rmtree(entry)


def _prune_stale(folder: Path, keep: set[str]) -> None:
    """Slots (and day pages) from an earlier build into the same folder must
    not stay downloadable; `keep` holds the stamps and dates still offered."""
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        if _DATED.fullmatch(entry.name) and entry.name.removesuffix(".ics") not in keep:
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink()


def _json(document: object) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def get_generators(_pelican) -> type[Generator]:
    return BookingGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
