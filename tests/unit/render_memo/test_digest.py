"""StateDigest: equal inputs, equal digests (in any process); any change, a new one."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import pytest

from plugins.render_memo.digest import StateDigest, Undigestible


@dataclass(eq=False)
class Post:
    path: str
    title: str
    neighbour: Post | None = None
    site: dict = field(default_factory=dict)


def _identity(obj: object) -> str | None:
    return f"post:{obj.path}" if isinstance(obj, Post) else None


def full(value: object) -> bytes:
    digester = StateDigest(_identity, skip_attrs=("site",))
    return digester.digest(value) + digester.drain()


def test_equal_values_give_equal_digests_and_changes_change_them():
    assert full({"a": [1, 2.5, "x"], "b": None}) == full({"a": [1, 2.5, "x"], "b": None})
    assert full({"a": [1, 2]}) != full({"a": [2, 1]})  # list order means something
    assert full({"a": 1}) != full({"a": "1"})


def test_dict_and_set_order_does_not_matter():
    assert full({"a": 1, "b": 2}) == full({"b": 2, "a": 1})
    assert full({"x", "y", "z"}) == full({"z", "x", "y"})


def test_functions_are_digested_by_code_and_closure():
    def make(suffix):
        return lambda text: text + suffix

    assert full(make("!")) == full(make("!"))
    assert full(make("!")) != full(make("?"))
    assert full(lambda text: text.upper()) != full(lambda text: text.lower())


def test_shared_objects_are_named_and_their_state_still_counts():
    a, b = Post("a.md", "First"), Post("b.md", "Second")
    a.neighbour, b.neighbour = b, a  # a cycle, as Pelican's older/newer links make
    a.site = b.site = {"everything": [a, b]}  # skipped: digested separately
    before = full([a, b])
    assert full([a, b]) == before
    b.title = "Second, retitled"
    assert full([a, b]) != before
    # Reached only through a's neighbour, b's state still counts.
    assert full(a) != full(Post("a.md", "First", neighbour=Post("b.md", "Other")))


def test_what_cannot_be_written_down_is_refused_not_guessed():
    with pytest.raises(Undigestible):
        full({"lock": threading.Lock()})
