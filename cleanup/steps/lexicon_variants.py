"""The ``lexicon-variants`` step: a lexicon's listed variants rewritten to the term.

Also the forms derived from a term (an ampersand initialism heard letter by letter, "&"
for "and"; ``cleanup.lexicon.forms``), and a suggestion to split a lexicon name glued to
a word (``cleanup.lexicon.glued``).
"""

from __future__ import annotations

from cleanup.context import Context, Resources
from cleanup.document import Document, Token
from cleanup.edits import Edit
from cleanup.lexicon.case import capital_at, render
from cleanup.lexicon.glued import GluedTables, glued_tables, split_glued
from cleanup.lexicon.match import PhraseMatch
from cleanup.lexicon.model import Entry
from cleanup.soundalike.langmodel import LanguageModel

STEP = "lexicon-variants"


def fix_variants(doc: Document, ctx: Context) -> list[Edit]:
    matches = ctx.analysis.phrases
    edits = [_variant_edit(doc, match) for match in matches if match.form.kind == "variant"]
    written = {m.form.entry.term for m in matches if m.form.kind == "spelling"}
    for match in matches:
        mentioned = match.form.entry.term in written
        if match.form.kind == "spoken" and spelled_out(doc, match, mentioned, ctx.resources.lm):
            edits.append(_spoken_edit(doc, match, mentioned))
        elif match.form.kind == "ampersand":
            edits.append(_ampersand_edit(doc, match))
    return edits + glued_edits(doc, ctx)


def _variant_edit(doc: Document, match: PhraseMatch) -> Edit:
    entry = match.form.entry
    written = doc.text[match.start : match.core_end]
    after = (
        render(entry.term, written, capital_at(doc, match.first, written), entry.case)
        + match.suffix
    )
    before = doc.text[match.start : match.end]
    return Edit(
        STEP,
        match.start,
        match.end,
        before,
        after,
        reason=f"{match.form.text!r} is a listed variant of {entry.term!r}",
        confidence=0.95,
        entry=entry.term,
        source=entry.source,
    )


def glued(res: Resources) -> GluedTables:
    """The run's glued-split tables (built once, through ``Resources.get``)."""
    return glued_tables(res.lexicon, res.lm.is_word)


def glued_edits(doc: Document, ctx: Context) -> list[Edit]:
    """A word in no dictionary that is a lexicon name run together with a dictionary word:
    "buybuybaby" -> "buybuy baby". A term that is itself a word ("Aero", "Micro") is left
    glued: English compounds with it ("Aeromexico", "microfinance"). So is a word of a
    lexicon phrase: split off, it would start a match that only a second run would see
    ("AcelRxislamic state")."""
    tables = ctx.resources.get(glued)
    if not tables.names:
        return []
    lm = ctx.resources.lm
    taken = ctx.analysis.in_phrases
    edits = []
    for index, token in enumerate(doc.tokens):
        text = token.text
        if index in taken or not text.isalpha() or lm.is_word(text):
            continue
        if text.casefold() in tables.whole:  # another term, spelled apart ("Omni-channel")
            continue
        split = split_glued(
            text, tables.names, lambda w: lm.is_word(w) and w.casefold() not in tables.phrase_words
        )
        if split is not None:
            first, second, entry = split
            edits.append(_glued_edit(token, f"{first} {second}", entry))
    return edits


def _glued_edit(token: Token, after: str, entry: Entry) -> Edit:
    return Edit(
        STEP,
        token.start,
        token.end,
        token.text,
        after,
        reason=f"{token.text!r} is the term {entry.term!r} run together with a word",
        confidence=0.9,
        # a suggestion: the split makes a new word that other steps would judge in a
        # second run ("IraqiRaqqa" -> "Iraqi Raqqa"), so applying it could not be idempotent
        tier="review",
        entry=entry.term,
        source=entry.source,
    )


def _ampersand_edit(doc: Document, match: PhraseMatch) -> Edit:
    reason = f"'&' and 'and' are one word; the lexicon writes {match.form.entry.term!r}"
    return _term_edit(doc, match, reason, 0.95)


def _term_edit(doc: Document, match: PhraseMatch, reason: str, confidence: float) -> Edit:
    """The matched words (and any possessive) rewritten as the entry's term."""
    entry = match.form.entry
    return Edit(
        STEP,
        match.start,
        match.end,
        doc.text[match.start : match.end],
        entry.term + match.suffix,
        reason=reason,
        confidence=confidence,
        entry=entry.term,
        source=entry.source,
    )


# A letter run this short ("QA", "MA") is often an initialism of its own: rewritten only
# when the document also writes the term itself.
SHORT_INITIALISM = 2


def spelled_out(doc: Document, match: PhraseMatch, mentioned: bool, lm: LanguageModel) -> bool:
    """Letters heard one by one: in capitals ("SGNA"; "Sgna" at a sentence start), or in
    no dictionary ("sgna"); a run as short as "QA" only in capitals, where the text
    writes the term too."""
    written = doc.text[match.start : match.core_end]
    capitals = written.isupper() or (match.first in doc.sentence_initial and written.istitle())
    if len(match.form.text) <= SHORT_INITIALISM:
        return mentioned and capitals
    return capitals or not lm.is_word(written)


def _spoken_edit(doc: Document, match: PhraseMatch, mentioned: bool) -> Edit:
    term = match.form.entry.term
    evidence = f"; {term!r} is written elsewhere in the text" if mentioned else ""
    reason = f"{match.form.text!r} is {term!r} heard letter by letter{evidence}"
    return _term_edit(doc, match, reason, 0.9)
