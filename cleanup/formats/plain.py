"""Plain text, as before; with ``Speaker: text`` turns, the speakers' names are kept.

The text the steps read is the file's text itself. When most non-empty lines start with
a speaker label (``Jane Arraf: ...``), each turn is a segment with its speaker, and only
the words after the labels can be edited (a label is never rewritten).
"""

from __future__ import annotations

import regex

from cleanup.document import Segment
from cleanup.formats.model import Run, Transcript

# A speaker label: up to five capitalised words (or an all-capital one) and a colon.
LABEL_RE = regex.compile(
    r"^[ \t]*((?:\p{Lu}[\p{L}.'\-]*)(?:[ \t]+\p{Lu}[\p{L}.'\-]*){0,4}|SPEAKER[ _]\d+):[ \t]+",
    regex.MULTILINE,
)
MIN_TURNS = 2


def read(source: str, name: str) -> Transcript:
    """Read plain text (never fails; ``name`` is unused, as for every reader's signature)."""
    labels = list(LABEL_RE.finditer(source))
    lines = sum(1 for line in source.splitlines() if line.strip())
    if len(labels) < MIN_TURNS or 2 * len(labels) < lines:
        return Transcript("text", source, source)
    runs, segments = [], []
    if source[: labels[0].start()].strip():
        runs.append(Run(0, labels[0].start(), 0, 0))
    for unit, label in enumerate(labels):
        end = labels[unit + 1].start() if unit + 1 < len(labels) else len(source)
        runs.append(Run(label.end(), end, label.end(), unit))
        segments.append(Segment(label.start(), end, label.group(1)))
    return Transcript("text", source, source, tuple(runs), tuple(segments))
