"""Human labels for dates, times and zones in the site's language (Babel's CLDR data).

Each label is the locale's own pattern: "Monday, November 23, 2026" and
"9:00 AM" in English, "lundi 23 novembre 2026" and "09:00" in French, the
same forms a browser's Intl.DateTimeFormat gives the visitor; a time the
clocks go back through carries its UTC offset ("1:00 AM GMT+1"). CLDR puts a
narrow no-break space (U+202F) before AM/PM and in some French patterns;
some screen readers announce it, so labels use plain spaces.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

from babel.core import Locale, get_global
from babel.dates import (
    format_date,
    format_time,
    get_timezone_gmt,
    get_timezone_location,
    get_timezone_name,
)

from ..common.language import Language, plain_spaces

_ZERO_MINUTES = re.compile(r"([+\-\u2212])(\d\d):00(?!\d)")
_LEADING_ZERO = re.compile(r"([+\-\u2212])0(\d)")
_UTC_KEYS = {"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu"}


def zone_label_at(key: str, lang: Language, at: datetime) -> str:
    """The zone's name for a time at `at`, never ambiguous: where CLDR's
    generic name is shared at that moment by zones with another offset
    (Mexico City's "Central Time" is Chicago's too, an hour apart from March
    to November), the city form ("Mexico City Time", "hora de Ciudad de
    México"); else the generic name, as zone_label gives it."""
    generic = zone_label(key, lang)
    if key in _UTC_KEYS or "/" not in key or key.startswith("Etc/"):
        return generic
    if not _shared(key, generic, lang, at):
        return generic
    city = get_timezone_location(ZoneInfo(key), locale=lang.locale, return_city=True)
    return plain_spaces(lang.locale.zone_formats["region"] % city)


def _shared(key: str, name: str, lang: Language, at: datetime) -> bool:
    """Whether a zone called `name` too has another UTC offset at `at`."""
    return _shared_at(key, name, lang.locale, at)


@lru_cache(maxsize=4096)
def _shared_at(key: str, name: str, locale: Locale, at: datetime) -> bool:
    # Each time is labelled on its page, in its invitation and its emails:
    # its zone's dozens of namesakes are looked at once.
    offset = at.astimezone(ZoneInfo(key)).utcoffset()
    return any(
        at.astimezone(ZoneInfo(other)).utcoffset() != offset and _zone_label(other, locale) == name
        for other in _namesakes(key)
    )


@cache
def _namesakes(key: str) -> tuple[str, ...]:
    """The zones CLDR gives the same generic name (its metazone)."""
    zones = get_global("meta_zones")
    metazone = zones.get(key)
    if metazone is None:
        return ()
    return tuple(z for z, m in zones.items() if m == metazone and z != key and _known(z))


def _known(key: str) -> bool:
    try:
        ZoneInfo(key)
    except (ValueError, OSError):
        return False
    return True


def zone_label(key: str, lang: Language) -> str:
    """The generic long name a visitor recognises ("Eastern Time", "heure
    d’Europe centrale").

    Where CLDR has no name of its own for a zone, Babel answers with a
    country and a city in brackets ("Ukraine (Kyiv) Time"); those become
    the locale's region pattern around the city ("Kyiv Time", "heure :
    Kyiv"), and fixed-offset Etc zones their UTC offset.
    """
    return _zone_label(key, lang.locale)


@cache
def _zone_label(key: str, locale: Locale) -> str:
    # Once per zone and language: every slot, email and invitation asks
    # again, and the neighbours of a shared name are asked for each time.
    if key in _UTC_KEYS:
        return locale.time_zones["Etc/UTC"]["long"]["standard"]
    zone = ZoneInfo(key)
    if key.startswith("Etc/") or "/" not in key:
        # Fixed-offset zones: any instant gives their offset.
        offset = datetime(2000, 1, 1, tzinfo=UTC).astimezone(zone).strftime("%z")
        return f"UTC{offset[:3]}:{offset[3:]}"
    generic = get_timezone_name(zone, width="long", locale=locale)
    if "(" not in generic:
        return plain_spaces(generic)
    city = get_timezone_location(zone, locale=locale, return_city=True)
    city = city.rsplit("/", 1)[-1].replace("_", " ")
    return plain_spaces(locale.zone_formats["region"] % city)


def day_label(day: date, lang: Language) -> str:
    """The locale's full date: "Tuesday, November 24, 2026", "Dienstag, 24. November 2026"."""
    return plain_spaces(format_date(day, "full", locale=lang.locale))


def time_label(moment: datetime, lang: Language) -> str:
    """The locale's short time of day: "9:00 AM", "09:00".

    When the clocks go back, the hour before the change happens twice
    (Europe/Dublin, 25 October 2026: 00:00Z and 01:00Z are both 1:00 AM);
    such a time is followed by its UTC offset, "1:00 AM GMT+1" and
    "1:00 AM GMT+0", as a browser's `timeZoneName: "shortOffset"` shows it,
    so two different times never read the same.
    """
    text = plain_spaces(format_time(moment, "short", locale=lang.locale))
    if repeated(moment):
        text = f"{text} {offset_label(moment, lang)}"
    return text


def repeated(moment: datetime) -> bool:
    """Whether this wall time happens twice in its zone (the clocks go back
    through it): the earlier pass then has the larger UTC offset. A skipped
    time (clocks going forward) has it the other way round."""
    first = moment.replace(fold=0).utcoffset()
    second = moment.replace(fold=1).utcoffset()
    return first is not None and second is not None and first > second


def offset_label(moment: datetime, lang: Language) -> str:
    """The locale's short UTC offset of `moment`: "GMT+1", "UTC+1", "GMT-3:30"
    (CLDR's localized GMT format, with zero minutes and a leading zero left out)."""
    long = get_timezone_gmt(moment, width="long", locale=lang.locale)
    short = _ZERO_MINUTES.sub(r"\1\2", long)
    return plain_spaces(_LEADING_ZERO.sub(r"\1\2", short))


def time_range(start: datetime, end: datetime, lang: Language) -> str:
    """ "9:00 AM-9:30 AM", "09:00-09:30"; both ends in the zone they carry."""
    return f"{time_label(start, lang)}-{time_label(end, lang)}"


def zone_countries() -> dict[str, dict[str, str]]:
    """zones.json, for the picker's zone menu: the country of every IANA
    zone (CLDR's territory code, which the browser names in the page's
    language) and the current name of every old one (browsers still list
    "Asia/Calcutta", a visitor types "Kolkata")."""
    from babel.core import get_global

    by_country: dict[str, list[str]] = {}
    for zone, country in sorted(get_global("zone_territories").items()):
        if country != "001":  # CLDR's "world": Etc/ zones
            by_country.setdefault(country, []).append(zone)
    return {
        "countries": {country: " ".join(zones) for country, zones in sorted(by_country.items())},
        "renamed": dict(sorted(get_global("zone_aliases").items())),
    }
