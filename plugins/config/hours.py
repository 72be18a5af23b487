"""When a coach works: her zone, weekly hours, days with other hours, and
the calendars that say when she is busy, as the coach writes them in
[booking] (one coach) or [[coaches]] (a program's). `name` names a key in
errors; each parser takes the table's own.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from types import MappingProxyType
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..common.zones import iana_zones, unknown_zone
from . import validate
from .errors import ConfigError, setting_name
from .schema import DAY_MINUTES, WEEKDAYS

Namer = Callable[..., str]  # keys -> the setting's name as the coach writes it
name: Namer = partial(setting_name, "BOOKING")
_WINDOW = re.compile(r"(\d\d):(\d\d)-(\d\d):(\d\d)")


@dataclass(frozen=True, order=True)
class Window:
    """Local wall-clock minutes since midnight, half-open; `end` may be 1440 (24:00)."""

    start: int
    end: int


@dataclass(frozen=True)
class Hours:
    weekly: tuple[tuple[Window, ...], ...]  # index 0 is Monday, as date.weekday()
    overrides: Mapping[date, tuple[Window, ...]]

    def __post_init__(self) -> None:
        if not isinstance(self.overrides, MappingProxyType):
            object.__setattr__(self, "overrides", MappingProxyType(dict(self.overrides)))

    def __reduce__(self) -> tuple:
        # Pickled with the build's settings (Pelican's content cache, the
        # parallel readers); a mappingproxy itself cannot be pickled.
        return (Hours, (self.weekly, dict(self.overrides)))

    def windows_on(self, day: date) -> tuple[Window, ...]:
        override = self.overrides.get(day)
        return self.weekly[day.weekday()] if override is None else override


def timezone(value: object, namer: Namer = name) -> str:
    if isinstance(value, str) and value in iana_zones() and value != "Factory":
        try:
            ZoneInfo(value)
            return value
        except (ZoneInfoNotFoundError, ValueError):
            pass
    raise ConfigError(namer("timezone"), unknown_zone(value))


def _minute(hh: str, mm: str) -> int:
    return int(hh) * 60 + int(mm)


def windows(value: object, path: tuple[str | int, ...], name: Namer = name) -> tuple[Window, ...]:
    if not isinstance(value, list | tuple):
        raise ConfigError(name(*path), 'must be a list like ["09:00-12:00"] ([] = closed)')
    windows: list[tuple[Window, int]] = []
    for i, text in enumerate(value):
        match = _WINDOW.fullmatch(text.replace(" ", "")) if isinstance(text, str) else None
        if not match:
            raise ConfigError(name(*path, i), f'{text!r} must look like "09:00-12:00"')
        sh, sm, eh, em = match.groups()
        start, end = _minute(sh, sm), _minute(eh, em)
        if int(sh) > 23 or int(sm) > 59 or int(em) > 59 or end > DAY_MINUTES:
            raise ConfigError(name(*path, i), f'"{text}" is not a time of day (00:00-24:00)')
        if end <= start:
            raise ConfigError(name(*path, i), f'"{text}" ends before it starts')
        windows.append((Window(start, end), i))
    windows.sort()
    for (before, _), (after, i) in itertools.pairwise(windows):
        if after.start < before.end:
            raise ConfigError(name(*path, i), f'"{value[i]}" overlaps another window')
    return tuple(w for w, _ in windows)


def weekly(value: object, name: Namer = name) -> tuple[tuple[Window, ...], ...]:
    if not isinstance(value, Mapping):
        raise ConfigError(name("weekly_hours"), 'must be a dict like {"mon": [...]}')
    validate.known_keys(value, set(WEEKDAYS), lambda key: name("weekly_hours", key))
    return tuple(windows(value.get(d, []), ("weekly_hours", d), name) for d in WEEKDAYS)


def weekly_and_overrides(raw: Mapping, name: Namer = name, *, required: bool = True) -> Hours:
    """weekly_hours (required unless `required` is false: then none), and
    date_overrides with special_days, as Hours; `name` names the keys."""
    if required:
        written = validate.required(raw, "weekly_hours", name("weekly_hours"))
    else:
        written = raw.get("weekly_hours", {})
    return Hours(weekly=weekly(written, name), overrides=all_overrides(raw, name))


def overrides(value: object, name: Namer = name) -> Mapping[date, tuple[Window, ...]]:
    if not isinstance(value, Mapping):
        raise ConfigError(name("date_overrides"), 'must be a dict like {"2026-12-24": []}')
    parsed: dict[date, tuple[Window, ...]] = {}
    for key, written in value.items():
        path = ("date_overrides", str(key))
        try:
            day = key if isinstance(key, date) else date.fromisoformat(key)
            if not isinstance(key, date) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", key):
                raise ValueError
        except (TypeError, ValueError):
            raise ConfigError(name(*path), "not a date; write YYYY-MM-DD") from None
        parsed[day] = windows(written, path, name)
    return MappingProxyType(parsed)


def all_overrides(raw: Mapping, name: Namer = name) -> Mapping[date, tuple[Window, ...]]:
    """`date_overrides` (a table keyed by date, the way to write it by hand)
    and `special_days` (a list of {date, hours}, the way the browser editor
    writes it: its forms cannot use a date as a setting's name), together."""
    parsed = dict(overrides(raw.get("date_overrides", {}), name))
    value = raw.get("special_days", [])
    if not isinstance(value, list | tuple):
        raise ConfigError(
            name("special_days"), 'must be a list like [{date = "2026-12-24", hours = []}]'
        )
    for i, entry in enumerate(value):
        if not isinstance(entry, Mapping):
            raise ConfigError(
                name("special_days", i), 'must look like {date = "2026-12-24", hours = []}'
            )
        validate.known_keys(entry, {"date", "hours"}, partial(name, "special_days", i))
        day = a_day(entry.get("date"), ("special_days", i, "date"), name)
        if day in parsed:
            raise ConfigError(
                name("special_days", i, "date"),
                f"{day.isoformat()} is given twice (special_days, date_overrides); keep one",
            )
        parsed[day] = windows(entry.get("hours", []), ("special_days", i, "hours"), name)
    return MappingProxyType(parsed)


def a_day(value: object, path: tuple[str | int, ...], name: Namer = name) -> date:
    try:
        if isinstance(value, datetime):
            raise ValueError
        if isinstance(value, date):
            return value
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(name(*path), "not a date; write YYYY-MM-DD") from None


def busy_list(value: object, name: Namer = name) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        raise ConfigError(name("busy_calendars"), "must be a list of paths or URLs")
    for i, item in enumerate(value):
        text = validate.text(item, name("busy_calendars", i))
        try:
            scheme = urlsplit(text).scheme.lower()
            urlsplit(text).hostname  # noqa: B018  (parses the host: "[::1/x" fails here)
        except ValueError:
            raise ConfigError(
                name("busy_calendars", i), f"{text!r} is not a URL or a path"
            ) from None
        if "://" in text and scheme not in {"http", "https", "webcal"}:
            raise ConfigError(
                name("busy_calendars", i), f"{scheme}:// is not supported; use a path or https://"
            )
    return tuple(value)
