"""Recogniser JSON: the units' text read as one flowing text, edits written back in place.

Each unit's text string (a segment's ``text``) is one run (without its leading and
trailing spaces); its words are found in it in order, and their confidences become the
document's. Writing replaces only the string tokens and word objects that change: the
text string is encoded again (``json.dumps``, ASCII-only when the file is), and the
words of each changed stretch are replaced by the new words: one for one when their
number is the same (times kept), otherwise made from the first one's text with the
stretch's time spread over them by length. An edited word's confidence is set to 1.0,
so a second run reads it as settled. Everything else stays byte for byte.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

import regex

from cleanup.edits import Edit
from cleanup.formats import jsonpos
from cleanup.formats.model import Builder, FormatError, Run, Transcript, splice
from cleanup.formats.shapes import SUPPORTED, Unit, units_of

NUMBER = r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?"
EDITED = 1.0  # the confidence of a word cleanup wrote
Change = tuple[int, int, str]  # a span of the file's text and what replaces it


class UnknownShape(FormatError):
    """JSON that is no recogniser output cleanup knows."""


@dataclass
class Recognised(Transcript):
    """A recogniser's JSON: ``units`` and, per unit, where each word is in its text."""

    units: list[Unit] = field(default_factory=list)
    places: list[list[tuple[int, int]]] = field(default_factory=list)

    def write(self, edits: Sequence[Edit]) -> str:
        by_unit: dict[int, list[tuple[Run, int, int, str]]] = {}
        for change in self.placed(edits):
            by_unit.setdefault(change[0].unit, []).append(change)
        changes: list[Change] = []
        for index, placed in by_unit.items():
            changes += self._unit_changes(index, placed)
        changes.sort()
        parts, cursor = [], 0
        for start, end, text in changes:
            parts += [self.source[cursor:start], text]
            cursor = end
        return "".join([*parts, self.source[cursor:]])

    def _unit_changes(self, index: int, placed: list[tuple[Run, int, int, str]]) -> list[Change]:
        unit = self.units[index]
        spans = [(r.at + s - r.start, r.at + e - r.start) for r, s, e, _ in placed]  # in the value
        new_text = splice(str(unit.text), placed)
        token = json.dumps(new_text, ensure_ascii=self.source.isascii())
        changes: list[Change] = [(*unit.text.span, token)]
        words = _Words(self.source, unit, self.places[index])
        for first, last in words.touched(spans):
            changes.append(words.replace(first, last, unit.text, placed))
        return changes


