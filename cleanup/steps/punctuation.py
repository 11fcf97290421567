"""The ``punctuation`` step: doubled commas and semicolons, a missing space after a mark."""

from __future__ import annotations

import regex

from cleanup.context import Context
from cleanup.document import Document
from cleanup.edits import Edit, text_after

STEP = "punctuation"
DOUBLED_RE = regex.compile(r"([,;])\1+")
# "word,word" or "word;word" (letters on both sides: 3,500 is a number, not a typo); the
# letter before may be an earlier step's ("I.S.I.L.,s" -> "ISIL,s" needs its space now)
COMMA_BEFORE_LETTER_RE = regex.compile(r"[,;](?=\p{L})")
LETTER_END_RE = regex.compile(r"\p{L}[ \t]*$")
# "end.Next": two lower-case letters, a sentence end, a capitalised word (U.S. or e.g. don't match)
STOP_RE = regex.compile(r"[.?!]")
ENDS_LOWER_RE = regex.compile(r"\p{Ll}\p{Ll}$")
STARTS_CAPITAL_RE = regex.compile(r"\p{Lu}\p{Ll}")


def _doubled(text: str) -> list[Edit]:
    edits = []
    for match in DOUBLED_RE.finditer(text):
        mark = match.group(1)
        spaced = text[: match.start()].rstrip(" \t")[-1:].isalpha()
        follows = text[match.end() : match.end() + 1]
        after = mark + " " if spaced and follows.isalpha() else mark
        edits.append(
            Edit(STEP, match.start(), match.end(), match.group(), after, f"repeated {mark!r}")
        )
    return edits


def _missing_space(points: list[regex.Match[str]]) -> list[Edit]:
    return [
        Edit(STEP, m.end(), m.end(), "", " ", f"no space after {m.group()!r}", confidence=0.9)
        for m in points
    ]


def _missing_stop_space(doc: Document, ctx: Context) -> list[regex.Match[str]]:
    """Sentence ends glued to the next sentence, judging case as the earlier steps of the
    run leave it (the edits they applied, ``ctx.earlier``).

    "the!hezbollah" becomes "the!Hezbollah" by the case step, so it needs its space now:
    a later run would find it. A word is judged both as written and as rewritten. Run
    alone (``--select punctuation``), the step judges the text as it stands.
    """
    rewrites = [e for e in ctx.earlier if e.applied]
    ending = {e.end: e.after for e in rewrites}
    starting = {e.start: e.after for e in rewrites}
    text, points = doc.text, []
    for match in STOP_RE.finditer(text):
        at, past = match.start(), match.end()
        before = (text[max(at - 2, 0) : at], ending.get(at, ""))
        after = (text[past : past + 2], starting.get(past, ""))
        if any(ENDS_LOWER_RE.search(b) for b in before) and any(
            STARTS_CAPITAL_RE.match(a) for a in after
        ):
            points.append(match)
    return points


def _outside_addresses(doc: Document, edits: list[Edit]) -> list[Edit]:
    """Leave the marks inside web and e-mail addresses alone (example.org/a,b)."""
    # an edit starts at its mark, an insertion just after it
    return [e for e in edits if not doc.address_at(e.start - (e.start == e.end))]


def _missing_comma_space(doc: Document, ctx: Context) -> list[regex.Match[str]]:
    """ "word,word": a letter before the mark (maybe after spaces) and one after it, the
    text judged as written and as the earlier steps rewrote it. A mark an earlier edit
    removes or rewrites needs no space ("so uh,we" loses "uh," to the fillers step)."""
    rewrites = [e for e in ctx.earlier if e.applied]
    ending = {e.end: e.after for e in rewrites}
    starting = {e.start: e for e in rewrites}
    text, points = doc.text, []
    for match in COMMA_BEFORE_LETTER_RE.finditer(text):
        at = match.start()
        if any(e.start <= at < e.end for e in rewrites):
            continue
        if not text_after(text, match.end(), starting)[:1].isalpha():
            continue  # ",zeroth" -> ",0th": a digit follows once rewritten
        back = at
        while back > 0 and text[back - 1] in " \t":
            back -= 1
        before = (text[max(back - 1, 0) : at], ending.get(back, "") + text[back:at])
        if any(LETTER_END_RE.search(b) for b in before):
            points.append(match)
    return points


def fix_punctuation(doc: Document, ctx: Context) -> list[Edit]:
    comma_points = _missing_comma_space(doc, ctx)
    stop_points = _missing_stop_space(doc, ctx)
    edits = _doubled(doc.text) + _missing_space(comma_points + stop_points)
    return _outside_addresses(doc, edits)
