"""Exact lexicon steps: known variants rewritten, and the case of known terms repaired."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cleanup.document import Document, Token
from cleanup.edits import Edit
from cleanup.lexicon.match import PhraseMatch, find_phrases, in_regrouped, letters
from cleanup.lexicon.model import CasePolicy, Entry, Lexicon
from cleanup.memo import IdentityCache, per_document
from cleanup.soundalike.langmodel import COMMON_COUNT, english
from cleanup.steps.base import Context

VARIANT_STEP = "lexicon-variants"
CASE_STEP = "lexicon-case"


def is_shouted(written: str) -> bool:
    letters = [c for c in written if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def render(form: str, written: str, capital: bool, policy: CasePolicy) -> str:
    """Write ``form`` the way the context asks: a sentence-initial capital, or all capitals."""
    if policy == "exact":
        return form
    if is_shouted(written) and not is_shouted(form):
        return form.upper()
    if capital:
        return capitalise(form)
    return form


def _initial(doc: Document, match: PhraseMatch) -> bool:
    return match.first in doc.sentence_initial


def _capital(doc: Document, match: PhraseMatch, written: str) -> bool:
    """Does a rewrite here start with a capital? At a sentence start by punctuation, or
    where a sentence may start (a line break) and the writer put one."""
    if match.first in doc.sentence_start:
        return True
    return _initial(doc, match) and written[:1].isupper()


def _variant_edit(doc: Document, match: PhraseMatch) -> Edit:
    entry = match.form.entry
    written = doc.text[match.start : match.core_end]
    after = render(entry.term, written, _capital(doc, match, written), entry.case) + match.suffix
    before = doc.text[match.start : match.end]
    return Edit(
        VARIANT_STEP,
        match.start,
        match.end,
        before,
        after,
        reason=f"{match.form.text!r} is a listed variant of {entry.term!r}",
        confidence=0.95,
        entry=entry.term,
        source=entry.source,
    )


@per_document
def fix_variants(doc: Document, ctx: Context) -> list[Edit]:
    matches = list(find_phrases(doc, ctx.lexicon))
    edits = [_variant_edit(doc, match) for match in matches if match.form.kind == "variant"]
    written = {m.form.entry.term for m in matches if m.form.kind == "spelling"}
    for match in matches:
        mentioned = match.form.entry.term in written
        if match.form.kind == "spoken" and spelled_out(doc, match, mentioned):
            edits.append(_spoken_edit(doc, match, mentioned))
        elif match.form.kind == "ampersand":
            edits.append(_ampersand_edit(doc, match))
    return edits + glued_edits(doc, ctx, matches)


# A term glued to a word ("buybuybaby"): both parts at least this long.
GLUED_TERM, GLUED_WORD = 4, 3


@dataclass(frozen=True)
class GluedTables:
    """What the glued split looks words up in, built once per lexicon."""

    names: dict[str, Entry]  # a one-word spelling in no dictionary, folded -> its entry
    whole: frozenset[str]  # the letters of every form ("omnichannel")
    phrase_words: frozenset[str]  # every word of every lexicon phrase


def _glued_tables(lexicon: Lexicon) -> GluedTables:
    lm = english()
    names = {
        form.text.casefold(): form.entry
        for form in lexicon.index.values()
        if form.kind == "spelling"
        and form.text.isalpha()
        and len(form.text) >= GLUED_TERM
        and not lm.is_word(form.text)
    }
    whole = frozenset(letters(form.text) for form in lexicon.index.values())
    return GluedTables(names, whole, frozenset(word for key in lexicon.index for word in key))


_GLUED: IdentityCache[GluedTables] = IdentityCache(size=4)


def glued_edits(doc: Document, ctx: Context, matches: list[PhraseMatch]) -> list[Edit]:
    """A word in no dictionary that is a lexicon name run together with a dictionary word:
    "buybuybaby" -> "buybuy baby". A term that is itself a word ("Aero", "Micro") is left
    glued: English compounds with it ("Aeromexico", "microfinance"). So is a word of a
    lexicon phrase: split off, it would start a match that only a second run would see
    ("AcelRxislamic state")."""
    tables = _GLUED.get((ctx.lexicon,), lambda: _glued_tables(ctx.lexicon))
    if not tables.names:
        return []
    lm = english()
    taken = {i for m in matches for i in range(m.first, m.last + 1)}
    edits = []
    for index, token in enumerate(doc.tokens):
        text = token.text
        if index in taken or not text.isalpha() or lm.is_word(text):
            continue
        if text.casefold() in tables.whole:  # another term, spelled apart ("Omni-channel")
            continue
        split = _glued(
            text, tables.names, lambda w: lm.is_word(w) and w.casefold() not in tables.phrase_words
        )
        if split is not None:
            first, second, entry = split
            edits.append(_glued_edit(token, f"{first} {second}", entry))
    return edits


def _glued(
    text: str, spelled: dict[str, Entry], is_word: Callable[[str], bool]
) -> tuple[str, str, Entry] | None:
    """(term part, word part, entry) when ``text`` is a term and a word glued, either way."""
    folded = text.casefold()
    for cut in range(GLUED_TERM, len(text) - GLUED_WORD + 1):
        entry = spelled.get(folded[:cut])
        if entry is not None and is_word(text[cut:]):
            return entry.term, text[cut:], entry
    for cut in range(GLUED_WORD, len(text) - GLUED_TERM + 1):
        entry = spelled.get(folded[cut:])
        if entry is not None and is_word(text[:cut]):
            return text[:cut], entry.term, entry
    return None


def _glued_edit(token: Token, after: str, entry: Entry) -> Edit:
    return Edit(
        VARIANT_STEP,
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
        VARIANT_STEP,
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


def spelled_out(doc: Document, match: PhraseMatch, mentioned: bool) -> bool:
    """Letters heard one by one: in capitals ("SGNA"; "Sgna" at a sentence start), or in
    no dictionary ("sgna"); a run as short as "QA" only in capitals, where the text
    writes the term too."""
    written = doc.text[match.start : match.core_end]
    capitals = written.isupper() or (match.first in doc.sentence_initial and written.istitle())
    if len(match.form.text) <= SHORT_INITIALISM:
        return mentioned and capitals
    return capitals or not english().is_word(written)


def _spoken_edit(doc: Document, match: PhraseMatch, mentioned: bool) -> Edit:
    term = match.form.entry.term
    evidence = f"; {term!r} is written elsewhere in the text" if mentioned else ""
    reason = f"{match.form.text!r} is {term!r} heard letter by letter{evidence}"
    return _term_edit(doc, match, reason, 0.9)


def case_allowed(written: str, form: str, initial: bool, policy: CasePolicy) -> bool:
    """Is ``written`` an acceptable way to write ``form`` under the entry's case policy?"""
    if written == form or policy == "any":
        return True
    if policy == "exact":
        return False
    return is_shouted(written) or (initial and written == capitalise(form))


