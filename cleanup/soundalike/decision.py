"""The correction decision: whether a span that sounds like a term becomes the term.

This module is where the sound-alike step decides, and nothing else decides for it:

* ``score``: the evidence for one candidate, in log10 odds of the term over the words
  heard (a noisy channel: how much more probable the term is than the words between their
  neighbours under an English language model, raised by the term's prior, its mentions in
  this document and related ones, context words nearby and unknown heard words, lowered
  in proportion to the phoneme distance and by a fixed cost of change);
* ``confidence``: the score mapped to [0, 1] by the logistic function (score 0 = 0.5);
* ``decide``: which candidates become edits. The run's ``min_confidence`` is the line
  between a fix that is applied and one that is only suggested, here as in the pipeline;
  only the fixes that will be applied count as evidence for the term's other hearings
  (``reinforce``: a recogniser that mishears a name once usually mishears it again).
  What is worth proposing at all is the engine's own floor (``Params.suggest_floor``, a
  score, whatever the threshold): a low threshold applies more of the proposals, a high
  one turns more of them into suggestions, and neither makes noise worth proposing.
  Overlapping candidates are resolved best score first (``select``).

The parameters (``Params``) and their presets are here too; see docs/design.md for how
they were chosen.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from cleanup.soundalike.index import POSSESSIVE, SoundForm, phrase_words
from cleanup.soundalike.langmodel import COMMON_COUNT, LanguageModel
from cleanup.soundalike.phones import Phones

# Confidences are rounded to this many digits in edit records; the line drawn by
# ``min_confidence`` is drawn on the rounded value, as the pipeline draws it.
CONFIDENCE_DIGITS = 4


@dataclass(frozen=True)
class Params:
    """Tunable parameters of the engine; see ``PRESETS`` and docs/design.md.

    The score of a candidate is a sum in log10 units (odds of the term over the words
    heard): ``lm_weight`` x the language-model gain (clipped to +-``lm_clip``), the gain
    from mentions of the term in this and related documents, ``unknown_bonus`` per
    heard word that is in no dictionary, ``context_bonus`` per context word nearby,
    ``letters_bonus`` when the heard words spell the term with other word breaks,
    minus ``distance_weight`` x the normalised phoneme distance beyond ``distance_floor``
    and ``change_cost``.
    """

    max_distance: float = 0.28  # phoneme distance per phone of the form
    distance_weight: float = 14.0  # log10 cost per unit of normalised distance ...
    distance_floor: float = 0.0  # ... beyond this much (G2P noise between homophones)
    change_cost: float = 1.0  # log10 evidence needed before rewriting what was heard
    lm_weight: float = 0.5  # weight of the language-model gain
    lm_clip: float = 6.0  # the language-model gain counts at most this much
    name_probability: float = 1e-6  # P(term) for a curated name unknown to the LM
    mention_weight: float = 0.3  # weight of P(term) from mentions in this document
    related_weight: float = 0.1  # ... and in related documents (--context)
    self_weight: float = 1.0  # ... and of the term's confident fixes elsewhere in it
    unknown_bonus: float = 0.5  # per heard word in no dictionary (ASR garbage)
    context_bonus: float = 0.5  # log10 bonus per context word of the entry nearby
    letters_bonus: float = 2.0  # the heard words spell the term, split or joined otherwise
    max_words: int = 5  # longest transcript span considered
    min_phones: int = 3  # shortest transcript span (in phones) considered
    common_count: int = COMMON_COUNT  # an un-categorised one-word term this frequent: exact only
    suggest_floor: float = -1.5  # scores above this are proposed (applied or suggested)


PRESETS: dict[str, Params] = {
    "conservative": Params(change_cost=1.5, lm_weight=0.4, distance_weight=18.0),
    "default": Params(),
    "aggressive": Params(distance_floor=0.08, max_distance=0.32),
    # The default engine, for transcripts read as prose: the tidying steps (fillers,
    # repetitions) run too (see ``cleanup.settings``).
    "clean": Params(),
}
# The preset that turns the tidying steps on.
CLEAN_PRESET = "clean"


@dataclass(frozen=True)
class Evidence:
    """Why a span should (or should not) become a term: each part of the score."""

    distance: float
    lm_gain: float
    mention_gain: float
    unknown: int
    context_hits: int
    prior: float
    score: float


@dataclass(frozen=True)
class Span:
    """The words heard, their neighbours, and what the document says about the term."""

    words: Sequence[str]
    left: str | None
    right: str | None
    mentions: tuple[float, float]  # rates of exact mentions: this document, related ones
    context_hits: int
    unknown: int
    same_letters: bool = False  # the term's own letters, split or joined differently


def log_term(
    form: SoundForm, left: str | None, lm: LanguageModel, boost: float, params: Params
) -> float:
    """log10 P(term | left word): the LM or a name prior, whichever is larger, plus mentions."""
    words = phrase_words(form.text.removesuffix(POSSESSIVE))
    from_lm = lm.log_sequence(words, left, None)
    prior = math.log10(params.name_probability * form.entry.prior)
    return math.log10(10 ** max(from_lm, prior) + boost)


def lm_gain(form: SoundForm, span: Span, lm: LanguageModel, params: Params) -> float:
    """log10 P(term in context) - log10 P(words heard in context), without mentions."""
    last = phrase_words(form.text)[-1]
    term = log_term(form, span.left, lm, 0.0, params)
    if span.right is not None:
        term += lm.log_bigram(last, span.right)
    return term - lm.log_sequence(span.words, span.left, span.right)


def mention_gain(form: SoundForm, span: Span, lm: LanguageModel, params: Params) -> float:
    boost = span.mentions[0] * params.mention_weight + span.mentions[1] * params.related_weight
    if boost <= 0:
        return 0.0
    plain = log_term(form, span.left, lm, 0.0, params)
    return log_term(form, span.left, lm, boost, params) - plain


def score(form: SoundForm, span: Span, dist: float, lm: LanguageModel, params: Params) -> Evidence:
    """The evidence for rewriting the span as ``form``, each part kept for the reason."""
    gain = max(-params.lm_clip, min(params.lm_clip, lm_gain(form, span, lm, params)))
    mentioned = mention_gain(form, span, lm, params)
    total = (
        params.lm_weight * gain
        + mentioned
        + params.unknown_bonus * min(span.unknown, 1)
        + params.context_bonus * span.context_hits
        + params.letters_bonus * span.same_letters
        - params.distance_weight * max(0.0, dist - params.distance_floor)
        - params.change_cost
    )
    return Evidence(dist, gain, mentioned, span.unknown, span.context_hits, form.entry.prior, total)


def confidence(value: float) -> float:
    """Map a score (log10 odds) to a confidence in [0, 1], rounded to ``CONFIDENCE_DIGITS``
    digits as edit records carry it; a score of 0 maps to 0.5."""
    return round(1.0 / (1.0 + 10 ** (-value)), CONFIDENCE_DIGITS)


@dataclass(frozen=True)
class Candidate:
    """Tokens ``first``..``last`` heard as ``phones`` may be ``form``; ``evidence`` says why."""

    first: int
    last: int
    form: SoundForm
    evidence: Evidence
    phones: Phones
    span: Span


def applies(evidence: Evidence, min_confidence: float) -> bool:
    """Will the pipeline apply an edit with this evidence (its rounded confidence)?"""
    return confidence(evidence.score) >= min_confidence


def select(candidates: Sequence[Candidate]) -> list[Candidate]:
    """The best-scoring candidates that do not overlap, in document order."""
    taken: list[Candidate] = []
    used: set[int] = set()
    for candidate in sorted(candidates, key=lambda c: -c.evidence.score):
        tokens = set(range(candidate.first, candidate.last + 1))
        if tokens.isdisjoint(used):
            taken.append(candidate)
            used |= tokens
    return sorted(taken, key=lambda c: c.first)


@dataclass(frozen=True)
class Judge:
    """What a decision needs besides the candidates: the document's length in tokens, the
    language model, the parameters and the run's ``min_confidence``."""

    words: int
    lm: LanguageModel
    params: Params
    min_confidence: float


