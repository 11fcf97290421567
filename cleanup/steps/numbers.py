"""Numbers: spoken numbers, dates, money and times to written form (``cleanup.numbers``).

Each phrase read is one edit. Left alone: phrases inside a lexicon term ("Seven Eleven"),
inside web addresses, and phrases with a capitalised number word that does not start a
sentence ("the Second World War", "Ocean's Eleven").
"""

from __future__ import annotations

from cleanup.context import Context
from cleanup.document import Document
from cleanup.edits import Edit
from cleanup.english import HESITATIONS, past_tense
from cleanup.numbers import NUMBER_WORDS, TRIGGERS, Conversion, Words, find_conversions
from cleanup.numbers.words import MISHEARD, YEAR_LEAD

STEP = "numbers"


def normalize_numbers(doc: Document, ctx: Context) -> list[Edit]:
    style = ctx.style
    if not style.convert or not _may_have_numbers(doc.keys):
        return []
    words, conversions = find_conversions(doc, style)
    protected = ctx.analysis.protected
    edits = []
    for conversion in conversions:
        edit = _edit(doc, words, conversion, protected, style.name)
        if edit is not None:
            edits.append(edit)
    return edits


def _may_have_numbers(keys: tuple[str, ...]) -> bool:
    if not TRIGGERS.isdisjoint(keys):
        return True
    return any(not TRIGGERS.isdisjoint(key.split("-")) for key in keys if "-" in key)


def _edit(
    doc: Document, words: Words, conversion: Conversion, protected: frozenset[int], style: str
) -> Edit | None:
    if conversion.written is None or not _whole_tokens(words, conversion):
        return None
    first, last = words.token[conversion.start], words.token[conversion.end - 1]
    if any(index in protected for index in range(first, last + 1)):
        return None
    if _named(doc, words, conversion) or _goes_on_past_a_filler(words, conversion):
        return None
    if words.at(conversion.end) == "and" and words.at(conversion.end + 1) in MISHEARD:
        return _cut_short(doc, words, conversion)
    start, end = doc.tokens[first].start, doc.tokens[last].end
    if conversion.written.endswith(".") and doc.text[end : end + 1] == ".":
        end += 1  # "five p m." -> "5 p.m.", not "5 p.m.."
    reason = f"spoken number -> written ({conversion.kind}, {style} style)"
    return Edit(STEP, start, end, doc.text[start:end], conversion.written, reason)


def _cut_short(doc: Document, words: Words, conversion: Conversion) -> Edit | None:
    """ "in two thousand and free melted away": the number goes on in a misheard word.

    Writing "2000 and free" would state a wrong year, so the words stay; where a year
    fits (after "in", "since", "by"...), the repaired year is offered as a suggestion.
    It is applied when no other reading is left: a past-tense verb follows, so "free" can
    be neither an adjective ("free shipping") nor a verb ("and free them").
    """
    plain = (conversion.written or "").replace(",", "")
    joined = conversion.start and words.joined[conversion.start]
    lead = words.keys[conversion.start - 1] if joined else None
    if not plain.isdigit() or lead not in YEAR_LEAD:
        return None
    misheard = words.keys[conversion.end + 1]
    first = words.token[conversion.start]
    last = words.token[conversion.end + 1]
    start, end = doc.tokens[first].start, doc.tokens[last].end
    after = str(int(plain) + MISHEARD[misheard])
    verb = words.at(conversion.end + 2)
    if verb is not None and past_tense(verb):
        reason = (
            f"a year misheard: {misheard!r} is {MISHEARD[misheard]} (a verb, {verb!r}, follows)"
        )
        return Edit(STEP, start, end, doc.text[start:end], after, reason, confidence=0.9)
    reason = f"a year misheard? {misheard!r} may be {MISHEARD[misheard]} (not applied: check it)"
    return Edit(STEP, start, end, doc.text[start:end], after, reason, confidence=0.3)


def _goes_on_past_a_filler(words: Words, conversion: Conversion) -> bool:
    """Is the phrase one part of a number split by a filler ("twenty uh fourteen")? Its
    parts would be written apart (20 uh 14), a number nobody said: the words stay."""
    start, end = conversion.start, conversion.end
    after = words.at(end) in HESITATIONS and words.at(end + 1) in NUMBER_WORDS
    before = start >= 2 and words.keys[start - 1] in HESITATIONS
    return after or (before and words.keys[start - 2] in NUMBER_WORDS)


def _whole_tokens(words: Words, conversion: Conversion) -> bool:
    """Does the phrase begin and end at token boundaries (not inside "twenty-one")?"""
    start, end = conversion.start, conversion.end
    begins = start == 0 or words.token[start - 1] != words.token[start]
    ends = end == len(words.token) or words.token[end] != words.token[end - 1]
    return begins and ends


def _named(doc: Document, words: Words, conversion: Conversion) -> bool:
    """A capitalised number word inside a sentence is part of a name ("World War Two")."""
    capital = False
    for index in range(conversion.start, conversion.end):
        token = doc.tokens[words.token[index]]
        if token.text[:1].isupper() and any(p in NUMBER_WORDS for p in token.key.split("-")):
            capital = True
            break
    return capital and not _starts_sentence(doc, words.token[conversion.start])


def _starts_sentence(doc: Document, token: int) -> bool:
    """Does the token start a sentence, maybe after fillers ("Um Seventy", "mm Twenty"),
    as it will once the fillers step (``--tidy``) drops them?"""
    while token not in doc.sentence_initial:
        if token == 0 or doc.keys[token - 1] not in HESITATIONS:
            return False
        token -= 1
    return True
