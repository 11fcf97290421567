"""Remembering what was computed from objects that cannot be hashed (a Lexicon, a Document).

Values are keyed by the objects' identity and kept only while the cache holds those very
objects, so an id reused by a new object never returns a stale value.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class IdentityCache(Generic[V]):
    """A small cache of values computed from ``owners`` (by identity) and a hashable extra."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: dict[tuple[tuple[int, ...], Hashable], tuple[tuple[object, ...], V]] = {}

    def get(self, owners: tuple[object, ...], make: Callable[[], V], extra: Hashable = None) -> V:
        key = (tuple(map(id, owners)), extra)
        kept = self._kept.get(key)
        if kept is not None and all(a is b for a, b in zip(kept[0], owners, strict=True)):
            return kept[1]
        value = make()
        if len(self._kept) >= self.size:
            self._kept.clear()
        self._kept[key] = (owners, value)
        return value


D = TypeVar("D")
C = TypeVar("C")
E = TypeVar("E")


def per_document(function: Callable[[D, C], list[E]]) -> Callable[[D, C], list[E]]:
    """A step function whose edits another step reads too (punctuation judges a glued
    sentence end by the case, variants and sound-alike rewrites): computed once per
    (document, context) pair, a fresh list each call."""
    cache: IdentityCache[tuple[E, ...]] = IdentityCache(size=4)

    def remembered(doc: D, ctx: C) -> list[E]:
        return list(cache.get((doc, ctx), lambda: tuple(function(doc, ctx))))

    remembered.__name__ = function.__name__
    remembered.__doc__ = function.__doc__
    return remembered
