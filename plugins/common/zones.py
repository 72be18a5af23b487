"""IANA time zone names, and what a coach probably meant by one that is not.

"Paris" and "new york" are cities: the zones named after them are the
suggestion. A near-miss ("Europe/Pari", "America/NewYork") gets the closest
names. The list is the tzdata package's own, not the system's zone folder,
which also holds "localtime" (whatever zone the build machine has).
"""

from __future__ import annotations

from difflib import get_close_matches
from functools import cache
from importlib import resources


@cache
def iana_zones() -> frozenset[str]:
    text = resources.files("tzdata").joinpath("zones").read_text("utf-8")
    return frozenset(text.split()) - {"Factory"}


def _city(zone: str) -> str:
    return zone.rsplit("/", 1)[-1].replace("_", " ").lower()


def suggestions(value: object, limit: int = 3) -> list[str]:
    """Zones `value` may have meant, best first; [] when nothing is close."""
    text = " ".join(str(value).replace("_", " ").split()).lower()
    if not text:
        return []
    zones = sorted(z for z in iana_zones() if "/" in z and not z.startswith("Etc/"))
    by_city = [z for z in zones if _city(z) == text]
    if by_city:
        # Prefer the canonical zones (Europe/Paris) over old aliases.
        return sorted(by_city, key=lambda z: (z.count("/"), z.startswith(("US/", "Canada/"))))[
            :limit
        ]
    cities = {_city(z): z for z in zones}
    close = get_close_matches(text, list(cities), n=limit, cutoff=0.8)
    named = get_close_matches(str(value), zones, n=limit, cutoff=0.8)
    found = [*(cities[c] for c in close), *named]
    return list(dict.fromkeys(found))[:limit]


def unknown_zone(value: object) -> str:
    """The end of a one-line message about a zone that is not an IANA name."""
    near = suggestions(value)
    if near:
        return f'unknown time zone {value!r} (did you mean "{near[0]}"?)'
    return f"unknown time zone {value!r} (use an IANA name like Europe/Paris or America/New_York)"
