"""Transcript tidying (off by default; ``--tidy``): filler words and immediate repetitions.

Each removal is one edit that takes the punctuation and spaces the word leaves behind
with it, so the text reads right without a later step: "um, I think" -> "I think",
"so, uh, we" -> "so, we", "I think, um." -> "I think.", "I I think" -> "I think".
Lexicon terms are never touched ("Duran Duran", a quoted catchphrase in the lexicon).
"""

from __future__ import annotations

from cleanup.document import Document
from cleanup.edits import Edit
from cleanup.lexicon.match import find_phrases
from cleanup.numbers import TRIGGERS
from cleanup.numbers.words import split_words
from cleanup.steps.base import Context

FILLERS_STEP = "fillers"
REPETITIONS_STEP = "repetitions"
FILLERS = frozenset({"um", "umm", "uh", "uhh", "uhm", "erm", "er", "ah", "ahh", "hmm", "mm"})
# Doubled words that are grammar or emphasis, not a stumble ("I know that that is", "had had",
# "very very", "bye bye"); number words are never dropped ("one one two" may be digits,
# "minus minus" is for the numbers step to read).
KEEP_DOUBLED = split_words(
    "had that is was do did no yes yeah very really so bye ha ho well now there knock chop "
    "far again more many round over on blah la boo ding tick ta aye oh wow go come please "
    "quick bang night tut hush cha pom pee"
)
SENTENCE_MARKS = ".?!;:\u2026"


def _protected(doc: Document, ctx: Context) -> frozenset[int]:
    inside = set(doc.in_address)
    if ctx.lexicon.index:
        for match in find_phrases(doc, ctx.lexicon):
            inside.update(range(match.first, match.last + 1))
    return frozenset(inside)


def remove_fillers(doc: Document, ctx: Context) -> list[Edit]:
    if FILLERS.isdisjoint(doc.keys):
        return []
    protected = _protected(doc, ctx)
    fillers = [i for i, key in enumerate(doc.keys) if key in FILLERS and i not in protected]
    return [edit for run in _runs(doc, fillers) for edit in _filler_edits(doc, run)]


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
    edits = [Edit(FILLERS_STEP, start, end, text[start:end], "", reason)]
    following = doc.tokens[run[-1] + 1] if run[-1] + 1 < len(doc.tokens) else None
    if token.text[:1].isupper() and following is not None and following.start == end:
        first = text[end : end + 1]
        if first.islower():
            why = f"a sentence starts here once the filler {token.text!r} is gone"
            edits.append(Edit(FILLERS_STEP, end, end + 1, first, first.upper(), why))
    return edits


def _filler_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The filler with the comma and spaces it leaves behind."""
    after = end
    if text[after : after + 1] == ",":
        after += 1
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


def remove_repetitions(doc: Document, ctx: Context) -> list[Edit]:
    protected = _protected(doc, ctx)
    edits = []
    keys, tokens = doc.keys, doc.tokens
    for index in range(1, len(tokens)):
        if keys[index] != keys[index - 1] or not _droppable(doc, index, protected):
            continue
        start, end = tokens[index - 1].end, tokens[index].end
        reason = f"word said twice: {tokens[index].text!r}"
        edits.append(Edit(REPETITIONS_STEP, start, end, doc.text[start:end], "", reason))
    return edits


def _droppable(doc: Document, index: int, protected: frozenset[int]) -> bool:
    """May the second of two equal words go? Only a plain stumble: "I I", "the the"."""
    token, key = doc.tokens[index], doc.keys[index]
    gap = doc.text[doc.tokens[index - 1].end : token.start]
    if gap not in (" ", "  ") or not key.isalpha() or key in KEEP_DOUBLED:
        return False
    if index in protected or index - 1 in protected or key in TRIGGERS:
        return False
    return not (token.text[:1].isupper() and token.text != "I")  # "Sirhan Sirhan"
