"""The coach's free hours in plain words -> [booking.weekly_hours], and back.

She writes days and times in her own language, in the order she thinks of
them: "mon wed 10-14 fri 16-19", "lun mié 10-14; vie 16-19",
"mardi jeudi 9h-12h30, 14-18", "mon-fri 9-17". A day that comes after a
time starts a new group, so commas, semicolons and new lines are optional.
Day names are CLDR's (through Babel) in the site's language, in every form
it has (lunes, lun., Mo, Montag...), besides English; accents and case do
not matter. `describe` reads the result back in words before anything is
written, so a misunderstanding is seen, not published.
"""

from __future__ import annotations

import itertools
import re
from datetime import datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_timedelta

from plugins.config.schema import WEEKDAYS
from sitetools.init_places import plain


class HoursError(ValueError):
    """One line for the coach: which word was not understood, and an example."""


EXAMPLE = '"mon wed 10-14; fri 16-19"'
_TIME = re.compile(r"(\d{1,2})(?:[:h.](\d{2})?)?")
# Babel numbers days from Monday = 0, as WEEKDAYS does.
_FORMS = ("abbreviated", "wide", "short", "narrow")


def _plain(word: str) -> str:
    """'Mié.' -> 'mie': no case, no accents, no trailing dot."""
    return plain(word).rstrip(".")


@cache
def day_names(language: str) -> dict[str, str]:
    """Every spelling of each weekday -> "mon"..."sun": English first, then
    the site's language (which wins where the two spell a day alike)."""
    names: dict[str, str] = {}
    for code in dict.fromkeys(("en", language.replace("-", "_"))):
        days = Locale.parse(code).days
        for context in ("format", "stand-alone"):
            for form in _FORMS:
                if form == "narrow":
                    continue  # one letter: T is Tuesday and Thursday
                for number, name in days[context][form].items():
                    names[_plain(name)] = WEEKDAYS[number]
    for day in WEEKDAYS:
        names.setdefault(day, day)
    return names


def parse_hours(text: str, language: str = "en") -> dict[str, list[str]]:
    """ "mon wed 10-14 fri 16-19" -> {"mon": ["10:00-14:00"], "wed": [...], "fri": [...]}."""
    names = day_names(language)
    hours: dict[str, list[str]] = {}
    days: list[str] = []
    windows: list[str] = []

    def close_group() -> None:
        if days and not windows:
            raise HoursError(f"{' '.join(days)}: which hours? e.g. {EXAMPLE}")
        for day in days:
            hours.setdefault(day, []).extend(windows)

    for word in filter(None, re.split(r"[\s,;]+", text)):
        found = _days(word, names)
        if found is not None:
            if windows:  # a day after a time starts the next group
                close_group()
                days, windows = [], []
            days += found
        elif "-" in word:
            if not days:
                raise HoursError(f"{word}: which days? Write the days first, e.g. {EXAMPLE}")
            start, _, end = word.partition("-")
            windows.append(f"{_clock(start, word)}-{_clock(end, word)}")
        else:
            raise HoursError(
                f"{word!r} is neither a day (mon, tue, … or in your site's language) "
                f"nor a time range like 9-12:30; write e.g. {EXAMPLE}"
            )
    close_group()
    if not hours:
        raise HoursError(f"write when you are free, e.g. {EXAMPLE}")
    for day, spans in hours.items():
        hours[day] = sorted(dict.fromkeys(spans))
    return {day: hours[day] for day in WEEKDAYS if day in hours}


def _days(word: str, names: dict[str, str]) -> list[str] | None:
    """The days a word names ("lun", "mon-fri"), or None when it names none."""
    plain = _plain(word)
    if plain in names:
        return [names[plain]]
    first, dash, last = plain.partition("-")
    if dash and first in names and last in names:
        a, b = WEEKDAYS.index(names[first]), WEEKDAYS.index(names[last])
        return list(WEEKDAYS[a : b + 1]) if a <= b else [*WEEKDAYS[a:], *WEEKDAYS[: b + 1]]
    return None


def _clock(text: str, whole: str) -> str:
    found = _TIME.fullmatch(text)
    if not found or int(found[1]) > 24 or int(found[2] or 0) > 59:
        raise HoursError(f"{whole}: {text!r} is not a time like 9, 9:30 or 14:00")
    hour, minute = int(found[1]), found[2] or "00"
    if hour == 24 and minute != "00":
        raise HoursError(f"{whole}: {text!r} is after midnight")
    return f"{hour:02d}:{minute}"


def check_windows(hours: dict[str, list[str]]) -> None:
    """Each range runs forwards and no two of a day overlap, as the build
    will check; said here, where she can still type it again."""
    for day, spans in hours.items():
        minutes = sorted(tuple(_minutes(t) for t in span.split("-")) for span in spans)
        for start, end in minutes:
            if end <= start:
                raise HoursError(f"{_text(start)}-{_text(end)} ends before it starts")
        for (_, end), (start, _) in itertools.pairwise(minutes):
            if start < end:
                raise HoursError(f"two ranges on {day} overlap; write each hour once")


def _minutes(clock: str) -> int:
    hour, minute = clock.split(":")
    return int(hour) * 60 + int(minute)


def _text(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def describe(hours: dict[str, list[str]], language: str = "en") -> str:
    """ "Monday 10:00-14:00, Wednesday 10:00-14:00, Friday 16:00-19:00", in
    the site's language."""
    days = Locale.parse(language.replace("-", "_")).days["stand-alone"]["wide"]
    return ", ".join(
        f"{days[WEEKDAYS.index(day)].capitalize()} {', '.join(spans)}"
        for day, spans in hours.items()
    )


def describe_zone(zone: str, now: datetime) -> str:
    """ "America/Mexico_City, UTC-6 all year (no daylight saving)" or
    "Europe/Madrid, UTC+1, UTC+2 in summer": the offsets of the coming year."""
    tz = ZoneInfo(zone)
    offsets = []
    for day in range(0, 366, 7):
        offset = (now + timedelta(days=day)).astimezone(tz).utcoffset() or timedelta()
        if offset not in offsets:
            offsets.append(offset)
    labels = [_offset(o) for o in sorted(offsets)]
    if len(labels) == 1:
        return f"{zone}, {labels[0]} all year (no daylight saving)"
    change = format_timedelta(max(offsets) - min(offsets), locale="en")
    return f"{zone}, {labels[0]}, {labels[-1]} in summer (clocks change by {change})"


def _offset(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
