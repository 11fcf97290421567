"""Clock time matchers: "five p m", "eight thirty", "ten to eleven", "a quarter past five"."""

from __future__ import annotations

from cleanup.numbers import render
from cleanup.numbers import words as w
from cleanup.numbers.parse import small, two_digits
from cleanup.numbers.reader import NUMBER_WORDS, Conversion, Reader


class ClockMatchers(Reader):
    """An hour with minutes, o'clock or a.m./p.m.; minutes past or to an hour; a time zone."""

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
        """ "eight thirty" without a.m./p.m.: a time unless money, a unit, an era or a
        decimal point follows; ten to twelve, and an hour with "oh" minutes ("four oh
        seven", a digit run as often as a time), only after "at", "by"... (else "eleven
        fifty five" is the year 1155 and "four oh seven" the number 407)."""
        if self.suffix_kind(end) is not None or self.words.at(end) == "point":
            return False
        lead = self.previous(index) in w.TIME_LEAD
        return lead or (hour <= 9 and self.keys[index + 1] not in w.ZERO_LETTERS)

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
