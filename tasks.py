"""Tasks for building, previewing, testing and publishing the site.

Run `invoke --list` for the list. Names follow pelican-quickstart's tasks.py
so Pelican's documentation applies; `test`, `lint` and the booking tasks are
ours. `make serve` and `make test` bootstrap the tools and call these.

Each task only declares its name, options and help, and calls one function
of `sitetools.commands`, where the work is done without invoke.
"""

from __future__ import annotations

import functools
from pathlib import Path

import invoke
from invoke import Exit

from sitetools.commands import bench as benches
from sitetools.commands import build as building
from sitetools.commands import check as checking
from sitetools.commands import desk, develop
from sitetools.commands import edit as editing
from sitetools.commands import init as initial
from sitetools.commands import mutation as mutations
from sitetools.commands import publish as publishing
from sitetools.commands import serve as serving
from sitetools.commands.abort import Abort
from sitetools.commands.project import Project

PROJECT = Project.at(Path(__file__).resolve().parent)


def task(*args, **kwargs):
    """invoke's @task, with the one place a command's Abort becomes invoke's
    Exit: its one line on standard error, its exit status."""

    def declare(body):
        @functools.wraps(body)
        def ended(*call_args, **call_kwargs):
            try:
                return body(*call_args, **call_kwargs)
            except Abort as error:
                raise Exit(error.message, code=error.code) from None

        return invoke.task(*args, **kwargs)(ended)

    if len(args) == 1 and callable(args[0]) and not kwargs:  # a bare @task
        return task()(args[0])
    return declare


@task
def clean(c):
    """Remove generated files: output/ (and a cut-off build's folders beside
    it), Pelican's cache folders (cache/, .cache/) and test-artifacts/."""
    building.clean(PROJECT)


@task
def build(c):
    """Build the local version of the site into output/."""
    building.build(PROJECT)


@task
def rebuild(c):
    """`clean` then `build`."""
    building.rebuild(PROJECT)


@task
def regenerate(c):
    """Rebuild whenever a file changes."""
    building.regenerate(PROJECT)


@task
def serve(c, port: int = 0):
    """Serve output/ at http://127.0.0.1:8000/."""
    serving.serve(PROJECT, port)


@task(
    help={
        "port": "the site's port (default 8000)",
        "backend_port": "the editor's local backend port (default 8081)",
        "open": "open /admin/ in your browser (--no-open: only print its address)",
    }
)
def edit(c, port=0, backend_port=0, open=True):  # the name gives invoke's --no-open
    """Edit the site in your browser: build, start the editor's local backend
    (it saves into this folder's content/ and site.toml only), serve the site
    and open /admin/ (docs/editor.md)."""
    editing.edit(PROJECT, port, backend_port, open)


@task
def reserve(c):
    """`build`, then `serve`."""
    serving.reserve(PROJECT)


@task
def preview(c):
    """Build the production version of the site (needs SITEURL)."""
    building.preview(PROJECT)


@task
def livereload(c):
    """Build, serve, and rebuild + reload the browser when a file changes."""
    serving.livereload(PROJECT)


@task
def publish(c):
    """Build the production site and rsync it to DEPLOY_SSH_HOST:DEPLOY_SSH_PATH."""
    publishing.publish(PROJECT)


@task
def gh_pages(c):
    """Build the production site and push it to the gh-pages branch of DEPLOY_REMOTE."""
    publishing.gh_pages(PROJECT)


@task
def lint(c):
    """ruff check + ruff format --check."""
    develop.lint(PROJECT)


@task
def test(c, k="", x=False):
    """Lint, then run the whole test suite (pytest)."""
    develop.test(PROJECT, k, x)


@task
def bench(
    c, sizes="30,100", runs=3, real_clock=True, folder="", booking=True, large=False, program=True
):
    """Speed: our build vs plain Pelican, cold and warm (bench/build.py), the slot
    engine vs its floor (bench/booking.py), and every ratio in one table; then a
    coaching program of 1 to 50 coaches (bench/program.py)."""
    benches.bench(PROJECT, sizes, runs, real_clock, folder, booking, large, program)


@task
def bench_booking(c, events="2000,20000", runs=5):
    """Booking engine benchmark (bench/booking.py): engine / floor per busy-calendar size."""
    benches.bench_booking(PROJECT, events, runs)


