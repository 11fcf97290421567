"""Exact phrase matching of lexicon forms over a document's tokens.

Pure functions of (document, lexicon). They compute afresh at every call: a run finds a
document's phrases once, in its per-document analysis (``cleanup.context.Analysis``),
and every step reads them there.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from cleanup.document import Document
from cleanup.lexicon.forms import letters
from cleanup.lexicon.model import Form, Lexicon

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
    key = doc.keys[first : last + 1]
    start, end = doc.tokens[first].start, doc.tokens[last].end
    form = lexicon.index.get(key)
    if form is not None:
        return PhraseMatch(first, last, start, end, form)
    # The key is case-folded with typographic apostrophes made plain, so 'S and U+2019 s match.
    tail = doc.tokens[last].text
    if key[-1].endswith(POSSESSIVE) and len(tail) > len(POSSESSIVE):
        form = lexicon.index.get((*key[:-1], key[-1][: -len(POSSESSIVE)]))
        if form is not None:
            return PhraseMatch(first, last, start, end, form, tail[-len(POSSESSIVE) :])
    return None


def _longest_at(
    doc: Document, lexicon: Lexicon, first: int, table: dict[str, int]
) -> PhraseMatch | None:
    word = doc.keys[first]
    longest = table.get(word, 0)
    if word.endswith(POSSESSIVE):
        longest = max(longest, table.get(word[: -len(POSSESSIVE)], 0))
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
    table = lexicon.longest
    if not table:
        return
    index, addresses = 0, doc.in_address
    while index < len(doc.tokens):
        match = _longest_at(doc, lexicon, index, table)
        if match is None or not addresses.isdisjoint(range(match.first, match.last + 1)):
            index += 1
            continue
        yield match
        index = match.last + 1


REGROUP_WORDS = 4  # the longest regrouped span looked for, in words


def regrouped(
    doc: Document, lexicon: Lexicon, phrases: Iterable[PhraseMatch]
) -> Iterator[tuple[int, int]]:
    """Spans around a lexicon mention (one of ``phrases``, as ``find_phrases`` gives them)
    that spell a longer term with other word breaks: "Conoco Phillips" is ConocoPhillips
    said in two words, not Conoco and a name after it.

    They are not anchors: the sound-alike step decides them in context.
    """
    spelled = lexicon.spelled
    longest = REGROUP_WORDS
    count = len(doc.tokens)
    for match in phrases:
        for first in range(max(match.first - longest + 1, 0), match.first + 1):
            for last in range(match.last, min(first + longest, count)):
                wider = first < match.first or last > match.last
                if wider and _joined_letters(doc, first, last) in spelled:
                    yield first, last


def _joined_letters(doc: Document, first: int, last: int) -> str:
    """The letters of tokens ``first``..``last``; none when a break splits them or an end
    has no letters of its own ("& Standard & Poor's" spells no more than the term)."""
    ends = (doc.tokens[first].text, doc.tokens[last].text)
    if not all(map(letters, ends)) or any(not joinable(doc, i, i + 1) for i in range(first, last)):
        return ""
    return letters("".join(t.text for t in doc.tokens[first : last + 1]))
