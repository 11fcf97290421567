"""The ``lexicon-case`` step: the case of lexicon terms repaired by each entry's case policy."""

from __future__ import annotations

from cleanup.context import Context
from cleanup.document import Document
from cleanup.edits import Edit
from cleanup.lexicon.case import capital_at, case_allowed, render
from cleanup.lexicon.match import PhraseMatch
from cleanup.lexicon.model import Entry
from cleanup.soundalike.langmodel import COMMON_COUNT, LanguageModel

STEP = "lexicon-case"


def fix_case(doc: Document, ctx: Context) -> list[Edit]:
    edits = []
    regrouped = ctx.analysis.in_regrouped  # the sound-alike step decides those
    for match in ctx.analysis.phrases:
        if match.form.kind == "spelling" and match.first not in regrouped:
            edit = _case_edit(doc, match, ctx)
            if edit is not None:
                edits.append(edit)
    return edits


def common_word(written: str, entry: Entry, lm: LanguageModel) -> bool:
    """A lower-case common word ("of") where the entry is not curated (a gazetteer's,
    with a prior below 1): left as written, not case-repaired.
    """
    if not written.islower() or entry.exact is False or entry.prior >= 1.0:
        return False
    return lm.count(written) >= COMMON_COUNT


def _case_edit(doc: Document, match: PhraseMatch, ctx: Context) -> Edit | None:
    form, entry = match.form, match.form.entry
    written = doc.text[match.start : match.core_end]
    initial = match.first in doc.sentence_initial
    if case_allowed(written, form.text, initial, entry.case):
        return None
    if common_word(written, entry, ctx.resources.lm):
        return None
    after = render(form.text, written, capital_at(doc, match.first, written), entry.case)
    return Edit(
        STEP,
        match.start,
        match.core_end,
        written,
        after,
        reason=f"{written!r} is written {form.text!r} here (lexicon case policy {entry.case!r})",
        confidence=0.9,
        entry=entry.term,
        source=entry.source,
    )
