"""What every matcher of the number scan shares: the words, the house style, the look-ahead.

:class:`Reader` holds a document's words and the style, and the readings that more than one
group of matchers asks for: the word before a phrase, the longest table phrase at a word,
what the words after a number make of it (money, percent, an era, a unit, an age), and a
year said in two halves. Every matcher answers with a :class:`Conversion`.
"""

from __future__ import annotations

from dataclasses import dataclass

from cleanup.numbers import words as w
from cleanup.numbers.parse import Cardinal, Words, two_digits
from cleanup.numbers.style import Style

NUMBER_WORDS = frozenset(
    {
        *w.UNITS,
        *w.TEENS,
        *w.TENS,
        w.HUNDRED,
        *w.SCALES,
        *w.ORDINAL_UNITS,
        *w.ORDINAL_TEENS,
        *w.ORDINAL_TENS,
        *w.ORDINAL_SCALES,
        *w.DECADES,
    }
)


@dataclass(frozen=True, slots=True)
class Conversion:
    """Words ``start``..``end`` (exclusive) are written ``written`` (None: they stay words)."""

    start: int
    end: int
    written: str | None
    kind: str


class Reader:
    """A document's words and the style they are written in, and the look-ahead the
    matchers share; the matcher classes of :class:`~cleanup.numbers.scan.Scanner` extend it."""

    def __init__(self, words: Words, style: Style) -> None:
        self.words = words
        self.keys = words.keys
        self.style = style

    def previous(self, index: int) -> str:
        """The word before ``index`` when nothing but spaces separates them, else ""."""
        return self.keys[index - 1] if index > 0 and self.words.joined[index] else ""

    def phrase_at(self, index: int, table: dict[tuple[str, ...], str]) -> tuple[str, int] | None:
        """The longest entry of ``table`` spelled from ``index`` on: (value, end)."""
        first = self.words.at(index)
        if first is None or first not in _FIRST_WORDS:
            return None
        best: tuple[str, int] | None = None
        for phrase, value in table.items():
            if phrase[0] != first or not self.words.run(index + 1, phrase[1:]):
                continue
            if best is None or index + len(phrase) > best[1]:
                best = value, index + len(phrase)
        return best

    # -- what follows a number -----------------------------------------------------------

    def suffix_kind(self, index: int) -> str | None:
        """What the words at ``index`` make of a number before them (money, percent...)."""
        if self.phrase_at(index, w.CURRENCIES) or self.words.at(index) in w.CENTS:
            return "money"
        if any(self.words.run(index, p) for p in w.PERCENT):
            return "percent"
        if self.phrase_at(index, w.ERAS):
            return "era"
        return self.measure_kind(index)

    def measure_kind(self, index: int) -> str | None:
        following = self.words.at(index)
        if following in w.UNITS_OF_MEASURE or self.words.run(index, w.PERCENTAGE_POINTS):
            return "measure"
        if any(self.words.run(index, p) for p in w.AGE_AFTER):
            return "age"
        return None

    # -- a year said in two halves (after a month, and on its own) -----------------------

    def pair(self, found: Cardinal) -> tuple[int, int] | None:
        """A year said in two halves: (10..20) then (10..99 or "o" and a digit) -> value, end."""
        single = found.single
        if single is None or single.ordinal or not 10 <= single.value <= 20:
            return None
        if single.form == "compound":
            return None
        second = two_digits(self.words, found.end)
        if second is None:
            return None
        return single.value * 100 + second[0], second[1]


_FIRST_WORDS = frozenset(
    phrase[0]
    for table in (w.CURRENCIES, w.SCALE_ONLY_CURRENCIES, w.ERAS, w.MERIDIEMS)
    for phrase in table
)
