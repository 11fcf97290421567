"""A number read from words, before what follows it is looked at: :class:`Core`.

Whole numbers and ordinals, decimals ("two point five million"), halves ("two and a half"),
years and decades said in halves, telephone numbers said digit by digit.
"""

from __future__ import annotations

from dataclasses import dataclass

from cleanup.numbers import render
from cleanup.numbers import words as w
from cleanup.numbers.parse import Cardinal, cardinal, digit_words, two_digits
from cleanup.numbers.reader import Reader

DETERMINERS = frozenset({"this", "that", "the", "a", "one", "some", "any", "each", "every", "no"})
PHONE_DIGITS = 7


@dataclass(frozen=True, slots=True)
class Core:
    """A number read from words, before what follows it is looked at."""

    start: int
    end: int
    kind: str  # int, ordinal, decimal, year, decade, phone
    value: float
    text: str  # the figure in plain digits ("1984", "2.5 million", "-60")
    card: Cardinal | None = None

    def small(self) -> bool:
        """Said as a word in prose by the news style: a whole number from zero to nine."""
        return self.kind in ("int", "ordinal") and 0 <= self.value <= 9


class FigureReader(Reader):
    """Reads the :class:`Core` of a number phrase at a word."""

    def core(self, index: int, key: str | None) -> Core | None:
        if key == "point":
            return self.bare_decimal(index)
        found = cardinal(self.words, index, key)
        if found is None:
            return None
        if found.ordinal:
            return Core(index, found.end, "ordinal", found.value, str(found.value), found)
        return (
            self.decimal(found)
            or self.half(found)
            or self.paired(found)
            or self.phone(found)
            or self.digit_run(found)
            or self.whole(found)
        )

    def whole(self, found: Cardinal) -> Core:
        text = render.integer(found.value, self.style, found.tail_scale)
        return Core(found.start, found.end, "int", found.value, text, found)

    def bare_decimal(self, index: int) -> Core | None:
        """ "point five": only where it cannot be a noun ("at this point two ...")."""
        digits, end = digit_words(self.words, index + 1)
        if not digits or self.previous(index) in DETERMINERS:
            return None
        core = Core(index, end, "decimal", float("0." + digits), "0." + digits)
        if len(digits) < 2 and self.suffix_kind(end) is None:
            return None
        return self.scaled(core)

    def decimal(self, found: Cardinal) -> Core | None:
        if self.words.at(found.end) != "point" or found.tail_scale > 1:
            return None
        digits, end = digit_words(self.words, found.end + 1)
        if not digits:
            return None
        text = render.grouped(f"{found.value}.{digits}", self.style)
        core = Core(found.start, end, "decimal", float(f"{found.value}.{digits}"), text, found)
        return self.scaled(core)

    def scaled(self, core: Core) -> Core:
        """A scale word after a decimal stays a word: "two point five million" -> "2.5 million"."""
        scale = self.words.at(core.end)
        if scale in w.WORD_SCALES or scale == "thousand":
            value = core.value * w.SCALES[scale]
            return Core(core.start, core.end + 1, "decimal", value, f"{core.text} {scale}")
        return core

    def half(self, found: Cardinal) -> Core | None:
        """ "two and a half million" -> 2.5 million (with a scale, money, percent or unit only)."""
        if not self.words.run(found.end, ("and", "a")) or found.tail_scale > 1:
            return None
        fraction = {"half": "5", "quarter": "25"}.get(self.words.at(found.end + 2) or "")
        if fraction is None:
            return None
        text = f"{render.grouped(str(found.value), self.style)}.{fraction}"
        core = Core(found.start, found.end + 3, "decimal", found.value + 0.5, text, found)
        core = self.scaled(core)
        if " " not in core.text and self.suffix_kind(core.end) is None:
            return None
        return core

    def paired(self, found: Cardinal) -> Core | None:
        """Years and other numbers said in halves: "nineteen eighty four", "nineteen
        nineties", "one fifty five (dollars)" (a digit and two digits, before money or a unit)."""
        single = found.single
        if single is None or single.ordinal:
            return None
        following = self.words.at(found.end)
        century = 10 <= single.value <= 20 and single.form != "compound"
        if century and (following in w.DECADES or following == "hundreds"):
            value = single.value * 100 + w.DECADES.get(following or "", 0)
            return Core(found.start, found.end + 1, "decade", value, f"{value}s")
        year = self.pair(found)
        if year is not None and not self.stutter(found, year[1]):
            return Core(found.start, year[1], "year", year[0], str(year[0]))
        second = two_digits(self.words, found.end) if single.form == "unit" else None
        if second is None or self.suffix_kind(second[1]) is None:
            return None
        value = single.value * 100 + second[0]
        return Core(found.start, second[1], "int", value, str(value))

    def stutter(self, found: Cardinal, end: int) -> bool:
        """The same number word twice before a unit ("ten ten percent"): a repetition,
        not a year said in halves (1010%)."""
        halves = self.keys[found.start : end]
        return len(halves) == 2 and halves[0] == halves[1] and self.suffix_kind(end) is not None

    def digit_run(self, found: Cardinal) -> Core | None:
        """Digits said one by one with "oh" for a zero: "four oh seven (point one)" -> 407.1.

        The "oh" must stand between digits ("one oh my" is no number), and a bare run is
        an identifier (a version, a model, a room): no thousands separator.
        """
        if found.single is None or found.single.form != "unit":
            return None
        digits, end = digit_words(self.words, found.start + 1)
        while end > found.end and self.keys[end - 1] in w.ZERO_LETTERS:
            end -= 1  # a trailing "oh" is an exclamation, not a zero
        digits = digits[: end - found.end]
        spoken = self.keys[found.end : end]
        if not digits or w.ZERO_LETTERS.isdisjoint(spoken):
            return None
        text = f"{found.single.value}{digits}"
        if self.words.at(end) == "point":
            decimals, past = digit_words(self.words, end + 1)
            if decimals:
                text, end = f"{text}.{decimals}", past
        kind = "decimal" if "." in text else "int"
        return Core(found.start, end, kind, float(text), text)

    def phone(self, found: Cardinal) -> Core | None:
        if found.single is None or found.single.form != "unit":
            return None
        digits, end = digit_words(self.words, found.start + 1)
        digits = str(found.single.value) + digits
        if len(digits) < PHONE_DIGITS:
            return None
        return Core(found.start, end, "phone", 0, render.phone(digits))
