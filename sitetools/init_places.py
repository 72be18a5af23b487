"""Where the coach is, in her own words -> her time zone and her currency.

She may write her city as she says it (Ciudad de México, München, Genève,
São Paulo), a short name (CDMX, NYC, LA) or only her country. The cities
are CLDR's exemplar cities in every language the site ships (through
Babel), the zones' own names, and a short list of our own for big cities
that are not a zone's name (München lives in Europe/Berlin). A country
gives its zones in tzdata's own order (`zone.tab`: its most populous
first), which is also how a city shared by two countries is settled.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib import resources

from babel import Locale
from babel.core import get_global
from babel.numbers import get_territory_currencies

from plugins.common.zones import iana_zones

LANGUAGES = ("en", "es", "fr", "de", "it", "nl", "pt")

# Short names and big cities that are not a zone's own name (ours; checked
# against tzdata by a test). Keys are written plain: no case, no accents.
CITIES = {
    "cdmx": "America/Mexico_City",
    "df": "America/Mexico_City",
    "mexico": "America/Mexico_City",
    "guadalajara": "America/Mexico_City",
    "puebla": "America/Mexico_City",
    "nyc": "America/New_York",
    "new york city": "America/New_York",
    "boston": "America/New_York",
    "washington": "America/New_York",
    "philadelphia": "America/New_York",
    "miami": "America/New_York",
    "atlanta": "America/New_York",
    "hartford": "America/New_York",
    "la": "America/Los_Angeles",
    "sf": "America/Los_Angeles",
    "san francisco": "America/Los_Angeles",
    "seattle": "America/Los_Angeles",
    "san diego": "America/Los_Angeles",
    "houston": "America/Chicago",
    "dallas": "America/Chicago",
    "austin": "America/Chicago",
    "montreal": "America/Toronto",
    "quebec": "America/Toronto",
    "ottawa": "America/Toronto",
    "munchen": "Europe/Berlin",
    "munich": "Europe/Berlin",
    "hamburg": "Europe/Berlin",
    "frankfurt": "Europe/Berlin",
    "koln": "Europe/Berlin",
    "cologne": "Europe/Berlin",
    "geneve": "Europe/Zurich",
    "geneva": "Europe/Zurich",
    "genf": "Europe/Zurich",
    "lausanne": "Europe/Zurich",
    "basel": "Europe/Zurich",
    "bern": "Europe/Zurich",
    "lyon": "Europe/Paris",
    "marseille": "Europe/Paris",
    "toulouse": "Europe/Paris",
    "bordeaux": "Europe/Paris",
    "lille": "Europe/Paris",
    "nantes": "Europe/Paris",
    "barcelona": "Europe/Madrid",
    "sevilla": "Europe/Madrid",
    "valencia": "Europe/Madrid",
    "milano": "Europe/Rome",
    "milan": "Europe/Rome",
    "napoli": "Europe/Rome",
    "firenze": "Europe/Rome",
    "torino": "Europe/Rome",
    "porto": "Europe/Lisbon",
    "rio de janeiro": "America/Sao_Paulo",
    "rio": "America/Sao_Paulo",
    "brasilia": "America/Sao_Paulo",
    "rotterdam": "Europe/Amsterdam",
    "den haag": "Europe/Amsterdam",
    "utrecht": "Europe/Amsterdam",
    "antwerpen": "Europe/Brussels",
    "bruxelles": "Europe/Brussels",
}


def plain(text: str) -> str:
    """'Ciudad de México' -> 'ciudad de mexico'."""
    decomposed = unicodedata.normalize("NFKD", " ".join(text.casefold().split()))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("_", " ")


@cache
def _cities() -> dict[str, str]:
    """Every spelling of a city we know -> its zone."""
    found: dict[str, str] = {}
    for zone in sorted(iana_zones()):
        if "/" in zone and not zone.startswith(("Etc/", "US/", "Canada/", "SystemV/")):
            found.setdefault(plain(zone.rsplit("/", 1)[-1]), zone)
    for code in LANGUAGES:
        for zone, names in Locale.parse(code).time_zones.items():
            city = names.get("city")
            if city and zone in iana_zones():
                found.setdefault(plain(city), zone)
    found.update(CITIES)
    return found


@cache
def _zone_tab() -> dict[str, list[str]]:
    """Country code -> its zones, in tzdata's order."""
    zones: dict[str, list[str]] = {}
    text = resources.files("tzdata").joinpath("zoneinfo/zone.tab").read_text("utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, _, zone, *_ = line.split("\t")
            zones.setdefault(code, []).append(zone)
    return zones


def country_code(country: str) -> str | None:
    """'México', 'Mexico', 'MX', 'Allemagne' -> the ISO 3166 code."""
    wanted = plain(country)
    if not wanted:
        return None
    if len(wanted) == 2 and wanted.upper() in _zone_tab():
        return wanted.upper()
    for code in LANGUAGES:
        for territory, name in Locale.parse(code).territories.items():
            if plain(name) == wanted and territory in _zone_tab():
                return territory
    return None


def country_zones(country: str) -> list[str]:
    code = country_code(country)
    if code is None:
        return []
    ordered = _zone_tab().get(code) or list(get_global("territory_zones").get(code, []))
    return [z for z in ordered if z in iana_zones()]


def find_zone(text: str, country: str = "") -> str | None:
    """The zone a city, a short name or a zone name means; None when unknown
    or when it lies outside the country she gave."""
    if text.strip() in iana_zones():
        return text.strip()
    wanted = plain(text)
    if not wanted:
        return None
    home = country_zones(country)
    zone = _cities().get(wanted)
    if zone is None and country_code(text):  # she wrote her country
        zones = country_zones(text)
        return zones[0] if zones else None
    if zone and home and zone not in home:
        # A namesake in her country first; a city abroad is not her zone.
        same = [z for z in home if plain(z.rsplit("/", 1)[-1]) == wanted]
        return same[0] if same else None
    return zone


def currency_for(country: str, default: str = "EUR") -> str:
    """The currency in use in her country today (CLDR), else `default`."""
    code = country_code(country)
    found = get_territory_currencies(code) if code else []
    return found[0] if found else default
