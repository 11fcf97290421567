"""Spacing: runs of spaces inside a line, spaces at line ends and before punctuation."""

from __future__ import annotations

import regex

from cleanup.context import Context
from cleanup.document import Document
from cleanup.edits import Edit

STEP = "spacing"
# A run of spaces/tabs, with what precedes and follows it (leading indentation is skipped).
RUN_RE = regex.compile(r"(?<=[^\s])[ \t]+")
CLOSING = frozenset(",.;:!?)]}\u201d")
# Marks the punctuation step puts a space after ("word ,next" -> "word, next").
SPACED_AFTER = frozenset(",;")


def _glued(text: str, end: int) -> bool:
    """Is the mark at ``end`` part of what follows (an ellipsis, ".45", ",000", ".NET", "?Al")?

    Removing the space before it would make a new word ("a.45", "2014,2015") or a
    missing-space typo the punctuation step does not repair: it only puts a space
    after , and ; when a letter follows.
    """
    mark, following = text[end : end + 1], text[end + 1 : end + 2]
    if mark + following == "..":
        return True
    return following.isalnum() and (mark not in SPACED_AFTER or not following.isalpha())


def _fix(text: str, start: int, end: int) -> tuple[str, str] | None:
    after = text[end : end + 1]
    run = text[start:end]
    if after in ("", "\n", "\r"):
        return "", "trailing whitespace at the end of a line"
    if after in CLOSING and text[start - 1].isalnum() and not _glued(text, end):
        return "", f"space before {after!r}"
    if run != " " and "\t" not in run:
        return " ", "several spaces inside a line"
    return None


def fix_spacing(doc: Document, ctx: Context) -> list[Edit]:
    edits = []
    for match in RUN_RE.finditer(doc.text):
        fixed = _fix(doc.text, match.start(), match.end())
        if fixed is not None:
            after, reason = fixed
            edits.append(Edit(STEP, match.start(), match.end(), match.group(), after, reason))
    return edits
