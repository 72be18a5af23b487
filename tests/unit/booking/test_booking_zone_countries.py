"""zones.json: every IANA zone's country from CLDR, and old names mapped to
the current ones, so the picker's zone menu finds "Nepal" and "Kolkata"."""

from __future__ import annotations

from zoneinfo import available_timezones

from plugins.booking.labels import zone_countries


def test_every_country_lists_real_zones_and_old_names_point_to_current_ones():
    document = zone_countries()
    countries, renamed = document["countries"], document["renamed"]
    assert countries["NP"] == "Asia/Kathmandu"
    assert countries["IN"] == "Asia/Kolkata"
    assert "America/St_Johns" in countries["CA"].split()
    assert "001" not in countries
    assert renamed["Asia/Calcutta"] == "Asia/Kolkata"
    assert renamed["Asia/Katmandu"] == "Asia/Kathmandu"
    zones = [z for listed in countries.values() for z in listed.split()]
    assert len(zones) == len(set(zones)) > 400
    known = available_timezones()
    assert sum(z in known for z in zones) / len(zones) > 0.99
