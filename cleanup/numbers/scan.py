"""Find spoken number phrases in a document's words and decide how each is written.

One left-to-right pass: at each word that may begin a number phrase the matchers are tried
in order (date, clock time, named number, number with what follows it); the first that
reads a phrase consumes it. A phrase that is read but stays words (an idiom, a prose
ordinal, a small number in the news style) is consumed too, so its tail is never read again
as a number of its own. Each matcher looks at most a few words ahead: linear time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cleanup.numbers import render
from cleanup.numbers import words as w
from cleanup.numbers.parse import Cardinal, Words, cardinal, digit_words, small, two_digits
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
# Words a number phrase can contain; a document without any is left at once.
TRIGGERS = NUMBER_WORDS | set(w.MONTHS) | {"minus", "point", "quarter", "half"}
# Words that begin a phrase only when a trigger comes next ("the third of may", "a hundred").
LEADS = frozenset({"the", "a", "an"})
DETERMINERS = frozenset({"this", "that", "the", "a", "one", "some", "any", "each", "every", "no"})
POSSESSIVES = frozenset({"his", "her", "their", "my", "our", "your", "its", "mid", "early", "late"})
DAY_FOLLOW = frozenset({"and", "to", "through", "at", "in", "on", "the", "i", "we", "he", "she"})
PHONE_DIGITS = 7


@dataclass(frozen=True, slots=True)
class Conversion:
    """Words ``start``..``end`` (exclusive) are written ``written`` (None: they stay words)."""

    start: int
    end: int
    written: str | None
    kind: str


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


class Scanner:
    def __init__(self, words: Words, style: Style) -> None:
        self.words = words
        self.keys = words.keys
        self.style = style
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

    # -- dates ---------------------------------------------------------------------------

    def date(self, index: int, key: str) -> Conversion | None:
        if key in w.MONTHS:
            return self.month_first(index, key)
        start = index + 1 if key == "the" else index
        day = self.day(start, ordinal_only=True)
        if day is None or self.words.at(day.end) != "of":
            return None
        month = self.words.at(day.end + 1)
        if month not in w.MONTHS:
            return None
        year = self.year(day.end + 2)
        end = year[1] if year else day.end + 2
        written = render.date(w.MONTHS[month], day.value, year and year[0], self.style)
        return Conversion(index, end, written, "date")

    def month_first(self, index: int, key: str) -> Conversion | None:
        month = w.MONTHS[key]
        start = index + 2 if self.words.at(index + 1) == "the" else index + 1
        day = self.day(start, ordinal_only=start > index + 1)
        year = self.year(day.end) if day is not None else None
        if year is None:
            alone = self.year(index + 1)
            if alone is not None:
                written = render.date(month, None, alone[0], self.style)
                return Conversion(index, alone[1], written, "date")
        if day is None or not (year or self.plausible_day(index, key, day)):
            return None
        end = year[1] if year else day.end
        written = render.date(month, int(day.value), year and year[0], self.style)
        return Conversion(index, end, written, "date")

    def plausible_day(self, index: int, key: str, day: Cardinal) -> bool:
        """A month and a day without a year: "may" and "march" need a word like "on" first;
        a day said as a cardinal ("june thirty") must end the phrase."""
        if key in w.AMBIGUOUS_MONTHS and self.previous(index) not in w.DATE_LEAD:
            return False
        following = self.words.at(day.end)
        return day.ordinal or following is None or following in DAY_FOLLOW

    def day(self, index: int, ordinal_only: bool) -> Cardinal | None:
        found = cardinal(self.words, index, self.words.at(index))
        if found is None or found.words > 2 or found.single is None or found.lead_a:
            return None
        if not 1 <= found.value <= 31 or (ordinal_only and not found.ordinal):
            return None
        return found

    def year(self, index: int) -> tuple[str, int] | None:
        """A year after a month or day: "nineteen oh five", "twenty twelve", "two thousand
        twelve", "nineteen hundred" -> (digits, end)."""
        found = cardinal(self.words, index, self.words.at(index))
        if found is None or found.ordinal:
            return None
        paired = self.pair(found)
        if paired is not None:
            return str(paired[0]), paired[1]
        lead = found.first.first
        hundreds = found.first.hundred and found.scales == 0 and bool(lead and lead.value >= 10)
        thousands = (found.scales == 1 and found.tail_scale == 1) or found.value in (1000, 2000)
        if 1000 <= found.value < 2100 and (hundreds or thousands):
            return str(found.value), found.end
        return None

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

    # -- clock times ---------------------------------------------------------------------

    def time(self, index: int, key: str) -> Conversion | None:
        if key in w.QUARTER_HALF or (key == "a" and self.words.at(index + 1) == "quarter"):
            return self.quarter(index, key)
        found = small(self.words, index, key)
        if found is None or found.ordinal:
            return None
        hit = None
        if 1 <= found.value <= 12 and found.form in ("unit", "teen"):
            hit = self.after_hour(index, found.value, found.end)
        return hit or self.minutes_to(index, found.value, found.end)

    def hour(self, index: int, key: str | None) -> tuple[int, int] | None:
        found = small(self.words, index, key)
        if found is None or found.ordinal or not 1 <= found.value <= 12:
            return None
        return found.value, found.end

    def after_hour(self, index: int, hour: int, end: int) -> Conversion | None:
        """ "five p m", "five o'clock", "five thirty (p m)"."""
        oclock = next((p for p in w.OCLOCK if self.words.run(end, p)), None)
        if oclock is not None:
            return self.clock(index, hour, 0, end + len(oclock))
        meridiem = self.phrase_at(end, w.MERIDIEMS)
        if meridiem is not None:
            return self.clock(index, hour, None, end)
        minute = two_digits(self.words, end)
        if minute is None or minute[0] > 59:
            return None
        if self.phrase_at(minute[1], w.MERIDIEMS) or self.bare_time(index, hour, minute[1]):
            return self.clock(index, hour, minute[0], minute[1])
        return None

    def bare_time(self, index: int, hour: int, end: int) -> bool:
        """ "eight thirty" without a.m./p.m.: a time unless money, a unit or an era follows;
        ten to twelve only after "at", "by"... (else "eleven fifty five" is the year 1155)."""
        if self.suffix_kind(end) is not None:
            return False
        return hour <= 9 or self.previous(index) in w.TIME_LEAD

    def minutes_to(self, index: int, minutes: int, end: int) -> Conversion | None:
        """ "ten to eleven p m", "one min to one am", "twenty past five"."""
        if minutes > 30 and minutes != 45:
            return None
        if self.words.at(end) in w.MINUTE_WORDS:
            end += 1
        relation = self.words.at(end)
        if relation not in w.PAST_TO:
            return None
        return self.relative(index, minutes, relation, end + 1, loose=relation == "past")

    def quarter(self, index: int, key: str) -> Conversion | None:
        at = index + 1 if key == "a" else index
        minutes = w.QUARTER_HALF[self.keys[at]]
        relation = self.words.at(at + 1)
        if relation not in w.PAST_TO or (minutes == 30 and relation == "to"):
            return None
        return self.relative(index, minutes, relation, at + 2, loose=True)

    def relative(
        self, index: int, minutes: int, relation: str, at: int, loose: bool
    ) -> Conversion | None:
        hour = self.hour(at, self.words.at(at))
        if hour is None:
            return None
        end = hour[1]
        marked = self.phrase_at(end, w.MERIDIEMS) or any(self.words.run(end, p) for p in w.OCLOCK)
        if not (loose or marked) or self.words.at(end) in NUMBER_WORDS:
            return None
        if any(self.words.run(end, p) for p in w.OCLOCK):
            end += next(len(p) for p in w.OCLOCK if self.words.run(end, p))
        if relation == "to":
            hour_value = (hour[0] - 2) % 12 + 1
            return self.clock(index, hour_value, 60 - minutes, end)
        return self.clock(index, hour[0], minutes, end)

    def clock(self, index: int, hour: int, minute: int | None, end: int) -> Conversion:
        meridiem = self.phrase_at(end, w.MERIDIEMS)
        text = ""
        if meridiem is not None:
            text, end = meridiem
            if minute == 0:
                minute = None
        zone = self.zone(end)
        written = render.clock(hour, minute, text)
        if zone is not None:
            written, end = f"{written} {zone[0]}", zone[1]
        return Conversion(index, end, written, "time")

    def zone(self, index: int) -> tuple[str, int] | None:
        """A time zone after a time: "est" or spelled "e s t"."""
        key = self.words.at(index)
        if key in w.ZONES:
            return key.upper(), index + 1
        letters = "".join(self.words.at(index + k) or "-" for k in range(3))
        if len(letters) == 3 and letters in w.ZONES:
            return letters.upper(), index + 3
        return None

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
        negative = key == "minus" and self.previous(index) not in NUMBER_WORDS
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
        if year is not None:
            return Core(found.start, year[1], "year", year[0], str(year[0]))
        second = two_digits(self.words, found.end) if single.form == "unit" else None
        if second is None or self.suffix_kind(second[1]) is None:
            return None
        value = single.value * 100 + second[0]
        return Core(found.start, second[1], "int", value, str(value))

    def phone(self, found: Cardinal) -> Core | None:
        if found.single is None or found.single.form != "unit":
            return None
        digits, end = digit_words(self.words, found.start + 1)
        digits = str(found.single.value) + digits
        if len(digits) < PHONE_DIGITS:
            return None
        return Core(found.start, end, "phone", 0, render.phone(digits))

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
        """ "five to ten percent" -> "5% to 10%"; "five to fifteen" -> "5 to 15"."""
        joiner = self.words.at(core.end)
        if joiner not in ("to", "through") or core.kind not in ("int", "decimal"):
            return None
        second = self.core(core.end + 1, self.words.at(core.end + 1))
        if second is None or second.kind not in ("int", "decimal"):
            return None
        tail = self.with_suffix(second)
        if tail is None or tail.written is None or second.text not in tail.written:
            return self.plain_range(core, joiner, second)
        first = tail.written.replace(second.text, _range_start(core, second), 1)
        return Conversion(core.start, tail.end, f"{first} {joiner} {tail.written}", tail.kind)

    def plain_range(self, core: Core, joiner: str, second: Core) -> Conversion | None:
        if second.small() or not core.small() or second.kind != "int":
            return None
        if self.suffix_kind(second.end) == "measure":
            return None
        text = f"{core.text} {joiner} {second.text}"
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
        if self.previous(core.start) in w.FRACTION_LEAD or self.words.at(core.end) == "of":
            return None  # "a third of Iraq", "wait a second", "one tenth"
        return render.ordinal(int(core.value))

    def one_idiom(self, core: Core) -> bool:
        if core.value != 1:
            return False
        return self.previous(core.start) in w.ONE_BEFORE or self.words.at(core.end) in w.ONE_AFTER

    def year_like(self, card: Cardinal) -> bool:
        """ "two thousand three", "in two thousand": a year, written without a separator."""
        if not 2000 <= card.value < 2100 or card.scales != 1 or card.first.value != 2:
            return False
        return card.value > 2000 or self.previous(card.start) in w.YEAR_LEAD


_FIRST_WORDS = frozenset(
    phrase[0]
    for table in (w.CURRENCIES, w.SCALE_ONLY_CURRENCIES, w.ERAS, w.MERIDIEMS)
    for phrase in table
)


def _split(value: str) -> tuple[str, str]:
    symbol, _, word = value.partition("|")
    return symbol, word


def _range_start(core: Core, second: Core) -> str:
    """The first number of a range, given the second's scale word when it has none."""
    scale = second.text.rpartition(" ")[2] if " " in second.text else ""
    return f"{core.text} {scale}" if scale and " " not in core.text else core.text
