"""Setting names in one quoting style, and the one configuration error."""

from __future__ import annotations

import pytest

from plugins.booking.errors import BookingError
from plugins.booking.settings import parse_settings
from plugins.common.config import ConfigError, SiteError, first_line, setting_name
from plugins.podcast.errors import PodcastConfigError, PodcastError
from plugins.podcast.settings import load_settings
from tests.support.booking_settings import booking


def test_setting_names_are_written_as_in_pelicanconf():
    assert setting_name("BOOKING") == "BOOKING"
    assert setting_name("BOOKING", "sessions", 0, "slug") == 'BOOKING["sessions"][0]["slug"]'
    assert setting_name("PODCAST", "image") == 'PODCAST["image"]'


def test_the_error_is_one_line_naming_the_setting():
    error = ConfigError('BOOKING["timezone"]', "unknown time zone 'Paris'")
    assert str(error) == "BOOKING[\"timezone\"]: unknown time zone 'Paris'"
    assert (error.setting, error.problem) == ('BOOKING["timezone"]', "unknown time zone 'Paris'")
    assert isinstance(error, SiteError)


def test_booking_and_podcast_raise_the_same_type_in_the_same_style():
    with pytest.raises(ConfigError) as booking_error:
        parse_settings(booking(timezone="Paris"))
    with pytest.raises(ConfigError) as podcast_error:
        load_settings({"title": "T"}, author="A", language="en")
    assert booking_error.value.setting == 'BOOKING["timezone"]'
    assert podcast_error.value.setting.startswith('PODCAST["')
    assert isinstance(podcast_error.value, PodcastConfigError | PodcastError)
    assert not isinstance(booking_error.value, BookingError | PodcastError)


def test_first_line_of_a_message():
    assert first_line(ValueError("one\ntwo")) == "one"
    assert first_line(ValueError("")) == "ValueError"
