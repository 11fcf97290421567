"""Spacing: runs of spaces inside a line, spaces at line ends and before punctuation."""

from __future__ import annotations

import regex

from cleanup.context import Context
from cleanup.document import Document
from cleanup.edits import Edit, text_after

STEP = "spacing"
# A run of spaces/tabs, with what precedes and follows it (leading indentation is skipped).
RUN_RE = regex.compile(r"(?<=[^\s])[ \t]+")
CLOSING = frozenset(",.;:!?)]}\u201d")
# Marks the punctuation step puts a space after ("word ,next" -> "word, next").
SPACED_AFTER = frozenset(",;")


def _glued(mark: str, following: str) -> bool:
    """Is ``mark`` part of what follows (an ellipsis, ".45", ",000", ".NET", "?Al")?

    Removing the space before it would make a new word ("a.45", "2014,2015") or a
    missing-space typo the punctuation step does not repair: it only puts a space
    after , and ; when a letter follows.
    """
    following = following[:1]
    if mark + following == "..":
        return True
    return following.isalnum() and (mark not in SPACED_AFTER or not following.isalpha())


def _fix(run: str, mark: str, following: str, word_end: bool) -> tuple[str, str] | None:
    """The fix for the spaces ``run`` before ``mark`` (then ``following``), after a word
    (``word_end``), all as the earlier steps' edits leave them."""
    if mark in ("", "\n", "\r"):
        return "", "trailing whitespace at the end of a line"
    if mark in CLOSING and word_end and not _glued(mark, following):
        return "", f"space before {mark!r}"
    if run != " " and "\t" not in run:
        return " ", "several spaces inside a line"
    return None


def fix_spacing(doc: Document, ctx: Context) -> list[Edit]:
    """Spaces judged in the text as the earlier steps rewrote it ("I.S.I.L. ,s" -> "ISIL
    ,s": the space before the comma goes now; "e .ah" with "ah" dropped: the stop ends
    the text), so that a rerun finds nothing more."""
    rewrites = [e for e in ctx.earlier if e.applied]
    ending = {e.end: e.after for e in rewrites if e.after}
    starting = {e.start: e for e in rewrites}
    text, edits = doc.text, []
    for match in RUN_RE.finditer(text):
        start, end = match.start(), match.end()
        word_end = ending.get(start, text[start - 1])[-1:].isalnum()
        rewritten = text_after(text, end, starting)
        if end not in starting and rewritten:
            rewritten = rewritten[0] + text_after(text, end + 1, starting)
        fixed = _fix(match.group(), rewritten[:1], rewritten[1:], word_end)
        if fixed is not None:
            after, reason = fixed
            edits.append(Edit(STEP, start, end, match.group(), after, reason))
    return edits
