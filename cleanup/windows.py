"""Windows over a long text, so that cleaning it takes time linear in its length and
memory bounded by the window, not by the document.

A long text is cut into *cores* of about ``WINDOW_CHARS`` characters, each cut made at a
line break, else after a sentence's end, else at a space (a single line with no sentence
break is still split, between words), never inside a word. Each core is cleaned with
``MARGIN_CHARS`` of text on either side (cut the same way) so that every step sees the
same neighbourhood as in the whole document; an edit is kept by the window whose core
holds its start, so none is lost or doubled at an edge. Document-wide evidence (how
often each lexicon term is mentioned) is gathered first, in one light pass over the
cores, and given to every window (``cleanup.context.Analysis``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

WINDOW_CHARS = 40_000  # a core's length, about 7,000 words
MARGIN_CHARS = 1_500  # context on each side of a core: several lines, many sentences
SENTENCE_END_RE = regex.compile(r"[.!?][\"')\]\u201d\u2019]*\s+")
SPACE_RE = regex.compile(r"\s+")


@dataclass(frozen=True)
class Window:
    """The text ``[low, high)`` cleaned to keep the edits starting in ``[start, end)``."""

    low: int
    start: int
    end: int
    high: int

    def keeps(self, at: int) -> bool:
        """Does this window keep an edit starting at ``at`` (an offset in the text)?"""
        return self.start <= at < self.end


def cut_near(text: str, at: int, lowest: int) -> int:
    """A place to cut ``text`` at or before ``at`` and after ``lowest``: just after the
    last line break, else after the last sentence end, else after the last space in
    ``(lowest, at]``; ``at`` itself if there is none (a word longer than a window)."""
    if at >= len(text):
        return len(text)
    newline = text.rfind("\n", lowest, at)
    if newline >= 0:
        return newline + 1
    last = None
    for found in SENTENCE_END_RE.finditer(text, lowest, at):
        last = found.end()
    if last is not None:
        return last
    for found in SPACE_RE.finditer(text, lowest, at):
        last = found.end()
    return last if last is not None and last > lowest else at


def windows(text: str, size: int = WINDOW_CHARS, margin: int = MARGIN_CHARS) -> Iterator[Window]:
    """The windows of ``text``: one for a text of at most ``size + size // 2`` characters
    (the whole of it), else cores of about ``size`` (at least ``size // 2``) each with
    up to ``margin`` characters on each side."""
    if len(text) <= size + size // 2:
        yield Window(0, 0, len(text), len(text))
        return
    start = 0
    while start < len(text):
        end = len(text) if len(text) - start <= size + size // 2 else None
        if end is None:
            end = cut_near(text, start + size, start + size // 2)
        low = 0 if start <= margin else cut_near(text, start - margin, 0)
        low = min(low, start)
        high = len(text) if end >= len(text) else cut_near(text, end + margin, end + margin // 2)
        yield Window(low, start, end, max(high, end))
        start = end
