"""Setting names as the coach writes them in site.toml, and the one configuration error."""

from __future__ import annotations

import pytest

from plugins.booking.errors import BookingError
from plugins.common.errors import SiteError, first_line
from plugins.config.booking import parse_settings
from plugins.config.errors import ConfigError, setting_name
from plugins.config.podcast import load_settings
from plugins.podcast.errors import PodcastConfigError, PodcastError
from tests.support.booking_settings import booking


def test_setting_names_are_written_as_in_site_toml():
    assert setting_name("BOOKING") == "[booking]"
    assert setting_name("BOOKING", "sessions", 0, "slug") == "[booking] sessions, item 1, slug"
    assert setting_name("booking", "weekly_hours", "mon", 0) == "[booking] weekly_hours.mon, item 1"
    assert setting_name("BOOKING", "inbox", "security") == "[booking] inbox.security"
    assert setting_name("MENU", 1, "link") == "[[menu]] item 2, link"
    assert setting_name("PODCAST", "image") == "[podcast] image"


def test_the_error_is_one_line_naming_the_setting():
    error = ConfigError("[booking] timezone", "unknown time zone 'Paris'")
    assert str(error) == "[booking] timezone: unknown time zone 'Paris'"
    assert (error.setting, error.problem) == ("[booking] timezone", "unknown time zone 'Paris'")
    assert isinstance(error, SiteError)


def test_booking_and_podcast_raise_the_same_type_in_the_same_style():
    with pytest.raises(ConfigError) as booking_error:
        parse_settings(booking(timezone="Paris"))
    with pytest.raises(ConfigError) as podcast_error:
        load_settings({"title": "T"}, author="A", language="en")
    assert booking_error.value.setting == "[booking] timezone"
    assert podcast_error.value.setting.startswith("[podcast] ")
    assert isinstance(podcast_error.value, PodcastConfigError)
    assert not isinstance(booking_error.value, BookingError | PodcastError)


def test_first_line_of_a_message():
    assert first_line(ValueError("one\ntwo")) == "one"
    assert first_line(ValueError("")) == "ValueError"
