"""The ``fillers`` step (off unless ``--tidy``): filler words dropped with what they leave.

Each removal is one edit that takes the punctuation and spaces the word leaves behind
with it, so the text reads right without a later step: "um, I think" -> "I think",
"so, uh, we" -> "so, we", "I think, um." -> "I think.". Lexicon terms are never touched.
The fillers are ``cleanup.english.HESITATIONS``.
"""

from __future__ import annotations

import regex

from cleanup.context import Context
from cleanup.document import Document
from cleanup.edits import Edit
from cleanup.english import HESITATIONS
from cleanup.numbers import NUMBER_WORDS, TRIGGERS
from cleanup.numbers import words as w

STEP = "fillers"
SENTENCE_MARKS = ".?!;:\u2026"
FIGURE_RE = regex.compile(r"[\d,.:]*\d(st|nd|rd|th|s)?")
PHRASE_LEADS = TRIGGERS - NUMBER_WORDS  # months, "minus", "point", "quarter", "half"
# Words after a number that make it an amount, a percentage, a measure, a time.
NUMBER_SUFFIXES = frozenset(
    {p[0] for table in (w.CURRENCIES, w.ERAS, w.MERIDIEMS) for p in table}
    | {p[0] for p in (*w.PERCENT, *w.OCLOCK)}
    | w.UNITS_OF_MEASURE
    | w.CENTS
)
CAPS_LETTERS = 40
CAPS_LOWER_SHARE = 0.02


def remove_fillers(doc: Document, ctx: Context) -> list[Edit]:
    if HESITATIONS.isdisjoint(doc.keys):
        return []
    protected = ctx.analysis.protected
    caps = written_in_capitals(doc.text)
    fillers = [
        i
        for i, key in enumerate(doc.keys)
        if key in HESITATIONS and i not in protected and not _acronym(doc, i, caps)
    ]
    runs = [run for run in _runs(doc, fillers) if not _inside_number(doc, run)]
    return [edit for run in runs for edit in _filler_edits(doc, run)]


def _inside_number(doc: Document, run: list[int]) -> bool:
    """ "two um thousand", "seven uh percent", "august uh ninth": a filler inside what
    would be a number phrase (between numbers, words or figures; before what makes a
    number an amount; after a word that leads one) stays, since dropping it would make a
    phrase that the numbers step, before this one, did not read."""
    before, after = run[0] - 1, run[-1] + 1
    if before < 0 or after >= len(doc.keys):
        return False
    left, right = doc.keys[before], doc.keys[after]
    if _number(left):
        return _number(right) or right in NUMBER_SUFFIXES
    return left in PHRASE_LEADS and _number(right)


def _number(key: str) -> bool:
    """A number word or a figure ("twenty", "20", "6th"): what the numbers step made of
    a number word on a first run is a figure on the next."""
    return key in NUMBER_WORDS or FIGURE_RE.fullmatch(key) is not None


def _acronym(doc: Document, index: int, caps: bool) -> bool:
    """ "the ER", "an MM": a word of two or more capitals is an acronym, not a filler,
    unless the whole text is written in capitals (``caps``: "UM, WE WENT")."""
    text = doc.tokens[index].text
    return len(text) >= 2 and text.isupper() and not caps


def written_in_capitals(text: str) -> bool:
    """Is the text in capitals: ``CAPS_LETTERS`` letters or more, hardly any lower case?

    A text-wide judgement, so that what other steps rewrite ("ten" -> "10", a term's
    case) cannot turn it on a rerun, as a line's or a word's neighbours would."""
    letters = sum(1 for c in text if c.isalpha())
    lower = sum(1 for c in text if c.islower())
    return letters >= CAPS_LETTERS and lower <= letters * CAPS_LOWER_SHARE


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
    """The filler with the comma and spaces it leaves behind; a filler that is a whole
    sentence ("Um. The end.") goes with its mark and the space after it."""
    if _starts_sentence(text, start) and text[end : end + 1] in tuple(SENTENCE_MARKS):
        return start, _spaces_after(text, end + 1)
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


def _starts_sentence(text: str, at: int) -> bool:
    """Does a sentence start at ``at`` (the text's or a line's start, or after a mark)?"""
    before = text[:at].rstrip(" \t")
    return not before or before[-1] in SENTENCE_MARKS or before[-1] in "\r\n"


def _spaces_after(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t":
        at += 1
    return at


def _ends_clause(text: str, at: int) -> bool:
    """Does a sentence mark, a line end or the end of the text come at ``at``?"""
    return at >= len(text) or text[at] in SENTENCE_MARKS or text[at] in "\r\n"
