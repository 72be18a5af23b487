"""TZIDs that name no zone icalendar knows, as real calendar apps write them.

icalendar resolves IANA names, Windows zone IDs ("W. Europe Standard Time")
and any TZID defined by a VTIMEZONE in the file. Outlook also writes its
display names ("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm,
Vienna") without a VTIMEZONE; icalendar then reads the time as floating,
which the engine would take as the coach's own wall time: an hour off for a
coach in New York. No maintained table of these display names exists
(CLDR maps Windows IDs, not display names), so `display_name_zone` reads
them the way a person does: the first city that is an IANA zone whose
standard offset matches the "(UTC+hh:mm)" prefix. Anything else is for the
caller to refuse (fail closed).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from ..common.zones import iana_zones

_DISPLAY = re.compile(r"\(UTC(?:(?P<sign>[+-])(?P<h>\d\d):(?P<m>\d\d))?\)\s*(?P<cities>.+)")


@cache
def _cities() -> dict[str, str]:
    """City name as people write it ("Mexico City") -> IANA zone."""
    found: dict[str, str] = {}
    for zone in sorted(iana_zones()):
        if "/" in zone and not zone.startswith("Etc/"):
            found.setdefault(zone.rsplit("/", 1)[1].replace("_", " ").lower(), zone)
    return found


def _standard_offset(zone: str) -> timedelta:
    """The smaller of its January and July offsets: standard time."""
    offsets = [
        datetime(2026, month, 1, tzinfo=UTC).astimezone(ZoneInfo(zone)).utcoffset()
        for month in (1, 7)
    ]
    return min(o for o in offsets if o is not None)


# Display names that name a region, not cities (Microsoft's time zone list).
_REGIONS = {
    "eastern time (us & canada)": "America/New_York",
    "central time (us & canada)": "America/Chicago",
    "mountain time (us & canada)": "America/Denver",
    "pacific time (us & canada)": "America/Los_Angeles",
    "atlantic time (canada)": "America/Halifax",
    "alaska": "America/Anchorage",
    "hawaii": "Pacific/Honolulu",
    "arizona": "America/Phoenix",
    "coordinated universal time": "UTC",
}


def display_name_zone(tzid: str) -> str | None:
    """The IANA zone an Outlook display name means, or None."""
    match = _DISPLAY.fullmatch(tzid.strip())
    if not match:
        return None
    region = _REGIONS.get(match["cities"].strip().lower())
    if region:
        return region
    sign = -1 if match["sign"] == "-" else 1
    offset = sign * timedelta(hours=int(match["h"] or 0), minutes=int(match["m"] or 0))
    for city in re.split(r",|\band\b", match["cities"]):
        zone = _cities().get(city.strip().lower())
        if zone and _standard_offset(zone) == offset:
            return zone
    return None
