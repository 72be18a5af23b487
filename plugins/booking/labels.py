"""Human labels for dates, times and zones (English, via Babel's CLDR data)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time, get_timezone_name

LOCALE = "en_US"
_UTC_KEYS = {"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu"}


def zone_label(key: str) -> str:
    """The generic long name a visitor recognises ("Eastern Time").

    CLDR has no generic name for some zones and Babel then answers with
    "Unknown Region (...)" or "Country (City) Time"; those fall back to
    "<City> Time", and fixed-offset Etc zones to their UTC offset.
    """
    if key in _UTC_KEYS:
        return "Coordinated Universal Time"
    zone = ZoneInfo(key)
    generic = get_timezone_name(zone, width="long", locale=LOCALE)
    if "(" not in generic and "Unknown" not in generic and not generic.startswith("world"):
        return generic
    if key.startswith("Etc/") or "/" not in key:
        # Fixed-offset zones: any instant gives their offset.
        offset = datetime(2000, 1, 1, tzinfo=UTC).astimezone(zone).strftime("%z")
        return f"UTC{offset[:3]}:{offset[3:]}"
    return key.rsplit("/", 1)[-1].replace("_", " ") + " Time"


def day_label(day: date) -> str:
    """Tuesday 24 November 2026."""
    return format_date(day, "EEEE d MMMM y", locale=LOCALE)


def time_label(moment: datetime) -> str:
    """9:00 AM, with a plain space (CLDR's own pattern uses U+202F, which some
    screen readers announce oddly)."""
    return format_time(moment, "h:mm a", locale=LOCALE)
