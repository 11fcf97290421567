"""Spoken numbers -> values: a small recursive-descent grammar over a document's words.

Every function takes the :class:`Words` of a document and a word index and returns what
it read with the index just after it, or None. Nothing backtracks further than one
word, so a scan over a text is linear in its length.
"""

from __future__ import annotations

from dataclasses import dataclass

from cleanup.document import Document
from cleanup.numbers import words as w

_SPLITTABLE = frozenset(
    {*w.UNITS, *w.TEENS, *w.TENS, *w.ORDINAL_UNITS, *w.ORDINAL_TENS, w.HUNDRED, *w.SCALES}
)


@dataclass(frozen=True, slots=True)
class Words:
    """A document's words: case-folded keys, the token each comes from, and whether each
    may join the word before it in one phrase (same token, or only spaces between).

    Hyphenated number words ("twenty-one", "forty-eighth") are split into their parts.
    """

    keys: tuple[str, ...]
    token: tuple[int, ...]
    joined: tuple[bool, ...]

    def at(self, index: int) -> str | None:
        """The word at ``index`` when it continues the phrase before it, else None."""
        if index < len(self.keys) and self.joined[index]:
            return self.keys[index]
        return None

    def run(self, index: int, phrase: tuple[str, ...]) -> bool:
        """Do the words from ``index`` on (continuing a phrase) spell ``phrase``?"""
        return all(self.at(index + k) == part for k, part in enumerate(phrase))


def words_of(doc: Document) -> Words:
    keys: list[str] = []
    token: list[int] = []
    joined: list[bool] = []
    previous_end = -1
    for index, (tok, key) in enumerate(zip(doc.tokens, doc.keys, strict=True)):
        gap = doc.text[previous_end : tok.start] if previous_end >= 0 else ""
        joins = previous_end >= 0 and (gap == "" or (gap.isspace() and "\n\n" not in gap))
        parts = key.split("-")
        if len(parts) < 2 or not all(part in _SPLITTABLE for part in parts):
            parts = [key]
        for number, part in enumerate(parts):
            keys.append(part)
            token.append(index)
            joined.append(joins if number == 0 else True)
        previous_end = tok.end
    return Words(tuple(keys), tuple(token), tuple(joined))


@dataclass(frozen=True, slots=True)
class Small:
    """A number below 100 said in one or two words."""

    value: int
    end: int
    form: str  # unit, teen, tens, compound
    ordinal: bool = False


# Words that are a small number on their own: value, form, ordinal.
_SIMPLE: dict[str, tuple[int, str, bool]] = {
    **{k: (v, "unit", False) for k, v in w.UNITS.items()},
    **{k: (v, "teen", False) for k, v in w.TEENS.items()},
    **{k: (v, "unit", True) for k, v in w.ORDINAL_UNITS.items()},
    **{k: (v, "teen", True) for k, v in w.ORDINAL_TEENS.items()},
    **{k: (v, "tens", True) for k, v in w.ORDINAL_TENS.items()},
}


def small(words: Words, index: int, key: str | None, repair: bool = False) -> Small | None:
    """One to two words below 100 starting at ``index`` (whose word is ``key``)."""
    if key is None:
        return None
    simple = _SIMPLE.get(key)
    if simple is not None:
        return Small(simple[0], index + 1, simple[1], simple[2])
    if key in w.TENS:
        return _tens(words, index, w.TENS[key])
    if repair and key in w.MISHEARD and words.at(index + 1) is None:
        return Small(w.MISHEARD[key], index + 1, "unit")
    return None


def _tens(words: Words, index: int, tens: int) -> Small:
    following = words.at(index + 1)
    if following in w.UNITS and w.UNITS[following] > 0:
        return Small(tens + w.UNITS[following], index + 2, "compound")
    if following in w.ORDINAL_UNITS and w.ORDINAL_UNITS[following] > 0:
        return Small(tens + w.ORDINAL_UNITS[following], index + 2, "compound", ordinal=True)
    return Small(tens, index + 1, "tens")


@dataclass(frozen=True, slots=True)
class Group:
    """A number below 10,000 without a scale: "two hundred and fifty four", "eleven hundred"."""

    value: int
    end: int
    ordinal: bool
    first: Small | None  # the leading small number (None for "a hundred")
    hundred: bool