def common_word(written: str, entry: Entry) -> bool:
    """A lower-case common word ("of") where the entry is not curated (a gazetteer's,
    with a prior below 1): left as written, not case-repaired.
    """
    if not written.islower() or entry.exact is False or entry.prior >= 1.0:
        return False
    return english().count(written) >= COMMON_COUNT


def _case_edit(doc: Document, match: PhraseMatch) -> Edit | None:
    form, entry = match.form, match.form.entry
    written = doc.text[match.start : match.core_end]
    initial = _initial(doc, match)
    if case_allowed(written, form.text, initial, entry.case) or common_word(written, entry):
        return None
    after = render(form.text, written, _capital(doc, match, written), entry.case)
    return Edit(
        CASE_STEP,
        match.start,
        match.core_end,
        written,
        after,
        reason=f"{written!r} is written {form.text!r} here (lexicon case policy {entry.case!r})",
        confidence=0.9,
        entry=entry.term,
        source=entry.source,
    )


@per_document
def fix_case(doc: Document, ctx: Context) -> list[Edit]:
    edits = []
    regrouped = in_regrouped(doc, ctx.lexicon)  # the sound-alike step decides those
    for match in find_phrases(doc, ctx.lexicon):
        if match.form.kind == "spelling" and match.first not in regrouped:
            edit = _case_edit(doc, match)
            if edit is not None:
                edits.append(edit)
    return edits
