"""One template, many pages that differ only in a few strings: render it
once with a marker in place of each of those strings, then fill the markers
for every page.

A booking session's slot pages are the case: 90 days of slots are a few
hundred pages through the whole layout, and each differs from the next only
in its slot's labels, links and URL. Rendering the layout once per session
instead of once per slot is most of a small site's build time.

How it stays exact:

* A marker is ``\ue000<n>&\ue001`` (private-use characters, which HTML
  escaping, whitespace splitting and striptags leave alone). Its ``&`` shows
  how the template printed that string: ``&amp;`` where it was escaped
  (filled with the escaped value), ``&`` where it was printed as it is
  (filled with the value). A marker the template changed in any other way
  (sliced, URL-encoded, escaped twice) leaves a stray marker character or
  fails the comparison below, and the template is rendered page by page.
* Only the ``varying`` keys may differ from the first page's context (every
  other value must be the same object or equal), and their shape must match
  (the same keys, list lengths, non-string values and empty strings). What
  the first page and the probes share at the start and end of a string
  stays in the stamp (so ``output_file[:-10]`` still cuts "index.html"),
  and a page's own part of it must be plain text (no tag characters,
  quotes, or spaces at its ends or in a row). Any other page is rendered
  in full.
* Before the first page is filled, it and every ``probes`` page are rendered
  in full and compared with the fill, byte for byte; one difference and the
  template is rendered page by page (a slot's date turned into a weekday by
  a filter, say).

What the probes cannot see: a template that treats some pages' strings
differently from all of the probes' (compares one with a fixed value, or
changes letter case where only later pages have letters). The shipped
templates do neither, and a test holds every slot page of a build to its
full rendering.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from markupsafe import Markup, escape

OPEN, CLOSE = "\ue000", "\ue001"
_MARKER = re.compile(f"{OPEN}(\\d+)(&amp;|&){CLOSE}")
# What a page's own part of a string may be to be filled in: words apart by
# single spaces, without tag characters or quotes, which striptags, trim and
# the like would treat differently from one page to the next.
_PLAIN = re.compile(r"(?:[^\s<>\"'`]+(?: [^\s<>\"'`]+)*)?")


class Template(Protocol):
    def render(self, context: Mapping[str, Any]) -> str: ...


def _shape(value: Any, strings: list[str]) -> Any:
    """`value` with every string replaced by its index in `strings`."""
    if isinstance(value, str):
        if value:  # "" stays "": a template may test a string for being empty
            strings.append(value)
        return (str, type(value) is Markup, bool(value))
    if isinstance(value, Mapping):
        return (dict, tuple((k, _shape(v, strings)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return (type(value), tuple(_shape(v, strings) for v in value))
    return (None, value)


def _marked(value: Any, affixes: list[tuple[str, str | None]], counter: list[int]) -> Any:
    """`value` with the part of every string that differs from page to page
    replaced by its marker."""
    if isinstance(value, str) and value:
        prefix, suffix = affixes[counter[0]]
        counter[0] += 1
        if suffix is None:  # the same on every page seen: no marker
            return value
        marked = f"{prefix}{OPEN}{counter[0] - 1}&{CLOSE}{suffix}"
        return Markup(marked) if type(value) is Markup else marked
    if isinstance(value, Mapping):
        return {k: _marked(v, affixes, counter) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_marked(v, affixes, counter) for v in value)
    return value


def _affixes(values: list[str]) -> tuple[str, str | None]:
    """What every one of `values` starts and ends with (never overlapping);
    (the value, None) when they are all the same."""
    if len(set(values)) == 1:
        return values[0], None
    # commonprefix compares characters, which is what is wanted here.
    prefix = os.path.commonprefix(values)  # noqa: RUF071
    rest = [v[len(prefix) :][::-1] for v in values]
    return prefix, os.path.commonprefix(rest)[::-1]  # noqa: RUF071


def _middles(strings: list[str], affixes: list[tuple[str, str | None]]) -> list[str] | None:
    """Each string without its leaf's affixes; None if one lacks them or its
    own part is not plain text."""
    middles = []
    for value, (prefix, suffix) in zip(strings, affixes, strict=True):
        if suffix is None:
            if value != prefix:
                return None
            middles.append("")
            continue
        rest = value[len(prefix) :]
        if not value.startswith(prefix) or not rest.endswith(suffix):
            return None
        middle = rest[: len(rest) - len(suffix)]
        if not _PLAIN.fullmatch(middle):
            return None
        middles.append(middle)
    return middles


class Stamp:
    """A stand-in for `template` with the same `render(context)`, for pages
    whose contexts differ only in the `varying` keys (see the module's
    docstring). `probes` are other pages' `varying` values: what their
    strings have in common stays in the stamp, and each is rendered in full
    once to check the fill against."""

    def __init__(
        self,
        template: Template,
        varying: Sequence[str],
        probes: Iterable[Mapping[str, Any]] = (),
    ) -> None:
        self.template = template
        self.varying = tuple(varying)
        self.probes = list(probes)
        self.filled = 0
        self._first: Mapping[str, Any] | None = None
        self._shape: Any = None
        self._affixes: list[tuple[str, str | None]] = []
        self._parts: list[tuple[str, int, bool]] | None = None
        self._tail = ""

    def render(self, context: Mapping[str, Any]) -> str:
        shape, strings = self._flat(context)
        if self._first is None:
            return self._start(context, shape, strings)
        if self._parts is None or shape != self._shape or not self._same_rest(context):
            return self.template.render(context)
        middles = _middles(strings, self._affixes)
        if middles is None:
            return self.template.render(context)
        self.filled += 1
        return self._fill(middles)

    def _flat(self, values: Mapping[str, Any]) -> tuple[Any, list[str]]:
        strings: list[str] = []
        return _shape({k: values[k] for k in self.varying}, strings), strings

    def _start(self, context: Mapping[str, Any], shape: Any, strings: list[str]) -> str:
        self._first, self._shape = context, shape
        full = self.template.render(context)
        # Probes of another shape are rendered in full when their turn comes.
        probes = [(p, ps) for p in self.probes for sh, ps in [self._flat(p)] if sh == shape]
        columns = zip(strings, *(ps for _, ps in probes), strict=True)
        self._affixes = [_affixes(list(column)) for column in columns]
        if not self._stamp(context):
            return full
        # Pages that will not be filled in (not plain text) check nothing.
        checks = [(m, full) for m in [_middles(strings, self._affixes)] if m is not None]
        checks += [
            (m, self.template.render({**context, **p}))
            for p, ps in probes
            for m in [_middles(ps, self._affixes)]
            if m is not None
        ]
        if not checks or any(self._fill(middles) != rendered for middles, rendered in checks):
            self._parts = None
        return full

    def _stamp(self, context: Mapping[str, Any]) -> bool:
        varying = {k: context[k] for k in self.varying}
        marked = {**context, **_marked(varying, self._affixes, [0])}
        try:
            text = self.template.render(marked)
        except Exception:  # a filter that cannot take a marker: render page by page
            return False
        parts, at = [], 0
        for match in _MARKER.finditer(text):
            parts.append((text[at : match.start()], int(match[1]), match[2] == "&amp;"))
            at = match.end()
        tail = text[at:]
        if any(OPEN in p or CLOSE in p for p, _, _ in parts) or OPEN in tail or CLOSE in tail:
            return False
        self._parts, self._tail = parts, tail
        return True

    def _fill(self, middles: list[str]) -> str:
        assert self._parts is not None
        out = []
        for literal, index, escaped in self._parts:
            out.append(literal)
            out.append(str(escape(middles[index])) if escaped else middles[index])
        out.append(self._tail)
        return "".join(out)

    def _same_rest(self, context: Mapping[str, Any]) -> bool:
        first = self._first
        assert first is not None
        if context.keys() != first.keys():
            return False
        for key, value in context.items():
            if key in self.varying:
                continue
            other = first[key]
            if value is not other and value != other:
                return False
        return True