def group(words: Words, index: int, key: str | None) -> Group | None:
    lead = small(words, index, key)
    if lead is None or lead.ordinal:
        if lead is not None:
            return Group(lead.value, lead.end, True, lead, False)
        if key in ("a", "an") and words.at(index + 1) in (w.HUNDRED, "hundredth"):
            return _hundreds(words, 1, index + 1, None)
        return None
    if words.at(lead.end) in (w.HUNDRED, "hundredth") and lead.value > 0:
        return _hundreds(words, lead.value, lead.end, lead)
    return Group(lead.value, lead.end, False, lead, False)


def _hundreds(words: Words, count: int, at: int, lead: Small | None) -> Group:
    """``count`` hundred(th), then an optional [and] part below 100."""
    if words.at(at) == "hundredth":
        return Group(count * 100, at + 1, True, lead, True)
    end = at + 1
    after_and = words.at(end) == "and"
    start = end + 1 if after_and else end
    rest = small(words, start, words.at(start), repair=after_and)
    if rest is None or rest.value == 0:
        return Group(count * 100, end, False, lead, True)
    return Group(count * 100 + rest.value, rest.end, rest.ordinal, lead, True)


@dataclass(frozen=True, slots=True)
class Cardinal:
    """A whole number (or ordinal) in the standard grammar, with how it was said."""

    start: int
    end: int
    value: int
    ordinal: bool
    first: Group
    scales: int  # how many scale words it has
    tail_scale: int  # the last scale, when nothing follows it ("two million"), else 1
    lead_a: bool  # begins with "a"/"an" ("a hundred", "a million")

    @property
    def words(self) -> int:
        return self.end - self.start

    @property
    def single(self) -> Small | None:
        """The number when it is a lone small number ("nineteen", "eighty four")."""
        return self.first.first if self.scales == 0 and not self.first.hundred else None


def cardinal(words: Words, index: int, key: str | None) -> Cardinal | None:
    first = group(words, index, key)
    lead_a = False
    if first is None and key in ("a", "an") and words.at(index + 1) in w.SCALES:
        first, lead_a = Group(1, index + 1, False, None, False), True
    if first is None:
        return None
    lead_a = lead_a or first.first is None
    total, scales, last_scale, current = 0, 0, 10**30, first
    while True:
        scale = None if current.ordinal else _scale_after(words, current.end, last_scale)
        if scale is None:
            value = total + current.value
            return Cardinal(index, current.end, value, current.ordinal, first, scales, 1, lead_a)
        total += current.value * scale[0]
        scales, last_scale, end = scales + 1, scale[0], current.end + 1
        following = None if scale[1] else _after_scale(words, end, scale[0])
        if following is None:
            tail = 1 if scale[1] else scale[0]
            return Cardinal(index, end, total, scale[1], first, scales, tail, lead_a)
        current = following


def _scale_after(words: Words, index: int, below: int) -> tuple[int, bool] | None:
    """(scale, is ordinal) of a scale word at ``index`` smaller than ``below``."""
    key = words.at(index)
    if key in w.SCALES and w.SCALES[key] < below:
        return w.SCALES[key], False
    if key in w.ORDINAL_SCALES and key != "hundredth" and w.ORDINAL_SCALES[key] < below:
        return w.ORDINAL_SCALES[key], True
    return None


def _after_scale(words: Words, index: int, scale: int) -> Group | None:
    """The group after a scale word, with an optional "and" before it; not when a scale as
    large follows the group ("three million and five million": two numbers)."""
    key = words.at(index)
    if key == "and":
        found = group(words, index + 1, words.at(index + 1))
        after = words.at(found.end) if found is not None else None
        if after in w.SCALES and w.SCALES[after] >= scale:
            return None
        if found is None:
            repaired = small(words, index + 1, words.at(index + 1), repair=True)
            return (
                None
                if repaired is None
                else Group(repaired.value, repaired.end, False, None, False)
            )
        return found
    return group(words, index, key)


def digit_words(words: Words, index: int) -> tuple[str, int]:
    """Single digits said one by one from ``index`` ("o five" -> "05"), and the end."""
    digits: list[str] = []
    while True:
        key = words.at(index)
        if key in w.UNITS:
            digits.append(str(w.UNITS[key]))
        elif key in w.ZERO_LETTERS:
            digits.append("0")
        else:
            return "".join(digits), index
        index += 1


def two_digits(words: Words, index: int) -> tuple[int, int] | None:
    """The second half of a paired number: "eighty four", "fourteen", "o five"."""
    key = words.at(index)
    if key in w.ZERO_LETTERS:
        following = words.at(index + 1)
        if following in w.UNITS and w.UNITS[following] > 0:
            return w.UNITS[following], index + 2
        return None
    found = small(words, index, key)
    if found is None or found.ordinal or found.form == "unit":
        return None
    return found.value, found.end
