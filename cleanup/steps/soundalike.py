"""The ``soundalike`` step: restore lexicon terms the recogniser heard as words that sound alike.

A thin adapter: the search (``cleanup.soundalike.search``) finds candidates, the features
(``cleanup.soundalike.features``) describe them, the decision
(``cleanup.soundalike.decision.decide``) picks the edits, and this step writes them as
edit records.
"""

from __future__ import annotations

from collections import Counter

from cleanup.context import Context
from cleanup.document import Document
from cleanup.edits import Edit
from cleanup.soundalike.decision import Decided, Judge, decide, explain
from cleanup.soundalike.features import Candidate, Known, Sight, vector
from cleanup.soundalike.search import Engine, Scan

STEP = "soundalike"


def candidates(doc: Document, ctx: Context) -> list[Candidate]:
    """Every candidate of the document with its features in the decision model's order
    (empty when the lexicon has nothing to match by sound)."""
    if not ctx.lexicon.entries or not doc.tokens:
        return []
    res = ctx.resources
    index = res.sound_index
    if not index.forms:
        return []
    analysis = ctx.analysis
    anchors = analysis.in_phrases - analysis.in_regrouped
    # Mentions in related documents (--context) count as mentions: the training data has
    # none, so the model could learn no weight of their own for them (docs/design.md §7).
    mentions = Counter(analysis.mentions)
    mentions.update(ctx.related.mentions)
    # The recogniser's word confidences, where the transcript's format gives them
    # (cleanup.formats: Whisper probability, WhisperX score, Deepgram confidence...).
    heard = {i: t.confidence for i, t in enumerate(doc.tokens) if t.confidence is not None}
    known = Known(anchors, mentions, ctx.related.mentions, heard)
    found = list(Scan(doc, Engine(index, res.g2p, ctx.params), anchors).candidates())
    if not found:
        return []
    sight = Sight(doc, res.lm, res.trigram, known, len(ctx.lexicon.entries))
    names = res.model.names
    return [
        Candidate(c.first, c.last, c.form, c.distance, c.phones, vector(sight, c, names))
        for c in found
    ]


def fix_soundalike(doc: Document, ctx: Context) -> list[Edit]:
    found = candidates(doc, ctx)
    if not found:
        return []
    judge = Judge(ctx.resources.model, ctx.params, ctx.min_confidence)
    return [to_edit(doc, d, ctx) for d in decide(found, judge)]


def render(doc: Document, candidate: Candidate) -> str:
    text = candidate.form.text
    first = doc.tokens[candidate.first]
    if candidate.first in doc.sentence_start and first.text[:1].isupper():
        return text[:1].upper() + text[1:]
    return text


def reason(decided: Decided, ctx: Context) -> str:
    c = decided.candidate
    heard = " ".join(c.phones)
    term = " ".join(c.form.phones)
    via = " (a simulated heard form: a hint, only suggested)" if c.form.heard else ""
    return (
        f"sounds like {c.term!r}{via}: /{heard}/ vs /{term}/, distance {c.distance:.2f}; "
        f"evidence (log odds): {explain(ctx.resources.model, decided.x)}; "
        f"probability {decided.probability:.2f}"
    )


def to_edit(doc: Document, decided: Decided, ctx: Context) -> Edit:
    c = decided.candidate
    span = doc.tokens[c.first : c.last + 1]
    start, end = span[0].start, span[-1].end
    entry = c.form.entry
    return Edit(
        STEP,
        start,
        end,
        doc.text[start:end],
        render(doc, c),
        reason(decided, ctx),
        confidence=decided.confidence,
        # A heard form is what a recogniser writes when the term is said, and also when
        # those words are said ("now the error" for Al Jazeera): a hint for review, never
        # an automatic rewrite (its sound distance is to the heard form, so it looks sure).
        tier="review" if c.form.heard else "auto",
        entry=entry.term,
        source=entry.source,
    )
