"""Exact phrase matching of lexicon forms over a document's tokens."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from cleanup.document import Document
from cleanup.lexicon import Form, Lexicon

POSSESSIVE = "'s"


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    """Tokens ``first``..``last`` (inclusive) spell ``form``, plus an optional possessive."""

    first: int
    last: int
    start: int
    end: int
    form: Form
    suffix: str = ""

    @property
    def core_end(self) -> int:
        """End offset of the matched form, before any possessive suffix."""
        return self.end - len(self.suffix)


def joinable(doc: Document, left: int, right: int) -> bool:
    """May tokens ``left`` and ``right`` (adjacent) belong to one phrase?"""
    gap = doc.text[doc.tokens[left].end : doc.tokens[right].start]
    return gap.isspace() and "\n\n" not in gap


def _lookup(doc: Document, lexicon: Lexicon, first: int, last: int) -> PhraseMatch | None:
    tokens = doc.tokens[first : last + 1]
    key = tuple(token.key for token in tokens)
    start, end = tokens[0].start, tokens[-1].end
    form = lexicon.index.get(key)
    if form is not None:
        return PhraseMatch(first, last, start, end, form)
    # The key is case-folded with typographic apostrophes made plain, so 'S and U+2019 s match.
    tail = tokens[-1].text
    if key[-1].endswith(POSSESSIVE) and len(tail) > len(POSSESSIVE):
        form = lexicon.index.get((*key[:-1], key[-1][: -len(POSSESSIVE)]))
        if form is not None:
            return PhraseMatch(first, last, start, end, form, tail[-len(POSSESSIVE) :])
    return None


def _longest_at(doc: Document, lexicon: Lexicon, first: int, longest: int) -> PhraseMatch | None:
    last_possible = first
    count = len(doc.tokens)
    while last_possible + 1 < min(count, first + longest) and joinable(
        doc, last_possible, last_possible + 1
    ):
        last_possible += 1
    for last in range(last_possible, first - 1, -1):
        match = _lookup(doc, lexicon, first, last)
        if match is not None:
            return match
    return None


def find_phrases(doc: Document, lexicon: Lexicon) -> Iterator[PhraseMatch]:
    """Lexicon forms in the text, longest first, left to right, never overlapping.

    Words inside web and e-mail addresses are left alone (example.org/iraq).
    """
    longest = lexicon.max_words
    if longest == 0:
        return
    index, addresses = 0, doc.in_address
    while index < len(doc.tokens):
        match = _longest_at(doc, lexicon, index, longest)
        if match is None or not addresses.isdisjoint(range(match.first, match.last + 1)):
            index += 1
            continue
        yield match
        index = match.last + 1
