"""A transcript file as read: its flowing text for the steps, and how to write edits back.

Every format gives a ``Transcript``: the decoded file (``source``), the flowing text the
steps read (``text``: cue or segment text joined by a space, or by a line break where the
speaker changes), and ``runs``, the stretches of that text copied from one place of the
file. Writing splices each applied edit into the source at its run's offset, so no byte
outside edited text changes; an edit that is not inside one run (it crosses a cue, a
line wrap or a tag) is not written (the pipeline only suggests such edits).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from cleanup.document import Confidence, Document, Segment
from cleanup.edits import Edit, apply_edits, changed_span


class FormatError(ValueError):
    """A file that is not of the format it was read as; the message says what to do."""


@dataclass(frozen=True, slots=True)
class Run:
    """``text[start:end]`` of the flowing text is ``source[at:at + end - start]`` of the
    file (for JSON: of unit ``unit``'s string value); ``unit``: the cue or segment."""

    start: int
    end: int
    at: int
    unit: int


@dataclass
class Transcript:
    """A file's text as read (``source``), its flowing ``text`` and the ``runs`` mapping one
    to the other (none: ``text`` is ``source`` and all of it is writable)."""

    format: str
    source: str
    text: str
    runs: tuple[Run, ...] = ()
    segments: tuple[Segment, ...] = ()
    confidences: tuple[Confidence, ...] = ()
    warnings: list[str] = field(default_factory=list)

    def document(self, name: str) -> Document:
        """The document the steps clean."""
        units = tuple((run.start, run.end) for run in self.runs)
        return Document(self.text, name, self.segments, self.confidences, units)

    def write(self, edits: Sequence[Edit]) -> str:
        """The file's text with the applied ``edits`` (on ``text``) written back."""
        if not self.runs:
            return apply_edits(self.source, edits)
        return splice(self.source, self.placed(edits))

    def placed(self, edits: Sequence[Edit]) -> list[tuple[Run, int, int, str]]:
        """Each writable edit's run and its changed span within it (offsets into ``text``);
        an edit outside every run is left out with a warning."""
        starts = [run.start for run in self.runs]
        placed = []
        for edit in sorted(edits, key=lambda e: (e.start, e.end)):
            start, end, after = changed_span(edit)
            at = bisect.bisect_right(starts, start) - 1
            if at >= 0 and end > self.runs[at].end and start == self.runs[at].end:
                at += 1  # an insertion at a run's end may still belong to the next one
            if at < 0 or end > self.runs[at].end or start < self.runs[at].start:
                self.warnings.append(f"not written: {edit.before!r} -> {edit.after!r} {ACROSS}")
                continue
            placed.append((self.runs[at], start, end, after))
        return placed

    def longest_line(self) -> int:
        """The longest line of cue text in the file (characters, tags left out)."""
        return 0


ACROSS = "runs across a cue or segment boundary; fix it by hand"


def splice(source: str, placed: Sequence[tuple[Run, int, int, str]]) -> str:
    """``source`` with each placed change written at its run's offset."""
    parts, cursor = [], 0
    for run, start, end, after in placed:
        begin = run.at + start - run.start
        parts.append(source[cursor:begin])
        parts.append(after)
        cursor = begin + end - start
    parts.append(source[cursor:])
    return "".join(parts)


class Builder:
    """Collects the flowing text, runs and segments of a transcript as it is read."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.runs: list[Run] = []
        self.segments: list[Segment] = []
        self.confidences: list[Confidence] = []
        self.speaker: str | None = None

    def gap(self, speaker: str | None = None) -> None:
        """Separate what follows from what came: a space, or a line break for a new speaker."""
        new = speaker is not None and speaker != self.speaker
        if self.length:
            self.add("\n" if new else " ")
        if speaker is not None:
            self.speaker = speaker

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def run(self, text: str, at: int, unit: int, confidence: float | None = None) -> None:
        """Add ``text``, found at ``at`` in the file (or in unit ``unit``'s value)."""
        if not text:
            return
        start = self.length
        self.add(text)
        self.runs.append(Run(start, self.length, at, unit))
        if confidence is not None:
            self.confidences.append((start, self.length, confidence))

    def segment(
        self, start: int, speaker: str | None, times: tuple[float, float] | None, cue: str
    ) -> None:
        """Close a segment (cue) begun at ``start``; ``cue``: its name, "cue 3"."""
        begin, end = times if times is not None else (None, None)
        self.segments.append(Segment(start, max(self.length, start), speaker, begin, end, cue))

    @property
    def text(self) -> str:
        return "".join(self.parts)
