"""A zone's name in an email is never ambiguous: where CLDR's generic name
is shared at that moment by zones with another offset, the city form."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from plugins.booking.labels import zone_label_at
from plugins.common.language import load_language
from tests.support.languages import CATALOGS

JULY = datetime(2026, 7, 10, 15, tzinfo=UTC)  # US Central -5, Mexico City -6
DECEMBER = datetime(2026, 12, 10, 15, tzinfo=UTC)  # both -6


@pytest.mark.parametrize(
    ("code", "zone", "july", "december"),
    [
        ("en", "America/Mexico_City", "Mexico City Time", "Central Time"),
        ("es", "America/Mexico_City", "hora de Ciudad de México", "hora central"),
        ("en", "America/Chicago", "Chicago Time", "Central Time"),
        ("en", "America/New_York", "New York Time", "Eastern Time"),
        ("en", "Asia/Tokyo", "Japan Time", "Japan Time"),  # no namesake with another offset
    ],
)
def test_the_city_form_where_the_generic_name_would_mislead(code, zone, july, december):
    lang = load_language(code, CATALOGS)
    assert zone_label_at(zone, lang, JULY) == july
    assert zone_label_at(zone, lang, DECEMBER) == december
