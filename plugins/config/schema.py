"""Every table and key of site.toml, declared once.

Each key says what it holds (`kind`), its default, its bounds or allowed
values, the one line of help the coach reads in docs/settings.md, and,
for the keys the browser editor shows, the form's label and widget. The
checks in this package take their key lists, defaults and bounds from
here; the editor's forms (plugins.editor.fields), `invoke init`'s
defaults and bounds, and docs/settings.md (plugins.config.docs) are made
from it. Adding a key is one `Key(...)` here plus the code that uses it.

Why no validation library (pydantic, msgspec, attrs+cattrs): the checks
are the coach's vocabulary (time windows that must not overlap, IANA
zones with "did you mean", ISO currency codes from CLDR, a path that must
stay under content/) with messages in her words; a library would check the
types and leave all of that, and its messages, to us. Measured here (best
of five process starts, against 0.01 s for bare Python): pydantic 2.14
adds 0.16 s to every build and desk run, msgspec 0.02 s (but its errors
name `$.booking.weekly_hours.mon[0]`), attrs + cattrs 0.04 s; this whole
package imports in 0.07 s with the zone and currency data it uses.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any


def N_(message: str) -> str:
    """Marks an editor label or hint for the translation catalogs."""
    return message


@dataclass(frozen=True)
class Key:
    name: str
    help: str
    kind: str = "text"  # text, number, whole, flag, list, table, tables, choice, ...
    default: Any = None  # None: no default (required when `required`)
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] = ()
    # The browser editor: its label (translated) and Decap widget; keys
    # without a label are not in the editor's forms and are kept as written.
    label: str | None = None
    widget: str | None = None
    hint: str | None = None


@dataclass(frozen=True)
class Table:
    """A table of site.toml; `path` as the coach writes its header."""

    path: str
    help: str
    keys: tuple[Key, ...]
    many: bool = False  # written [[path]]: a list of tables

    def __getitem__(self, name: str) -> Key:
        for key in self.keys:
            if key.name == name:
                return key
        raise KeyError(name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(key.name for key in self.keys)

    def default(self, name: str) -> Any:
        return self[name].default


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_MINUTES = 24 * 60
MAX_HORIZON_DAYS = 3660  # ten years: beyond that dates overflow long before anyone books
MAX_NOTICE_HOURS = 24 * MAX_HORIZON_DAYS
LANGUAGES_HELP = "en, fr, de, es, it, nl or pt_BR (a catalog under theme/translations)"

SITE = Table(
    "site",
    "The site as a whole.",
    (
        Key("name", "The site's name in the header and the browser tab; default: [coach] name"),
        Key("subtitle", "A line under the name (or one per language); default: [coach] tagline"),
        Key(
            "description",
            "What search engines and link previews say (or per language); default: the subtitle",
        ),
        Key("language", f"The language of every page and email: {LANGUAGES_HELP}", default="en"),
        Key("extra_languages", "Other languages the site is also written in", "list", ()),
        Key("domain", "The published address's host (written to CNAME), e.g. coach.example.org"),
        Key(
            "url",
            "Your published site's address, e.g. https://coach.example.org (the desk's links)",
        ),
    ),
)

COACH = Table(
    "coach",
    "Who you are: printed on every page, in emails and invitations.",
    (
        Key("name", "Your name as you want it on every page", label=N_("Your name")),
        Key("credentials", "Degrees and certifications, after your name"),
        Key(
            "tagline",
            "One line under your name on the home page (or one per language)",
            label=N_("Tagline"),
        ),
        Key("photo", "Your portrait: a file under content/, e.g. images/portrait.jpg", "path"),
        Key(
            "photo_alt",
            "What the portrait shows, for people who cannot see it (or one per language)",
        ),
        Key("email", "Where clients write to you", "email", label=N_("Email")),
        Key("location", "Your city and country, e.g. Lyon, France (or one per language)"),
        Key(
            "timezone",
            "Your time zone, e.g. America/New_York (your booking hours use it)",
            "zone",
            label=N_("Time zone"),
            widget="select",
            hint=N_("Your booking hours are in this zone"),
        ),
        Key("job_title", "Your profession, e.g. Physician coach (or one per language)"),
        Key("disclaimer", "A line at the foot of every page (or one per language)"),
        Key("social", 'Links: { label = "LinkedIn", url = "https://..." }', "list", ()),
    ),
)

MENU = Table(
    "menu",
    "The main menu, in order; without it: articles, podcast and every page.",
    (
        Key("label", "The words in the menu (or one per language)", required=True),
        Key("link", 'A page of this site ("about/") or an https:// address', required=True),
    ),
    many=True,
)

SESSION_DEFAULTS = (
    Key(
        "minimum_notice_hours",
        "How much notice you need before a session, in hours",
        "number",
        24,
        maximum=MAX_NOTICE_HOURS,
        label=N_("Notice you need, in hours"),
    ),
    Key(
        "horizon_days",
        "How many days ahead clients may book",
        "whole",
        28,
        maximum=MAX_HORIZON_DAYS,
        label=N_("Days ahead clients may book"),
    ),
    Key(
        "interval_minutes",
        "Minutes between possible start times; default: the session's length",
        "whole",
        None,
        minimum=1,
        maximum=DAY_MINUTES,
        label=N_("Minutes between start times"),
    ),
    Key(
        "buffer_before_minutes",
        "A break kept free before each session",
        "whole",
        0,
        maximum=DAY_MINUTES,
        label=N_("Break before, in minutes"),
    ),
    Key(
        "buffer_after_minutes",
        "A break kept free after each session",
        "whole",
        0,
        maximum=DAY_MINUTES,
        label=N_("Break after, in minutes"),
    ),
    Key(
        "max_per_day",
        "At most this many sessions a day; default: no limit",
        "whole",
        None,
        minimum=1,
        maximum=DAY_MINUTES,
        label=N_("At most per day"),
    ),
)

BOOKING = Table(
    "booking",
    "When clients may book you, and how requests reach you.",
    (
        Key("timezone", "The zone of your hours; default: [coach] timezone", "zone"),
        Key(
            "weekly_hours",
            'Your hours per weekday: mon = ["09:00-12:00", "14:00-18:00"]',
            "table",
            required=True,
            label=N_("Weekly hours"),
        ),
        Key("date_overrides", 'Other hours on one date: "2026-12-24" = [] is a day off', "table"),
        Key(
            "special_days",
            'The same as a list: { date = "2026-12-24", hours = [] } (the editor writes this)',
            "tables",
            (),
            label=N_("Days off and special hours"),
        ),
        Key(
            "busy_calendars",
            "Calendars whose events you are busy for: paths or https://",
            "list",
            (),
        ),
        Key(
            "busy_timeout_seconds",
            "How long to wait for a busy calendar's server",
            "number",
            10,
            maximum=600,
        ),
        Key("organizer", "Who invitations come from; default: [coach] name and email", "table"),
        *SESSION_DEFAULTS,
        Key(
            "sessions",
            "The sessions clients may book, each a [[booking.sessions]]",
            "tables",
            required=True,
            label=N_("Sessions"),
        ),
        Key("currency", "ISO 4217 code for prices, e.g. EUR", "currency", "USD"),
        Key("request_form_action", "A form service's https:// address that receives requests"),
        Key(
            "ledger",
            "Your private booking ledger (never published)",
            "path",
            "bookings/bookings.ics",
        ),
        Key("outbox", "Where the desk keeps email it could not send yet", "path", "outbox"),
        Key("caldav", "Your calendar server ([booking.caldav])", "table"),
        Key(
            "consent_page",
            "The privacy page the request form links to, e.g. pages/privacy.html",
            "path",
        ),
        Key(
            "self_service_cutoff_hours",
            "Closer to a session than this, a client's change goes to you",
            "number",
            24,
            maximum=MAX_NOTICE_HOURS,
        ),
        # Read by the hands-free desk only.
        Key("smtp", "Where the desk sends email from ([booking.smtp])", "table"),
        Key("inbox", "The mailbox the desk reads ([booking.inbox])", "table"),
        Key(
            "confirm",
            '"coach": you approve each request; "auto": the desk confirms',
            "choice",
            "coach",
            choices=("coach", "auto"),
        ),
        Key("video", '{ rooms_at = "https://meet.jit.si/" } or { room = "https://..." }', "table"),
        Key("reminder_hours", "Hours before a session that reminders go out", "list", (24, 1)),
        Key(
            "link_secret_env",
            "The environment variable holding the secret of change links",
            "env",
            "BOOKING_LINK_SECRET",
        ),
        Key("limits", "How much one sender may ask of the desk ([booking.limits])", "table"),
        Key(
            "keep_client_data_days",
            "Days after a booking ends before the desk removes the client's name, address "
            "and answers from it (the time stays booked)",
            "whole",
            365,
            minimum=1,
            maximum=MAX_HORIZON_DAYS,
        ),
        Key(
            "ledger_key_env",
            "The environment variable holding the key that encrypts what the desk keeps "
            "about clients (invoke ledger-key makes one); unset: plain files",
            "env",
        ),
    ),
)

SESSION = Table(
    "booking.sessions",
    "One session clients may book; the keys above may be set per session too.",
    (
        Key(
            "slug",
            "The end of its booking page's address, e.g. discovery",
            "slug",
            required=True,
            label=N_("Address name"),
            hint=N_("The end of the booking page's address, e.g. discovery"),
        ),
        Key(
            "title",
            'Its name; per language: { es = "...", en = "..." }',
            required=True,
            label=N_("Title"),
        ),
        Key(
            "duration_minutes",
            "Its length in minutes",
            "whole",
            required=True,
            minimum=1,
            maximum=DAY_MINUTES,
            label=N_("Length in minutes"),
        ),
        Key(
            "description",
            "A few sentences on its page (or one per language); default: one naming its length",
            label=N_("Description"),
            widget="text",
        ),
        Key(
            "location",
            "Where it happens (or one per language)",
            default="Online; the details are sent when the time is confirmed",
            label=N_("Where"),
        ),
        Key("price", "0 for a free session", "number", 0, maximum=1_000_000, label=N_("Price")),
        Key("questions", "Intake questions, each a [[booking.sessions.questions]]", "tables", ()),
        Key(
            "coaches",
            "A program's coaches who give it (their slugs); default: every coach",
            "list",
            label=N_("Coaches"),
            widget="select",
            hint=N_("None chosen: every coach gives it"),
        ),
        Key(
            "assign",
            '"any": a time is offered when one of its coaches is free, and the desk picks '
            'who; "all": only when all are free (a joint session)',
            "choice",
            "any",
            choices=("any", "all"),
            label=N_("Who gives it"),
            widget="select",
            hint=N_("Empty: one of them, whoever is free"),
        ),
        *SESSION_DEFAULTS,
    ),
    many=True,
)

QUESTION = Table(
    "booking.sessions.questions",
    "A question a client answers when asking for a time (the answers stay private).",
    (
        Key("label", "The question, without : or [", required=True),
        Key(
            "type",
            "text, choice (one of options) or checkbox",
            "choice",
            "text",
            choices=("text", "choice", "checkbox"),
        ),
        Key("options", "The answers of a choice, at least two", "list", ()),
        Key("required", "Whether it must be answered", "flag", False),
    ),
    many=True,
)

SPECIAL_DAY = Table(
    "booking.special_days",
    "A date with other hours; none is a day off.",
    (
        Key("date", "The date, YYYY-MM-DD", "date", required=True),
        Key("hours", 'Its hours: ["10:00-12:00"], or [] for a day off', "list", ()),
    ),
    many=True,
)

ORGANIZER = Table(
    "booking.organizer",
    "Who invitations come from.",
    (
        Key("name", "The name on invitations", required=True),
        Key("email", "The address on invitations", "email", required=True),
    ),
)

CALDAV = Table(
    "booking.caldav",
    "Your calendar server: busy times are read from it and bookings written to it.",
    (
        Key("url", "The server's https:// address (from your provider)", "url", required=True),
        Key("username", "Your user name there", required=True),
        Key("password_env", "The environment variable holding the password", "env", required=True),
        Key(
            "calendars",
            'Calendar names, e.g. ["Work"]; bookings go into the first',
            "list",
            required=True,
        ),
    ),
)

SMTP = Table(
    "booking.smtp",
    "The mail server the desk sends through.",
    (
        Key("host", "e.g. smtp.example.org", required=True),
        Key("port", "default: 587 for starttls, 465 for ssl", "port"),
        Key(
            "security",
            "starttls, ssl or none (none only on this computer)",
            "choice",
            "starttls",
            choices=("starttls", "ssl", "none"),
        ),
        Key("username", "Your user name there"),
        Key("password_env", "The environment variable holding the password", "env"),
        Key("from", "The From address; default: [coach] email", "email"),
    ),
)

INBOX = Table(
    "booking.inbox",
    "The mailbox the desk reads requests and your answers from (IMAP).",
    (
        Key("host", "e.g. imap.example.org", required=True),
        Key("port", "default: 993 for ssl, 143 for starttls", "port"),
        Key(
            "security",
            "ssl, starttls or none (none only on this computer)",
            "choice",
            "ssl",
            choices=("ssl", "starttls", "none"),
        ),
        Key("username", "Your user name there", required=True),
        Key("password_env", "The environment variable holding the password", "env", required=True),
        Key("folder", "The folder requests arrive in", default="INBOX"),
        Key("done_folder", "Where handled mail is moved", default="Bookings/Done"),
        Key(
            "unreadable_folder",
            "Where mail the desk cannot read is set aside",
            default="Bookings/Unreadable",
        ),
    ),
)

VIDEO = Table(
    "booking.video",
    "Video calls: one room for every call, or a new room per booking.",
    (
        Key("room", "One fixed https:// room for every call", "url"),
        Key(
            "rooms_at",
            "A server where each booking gets its own room, e.g. https://meet.jit.si/",
            "url",
        ),
    ),
)

LIMITS = Table(
    "booking.limits",
    "What one stranger can make the desk do.",
    (
        Key(
            "pending_per_sender",
            "Open requests one address may have",
            "whole",
            2,
            minimum=1,
            maximum=10_000,
        ),
        Key(
            "requests_per_hour",
            "Requests one address may send an hour",
            "whole",
            5,
            minimum=1,
            maximum=10_000,
        ),
        Key(
            "requests_per_hour_per_domain",
            "Requests one domain may send an hour",
            "whole",
            30,
            minimum=1,
            maximum=10_000,
        ),
    ),
)

PODCAST = Table(
    "podcast",
    "Your podcast's feed, for Apple Podcasts, Spotify and every podcast app.",
    (
        Key("title", "The show's name; default: [site] name"),
        Key("description", "What the show is about", required=True),
        Key("author", "default: [coach] name"),
        Key("owner_name", "default: the author"),
        Key("owner_email", "default: [coach] email", "email"),
        Key(
            "image",
            "The cover: a square JPEG or PNG under content/, 1400-3000 px",
            "path",
            required=True,
        ),
        Key("language", "e.g. en-us; default: [site] language"),
        Key(
            "categories",
            'Apple Podcasts categories, e.g. ["Business > Careers"]',
            "list",
            required=True,
        ),
        Key("explicit", "Whether episodes are explicit", "flag", False),
        Key("type", "episodic or serial", "choice", "episodic", choices=("episodic", "serial")),
        Key("locked", "Refuse other hosts importing the feed", "flag", True),
        Key("guid", "Keep the show's guid from a previous host (a UUID)"),
        Key("copyright", "A copyright line"),
        Key("persons", 'People: "Name | role | https://link"; default: you as host', "list"),
        Key("subscribe", 'Links: { label = "Apple Podcasts", url = "https://..." }', "list", ()),
        Key(
            "feed_guest_appearances", "List your episodes on other shows in the feed", "flag", True
        ),
    ),
)

EDITOR = Table(
    "editor",
    "The browser editor on your published site (docs/editor.md).",
    (
        Key("repo", 'Your GitHub repository, "owner/name"'),
        Key("branch", "The branch the site is built from", default="main"),
        Key("auth_url", "The sign-in helper's https:// address"),
        Key("auth_endpoint", 'The sign-in helper\'s path, e.g. "auth"'),
    ),
)

DESIGN = Table(
    "design",
    "How the site looks (docs/looks.md shows each look).",
    (
        Key(
            "style",
            "The look: calm (clinical, quiet), warm (personal, soft) or bold (executive)",
            "choice",
            "calm",
            choices=("calm", "warm", "bold"),
            label=N_("Look"),
            widget="select",
            hint=N_("calm: clinical and quiet; warm: personal and soft; bold: executive"),
        ),
        Key(
            "accent",
            'Your colour for links and buttons, e.g. "#0b5c73" (it must be readable: 4.5:1)',
            label=N_("Accent colour"),
            hint=N_("Optional, like #0b5c73; a colour too faint to read is refused"),
        ),
    ),
)

# The per-coach rules a program's coach may set for herself.
COACH_RULES = tuple(
    replace(key, default=None, help=f"{key.help}, for her; default: the session's")
    for key in SESSION_DEFAULTS
    if key.name not in {"horizon_days", "interval_minutes"}
)

COACHES = Table(
    "coaches",
    "A coaching program's coaches, one [[coaches]] each (a site without it has "
    "one coach: [coach]). A session's rules below may be set per coach too.",
    (
        Key(
            "slug",
            "Her short name in addresses and in sessions' coaches, e.g. amara",
            "slug",
            required=True,
            label=N_("Address name"),
            hint=N_("The end of her page's address, e.g. amara; sessions name her by it"),
        ),
        Key("name", "Her name as shown on the site", required=True, label=N_("Name")),
        Key(
            "email",
            "Where her bookings and summaries go",
            "email",
            required=True,
            label=N_("Email"),
        ),
        Key(
            "timezone",
            "Her time zone, e.g. America/Chicago (her hours are in it)",
            "zone",
            required=True,
            label=N_("Time zone"),
            widget="select",
            hint=N_("Her hours are in this zone"),
        ),
        Key(
            "weekly_hours",
            'Her hours, e.g. mon = ["09:00-12:00"]',
            "table",
            required=True,
            label=N_("Weekly hours"),
        ),
        Key("date_overrides", "Days with other hours or none, e.g. 2026-12-24 = []", "table"),
        Key(
            "special_days",
            "The same, as a list of {date, hours}",
            "tables",
            (),
            label=N_("Days off and special hours"),
        ),
        Key(
            "busy_calendars",
            "Her busy calendars: files under content/ or URLs",
            "list",
            (),
            label=N_("Busy calendars"),
            widget="list",
            hint=N_("A file under content/ like calendars/amara.ics, or an https:// address"),
        ),
        Key(
            "credentials",
            "Degrees and certifications, after her name",
            label=N_("Credentials"),
            hint=N_("After her name, e.g. MD, PCC"),
        ),
        Key(
            "photo",
            "Her portrait: a file under content/, e.g. images/amara.jpg",
            "path",
            label=N_("Photo"),
            widget="image",
        ),
        Key(
            "photo_alt",
            "What the portrait shows (or one per language)",
            label=N_("What the photo shows"),
            hint=N_("For people who cannot see it"),
        ),
        Key(
            "bio",
            "A few sentences on her profile page (or one per language)",
            label=N_("About her"),
            widget="text",
        ),
        Key(
            "languages",
            'Languages she coaches in, e.g. ["en", "fr"]',
            "list",
            (),
            label=N_("Languages she coaches in"),
            widget="list",
            hint=N_("A language code like en, fr or pt_BR"),
        ),
        Key(
            "weight",
            "Her share of assigned bookings: 2 gets twice the bookings of 1",
            "number",
            1,
            maximum=100,
            label=N_("Share of bookings"),
            hint=N_("Empty: 1; a coach with 2 gets twice the bookings of a coach with 1"),
        ),
        Key(
            "priority",
            "Among equal shares, a higher priority is chosen first",
            "whole",
            0,
            minimum=-1000,
            maximum=1000,
            label=N_("Priority"),
            hint=N_("Empty: 0; among equal shares, a higher priority is chosen first"),
        ),
        Key(
            "joined",
            "The day she started taking bookings (YYYY-MM-DD): her share counts from it",
            "date",
        ),
        *COACH_RULES,
    ),
    many=True,
)

# The tables a site.toml may hold, in the order the docs list them.
TOP = (SITE, COACH, COACHES, MENU, BOOKING, PODCAST, EDITOR, DESIGN)
TABLES = (
    SITE,
    COACH,
    COACHES,
    MENU,
    BOOKING,
    SESSION,
    QUESTION,
    SPECIAL_DAY,
    ORGANIZER,
    CALDAV,
    SMTP,
    INBOX,
    VIDEO,
    LIMITS,
    PODCAST,
    EDITOR,
    DESIGN,
)
TOP_NAMES = tuple(table.path for table in TOP)
