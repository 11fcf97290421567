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

from cleanup.edits import Edit
from cleanup.formats import jsonpos
from cleanup.formats.jsonwords import Copies, Replaced, render, touched
from cleanup.formats.model import Builder, FormatError, Run, Transcript, splice
from cleanup.formats.shapes import SUPPORTED, Mirrors, Unit, number, units_of, value


class UnknownShape(FormatError):
    """JSON that is no recogniser output cleanup knows."""


@dataclass
class Recognised(Transcript):
    """A recogniser's JSON: ``units``, where each unit's words are in its text
    (``places``), and the other places of the same text (``mirrors``)."""

    units: list[Unit] = field(default_factory=list)
    places: list[list[tuple[int, int]]] = field(default_factory=list)
    mirrors: Mirrors = field(default_factory=Mirrors)

    def write(self, edits: Sequence[Edit]) -> str:
        by_unit: dict[int, list[tuple[Run, int, int, str]]] = {}
        for change in self.placed(edits):
            by_unit.setdefault(change[0].unit, []).append(change)
        texts = {index: self._new_text(index, placed) for index, placed in by_unit.items()}
        replaced = [r for index, placed in by_unit.items() for r in self._replaced(index, placed)]
        changes = [
            (*self.units[i].text.span, self._token(text))
            for i, text in texts.items()
            if not self.units[i].virtual
        ]
        changes += self._word_changes(replaced)
        if texts:
            changes += self._joined(texts)
        changes += self._spoken(replaced)
        changes.sort()
        parts, cursor = [], 0
        for start, end, text in changes:
            parts += [self.source[cursor:start], text]
            cursor = end
        return "".join([*parts, self.source[cursor:]])

    def _token(self, text: str) -> str:
        return json.dumps(text, ensure_ascii=self.source.isascii())

    def _new_text(self, index: int, placed: list[tuple[Run, int, int, str]]) -> str:
        return splice(str(self.units[index].text), placed)

    def _replaced(self, index: int, placed: list[tuple[Run, int, int, str]]) -> list[Replaced]:
        """The unit's words each change touches, and the words they become."""
        unit, places = self.units[index], self.places[index]
        spans = [(r.at + s - r.start, r.at + e - r.start) for r, s, e, _ in placed]
        found = []
        for group in touched(places, spans):
            begin, end = places[group.start][0], places[group.stop - 1][1]
            inside = [
                (Run(r.start, r.end, r.at - begin, r.unit), s, e, a)
                for r, s, e, a in placed
                if begin <= r.at + s - r.start and r.at + e - r.start <= end
            ]
            words = splice(str(unit.text)[begin:end], inside).split()
            old = unit.words[group.start : group.stop]
            found.append(Replaced(index, group.start, old, tuple(words)))
        return found

    def _word_changes(self, replaced: list[Replaced]) -> list[tuple[int, int, str]]:
        """The words replaced in their own list and in the other lists of the same words."""
        if not replaced:
            return []
        keys = self.units[0].keys
        copies = [Copies(words, keys) for words in self.mirrors.lists]
        changes = []
        for one in replaced:
            changes.append(render(self.source, keys, self.units[one.unit].words, one.at, one))
            for copy in copies:
                at = copy.find(one.old)
                if at is not None:
                    changes.append(render(self.source, keys, copy.words, at, one))
        return changes

    def _joined(self, texts: dict[int, str]) -> list[tuple[int, int, str]]:
        new = [texts.get(i, str(unit.text)) for i, unit in enumerate(self.units)]
        return [
            (*value.span, self._token(joiner.join(new))) for value, joiner in self.mirrors.joined
        ]

    def _spoken(self, replaced: list[Replaced]) -> list[tuple[int, int, str]]:
        """The strings that are a list's words joined by spaces, said anew; and the
        strings that lay them out (Deepgram's paragraphs), with each one replaced."""
        changes, renamed = [], []
        key = self.units[0].keys.word if self.units else ""
        for spoken, words in self.mirrors.spoken:
            said = [str(w.get(key, "")) for w in words]
            hits = [(words.index(one.old[0]), one) for one in replaced if one.old[0] in words]
            for at, one in sorted(hits, key=lambda hit: -hit[0]):
                said[at : at + len(one.old)] = one.words
            if hits:
                renamed.append((str(spoken), " ".join(said)))
                changes.append((*spoken.span, self._token(renamed[-1][1])))
        for layout in self.mirrors.laid_out:
            text = str(layout)
            for old, new in renamed:
                text = text.replace(old, new) if text.count(old) == 1 else text
            if text != layout:
                changes.append((*layout.span, self._token(text)))
        return changes


def _place(text: str, unit: Unit) -> list[tuple[int, int]] | None:
    """Where each word of ``unit`` is in ``text`` (None when they are not found in order)."""
    places, cursor = [], 0
    for word in unit.words:
        shown = str(value(word, unit.keys.word) or "").strip()
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
    shape, units, mirrors = found
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
        mirrors=mirrors,
    )


def _confidences(builder: Builder, base: int, unit: Unit, where: list[tuple[int, int]]) -> None:
    key = unit.keys.confidence
    if key is None:
        return
    for word, (start, end) in zip(unit.words, where, strict=False):
        given = number(word, key)
        if given is not None:
            builder.confidences.append((base + start, base + end, given))
