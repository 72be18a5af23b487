"""The desk's command line: `python -m plugins.booking.desk ...` (or `invoke confirm ...`).

Reads the settings file as Pelican does, without importing Pelican (PATH and
the other folders resolve from the settings file's folder, as in a build),
takes its checked Settings (plugins.config), turns them into a Desk,
runs one command and prints its report. Any BookingError becomes one line
on stderr and exit status 1; nothing else is printed for it.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

from ...common.errors import SiteError
from ...common.language import catalog_folder
from ...common.sealed import new_key
from ...config import of
from ...config.pelican_file import read_settings_file
from ..ledger_format import theme_static_folders
from . import clients, inbox, keys, reminders
from .commands import (
    Desk,
    Outcome,
    cancel,
    clock,
    confirm,
    finish_interrupted,
    listing,
    reschedule,
    send,
    sync_calendar,
)

PREFIX = "booking desk"
DEFAULT_KEY_VARIABLE = "BOOKING_LEDGER_KEY"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m plugins.booking.desk",
        description="Confirm, cancel, reschedule and list bookings (docs/desk.md).",
    )
    parser.add_argument(
        "--settings",
        default="pelicanconf.py",
        help="the settings file the site is built with (default: pelicanconf.py); "
        "use the one of your public site so invitations carry its UIDs",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    one = commands.add_parser("confirm", help="confirm a requested time")
    one.add_argument("--slot", required=True, help="slot id, e.g. discovery-20261124T140000Z")
    one.add_argument("--name", required=True, help="the client's name")
    one.add_argument("--email", required=True, help="the client's email address")
    one.add_argument("--note", default="", help="a line for the client, e.g. the video link")
    one.add_argument(
        "--lang",
        default="",
        help="the client's language for this booking's emails (default: the site's)",
    )
    one.add_argument(
        "--client-zone",
        default="",
        help="the client's time zone, e.g. Europe/Madrid: her emails show her time first",
    )
    one.add_argument("--no-send", action="store_true", help="do not send, even with smtp set")
    two = commands.add_parser("cancel", help="cancel a booking")
    two.add_argument("--slot", required=True)
    two.add_argument("--reason", default="", help="a line for the client")
    two.add_argument("--no-send", action="store_true")
    three = commands.add_parser("reschedule", help="move a booking to another time")
    three.add_argument("--slot", required=True, help="the booked slot id")
    three.add_argument("--to", required=True, help="the new slot id")
    three.add_argument("--no-send", action="store_true")
    four = commands.add_parser("bookings", help="list upcoming bookings")
    four.add_argument("--all", action="store_true", help="past and cancelled ones too")
    commands.add_parser(
        "sync-calendar", help="bring [booking.caldav] in line with the ledger (repeatable)"
    )
    export = commands.add_parser("export", help="print everything kept about an address (JSON)")
    export.add_argument("email")
    forget = commands.add_parser("forget", help="remove an address from everything kept")
    forget.add_argument("email")
    key = commands.add_parser(
        "ledger-key", help="print a new key for the client files, or --rotate to a new one"
    )
    key.add_argument(
        "--rotate", action="store_true", help="re-encrypt every client file with a new key"
    )
    five = commands.add_parser("inbox", help="handle the booking emails in [booking.inbox]")
    five.add_argument(
        "--watch",
        action="store_true",
        help="stay connected and handle each email as it arrives (IMAP IDLE); "
        "sends due reminders too",
    )
    commands.add_parser("remind", help="send the reminders that are due ([booking] reminder_hours)")
    return parser


def load_desk(settings_file: str, environ=os.environ) -> Desk:
    path = Path(settings_file)
    if not path.is_file():
        raise SiteError(f"settings file {settings_file} not found (run from the project folder)")
    settings = read_settings_file(path)
    desk_settings = of(settings).desk
    if desk_settings is None:
        raise SiteError("[booking]: missing from site.toml; see docs/booking.md")
    # The public address, as publishconf.py takes it: links in clients'
    # emails must open on the client's computer, not only on this one.
    published = of(settings).site.url
    siteurl = (environ.get("SITEURL") or settings.get("SITEURL") or published).rstrip("/")
    return Desk(
        raw=desk_settings,
        content_path=Path(settings["PATH"]),
        output_path=Path(settings["OUTPUT_PATH"]),
        theme_static=tuple(theme_static_folders(settings)),
        root=Path.cwd(),
        siteurl=siteurl,
        origin=(
            siteurl
            if environ.get("SITEURL") or published
            else settings.get("FEED_DOMAIN") or siteurl
        ).rstrip("/"),
        now=clock(environ),
        environ=environ,
        default_lang=settings.get("DEFAULT_LANG"),
        extra_langs=tuple(str(code) for code in settings.get("EXTRA_LANGUAGES") or ()),
        catalogs=catalog_folder(settings["THEME"]),
        templates=Path(settings["THEME"], "templates"),
    )


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "ledger-key" and not args.rotate:
            variable = _key_variable(args.settings)
            print("\n".join(keys.instructions(variable, new_key())))
            return 0
        desk = load_desk(args.settings)
        desk.vault  # noqa: B018  (a key that is not an age key stops every command here)
        if args.command == "ledger-key":
            print("\n".join(keys.rotate(desk)))
            return 0
        if args.command == "export":
            print(clients.export(desk, args.email))
            return 0
        if args.command == "forget":
            print("\n".join(clients.forget(desk, args.email)))
            return 0
        if args.command == "bookings":
            print("\n".join(listing(desk, everything=args.all)))
            return 0
        if args.command == "sync-calendar":
            print("\n".join(sync_calendar(desk)))
            return 0
        if args.command == "inbox":
            return _inbox(args, desk)
        if args.command == "remind":
            queued = reminders.remind(desk, report=print)
            if not queued:
                print("No reminders are due.")
            return 0
        if args.command == "confirm":
            outcome = confirm(
                desk, args.slot, args.name, args.email, args.note, args.lang, args.client_zone
            )
        elif args.command == "cancel":
            outcome = cancel(desk, args.slot, args.reason)
        else:
            outcome = reschedule(desk, args.slot, args.to)
        _report(outcome)
        code = 0
        if outcome.calendar_problem:
            print(f"{PREFIX}: {outcome.calendar_problem}", file=sys.stderr)
            code = 1
        if not args.no_send:
            # The booking is already recorded: a failed send must say so.
            try:
                send(desk, outcome, report=print)
            except SiteError as error:
                print(f"{PREFIX}: recorded, but not sent: {error}", file=sys.stderr)
                code = 1
    except SiteError as error:
        print(f"{PREFIX}: {error}", file=sys.stderr)
        return 1
    return code


def _key_variable(settings_file: str) -> str:
    """[booking] ledger_key_env when the site sets it, else the usual name."""
    try:
        variable = load_desk(settings_file).settings.ledger_key_env
    except SiteError:
        variable = None
    return variable or DEFAULT_KEY_VARIABLE


def _inbox(args, desk: Desk) -> int:
    def line(text: str) -> None:
        print(text, flush=True)

    if args.watch:

        def again() -> Desk:
            current = replace(desk, now=clock(desk.environ))
            finish_interrupted(current, report=line)
            return current

        def remind(current: Desk) -> None:
            if current.desk_settings.smtp is not None:
                reminders.remind(current, report=line)

        try:
            inbox.watch(again, report=line, after=remind)
        except KeyboardInterrupt:  # Ctrl-C: the way to stop watching
            print("Stopped watching.")
        return 0
    inbox.check_ready(desk)
    # As confirm does: a booking a killed command left without its invitation.
    finish_interrupted(desk, report=line)
    report = inbox.run(desk, report=line)
    inbox_settings = desk.desk_settings.inbox
    aside = f", set aside {report.set_aside} in {inbox_settings.unreadable_folder}"
    print(
        f"Handled {report.handled} new email(s), sent {report.sent}, "
        f"moved {report.moved} to {inbox_settings.done_folder}"
        f"{aside if report.set_aside else ''}."
    )
    return 0


def _report(outcome: Outcome) -> None:
    print("\n".join(outcome.lines))