@task(iterable=["module"], help={"module": "a module of tests/mutation.toml (repeatable)"})
def mutation(c, module=None):
    """Mutation testing (mutmut) of the core modules against their unit tests."""
    mutations.mutation(PROJECT, module or [])


@task
def audit(c, port=8000):
    """Lighthouse (mobile) on four pages of a fresh build (bench/audit.py)."""
    benches.audit(PROJECT, port)


# --- the booking desk (docs/desk.md) ------------------------------------------


@task(
    help={
        "slot": "slot id from the request, e.g. discovery-20261124T140000Z",
        "name": "the client's name",
        "email": "the client's email address",
        "note": "a line for the client, e.g. the video link",
        "lang": "the client's language for this booking's emails, e.g. fr (default: the site's)",
        "client-zone": "the client's time zone, e.g. Europe/Madrid: her emails show her time first",
        "settings": "settings file (default pelicanconf.py)",
    }
)
def confirm(c, slot, name, email, note="", lang="", client_zone="", settings=""):
    """Confirm a requested time: ledger, invitation + .eml in outbox/, optional SMTP/CalDAV."""
    desk.confirm(PROJECT, slot, name, email, note, lang, settings, client_zone)


@task(help={"slot": "the booked slot id", "reason": "a line for the client"})
def cancel(c, slot, reason="", settings=""):
    """Cancel a booking (METHOD:CANCEL invitation); the time is offered again on the next build."""
    desk.cancel(PROJECT, slot, reason, settings)


@task(help={"slot": "the booked slot id", "to": "the new slot id"})
def reschedule(c, slot, to, settings=""):
    """Move a booking to another time for the same client (cancel + confirm, one step)."""
    desk.reschedule(PROJECT, slot, to, settings)


@task(name="bookings", help={"all": "include past and cancelled bookings"})
def list_bookings(c, all=False, settings=""):
    """List upcoming bookings in your time zone."""
    desk.bookings(PROJECT, all, settings)


@task(name="sync-calendar")
def sync_calendar(c, settings=""):
    """Bring your CalDAV calendar (BOOKING["caldav"]) in line with the ledger."""
    desk.sync_calendar(PROJECT, settings)


@task(help={"email": "the client's email address"})
def export(c, email, settings=""):
    """Print everything the desk keeps about an email address, as JSON (docs/desk.md)."""
    desk.export(PROJECT, email, settings)


@task(help={"email": "the client's email address"})
def forget(c, email, settings=""):
    """Remove an email address from everything the desk keeps (docs/desk.md)."""
    desk.forget(PROJECT, email, settings)


@task(name="ledger-key", help={"rotate": "re-encrypt every client file with a new key"})
def ledger_key(c, rotate=False, settings=""):
    """Print a new key for what the desk keeps about clients (docs/desk.md)."""
    desk.ledger_key(PROJECT, rotate, settings)


@task(help={"watch": "stay connected and handle each email as it arrives (IMAP IDLE)"})
def inbox(c, watch=False, settings=""):
    """Handle the booking emails in BOOKING["inbox"]: requests, your yes/no, clients' changes."""
    desk.inbox(PROJECT, watch, settings)


@task
def remind(c, settings=""):
    """Send the reminders that are due (BOOKING["reminder_hours"], default 24 h and 1 h before)."""
    desk.remind(PROJECT, settings)


@task(
    name="desk-run",
    help={
        "publish": "after building: publish (rsync), gh-pages, or nothing (the workflow deploys)",
        "commit": "commit the ledger and unsent mail back to this (private) repository",
        "push": "push that commit (implies --commit)",
    },
)
def desk_run(c, publish="", commit=False, push=False, settings=""):
    """One scheduled round: inbox, reminders, commit the ledger, build, publish (docs/desk.md)."""
    desk.desk_run(PROJECT, publish, commit, push, settings)


@task(help={"new": "start a catalog for another language, e.g. --new=sv"})
def translations(c, new=""):
    """Extract our words into messages.pot and update every catalog (docs/translating.md)."""
    develop.translations(PROJECT, new)


@task(help={"answers": "a TOML file of answers (see sitetools/init_site.py); no questions asked"})
def init(c, answers=""):
    """Make the site yours: your name, hours and session; removes the sample practice."""
    initial.init(PROJECT, answers)


@task
def check(c):
    """Check your own site (content/ with pelicanconf.py): links, images, HTML,
    accessibility, calendar files, podcast feed; a plain report."""
    checking.check(PROJECT)
