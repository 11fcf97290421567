"""Folding a second pass's edits into the first's, so both read on the original text.

The pipeline runs the steps again on its own output until nothing more applies
(``cleanup.pipeline.run``): a fix can change what a neighbouring step sees ("fifty teh
ran" -> "50 teh ran" reads differently to the sound-alike step), so without this,
cleaning the output again would change it. The second pass's edits are on the first
pass's output; ``fold`` turns them into edits on the original text:

* an edit away from every applied first-pass edit is shifted back to the original's
  offsets, unchanged otherwise;
* an edit that overlaps or touches an applied first-pass edit is merged with it into one
  edit of the original text (its ``before`` the original words, its ``after`` the final
  words), which keeps the second edit's step and names both reasons.

First-pass suggestions that overlap a folded edit are dropped (edits never overlap).
Replaying the folded edits on the original gives the second pass's output.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace

from cleanup.document import Document
from cleanup.edits import Edit, apply_edits


@dataclass(frozen=True)
class _Region:
    """An applied first-pass edit and where its ``after`` stands in the first output."""

    edit: Edit
    start: int  # in the first output
    end: int


class _Map:
    """The original text, the first pass's output, and where its applied edits stand."""

    def __init__(self, text: str, applied: Sequence[Edit]) -> None:
        self.text = text
        self.regions: list[_Region] = []
        self.shifts: list[int] = []  # output minus original offset past each region
        parts, cursor, delta = [], 0, 0
        for edit in sorted(applied, key=lambda e: (e.start, e.end)):
            start = edit.start + delta
            self.regions.append(_Region(edit, start, start + len(edit.after)))
            delta += len(edit.after) - (edit.end - edit.start)
            self.shifts.append(delta)
            parts += [text[cursor : edit.start], edit.after]
            cursor = edit.end
        self.output = "".join([*parts, text[cursor:]])
        self.ends = [region.end for region in self.regions]

    def original(self, offset: int) -> int:
        """An output offset outside every region, as an offset of the original text."""
        at = bisect.bisect_right(self.ends, offset) - 1
        return offset - (self.shifts[at] if at >= 0 else 0)

    def touched(self, edit: Edit) -> list[int]:
        """The regions an output edit overlaps or touches."""
        return [
            i for i, r in enumerate(self.regions) if r.start <= edit.end and edit.start <= r.end
        ]

    def shifted(self, edit: Edit) -> Edit:
        """An output edit that touches no region, at the original text's offsets."""
        start = self.original(edit.start)
        return replace(edit, start=start, end=start + (edit.end - edit.start))

    def merge(self, edits: Sequence[Edit], touched: Sequence[_Region]) -> Edit:
        """Output ``edits`` and the regions they touch as one edit of the original text
        (the last edit's step; every reason, in order)."""
        first, last = touched[0], touched[-1]
        out_start = min(edits[0].start, first.start)
        out_end = max(*(e.end for e in edits), last.end)
        start = first.edit.start if out_start == first.start else self.original(out_start)
        end = last.edit.end if out_end == last.end else self.original(out_end)
        inside = [replace(e, start=e.start - out_start, end=e.end - out_start) for e in edits]
        after = apply_edits(self.output[out_start:out_end], inside)
        return replace(
            edits[-1],
            start=start,
            end=end,
            before=self.text[start:end],
            after=after,
            reason="; then ".join([*(r.edit.reason for r in touched), *(e.reason for e in edits)]),
            confidence=min([*(e.confidence for e in edits), *(r.edit.confidence for r in touched)]),
        )


def fold(text: str, first: Sequence[Edit], second: Sequence[Edit]) -> list[Edit]:
    """The edits of both passes on the original ``text``, sorted by span.

    ``first``: the first pass's edits (on ``text``); ``second``: the applied edits of a
    pass over the first pass's output. Shapes: lists of ``Edit``; offsets in characters.
    """
    spans = _Map(text, [e for e in first if e.applied])
    folded: list[Edit] = []
    merged: set[int] = set()
    for edits, touched in _clusters(spans, sorted(second, key=lambda e: (e.start, e.end))):
        if touched:
            merged.update(touched)
            folded.append(spans.merge(edits, [spans.regions[i] for i in sorted(touched)]))
        else:
            folded += [spans.shifted(edit) for edit in edits]
    gone = {id(spans.regions[i].edit) for i in merged}
    kept = [
        e
        for e in first
        if id(e) not in gone and (e.applied or not any(e.overlaps(f) for f in folded))
    ]
    return sorted([*kept, *folded], key=lambda e: (e.start, e.end))


def _clusters(spans: _Map, second: Sequence[Edit]) -> list[tuple[list[Edit], set[int]]]:
    """The second pass's edits (sorted) grouped with the regions they touch: edits that
    touch a common region form one group (they become one edit); others stand alone."""
    groups: list[tuple[list[Edit], set[int]]] = []
    for edit in second:
        touched = set(spans.touched(edit))
        if touched and groups and groups[-1][1] & touched:
            groups[-1][0].append(edit)
            groups[-1][1].update(touched)
        else:
            groups.append(([edit], touched))
    return groups


class _Shift:
    """Offsets of the original text moved to the output of some applied edits."""

    def __init__(self, applied: Sequence[Edit]) -> None:
        self.edits = sorted(applied, key=lambda e: (e.start, e.end))
        self.ends = [e.end for e in self.edits]
        self.starts = [e.start for e in self.edits]
        self.deltas: list[int] = []
        delta = 0
        for edit in self.edits:
            delta += len(edit.after) - (edit.end - edit.start)
            self.deltas.append(delta)

    def __call__(self, offset: int) -> int:
        """``offset`` in the output: moved by every edit that ends at or before it."""
        at = bisect.bisect_right(self.ends, offset) - 1
        return offset + (self.deltas[at] if at >= 0 else 0)

    def touches(self, start: int, end: int) -> bool:
        """Does an edit overlap ``start``..``end``? (Edits are sorted and never overlap,
        so only the last one starting before ``end`` can; one lookup, not a scan.)"""
        at = bisect.bisect_left(self.starts, end) - 1
        return at >= 0 and start < self.edits[at].end


def rewritten(doc: Document, applied: Sequence[Edit]) -> Document:
    """``doc`` after its ``applied`` edits: the new text, with its segments, units and
    confidences moved to the new offsets. A word an edit rewrote gets confidence 1.0 (it
    was decided, not heard), as the transcript writers record it."""
    move = _Shift(applied)
    confidences = tuple(
        (move(start), move(end), 1.0 if move.touches(start, end) else value)
        for start, end, value in doc.confidences
    )
    return replace(
        doc,
        text=apply_edits(doc.text, applied),
        segments=tuple(replace(s, start=move(s.start), end=move(s.end)) for s in doc.segments),
        confidences=confidences,
        units=tuple((move(start), move(end)) for start, end in doc.units),
    )
