"""Writing a recogniser's word objects: the words of a changed stretch replaced by new ones.

The words a change touches are replaced together: one for one when their number stays
the same (each keeps its times; an unchanged one keeps its bytes), otherwise made from
the first one's bytes with the stretch's time spread over them by length. A written
word's confidence is set to 1.0 (``EDITED``), so a second run reads it as settled, and
new objects are joined as the file joins its words. The same replacement is made in the
file's other lists of the same words (WhisperX ``word_segments``, AssemblyAI
``utterances[].words``), found by their times.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from cleanup.formats.jsonpos import Obj
from cleanup.formats.shapes import Keys, number, value

NUMBER = r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?"
EDITED = 1.0  # the confidence of a word cleanup wrote
Change = tuple[int, int, str]
JOINTS = (
    8  # how many of a list's joints to look at  # a span of the file's text and what replaces it
)


@dataclass(frozen=True)
class Replaced:
    """The word objects ``old`` of unit ``unit`` (its words from index ``at``) became the
    words ``words``."""

    unit: int
    at: int
    old: tuple[Obj, ...]
    words: tuple[str, ...]


def touched(places: Sequence[tuple[int, int]], spans: Sequence[tuple[int, int]]) -> list[range]:
    """Runs of neighbouring word indices whose place meets one of ``spans``."""
    hit = sorted({i for i, (ws, we) in enumerate(places) for s, e in spans if ws <= e and s <= we})
    groups: list[range] = []
    for i in hit:
        if groups and groups[-1].stop == i:
            groups[-1] = range(groups[-1].start, i + 1)
        else:
            groups.append(range(i, i + 1))
    return groups


def render(source: str, keys: Keys, words: Sequence[Obj], at: int, replaced: Replaced) -> Change:
    """The change to ``source`` that makes ``replaced`` in the list ``words``, where the
    old words start at index ``at``."""
    old = words[at : at + len(replaced.old)]
    raws = [source[o.span[0] : o.span[1]] for o in old]
    if len(replaced.words) == len(old):
        pairs = zip(raws, old, replaced.words, strict=True)
        made = [raw if _text(o, keys) == w else _make(raw, o, keys, w, None) for raw, o, w in pairs]
    else:
        made = _spread(raws[0], old, keys, replaced.words)
    return old[0].span[0], old[-1].span[1], _joint(source, words).join(made)


def _text(word: Obj, keys: Keys) -> str:
    return str(value(word, keys.word) or "").strip()


class Copies:
    """Where each word of another list of the same words is, by its text and times."""

    def __init__(self, words: Sequence[Obj], keys: Keys) -> None:
        self.words, self.keys = words, keys
        self.index = {self._key(word): at for at, word in enumerate(words)}

    def _key(self, word: Obj) -> tuple[str, object, object]:
        return _text(word, self.keys), value(word, self.keys.start), value(word, self.keys.end)

    def find(self, old: Sequence[Obj]) -> int | None:
        """Where the run ``old`` is in this list, or None."""
        at = self.index.get(self._key(old[0]))
        if at is None or at + len(old) > len(self.words):
            return None
        same = all(self._key(self.words[at + i]) == self._key(o) for i, o in enumerate(old))
        return at if same else None


def _joint(source: str, words: Sequence[Obj]) -> str:
    """What the file puts between two words of this list: the shortest of the first few (so
    a Rev word's space element, not a comma's); ", " when it has one word."""
    joints = [source[a.span[1] : b.span[0]] for a, b in itertools.pairwise(words[:JOINTS])]
    return min(joints, key=len, default=", ")


def _spread(raw: str, old: Sequence[Obj], keys: Keys, words: Sequence[str]) -> list[str]:
    start, end = number(old[0], keys.start), number(old[-1], keys.end)
    if start is None or end is None:
        return [_make(raw, old[0], keys, word, None) for word in words]
    total = sum(len(word) for word in words) or 1
    made, at = [], float(start)
    for word in words:
        until = at + (end - start) * len(word) / total
        made.append(_make(raw, old[0], keys, word, (at, until)))
        at = until
    return made


def _make(raw: str, old: Obj, keys: Keys, word: str, times: tuple[float, float] | None) -> str:
    """A word object like ``raw`` (the object ``old``) saying ``word``, edited."""
    said = str(value(old, keys.word) or "")
    raw = _set_string(raw, keys.word, said[: len(said) - len(said.lstrip())] + word)
    if keys.plain is not None and keys.plain in old:
        raw = _set_string(raw, keys.plain, regex.sub(r"[^\w'\-]", "", word).casefold())
    if keys.confidence is not None:
        raw = _set_number(raw, keys.confidence, EDITED)
    if times is not None:
        integral = isinstance(value(old, keys.start), int)
        for key, time in zip((keys.start, keys.end), times, strict=True):
            raw = _set_number(raw, key, round(time) if integral else round(time, 3))
    return raw


def _set_string(raw: str, key: str, value: str) -> str:
    pattern = rf'("{regex.escape(key)}"\s*:\s*)"(?:[^"\\]|\\.)*"'
    token = json.dumps(value, ensure_ascii=raw.isascii())
    return regex.sub(pattern, lambda m: m.group(1) + token, raw, count=1)


def _set_number(raw: str, key: str, new: float) -> str:
    """``raw`` with ``key``'s number set to ``new`` (a number in a string stays one: AWS)."""
    pattern = rf'("{regex.escape(key)}"\s*:\s*)("?){NUMBER}\2'
    return regex.sub(
        pattern, lambda m: m.group(1) + m.group(2) + repr(new) + m.group(2), raw, count=1
    )
