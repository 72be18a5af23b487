"""A stamped template gives exactly what the template gives, page for page:
filled in where the markers survive the template, rendered in full where
they do not (a filter that changes the string, another shape, another
value outside the varying keys)."""

from __future__ import annotations

import functools

import jinja2
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from plugins.common.stamp import Stamp

LAYOUT = """<title>{{ site }}: {{ slot.label|e }}</title>
{% set path = output_file[:-10] if output_file.endswith('index.html') else output_file %}
<link rel="canonical" href="/{{ path }}">
<h1>{{ slot.label|e }}</h1><p>{{ slot.label }}</p>
{% for link in slot.links %}<a href="{{ link.url|e }}">{{ link.name|e }}</a>{% endfor %}
{% if slot.note %}<p class="note">{{ slot.note|e }}</p>{% endif %}
<meta content="{{ (slot.label ~ ' <b>x</b>')|striptags|e }}">
"""


@functools.cache
def _template(source: str = LAYOUT) -> jinja2.Template:
    # Pelican's own environment: autoescape off, so a raw {{ x }} is not escaped.
    # Compiled once per source: a template is only read, by a Stamp too.
    return jinja2.Environment(autoescape=False).from_string(source)


def _page(label: str, url: str = "a&b", note: str = "n", links: int = 2) -> dict:
    slot = {
        "label": label,
        "note": note,
        "links": [
            {"name": f"L{i}", "url": f"https://x.example/?t={url}&i={i}"} for i in range(links)
        ],
    }
    return {"site": "Site", "slot": slot, "output_file": f"book/s/{label[:4]}/index.html"}


def _varying(page: dict) -> dict:
    return {k: page[k] for k in ("slot", "output_file")}


def _render_all(stamp: Stamp, pages: list[dict]) -> list[str]:
    return [stamp.render(page) for page in pages]


def test_pages_are_filled_in_and_equal_to_the_full_rendering():
    pages = [_page(f"Mon {d} Dec, 9:00 <AM> & \"co\" 'x'") for d in range(1, 30)]
    template = _template()
    stamp = Stamp(template, ("slot", "output_file"), [_varying(pages[-1])])
    assert _render_all(stamp, pages) == [template.render(p) for p in pages]
    assert stamp.filled == len(pages) - 1  # every page after the first


def test_a_filter_that_changes_the_string_means_page_by_page():
    template = _template("{{ slot.label|upper }} {{ slot.label[:3] }} {{ slot.label|urlencode }}")
    pages = [_page(f"day {d} é") for d in range(5)]
    stamp = Stamp(template, ("slot", "output_file"), [_varying(pages[-1])])
    assert _render_all(stamp, pages) == [template.render(p) for p in pages]
    assert stamp.filled == 0


def test_a_page_of_another_shape_or_context_is_rendered_in_full():
    template = _template()
    first = _page("Tue 1")
    stamp = Stamp(template, ("slot", "output_file"), [_varying(_page("Tue 9"))])
    others = [
        _page("Tue 2", links=3),  # another list length
        _page("Tue 3", note=""),  # an empty string takes another branch
        {**_page("Tue 4"), "site": "Other"},  # a value outside the varying keys
        {**_page("Tue 5"), "extra": 1},  # another key
    ]
    assert _render_all(stamp, [first, *others]) == [template.render(p) for p in [first, *others]]
    assert stamp.filled == 0


def test_a_string_already_marked_safe_is_filled_as_it_is():
    template = _template("<p>{{ slot.label|e }}</p>{{ slot.label }}")
    pages = [{"slot": {"label": Markup(f"<b>{d}</b> &amp;")}, "output_file": "x"} for d in range(4)]
    stamp = Stamp(template, ("slot", "output_file"), [_varying(pages[-1])])
    assert _render_all(stamp, pages) == [template.render(p) for p in pages]
    assert stamp.filled == 3


def test_a_filter_that_fails_on_a_marker_means_page_by_page():
    template = _template("{{ slot.label|int + 1 }} {{ slot.day.split('-')[2] }}")
    pages = [
        {"slot": {"label": str(d), "day": f"2026-12-0{d}"}, "output_file": "x"} for d in range(1, 5)
    ]
    stamp = Stamp(template, ("slot", "output_file"))
    assert _render_all(stamp, pages) == [template.render(p) for p in pages]
    assert stamp.filled == 0


def test_a_probe_catches_what_the_first_page_alone_would_not():
    # Only pages after the first contain a run of spaces, which striptags
    # collapses: the probe shows the fill would differ, before any is used.
    template = _template("{{ slot.label|striptags }}")
    pages = [_page("a b"), _page("c  d"), _page("e  f")]
    stamp = Stamp(template, ("slot", "output_file"), [_varying(pages[-1])])
    assert _render_all(stamp, pages) == [template.render(p) for p in pages]
    assert stamp.filled == 0


text = st.text(alphabet=st.sampled_from(list("ab &<>\"'/;\u00a0\u202f\t\néE")), max_size=12)


@settings(max_examples=150, deadline=None)
@given(labels=st.lists(text, min_size=1, max_size=6), urls=st.lists(text, min_size=6, max_size=6))
def test_any_strings_give_exactly_the_full_rendering(labels, urls):
    template = _template()
    pages = [_page(label, url) for label, url in zip(labels, urls, strict=False)]
    stamp = Stamp(template, ("slot", "output_file"), [_varying(pages[-1])])
    assert _render_all(stamp, pages) == [template.render(p) for p in pages]
