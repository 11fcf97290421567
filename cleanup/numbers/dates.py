"""Date matchers: "the third of may", "june thirtieth twenty twelve", "may nineteen ten"."""

from __future__ import annotations

from cleanup.numbers import render
from cleanup.numbers import words as w
from cleanup.numbers.parse import Cardinal, cardinal
from cleanup.numbers.reader import Conversion, Reader

DAY_FOLLOW = frozenset({"and", "to", "through", "at", "in", "on", "the", "i", "we", "he", "she"})


class DateMatchers(Reader):
    """A day and a month, a month and a day, a month and a year; and the years said in them."""

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
