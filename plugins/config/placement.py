"""Checks of settings against the build's folders: what a setting points
to must exist, and what is private must stay out of the published site.

They need where the build reads and writes (content/, output/, the
static folders), which only the build knows, so they run when it starts;
the folders come in as plain paths and nothing here imports Pelican.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from .booking import BookingSettings, name
from .coach import Coach
from .coaches import TeamCoach
from .errors import ConfigError, setting_name
from .podcast import PodcastConfigError, PodcastSettings

# The address of the page where clients change a booking (book/manage/):
# a session of that slug would overwrite it.
RESERVED_SLUGS = ("manage",)


def check_photo(coach: Coach, content: Path | str) -> None:
    if coach.photo and not Path(content, coach.photo).is_file():
        raise ConfigError(
            setting_name("coach", "photo"),
            f"{coach.photo} is not a file in your content folder; put your portrait "
            "there under that name, or remove the photo line",
        )


def check_coach_photos(coaches: Iterable[TeamCoach], content: Path | str) -> None:
    """A program's coaches' portraits, as [coach] photo's."""
    for coach in coaches:
        if coach.photo and not Path(content, coach.photo).is_file():
            raise ConfigError(
                coach.namer()("photo"),
                f"{coach.photo} is not a file in your content folder; put her portrait "
                "there under that name, or remove the photo line",
            )


def check_private_paths(
    key: str,
    path: Path,
    content: Path | str,
    output: Path | str,
    theme_static: Iterable[Path | str] = (),
) -> None:
    """The ledger and the outbox hold client names: never where the site is
    read or written, nor in a theme folder the build copies to the site."""
    folders = [(content, "content folder (PATH)"), (output, "output folder")]
    folders += [(folder, "theme's static folder (THEME_STATIC_PATHS)") for folder in theme_static]
    for folder, what in folders:
        if path.is_relative_to(Path(folder).resolve()):
            raise ConfigError(
                name(key), f"{path} is inside the {what} and could be published; keep it outside"
            )


def check_busy_files(booking: BookingSettings, content: str, static: Sequence[str]) -> None:
    """A busy calendar under STATIC_PATHS would be copied to the site
    verbatim: [booking]'s, and each of a program's coaches'."""
    folders = [Path(content, p).resolve() for p in static]
    lists = [(booking.busy_calendars, name)]
    lists += [(coach.busy_calendars, coach.namer()) for coach in booking.coaches]
    for entries, namer in lists:
        for i, entry in enumerate(entries):
            path = Path(content, entry).resolve()
            if "://" not in entry and any(path.is_relative_to(s) for s in folders):
                raise ConfigError(
                    namer("busy_calendars", i),
                    f"{entry} is inside STATIC_PATHS and would be published; move it out",
                )


def check_slugs(booking: BookingSettings) -> None:
    for i, session in enumerate(booking.listed_sessions):
        if session.slug in RESERVED_SLUGS:
            raise ConfigError(
                name("sessions", i, "slug"),
                f'"{session.slug}" is the page where clients change a booking; choose another slug',
            )


def is_published(path: str, static_paths: Sequence[str]) -> bool:
    """Whether Pelican copies content/<path> to the output (STATIC_PATHS)."""
    for entry in static_paths:
        root = entry.strip("/")
        if root in ("", ".") or path == root or path.startswith(root + "/"):
            return True
    return False


def check_cover_published(show: PodcastSettings, static: Sequence[str]) -> None:
    if not is_published(show.image, static):
        raise PodcastConfigError("image", f"{show.image!r} is not under STATIC_PATHS")
