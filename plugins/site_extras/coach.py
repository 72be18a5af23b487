"""The COACH setting (pelicanconf.py, "WHO YOU ARE"), checked before any page
uses it: every page prints it, some of it into attributes and links.

A bad value stops the build with one line naming the key: the email must
follow the project's one email rule (no `?cc=` riding along into mailto:
links), social links must be https:// (or http://, mailto:) addresses, and
the photo a plain path under content/, so nothing typed here can turn into
script or markup on the site.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import urlsplit

from ..common import validate
from ..common.config import ConfigError, setting_name
from ..common.zones import iana_zones, unknown_zone

TEXT_KEYS = ("name", "credentials", "tagline", "photo_alt", "location", "job_title", "disclaimer")
KEYS = {*TEXT_KEYS, "email", "photo", "timezone", "social"}
_PATH = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]*")


def name(*keys: str | int) -> str:
    return setting_name("COACH", *keys)


def check_coach(raw: object) -> None:
    """Raises ConfigError for the first bad value; returns None when all is well."""
    if raw is None:
        return
    if not isinstance(raw, Mapping):
        raise ConfigError("COACH", 'must be a dict like {"name": ..., "email": ...}')
    validate.known_keys(raw, KEYS, name)
    for key in TEXT_KEYS:
        if key in raw:
            validate.text(raw[key], name(key))
    if "email" in raw:
        validate.email(raw["email"], name("email"))
    if "timezone" in raw and raw["timezone"] not in iana_zones():
        raise ConfigError(name("timezone"), unknown_zone(raw["timezone"]))
    if "photo" in raw:
        photo = validate.text(raw["photo"], name("photo"))
        if not _PATH.fullmatch(photo) or ".." in photo.split("/"):
            raise ConfigError(
                name("photo"),
                f"{photo!r} must be a path under content/ like images/portrait.jpg "
                "(letters, digits, dots, dashes and slashes)",
            )
    for i, link in enumerate(raw.get("social") or ()):
        if not isinstance(link, list | tuple) or len(link) != 2:
            raise ConfigError(name("social", i), 'must be a pair like ("LinkedIn", "https://...")')
        validate.text(link[0], name("social", i, 0))
        url = validate.text(link[1], name("social", i, 1))
        try:
            parts = urlsplit(url)
            web = parts.scheme in {"https", "http"} and bool(parts.hostname)
        except ValueError:
            web = False
        mail = url.startswith("mailto:") and validate.email(url[7:], name("social", i, 1))
        if not (web or mail) or any(c in url for c in "\"'<> "):
            raise ConfigError(
                name("social", i, 1), f"{url!r} must be an https:// address (or mailto:)"
            )