@dataclass
class _Words:
    source: str
    unit: Unit
    places: list[tuple[int, int]]

    def touched(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Groups of neighbouring words (first, last index) that the changes touch."""
        hit = sorted(
            {i for i, (ws, we) in enumerate(self.places) for s, e in spans if ws <= e and s <= we}
        )
        groups: list[tuple[int, int]] = []
        for i in hit:
            if groups and groups[-1][1] == i - 1:
                groups[-1] = (groups[-1][0], i)
            else:
                groups.append((i, i))
        return groups

    def replace(
        self, first: int, last: int, text: str, local: list[tuple[Run, int, int, str]]
    ) -> Change:
        begin, end = self.places[first][0], self.places[last][1]
        inside = [
            (Run(r.start, r.end, r.at - begin, r.unit), s, e, a)
            for r, s, e, a in local
            if begin <= r.at + s - r.start and r.at + e - r.start <= end
        ]
        new_words = splice(text[begin:end], inside).split()
        old = self.unit.words[first : last + 1]
        raws = [self.source[o.span[0] : o.span[1]] for o in old]
        if len(new_words) == len(old):
            made = [self._same(raw, o, w) for raw, o, w in zip(raws, old, new_words, strict=True)]
        else:
            made = self._spread(raws[0], old, new_words)
        joint = self._joint(first)
        return old[0].span[0], old[-1].span[1], joint.join(made)

    def _joint(self, first: int) -> str:
        words = self.unit.words
        at = first if first + 1 < len(words) else first - 1
        if at < 0:
            return ", "
        return self.source[words[at].span[1] : words[at + 1].span[0]]

    def _same(self, raw: str, old: jsonpos.Obj, word: str) -> str:
        keys = self.unit.keys
        if str(old[keys.word]).strip() == word:
            return raw
        return self._make(raw, old, word, None)

    def _spread(self, raw: str, old: Sequence[jsonpos.Obj], words: list[str]) -> list[str]:
        keys = self.unit.keys
        start, end = old[0].get(keys.start), old[-1].get(keys.end)
        if not isinstance(start, int | float) or not isinstance(end, int | float):
            return [self._make(raw, old[0], word, None) for word in words]
        total = sum(len(word) for word in words) or 1
        made, at = [], float(start)
        for word in words:
            until = at + (end - start) * len(word) / total
            made.append(self._make(raw, old[0], word, (at, until)))
            at = until
        return made

    def _make(
        self, raw: str, old: jsonpos.Obj, word: str, times: tuple[float, float] | None
    ) -> str:
        keys = self.unit.keys
        lead = str(old[keys.word])[: len(str(old[keys.word])) - len(str(old[keys.word]).lstrip())]
        raw = _set_string(raw, keys.word, lead + word)
        if keys.plain is not None and keys.plain in old:
            raw = _set_string(raw, keys.plain, regex.sub(r"[^\w'\-]", "", word).casefold())
        if keys.confidence is not None:
            raw = _set_number(raw, keys.confidence, EDITED)
        if times is not None:
            integral = isinstance(old.get(keys.start), int)
            for key, value in zip((keys.start, keys.end), times, strict=True):
                raw = _set_number(raw, key, round(value) if integral else round(value, 3))
        return raw


def _set_string(raw: str, key: str, value: str) -> str:
    pattern = rf'("{regex.escape(key)}"\s*:\s*)"(?:[^"\\]|\\.)*"'
    token = json.dumps(value, ensure_ascii=raw.isascii())
    return regex.sub(pattern, lambda m: m.group(1) + token, raw, count=1)


def _set_number(raw: str, key: str, value: float) -> str:
    pattern = rf'("{regex.escape(key)}"\s*:\s*){NUMBER}'
    return regex.sub(pattern, lambda m: m.group(1) + repr(value), raw, count=1)


def _place(text: str, unit: Unit) -> list[tuple[int, int]] | None:
    """Where each word of ``unit`` is in ``text`` (None when they are not found in order)."""
    places, cursor = [], 0
    for word in unit.words:
        shown = str(word.get(unit.keys.word, "")).strip()
        at = text.find(shown, cursor) if shown else -1
        if at < 0:
            return None
        places.append((at, at + len(shown)))
        cursor = at + len(shown)
    return places


def read(source: str, name: str) -> Recognised:
    """Read recogniser JSON; ``UnknownShape`` for JSON of no known shape, ``FormatError``
    for text that is not JSON."""
    try:
        data = jsonpos.parse(source)
    except json.JSONDecodeError as exc:
        raise FormatError(
            f"{name}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "fix it, or pass --input-format text to clean it as plain text"
        ) from exc
    found = units_of(data)
    if found is None:
        raise UnknownShape(
            f"{name}: JSON of no transcript shape cleanup reads; supported: {SUPPORTED}"
        )
    shape, units = found
    builder = Builder()
    places = []
    for index, unit in enumerate(units):
        builder.gap(unit.speaker)
        start = builder.length
        value = str(unit.text)
        lead = len(value) - len(value.lstrip())
        where = _place(value, unit)
        if where is None:  # the words are not the text's: only the text is edited
            where = []
        places.append(where)
        builder.run(value.strip(), lead, index)
        _confidences(builder, start - lead, unit, where)
        builder.segment(start, unit.speaker, unit.times, f"segment {index + 1}")
    return Recognised(
        shape,
        source,
        builder.text,
        tuple(builder.runs),
        tuple(builder.segments),
        tuple(builder.confidences),
        units=units,
        places=places,
    )


def _confidences(builder: Builder, base: int, unit: Unit, where: list[tuple[int, int]]) -> None:
    key = unit.keys.confidence
    if key is None:
        return
    for word, (start, end) in zip(unit.words, where, strict=False):
        value = word.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            builder.confidences.append((base + start, base + end, float(value)))
