"""What a recogniser wrote where a term was said: aligning its words with the words read.

The words read (``said``) and the words written (``written``) are aligned by a word-level
Levenshtein alignment on normalised words (case folded, punctuation dropped; a match costs
nothing, a substitution, insertion or deletion one each). A term spans some of the words
read; what was written there is the written words between the nearest *matched* words
on either side of the span. When a neighbour of the span was itself misheard (the words
next to the span are not matched), the boundary is unsure and nothing is reported.
Pure Python: needs no extra.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

PUNCTUATION_RE = regex.compile(r"[^\p{L}\p{N}'&]+")


def norm(word: str) -> str:
    """A word for matching: case folded, punctuation dropped ("Baghdad," -> "baghdad")."""
    return PUNCTUATION_RE.sub("", word.casefold().replace("\u2019", "'"))


def clean_word(word: str) -> str:
    """A written word as a heard form writes it: surrounding punctuation removed."""
    return word.strip(' \t.,;:!?"()[]{}\u201c\u201d')


@dataclass(frozen=True)
class Pair:
    """One step of the alignment: a read word's index, a written word's index, or both."""

    said: int | None
    written: int | None


def align(said: Sequence[str], written: Sequence[str]) -> list[Pair]:
    """The word alignment of least cost, in order (ties: matches and substitutions first)."""
    a, b = [norm(w) for w in said], [norm(w) for w in written]
    rows, cols = len(a) + 1, len(b) + 1
    cost = [[0] * cols for _ in range(rows)]
    for i in range(rows):
        cost[i][0] = i
    for j in range(cols):
        cost[0][j] = j
    for i in range(1, rows):
        for j in range(1, cols):
            diagonal = cost[i - 1][j - 1] + (a[i - 1] != b[j - 1])
            cost[i][j] = min(diagonal, cost[i - 1][j] + 1, cost[i][j - 1] + 1)
    return _trace(cost, a, b)


def _trace(cost: list[list[int]], a: Sequence[str], b: Sequence[str]) -> list[Pair]:
    pairs: list[Pair] = []
    i, j = len(a), len(b)
    while i > 0 or j > 0:
        if i > 0 and j > 0 and cost[i][j] == cost[i - 1][j - 1] + (a[i - 1] != b[j - 1]):
            pairs.append(Pair(i - 1, j - 1))
            i, j = i - 1, j - 1
        elif i > 0 and cost[i][j] == cost[i - 1][j] + 1:
            pairs.append(Pair(i - 1, None))
            i -= 1
        else:
            pairs.append(Pair(None, j - 1))
            j -= 1
    return pairs[::-1]


def heard_at(said: Sequence[str], written: Sequence[str], first: int, last: int) -> str | None:
    """What was written where ``said[first:last + 1]`` (a term) was said, or None when the
    boundary is unsure; "" when nothing was written there. Tokens without a letter or digit
    (punctuation) are left out of the alignment."""
    return heard_in(said, written, [(first, last)])[0]


def heard_in(
    said: Sequence[str], written: Sequence[str], spans: Sequence[tuple[int, int]]
) -> list[str | None]:
    """``heard_at`` for each of ``spans`` (first, last) of ``said``, aligning once."""
    keep = [i for i, w in enumerate(said) if norm(w)]
    kept = [said[i] for i in keep]
    words = [w for w in written if norm(w)]
    matched = {
        p.said: p.written
        for p in align(kept, words)
        if p.said is not None
        and p.written is not None
        and norm(kept[p.said]) == norm(words[p.written])
    }
    found: list[str | None] = []
    for first, last in spans:
        inside = [k for k, i in enumerate(keep) if first <= i <= last]
        found.append(_between(kept, words, matched, inside) if inside else None)
    return found


def _between(
    said: Sequence[str], written: Sequence[str], matched: dict[int, int], inside: list[int]
) -> str | None:
    left, right = inside[0] - 1, inside[-1] + 1
    if (left >= 0 and left not in matched) or (right < len(said) and right not in matched):
        return None
    begin = matched[left] + 1 if left >= 0 else 0
    end = matched[right] if right < len(said) else len(written)
    heard = [clean_word(w) for w in written[begin:end]]
    return " ".join(w for w in heard if w)


def find_span(said: Sequence[str], term: Sequence[str]) -> list[tuple[int, int]]:
    """Every (first, last) index span where the term's words stand in ``said``."""
    want = [norm(w) for w in term]
    have = [norm(w) for w in said]
    width = len(want)
    return [
        (start, start + width - 1)
        for start in range(len(have) - width + 1)
        if have[start : start + width] == want
    ]
