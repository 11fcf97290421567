"""Matchers for a number and what follows it: money, percent, an era, a unit, an age, a
century, a range; with nothing telling after it, the house style and idioms decide. Also
the numbers with a name ("nine eleven") and numbers inside hyphenated words ("five-year-old").
"""

from __future__ import annotations

from cleanup.numbers import render
from cleanup.numbers import words as w
from cleanup.numbers.figures import Core, FigureReader
from cleanup.numbers.parse import Cardinal, Words, cardinal
from cleanup.numbers.reader import NUMBER_WORDS, Conversion

POSSESSIVES = frozenset({"his", "her", "their", "my", "our", "your", "its", "mid", "early", "late"})
CARDINALS = frozenset({*w.UNITS, *w.TEENS, *w.TENS, w.HUNDRED, *w.SCALES})
ORDINALS = frozenset({*w.ORDINAL_UNITS, *w.ORDINAL_TEENS, *w.ORDINAL_TENS, *w.ORDINAL_SCALES})


class NumberMatchers(FigureReader):
    """Named numbers, hyphenated words, and a number with what follows it."""

    # -- named numbers and hyphenated words ----------------------------------------------

    def named(self, index: int, key: str) -> Conversion | None:
        for phrase, written in w.NAMED.items():
            if phrase[0] == key and self.words.run(index + 1, phrase[1:]):
                following = self.words.at(index + len(phrase))
                if following not in NUMBER_WORDS:
                    return Conversion(index, index + len(phrase), written, "cardinal")
        return None

    def hyphenated(self, index: int, key: str) -> Conversion | None:
        """ "five-year-old" -> "5-year-old", "twenty-first-century" -> "21st-century"."""
        if "-" not in key:
            return None
        parts = key.split("-")
        count = 0
        while count < len(parts) and parts[count] in NUMBER_WORDS:
            count += 1
        rest = parts[count:]
        if count == 0 or not rest or any(part in NUMBER_WORDS for part in rest):
            return None
        inner = Words(tuple(parts[:count]), (0,) * count, (True,) * count)
        found = cardinal(inner, 0, parts[0])
        if found is None or found.end != count or not self.hyphen_figure(found, rest):
            return None
        figure = render.ordinal(found.value) if found.ordinal else str(found.value)
        return Conversion(index, index + 1, f"{figure}-{'-'.join(rest)}", "cardinal")

    def hyphen_figure(self, found: Cardinal, rest: list[str]) -> bool:
        """Is the number before a hyphen a figure: from 10 up, or an age or a measure?"""
        if found.value > 9:
            return True
        if found.ordinal:
            return not self.style.ordinal_words
        age = "-".join(rest) in w.HYPHEN_SUFFIXES_AGE or rest[0] in w.UNITS_OF_MEASURE
        return age or not self.style.small_words

    # -- numbers and what follows them ---------------------------------------------------

    def number(self, index: int, key: str) -> Conversion | None:
        if key in w.DECADES:
            return self.decade(index, key)
        before = self.previous(index)  # "two minus four" is arithmetic, so is "2 minus four"
        negative = key == "minus" and not (before in NUMBER_WORDS or _is_number(before))
        start = index + 1 if negative else index
        core = self.core(start, self.words.at(start) if negative else key)
        if core is None:
            return None
        if negative:
            core = Core(index, core.end, core.kind, -core.value, "-" + core.text, core.card)
        return self.with_suffix(core) or self.ranged(core) or self.plain(core)

    def decade(self, index: int, key: str) -> Conversion | None:
        before = self.previous(index)
        tens = w.DECADES[key]
        if before == "the" and tens >= 20:
            return Conversion(index, index + 1, f"'{tens}s", "date")
        if before in POSSESSIVES and tens >= 20:
            return Conversion(index, index + 1, f"{tens}s", "cardinal")
        return None

    # -- what follows a number -----------------------------------------------------------

    def with_suffix(self, core: Core) -> Conversion | None:
        kind = self.suffix_kind(core.end)
        if kind is None:
            return self.scale_currency(core) or self.ordinal_context(core)
        if core.kind in ("ordinal", "phone", "decade"):
            return None
        if kind == "money":
            return self.money(core)
        return self.suffixed(core, kind)

    def suffixed(self, core: Core, kind: str) -> Conversion:
        """A number before percent, an era, a unit or an age."""
        if kind == "percent":
            length = next(len(p) for p in w.PERCENT if self.words.run(core.end, p))
            written = render.percent(core.text, self.style)
            return Conversion(core.start, core.end + length, written, "percent")
        if kind == "era":
            era, end = self.phrase_at(core.end, w.ERAS) or ("", core.end)
            return Conversion(core.start, end, f"{int(core.value)} {era}", "date")
        return Conversion(core.start, core.end, core.text, "measure")

    def money(self, core: Core) -> Conversion | None:
        if self.words.at(core.end) in w.CENTS:
            cents = "cent" if core.value == 1 else self.keys[core.end]
            return Conversion(core.start, core.end + 1, f"{core.text} {cents}", "money")
        currency = self.phrase_at(core.end, w.CURRENCIES)
        if currency is None:
            return None
        (symbol, word), end = _split(currency[0]), currency[1]
        if core.value == 1 and core.kind == "int" and self.keys[end - 1].endswith("s"):
            return None  # "one dollars": not an amount as said
        amount, end = self.with_cents(core, end)
        written = f"{symbol}{amount}" + (f" {word}" if word else "")
        return Conversion(core.start, end, written, "money")

    def with_cents(self, core: Core, end: int) -> tuple[str, int]:
        """ "four dollars and sixty nine cents" -> "4.69"; "seventy five dollars sixty three"."""
        if core.kind != "int" or " " in core.text:
            return core.text, end
        after_and = self.words.at(end) == "and"
        start = end + 1 if after_and else end
        found = cardinal(self.words, start, self.words.at(start))
        if found is None or found.ordinal or found.value > 99 or found.scales:
            return core.text, end
        cents_word = self.words.at(found.end) in w.CENTS
        if after_and and not cents_word:
            return core.text, end
        return f"{core.text}.{found.value:02d}", found.end + (1 if cents_word else 0)

    def scale_currency(self, core: Core) -> Conversion | None:
        """Currencies that are everyday words too ("won"): only after a scale."""
        currency = self.phrase_at(core.end, w.SCALE_ONLY_CURRENCIES)
        if currency is None or not (" " in core.text and core.kind in ("int", "decimal")):
            return None
        (symbol, _), end = _split(currency[0]), currency[1]
        return Conversion(core.start, end, f"{symbol}{core.text}", "money")

    def ordinal_context(self, core: Core) -> Conversion | None:
        """ "the twenty first century" -> "21st century": a century is always a figure."""
        if core.kind != "ordinal" or self.words.at(core.end) not in w.CENTURY:
            return None
        if core.value <= 9 and self.style.ordinal_words:
            return None
        return Conversion(core.start, core.end, render.ordinal(int(core.value)), "ordinal")

    def ranged(self, core: Core) -> Conversion | None:
        """ "five to ten percent" -> "5% to 10%"; "five to fifteen" -> "5 to 15"; "between
        three and five million dollars" -> "between $3 million and $5 million": the scale
        and the currency of the second end belong to the first too."""
        joiner = self.words.at(core.end)
        between = joiner == "and" and self.previous(core.start) == "between"
        if not (joiner in ("to", "through") or between) or core.kind not in ("int", "decimal"):
            return None
        second = self.core(core.end + 1, self.words.at(core.end + 1))
        if second is None or second.kind not in ("int", "decimal"):
            return None
        tail = self.with_suffix(second)
        start = self.range_start(core, second)
        if tail is None or tail.written is None or second.text not in tail.written:
            return self.plain_range(core, joiner or "", second, start)
        first = tail.written.replace(second.text, start, 1)
        return Conversion(core.start, tail.end, f"{first} {joiner} {tail.written}", tail.kind)

    def range_start(self, core: Core, second: Core) -> str:
        """The first end of a range, with the second's scale when it has none of its own."""
        own_scale = " " in core.text or (core.card is not None and core.card.scales > 0)
        card = second.card
        if own_scale or card is None or card.tail_scale == 1 or second.kind != "int":
            return _range_start(core, second)
        if core.kind != "int":
            return _range_start(core, second)
        scale = card.tail_scale
        return render.integer(int(core.value) * scale, self.style, scale)

    def plain_range(self, core: Core, joiner: str, second: Core, start: str) -> Conversion | None:
        if second.small() or not core.small() or second.kind != "int":
            return None
        if self.suffix_kind(second.end) == "measure":
            return None
        text = f"{start} {joiner} {second.text}"
        return Conversion(core.start, second.end, text, "cardinal")

    def plain(self, core: Core) -> Conversion:
        """A number with nothing telling after it: house style and idioms decide."""
        written = self.plain_written(core)
        kind = {"int": "cardinal", "decade": "date", "phone": "telephone"}.get(core.kind)
        return Conversion(core.start, core.end, written, kind or core.kind)

    def plain_written(self, core: Core) -> str | None:
        card = core.card
        if core.kind == "ordinal":
            return self.ordinal_written(core)
        if core.kind != "int" or card is None:
            return core.text
        if self.stays_words(core, card):
            return None
        return str(card.value) if self.year_like(card) else core.text

    def stays_words(self, core: Core, card: Cardinal) -> bool:
        """ "a hundred", "a million reasons"; one to nine in the news style; "one of the"."""
        if card.lead_a and card.end - card.start <= 2:
            return True
        return core.small() and (self.style.small_words or self.one_idiom(core))

    def ordinal_written(self, core: Core) -> str | None:
        if core.value <= 9 and self.style.ordinal_words:
            return None
        before = self.previous(core.start)
        if before in w.FRACTION_LEAD or self.words.at(core.end) == "of" or _is_number(before):
            return None  # "a third of Iraq", "wait a second", "one tenth", "31 tenth"
        return render.ordinal(int(core.value))

    def one_idiom(self, core: Core) -> bool:
        """ "one of the", "no one"; and "one" as a pronoun after a word that describes it
        ("the sixth one", "his 6th one", "a good one", "which big one") or after another
        number, which a run may rewrite ("sixth" -> "6")."""
        if core.value != 1:
            return False
        before = self.previous(core.start)
        if before in w.ONE_BEFORE or self.words.at(core.end) in w.ONE_AFTER:
            return True
        if _is_ordinal(before) or _is_number(before):
            return True  # "the sixth one"; "June 6 one" is what a run leaves of "June sixth one"
        two_before = self.previous(core.start - 1) if before else ""
        return two_before in w.ONE_BEFORE | w.ARTICLES | POSSESSIVES and not _is_number(before)

    def year_like(self, card: Cardinal) -> bool:
        """ "two thousand three", "in two thousand": a year, written without a separator."""
        if not 2000 <= card.value < 2100 or card.scales != 1 or card.first.value != 2:
            return False
        return card.value > 2000 or self.previous(card.start) in w.YEAR_LEAD


def _is_ordinal(key: str) -> bool:
    """An ordinal word or figure ("sixth", "6th", "twenty-first")."""
    last = key.rpartition("-")[2]
    return last in ORDINALS or (key[:-2].isdigit() and key[-2:] in ("st", "nd", "rd", "th"))


def _is_number(key: str) -> bool:
    """A cardinal number word or figure ("seven", "7", "3,000"); not an ordinal, which a
    later run may see as a figure ("tenth" -> "10th") where this one saw a word."""
    return key in CARDINALS or key.replace(",", "").replace(".", "").isdigit()


def _split(value: str) -> tuple[str, str]:
    symbol, _, word = value.partition("|")
    return symbol, word


def _range_start(core: Core, second: Core) -> str:
    """The first number of a range, given the second's scale word when it has none."""
    scale = second.text.rpartition(" ")[2] if " " in second.text else ""
    return f"{core.text} {scale}" if scale and " " not in core.text else core.text
