"""IdentityCache: values by the identity of unhashable owners, never stale."""

from __future__ import annotations

from cleanup.memo import IdentityCache, per_document


def test_same_owner_computes_once_and_other_owners_again() -> None:
    cache: IdentityCache[int] = IdentityCache(size=4)
    owner, calls = [1], []

    def make() -> int:
        calls.append(1)
        return len(calls)

    assert cache.get((owner,), make) == 1
    assert cache.get((owner,), make) == 1
    assert cache.get(([1],), make) == 2  # equal, not the same object
    assert cache.get((owner,), make, extra="other") == 3


def test_full_cache_starts_again() -> None:
    cache: IdentityCache[int] = IdentityCache(size=1)
    first, second = [1], [2]
    assert cache.get((first,), lambda: 1) == 1
    assert cache.get((second,), lambda: 2) == 2
    assert cache.get((first,), lambda: 3) == 3


def test_per_document_computes_once_per_pair_and_hands_out_fresh_lists() -> None:
    calls: list[tuple[object, object]] = []

    @per_document
    def step(doc: object, ctx: object) -> list[int]:
        calls.append((doc, ctx))
        return [1, 2]

    doc, ctx = object(), object()
    first = step(doc, ctx)
    first.append(3)
    assert step(doc, ctx) == [1, 2]
    assert len(calls) == 1
    step(doc, object())
    assert len(calls) == 2