def reinforce(candidates: Sequence[Candidate], judge: Judge) -> list[Candidate]:
    """Score again, counting the first round's applied fixes as mentions of their terms.

    A recogniser that mishears a name once usually mishears it again; when one hearing is
    clear, it is evidence for the others (a cache language model over our own fixes).
    """
    params = judge.params
    fixed = Counter(
        c.form.entry.term for c in select(candidates) if applies(c.evidence, judge.min_confidence)
    )
    if not fixed or params.self_weight <= 0:
        return list(candidates)
    again = []
    for c in candidates:
        extra = params.self_weight * fixed[c.form.entry.term] / judge.words
        if extra <= 0:
            again.append(c)
            continue
        here, related = c.span.mentions
        span = replace(c.span, mentions=(here + extra, related))
        evidence = score(c.form, span, c.evidence.distance, judge.lm, params)
        again.append(replace(c, span=span, evidence=evidence))
    return again


def decide(candidates: Sequence[Candidate], judge: Judge) -> list[Candidate]:
    """The candidates that become edits (applied or suggested), in document order.

    The floor is drawn after the self-mentions: a candidate they lift must be found in
    this run, or a second run (where this run's fixes are plain mentions) would find it.
    Only a term with a candidate that applies can be lifted.
    """
    floor = judge.params.suggest_floor
    lifted = {c.form.entry.term for c in candidates if applies(c.evidence, judge.min_confidence)}
    kept = [c for c in candidates if c.evidence.score > floor or c.form.entry.term in lifted]
    kept = reinforce(kept, judge)
    return select([c for c in kept if c.evidence.score > floor])
