"""PageKeys and TemplateReads: what a page's key covers."""

from __future__ import annotations

import jinja2

from plugins.render_memo.digest import StateDigest
from plugins.render_memo.inputs import TemplateReads
from plugins.render_memo.keys import PageKeys

TEMPLATES = {
    "base.html": "<title>{{ SITENAME }}</title>{% block body %}{% endblock %}",
    "article.html": "{% extends 'base.html' %}{% block body %}{{ article }}{% endblock %}",
    "book.html": "{% extends 'base.html' %}{% block body %}{{ SLOTS|length }}{% endblock %}",
    "dynamic.html": "{% include page_template %}",
}


def _keys(context: dict) -> PageKeys:
    return PageKeys(context, StateDigest(lambda _o: None), template_only=("SLOTS",))


def _key(keys: PageKeys, template: str, local: dict) -> bytes:
    env = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES))
    return keys.key(b"code", template, TemplateReads(env)(template), local)


def test_template_reads_follow_extends_and_give_up_on_computed_names():
    env = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES))
    reads = TemplateReads(env)
    assert reads("article.html") == {"SITENAME", "article"}
    assert reads("dynamic.html") is None


def test_a_template_only_value_changes_only_the_pages_that_read_it():
    context = {"SITENAME": "Coach", "SLOTS": [1, 2, 3]}
    moved = {"SITENAME": "Coach", "SLOTS": [2, 3, 4]}
    article = {**context, "article": "Text", "output_file": "a/index.html"}
    article_moved = {**moved, "article": "Text", "output_file": "a/index.html"}
    book = {**context, "output_file": "book/index.html"}
    book_moved = {**moved, "output_file": "book/index.html"}
    before, after = _keys(context), _keys(moved)
    assert _key(before, "article.html", article) == _key(after, "article.html", article_moved)
    assert _key(before, "book.html", book) != _key(after, "book.html", book_moved)


def test_site_values_and_page_values_are_both_covered():
    context = {"SITENAME": "Coach", "SLOTS": []}
    keys = _keys(context)
    page = {**context, "article": "Text", "output_file": "a/index.html"}
    assert _key(keys, "article.html", page) != _key(keys, "article.html", {**page, "article": "T"})
    assert _key(keys, "article.html", page) != _key(
        keys, "article.html", {**page, "output_file": "b/index.html"}
    )
    renamed = {"SITENAME": "Coaching", "SLOTS": []}
    renamed_page = {**renamed, "article": "Text", "output_file": "a/index.html"}
    assert _key(keys, "article.html", page) != _key(_keys(renamed), "article.html", renamed_page)
