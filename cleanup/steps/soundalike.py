"""The ``soundalike`` step: restore lexicon terms the recogniser heard as words that sound alike.

A thin adapter: the search (``cleanup.soundalike.search``) finds and scores candidates,
the decision (``cleanup.soundalike.decision.decide``) picks the edits, and this step
writes them as edit records.
"""

from __future__ import annotations

from collections.abc import Sequence

from cleanup.context import Context
from cleanup.document import Document, Token
from cleanup.edits import Edit
from cleanup.soundalike.decision import Candidate, Judge, confidence, decide
from cleanup.soundalike.search import Engine, Known, Scan

STEP = "soundalike"


def fix_soundalike(doc: Document, ctx: Context) -> list[Edit]:
    if not ctx.lexicon.entries or not doc.tokens:
        return []
    res = ctx.resources
    index = res.sound_index(ctx.params)
    if not index.forms:
        return []
    analysis = ctx.analysis
    known = Known(
        anchors=analysis.in_phrases - analysis.in_regrouped,
        mentions=analysis.mentions,
        related=ctx.related.mentions,
        related_words=ctx.related.words,
    )
    scan = Scan(doc, Engine(index, res.g2p, res.lm, ctx.params), known)
    judge = Judge(scan.total_words, res.lm, ctx.params, ctx.min_confidence)
    return [to_edit(doc, c) for c in decide(list(scan.candidates()), judge)]


def render(doc: Document, candidate: Candidate) -> str:
    text = candidate.form.text
    first = doc.tokens[candidate.first]
    if candidate.first in doc.sentence_start and first.text[:1].isupper():
        return text[:1].upper() + text[1:]
    return text


def reason(doc: Document, candidate: Candidate, span: Sequence[Token]) -> str:
    e = candidate.evidence
    heard = " ".join(candidate.phones)
    term = " ".join(candidate.form.phones)
    parts = [
        f"sounds like {candidate.form.entry.term!r}: /{heard}/ vs /{term}/",
        f"distance {e.distance:.2f}",
        f"context gain {e.lm_gain:+.1f}",
    ]
    if e.mention_gain:
        parts.append(f"mentions elsewhere {e.mention_gain:+.1f}")
    if e.unknown:
        parts.append(f"{e.unknown} heard word(s) in no dictionary")
    if e.context_hits:
        parts.append(f"{e.context_hits} context word(s) nearby")
    if candidate.span.same_letters:
        parts.append("the same letters with other word breaks")
    if e.prior != 1.0:
        parts.append(f"prior {e.prior:g}")
    parts.append(f"score {e.score:+.1f}")
    return "; ".join(parts)


def to_edit(doc: Document, candidate: Candidate) -> Edit:
    span = doc.tokens[candidate.first : candidate.last + 1]
    start, end = span[0].start, span[-1].end
    entry = candidate.form.entry
    return Edit(
        STEP,
        start,
        end,
        doc.text[start:end],
        render(doc, candidate),
        reason(doc, candidate, span),
        confidence=confidence(candidate.evidence.score),
        entry=entry.term,
        source=entry.source,
    )
