"""IdentityCache: values by the identity of unhashable owners, never stale."""

from __future__ import annotations

from cleanup.memo import IdentityCache


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
