"""Stable digests of template inputs: the same values give the same bytes in
every build and every process, different values different bytes.

Plain `pickle` is almost that, with three gaps this closes:
- set order depends on PYTHONHASHSEED, and so does the order in which
  Pelican reads files (it lists them in a set) and fills its dicts, so sets
  and dicts are written sorted;
- functions pickle as a bare name, so their code and closure are digested
  too (a changed filter must change the digest);
- Pelican's content objects point at each other and at the whole site
  context (`article._context`, `article.newer`), so pickling one would drag
  in the entire site. Objects the caller names as *shared* are written once
  and referred to by that name everywhere else.

Anything that still cannot be pickled raises `Undigestible`: the caller
must then treat the value as changed (render again), never as unchanged.
"""

from __future__ import annotations

import hashlib
import io
import marshal
import pickle
import types
from collections.abc import Callable, Iterable
from typing import Any


class Undigestible(Exception):
    """A value whose state cannot be written down reliably."""


class StateDigest:
    """Digests of many values that share objects, with one memo for a build.

    `identity(obj)` gives a shared object's stable name (say its source
    path) or None for an ordinary value. Objects with one name must be
    interchangeable (equal state), as Pelican's per-article copies of one
    category are. A shared object is written as its
    name wherever it appears, and its state once, by `drain`; so neither
    cycles between objects nor the order in which they are met change a
    digest. `skip_attrs` are left out of a shared object's state because the
    caller digests them separately (e.g. the site context).
    """

    def __init__(
        self, identity: Callable[[object], str | None], skip_attrs: Iterable[str] = ()
    ) -> None:
        self._identity = identity
        self._skip = frozenset(skip_attrs)
        self._tags: dict[int, str] = {}
        self._pending: list[object] = []
        # Holding the objects keeps their id() from being reused mid-build.
        self._alive: list[object] = []

    def digest(self, value: object) -> bytes:
        """Digest of `value`; shared objects it reaches are queued, see `drain`."""
        buffer = io.BytesIO()
        try:
            _Pickler(buffer, self).dump(value)
        except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError) as err:
            raise Undigestible(str(err)) from err
        return hashlib.sha256(buffer.getvalue()).digest()

    def drain(self) -> bytes:
        """Digest over the state of every shared object met since the last
        call, and of those they reach (empty if none)."""
        states: list[tuple[str, bytes]] = []
        while self._pending:
            obj = self._pending.pop()
            state = {k: v for k, v in vars(obj).items() if k not in self._skip}
            states.append((self._tags[id(obj)], self.digest(state)))
        if not states:
            return b""
        total = hashlib.sha256()
        for tag, state in sorted(states):
            total.update(tag.encode() + b"\0" + state)
        return total.digest()

    def know(self, obj: object, tag: str) -> None:
        """Write `obj` as `tag` from now on (its state is digested elsewhere)."""
        if id(obj) not in self._tags:
            self._tags[id(obj)] = tag
            self._alive.append(obj)

    def known(self, obj: object) -> str | None:
        return self._tags.get(id(obj))

    def tag(self, obj: object) -> str | None:
        tag = self._tags.get(id(obj))
        if tag is None:
            name = self._identity(obj)
            if name is None:
                return None
            tag = name
            self._tags[id(obj)] = tag
            self._alive.append(obj)
            self._pending.append(obj)
        return tag


_SCALARS = frozenset({str, bytes, int, float, bool, type(None)})


class _Pickler(pickle.Pickler):
    def __init__(self, buffer: io.BytesIO, owner: StateDigest) -> None:
        super().__init__(buffer, protocol=5)
        self._owner = owner

    def persistent_id(self, obj: Any) -> object:
        # The C pickler never asks reducer_override about dicts and sets, but
        # it asks persistent_id about everything: their sorted contents are
        # written in their place.
        kind = type(obj)
        if kind in _SCALARS:
            return None
        known = self._owner.known(obj)
        if known is not None:
            return known
        if kind is dict:
            return ("dict", _sorted_items(obj))
        if kind is set or kind is frozenset:
            return (kind.__name__, _sorted(obj))
        if kind is list or kind is tuple:
            return None
        return self._owner.tag(obj)

    def reducer_override(self, obj: Any) -> Any:
        if obj is _function:
            return NotImplemented
        if isinstance(obj, types.FunctionType):
            cells = tuple(c.cell_contents for c in obj.__closure__ or ())
            return _function, (obj.__module__, obj.__qualname__, _code(obj.__code__), cells)
        if isinstance(obj, (types.BuiltinFunctionType, types.MethodType)):
            owner = getattr(obj, "__self__", None)
            if isinstance(owner, types.ModuleType) or owner is None:
                return _function, (getattr(obj, "__module__", ""), obj.__qualname__, b"", ())
            return _function, ("method", obj.__qualname__, b"", (owner,))
        if isinstance(obj, types.ModuleType):
            return _function, ("module", obj.__name__, b"", ())
        return NotImplemented


def _sorted(items: set | frozenset) -> list:
    try:
        return sorted(items)
    except TypeError:
        return sorted(items, key=repr)


def _sorted_items(mapping: dict) -> list:
    try:
        return sorted(mapping.items())  # keys are unique: values never compared
    except TypeError:
        return sorted(mapping.items(), key=lambda item: repr(item[0]))


def _code(code: types.CodeType) -> bytes:
    # marshal of a code object is deterministic for the same source and
    # Python version, and covers nested functions and constants.
    return marshal.dumps(code)


def _function(*_parts: object) -> None:
    """Stand-in constructor: digests are never unpickled."""
    return None
