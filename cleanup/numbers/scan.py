"""Find spoken number phrases in a document's words and decide how each is written.

One left-to-right pass: at each word that may begin a number phrase the matchers are tried
in order (named number, date, clock time, hyphenated word, number with what follows it);
the first that reads a phrase consumes it. A phrase that is read but stays words (an idiom,
a prose ordinal, a small number in the news style) is consumed too, so its tail is never
read again as a number of its own. Each matcher looks at most a few words ahead: linear time.

The matchers live by group in their own modules (dates, clock times, numbers and what
follows them), each a class over the shared :class:`~cleanup.numbers.reader.Reader`;
:class:`Scanner` joins them and does the walk.
"""

from __future__ import annotations

from collections.abc import Callable

from cleanup.numbers import words as w
from cleanup.numbers.amounts import NumberMatchers
from cleanup.numbers.clock import ClockMatchers
from cleanup.numbers.dates import DateMatchers
from cleanup.numbers.parse import Words
from cleanup.numbers.reader import NUMBER_WORDS, Conversion
from cleanup.numbers.style import Style

# Words a number phrase can contain; a document without any is left at once.
TRIGGERS = NUMBER_WORDS | set(w.MONTHS) | {"minus", "point", "quarter", "half"}
# Words that begin a phrase only when a trigger comes next ("the third of may", "a hundred").
LEADS = frozenset({"the", "a", "an"})


class Scanner(DateMatchers, ClockMatchers, NumberMatchers):
    """One pass over a document's words with every group of matchers."""

    def __init__(self, words: Words, style: Style) -> None:
        super().__init__(words, style)
        self.matchers: tuple[Callable[[int, str], Conversion | None], ...] = (
            self.named,
            self.date,
            self.time,
            self.hyphenated,
            self.number,
        )

    def scan(self) -> list[Conversion]:
        found: list[Conversion] = []
        index, count = 0, len(self.keys)
        keys = self.keys
        while index < count:
            key = keys[index]
            hit = self.match(index, key) if self.starts(index, key) else None
            if hit is None:
                index += 1
                continue
            found.append(hit)
            index = max(hit.end, index + 1)
        return found

    def starts(self, index: int, key: str) -> bool:
        if key in TRIGGERS or "-" in key:
            return True
        return key in LEADS and self.words.at(index + 1) in TRIGGERS

    def match(self, index: int, key: str) -> Conversion | None:
        for matcher in self.matchers:
            hit = matcher(index, key)
            if hit is not None:
                return hit
        return None
