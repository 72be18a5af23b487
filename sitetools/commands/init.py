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
    ("timezone", "Your time zone (a city like Paris works)", ""),
    ("language", "The site's language: en, fr, de, es, pt_BR, nl or it", "en"),
    ("tagline", "One line under your name on the home page", ""),
    ("hours", 'When you are free, e.g. "tue wed 9-12:30 14-18"', ""),
    ("session_title", "The free session's title", "Discovery session"),
    ("session_minutes", "Its length in minutes", "30"),
    ("notice_hours", "Hours of notice you need", "24"),
    ("horizon_days", "How many days ahead clients may book", "28"),
    ("remove_samples", "Remove the sample articles, episodes and media? (yes/no)", "yes"),
]


def ask() -> dict[str, object]:
    """The answers, asked one by one at the terminal."""
    data: dict[str, object] = {}
    print("A few questions; press Enter to keep the value in [brackets].")
    for key, question, default in INIT_QUESTIONS:
        reply = input(f"{question}{f' [{default}]' if default else ''}: ").strip() or default
        if reply:
            data[key] = reply
    for key in ("session_minutes", "notice_hours", "horizon_days"):
        if key in data:
            data[key] = int(data[key]) if str(data[key]).isdigit() else data[key]
    data["remove_samples"] = str(data.get("remove_samples", "yes")).lower() in {"yes", "y"}
    return data


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
        data = ask()
    try:
        apply(project.root, read_answers(data, catalog_folder(project.root / "theme")))
    except InitError as error:
        raise Abort(f"init: {error}") from None
    print("Done. Next: `make serve` to see your site; write articles in content/articles/.")
