"""The ``fillers`` step (off unless ``--tidy``): filler words dropped with what they leave.

Each removal is one edit that takes the punctuation and spaces the word leaves behind
with it, so the text reads right without a later step: "um, I think" -> "I think",
"so, uh, we" -> "so, we", "I think, um." -> "I think.". Lexicon terms are never touched.
The fillers are ``cleanup.english.HESITATIONS``.
"""

from __future__ import annotations

from cleanup.context import Context
from cleanup.document import Document
from cleanup.edits import Edit
from cleanup.english import HESITATIONS

STEP = "fillers"
SENTENCE_MARKS = ".?!;:\u2026"


def remove_fillers(doc: Document, ctx: Context) -> list[Edit]:
    if HESITATIONS.isdisjoint(doc.keys):
        return []
    protected = ctx.analysis.protected
    fillers = [
        i
        for i, key in enumerate(doc.keys)
        if key in HESITATIONS and i not in protected and not _acronym(doc, i)
    ]
    return [edit for run in _runs(doc, fillers) for edit in _filler_edits(doc, run)]


def _acronym(doc: Document, index: int) -> bool:
    """ "the ER", "an MM": a word of two or more capitals is an acronym, not a filler,
    unless its whole line is in capitals ("UM, WE WENT")."""
    text = doc.tokens[index].text
    if len(text) < 2 or not text.isupper():
        return False
    line_start = doc.text.rfind("\n", 0, doc.tokens[index].start) + 1
    line_end = doc.text.find("\n", doc.tokens[index].end)
    line = doc.text[line_start : len(doc.text) if line_end < 0 else line_end]
    return not line.isupper() or line.replace(text, "").strip(" \t\r,.;:!?-") == ""


def _runs(doc: Document, fillers: list[int]) -> list[list[int]]:
    """Fillers next to each other ("uh, um") as one run: one removal, not two that overlap."""
    runs: list[list[int]] = []
    for index in fillers:
        if runs and runs[-1][-1] == index - 1 and _only_pause(doc, index - 1, index):
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs


def _only_pause(doc: Document, left: int, right: int) -> bool:
    gap = doc.text[doc.tokens[left].end : doc.tokens[right].start]
    return gap.replace(",", "").strip(" \t") == ""


def _filler_edits(doc: Document, run: list[int]) -> list[Edit]:
    """The removal, and the capital the sentence then needs ("Um, the plan" -> "The plan").

    Two edits, so that another step's rewrite of the next word ("Uh eighty" -> "80") is
    not blocked by the capital.
    """
    text = doc.text
    token, last = doc.tokens[run[0]], doc.tokens[run[-1]]
    start, end = _filler_span(text, token.start, last.end)
    said = text[token.start : last.end]
    reason = f"filler word {said!r}" if len(run) == 1 else f"filler words {said!r}"
    edits = [Edit(STEP, start, end, text[start:end], "", reason)]
    following = doc.tokens[run[-1] + 1] if run[-1] + 1 < len(doc.tokens) else None
    starts = token.text[:1].isupper() and run[0] in doc.sentence_initial
    if starts and following is not None and following.start == end:
        first = text[end : end + 1]
        if first.islower():
            why = f"a sentence starts here once the filler {token.text!r} is gone"
            edits.append(Edit(STEP, end, end + 1, first, first.upper(), why))
    return edits


def _filler_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The filler with the comma and spaces it leaves behind."""
    after = end
    comma = _spaces_after(text, end)
    if text[comma : comma + 1] == "," and text[comma + 1 : comma + 2] != ",":
        after = comma + 1  # "uh," and "uh ," alike
    spaces = _spaces_after(text, after)
    if (after > end or spaces > after) and not _ends_clause(text, spaces):
        return start, spaces  # "um, I" / "and um I": the filler and what follows
    before = start
    while before > 0 and text[before - 1] in " \t":
        before -= 1
    if before > 0 and text[before - 1] == "," and _ends_clause(text, spaces):
        before -= 1  # "I think, um." -> "I think."
    if before == start and spaces > after:
        return start, spaces
    return before, after


def _spaces_after(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t":
        at += 1
    return at


def _ends_clause(text: str, at: int) -> bool:
    """Does a sentence mark, a line end or the end of the text come at ``at``?"""
    return at >= len(text) or text[at] in SENTENCE_MARKS or text[at] in "\r\n"
