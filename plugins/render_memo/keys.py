"""One key per rendered page: equal keys mean equal pages.

A page's text is a function of the code that renders it and of its local
context: the site context (shared by every page) plus what the generator
passes for that page (`article=…`, the paginated slice, `output_file`).
The site context is digested once per build; a page adds only the entries
that differ from it. Keys named in `template_only` are left out of the site
digest and added only for templates that name them: the booking plugin's
BOOKING_VIEW moves with the clock, and without this every clock tick would
re-render every article. Keys named in `unordered` are lists whose order
means nothing and varies between runs (Pelican's `staticfiles`); keys in
`ignore` (how the cache itself is used) count for nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

from .digest import StateDigest

# Pelican sets these per page even when they equal the site-wide value.
ALWAYS_LOCAL = frozenset({"output_file", "localsiteurl", "SITEURL"})


class PageKeys:
    def __init__(
        self,
        context: Mapping[str, object],
        digester: StateDigest,
        template_only: Iterable[str] = (),
        unordered: Iterable[str] = (),
        ignore: Iterable[str] = (),
    ) -> None:
        self._ignore = frozenset(ignore)
        self._snapshot = {k: v for k, v in context.items() if k not in self._ignore}
        unordered = frozenset(unordered)
        self._digester = digester
        self._template_only = frozenset(template_only) & self._snapshot.keys()
        site = hashlib.sha256()
        for name in sorted(self._snapshot.keys() - self._template_only - ALWAYS_LOCAL):
            site.update(name.encode() + b"\0")
            value = self._snapshot[name]
            if name in unordered:
                site.update(b"".join(sorted(digester.digest(item) for item in value)))
            else:
                site.update(digester.digest(value))
        site.update(digester.drain())
        self._site = site.digest()
        for name, value in self._snapshot.items():
            if name not in self._template_only and not _immutable(value):
                digester.know(value, f"context:{name}")
        self._only: dict[str, bytes] = {}

    def key(
        self,
        code: bytes,
        template: str,
        reads: frozenset[str] | None,
        local: Mapping[str, object],
    ) -> bytes:
        """`reads`: context names the template can read (None: any)."""
        key = hashlib.sha256(code)
        key.update(template.encode() + b"\0" + self._site)
        for name in sorted(self._template_only):
            if reads is None or name in reads:
                key.update(name.encode() + b"\0" + self._template_only_digest(name))
        own = {
            name: value
            for name, value in local.items()
            if name not in self._ignore
            and (
                name in ALWAYS_LOCAL
                or name not in self._snapshot
                or self._snapshot[name] is not value
            )
        }
        for name, value in own.items():
            key.update(name.encode() + b"\0" + self._value_digest(value))
        key.update(self._digester.drain())
        return key.digest()

    def _value_digest(self, value: object) -> bytes:
        """Generators pass one object to many pages (a paginator, a booking
        session): digest it once, then refer to it by that digest."""
        if _immutable(value):
            return self._digester.digest(value)
        known = self._digester.known(value)
        if known is not None:
            return known.encode()
        digest = self._digester.digest(value)
        self._digester.know(value, f"value:{digest.hex()}")
        return digest

    def _template_only_digest(self, name: str) -> bytes:
        if name not in self._only:
            value = self._digester.digest(self._snapshot[name])
            self._only[name] = hashlib.sha256(value + self._digester.drain()).digest()
        return self._only[name]


def _immutable(value: object) -> bool:
    return isinstance(value, (str, bytes, int, float, bool, type(None)))
