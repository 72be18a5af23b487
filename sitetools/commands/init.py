"""`invoke init`: make the site the coach's own, from her answers (asked
here, or read from a TOML file); removes the sample practice."""

from __future__ import annotations

from pathlib import Path

from sitetools.commands.abort import Abort
from sitetools.commands.project import Project

INIT_QUESTIONS = [
    ("name", "Your name, as it should appear on every page", ""),
    ("credentials", "Credentials (optional)", ""),
    ("email", "The email address clients write to", ""),
    ("city", "Your city", ""),
    ("country", "Your country", ""),
    ("timezone", "Your time zone (your city is enough: Paris, CDMX, São Paulo)", ""),
    ("language", "The site's language: en, fr, de, es, pt_BR, nl or it", "en"),
    ("tagline", "One line under your name on the home page", ""),
    ("hours", 'When you are free, each day with its hours, e.g. "mon wed 10-14; fri 16-19"', ""),
    ("session_title", "The free session's title", "Discovery session"),
    ("session_minutes", "Its length in minutes", "30"),
    ("currency", "Your currency, for paid sessions later", ""),
    ("notice_hours", "Hours of notice you need", "24"),
    ("horizon_days", "How many days ahead clients may book", "28"),
    ("remove_samples", "Remove the sample articles, episodes and media? (yes/no)", "yes"),
]
NUMBERS = ("session_minutes", "notice_hours", "horizon_days")
# Stand-ins for what is not asked yet, so each answer is checked alone, by
# the very checks a whole answers file goes through.
PENDING = {
    "name": "-",
    "email": "coach@example.org",
    "timezone": "UTC",
    "hours": "mon 9-10",
    "session_title": "-",
}
YES = {"y", "yes", "si", "sí", "oui", "o", "ja", "j", "sim", "s"}


def _typed(key: str, reply: str) -> object:
    if key in NUMBERS:
        return int(reply) if reply.isdigit() else reply
    if key == "remove_samples":
        return reply.strip().lower() in YES
    return reply


def ask(catalogs: Path, read=input, say=print) -> dict[str, object]:
    """The answers, asked one by one at the terminal: each is checked when
    given and asked again after a mistake (nothing typed before is lost),
    and what init understood is read back before anything is written."""
    from sitetools.init_places import currency_for
    from sitetools.init_site import InitError, read_answers

    data: dict[str, object] = {}

    def one(key: str, question: str, default: str) -> None:
        if key == "currency":
            default = currency_for(str(data.get("country", "")), "")
        while True:
            reply = read(f"{question}{f' [{default}]' if default else ''}: ").strip() or default
            trial = {**data, key: _typed(key, reply)} if reply else dict(data)
            probe = {**PENDING, **trial}
            if not reply and key not in data:  # left empty: missing, not its stand-in
                probe.pop(key, None)
            try:
                read_answers(probe, catalogs)
            except InitError as error:
                if str(error).startswith(f"{key}:"):
                    say(f"  {error}")
                    continue
            data.clear()
            data.update(trial)
            return

    say("A few questions; press Enter to keep the value in [brackets].")
    for key, question, default in INIT_QUESTIONS:
        one(key, question, default)
    while True:
        answers = read_answers(data, catalogs)
        say(summary(answers))
        if read("Write your site with this? (yes/no) [yes]: ").strip().lower() in {"", *YES}:
            return data
        for key, question, default in INIT_QUESTIONS:
            if key in {"timezone", "hours", "session_title", "currency"}:
                one(key, question, default)


def summary(answers) -> str:
    """What init understood, in words, before it writes anything."""
    from datetime import UTC, datetime

    from sitetools.init_hours import describe, describe_zone
    from sitetools.init_site import session_slug

    slug = session_slug(answers.session_title)
    lines = [
        "This is what I understood:",
        f"  Hours:     {describe(answers.weekly_hours, answers.language)}",
        f"  Time zone: {describe_zone(answers.timezone, datetime.now(UTC))}",
        f"  Session:   {answers.session_title} ({answers.session_minutes} minutes), "
        f"at book/{slug}/",
        f"  Currency:  {answers.currency}",
    ]
    return "\n".join(lines)


def init(project: Project, answers: str = "") -> None:
    """Apply the answers in the file `answers`, or asked when it is empty."""
    import tomllib

    from plugins.common.language import catalog_folder
    from sitetools.init_site import InitError, apply, read_answers

    if answers:
        try:
            data = tomllib.loads(Path(answers).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise Abort(f"init: {answers}: {error}") from None
    else:
        data = ask(catalog_folder(project.root / "theme"))
    try:
        apply(project.root, read_answers(data, catalog_folder(project.root / "theme")))
    except InitError as error:
        raise Abort(f"init: {error}") from None
    print("Done. Next: `make serve` to see your site; write articles in content/articles/.")
