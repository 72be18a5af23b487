"""One email rule for the coach, the podcast owner, the SMTP sender and every
client: the same address is accepted or refused everywhere."""

from __future__ import annotations

import pytest

from plugins.booking.desk import commands
from plugins.common.email_address import is_email_address
from plugins.config.booking import parse_settings
from plugins.config.desk import parse_desk
from plugins.config.errors import ConfigError
from plugins.config.podcast import load_settings
from plugins.podcast.errors import PodcastConfigError
from tests.support.booking_settings import booking

GOOD = [
    "ada@example.org",
    "hello@hartcoaching.example",
    "first.last+tag@mail.example.co.uk",
    "o'brien@example.ie",
    "x@a-b.example",
]
BAD = [
    "a,b@example.org",  # a comma would split a mail header's address list
    "x@localhost.c",  # a one-letter top-level domain
    "ada@example",  # no top-level domain
    "ada@@example.org",
    "Ada <ada@example.org>",
    "ada@example.org\nBcc: x@example.org",
    '"ada"@example.org',
    ".ada@example.org",
    "ada.@example.org",
    "a..b@example.org",
    "ada@-example.org",
    "ada@example..org",
    "a;b@example.org",
    # Characters that start or encode a URL parameter in a mailto: link, or
    # route the address: "?cc=" would add a recipient to every visitor's email.
    "hello?cc=spy%40evil.example@hartcoaching.example",
    "a&b@example.org",
    "a%b@example.org",
    "a=b@example.org",
    "a#b@example.org",
    "a/b@example.org",
    "a!b@example.org",
    "a" * 250 + "@example.org",  # longer than 254 characters
    "",
]


@pytest.mark.parametrize("address", GOOD)
def test_ordinary_addresses_are_accepted(address):
    assert is_email_address(address)


@pytest.mark.parametrize("address", BAD)
def test_the_rule_refuses(address):
    assert not is_email_address(address)


def _podcast(email: str):
    show = {"title": "T", "description": "D", "owner_email": email, "image": "cover.png"}
    show["categories"] = ["Business > Careers"]
    return load_settings(show, author="A", language="en")


def _places(address: str) -> dict[str, bool]:
    """Whether each place that takes an address accepts this one."""
    found = {}
    for where, attempt in {
        "organizer": lambda: parse_settings(booking(organizer={"name": "C", "email": address})),
        "smtp from": lambda: parse_desk(
            booking(smtp={"host": "smtp.example.org", "from": address})
        ),
        "client": lambda: commands._client("Ada", address),
        "podcast owner": lambda: _podcast(address),
    }.items():
        try:
            attempt()
            found[where] = True
        except (ConfigError, PodcastConfigError, commands.DeskError) as error:
            # Only a refusal of the address itself counts; any other error
            # would make this test meaningless.
            assert "not an email address" in str(error), error
            found[where] = False
    return found


@pytest.mark.parametrize(
    "address",
    ["a,b@example.org", "x@localhost.c", "ada@example.org", "hi?cc=x%40evil.example@example.org"],
)
def test_every_place_agrees(address):
    assert set(_places(address).values()) == {is_email_address(address)}
