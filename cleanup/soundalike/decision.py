"""The correction decision: whether a span that sounds like a term becomes the term.

This module is where the sound-alike step decides, and nothing else decides for it.
Each candidate's features (``cleanup.soundalike.features``) go through the decision
model (``cleanup.soundalike.model``: a logistic regression trained by ``bench/train.py``
on Earnings-21 calls and the news benchmark); its probability, calibrated on held-out
documents, is the edit's confidence.

* ``decide`` reaches a fixed point: a fix that applies is a mention of its term for the
  term's other candidates (a recogniser that mishears a name once usually mishears it
  again), never for itself or a candidate overlapping it; the candidates are scored
  again until the applied fixes no longer change, so cleaning the output again finds
  nothing new.
* Overlapping candidates are resolved most probable first (``select``).
* A candidate is proposed when its probability is at least ``Params.suggest_floor``; the
  run's ``min_confidence`` draws the line between applied and suggested, here as in the
  pipeline. The presets are operating points on the same model: each gives the
  ``min_confidence`` used when the run sets none (``Params.operating_point``).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from cleanup.soundalike.features import DESCRIPTIONS, MENTIONS, Candidate
from cleanup.soundalike.model import LinearModel

# Confidences are rounded to this many digits in edit records; the line drawn by
# ``min_confidence`` is drawn on the rounded value, as the pipeline draws it.
CONFIDENCE_DIGITS = 4
MAX_ROUNDS = 6  # rounds of the fixed point (it settles in two or three)
REASON_PARTS = 4  # features named in a reason, largest contributions first


@dataclass(frozen=True)
class Params:
    """The engine's settings: how far the search looks, and where the decision draws lines.

    ``max_distance``: phoneme distance per phone of the form; ``max_words``: longest span
    in tokens; ``min_phones``: shortest span in phones; ``suggest_floor``: the least
    probability worth proposing; ``operating_point``: the ``min_confidence`` a preset
    stands for (used when the run sets none).
    """

    max_distance: float = 0.28
    max_words: int = 5
    min_phones: int = 3
    suggest_floor: float = 0.2
    operating_point: float = 0.5


PRESETS: dict[str, Params] = {
    "conservative": Params(operating_point=0.8),
    "default": Params(),
    "aggressive": Params(operating_point=0.3),
    # The default engine, for transcripts read as prose: the tidying steps (fillers,
    # repetitions) run too (see ``cleanup.settings``).
    "clean": Params(),
}
# The preset that turns the tidying steps on.
CLEAN_PRESET = "clean"


def confidence(probability: float) -> float:
    """A probability as edit records carry it: rounded to ``CONFIDENCE_DIGITS`` digits."""
    return round(probability, CONFIDENCE_DIGITS)


@dataclass(frozen=True)
class Judge:
    """What a decision needs besides the candidates: the model, the parameters and the
    run's ``min_confidence``."""

    model: LinearModel
    params: Params
    min_confidence: float


@dataclass(frozen=True)
class Decided:
    """A candidate, its features as last scored (``x``), its probability and the model's
    raw log odds (which order candidates of equal probability)."""

    candidate: Candidate
    x: tuple[float, ...]
    probability: float
    raw: float = 0.0

    @property
    def confidence(self) -> float:
        return confidence(self.probability)


def prior_log_odds(candidate: Candidate) -> float:
    """The entry's prior (1 for a curated entry, less for a gazetteer's) as a shift of the
    log odds by log(prior), Bayes' rule for a term a priori that much less likely. Every
    training entry has prior 1, so the model cannot learn it; it is applied by rule."""
    prior = candidate.form.entry.prior
    return math.log(prior) if 0 < prior < 1 else 0.0


def select(scored: Sequence[Decided]) -> list[Decided]:
    """The most probable candidates that do not overlap, in document order."""
    taken: list[Decided] = []
    used: set[int] = set()
    order = sorted(
        scored, key=lambda d: (-d.probability, -d.raw, d.candidate.first, d.candidate.last)
    )
    for d in order:
        tokens = set(range(d.candidate.first, d.candidate.last + 1))
        if tokens.isdisjoint(used):
            taken.append(d)
            used |= tokens
    return sorted(taken, key=lambda d: d.candidate.first)


Fixes = dict[str, list[tuple[int, int]]]


def _with_fixes(c: Candidate, slot: int | None, fixes: Fixes) -> tuple[float, ...]:
    """The candidate's features with its term's applied fixes elsewhere as mentions."""
    if slot is None:
        return c.x
    others = sum(1 for first, last in fixes.get(c.term, ()) if last < c.first or first > c.last)
    if not others:
        return c.x
    exact = round(2 ** c.x[slot]) - 1
    x = list(c.x)
    x[slot] = math.log2(1 + exact + others)
    return tuple(x)


def _applied(chosen: Sequence[Decided], min_confidence: float) -> Fixes:
    fixes: Fixes = defaultdict(list)
    for d in chosen:
        if d.confidence >= min_confidence:
            fixes[d.candidate.term].append((d.candidate.first, d.candidate.last))
    return dict(fixes)


def decide(candidates: Sequence[Candidate], judge: Judge) -> list[Decided]:
    """The candidates that become edits (applied or suggested), in document order.

    Scored, resolved and scored again with the applied fixes as mentions until those
    fixes settle (at most ``MAX_ROUNDS`` rounds).
    """
    names = judge.model.names
    slot = names.index(MENTIONS) if MENTIONS in names else None
    fixes: Fixes = {}
    chosen: list[Decided] = []
    for _ in range(MAX_ROUNDS):
        scored = []
        for c in candidates:
            x = _with_fixes(c, slot, fixes)
            raw = judge.model.raw_log_odds(x) + prior_log_odds(c)
            scored.append(Decided(c, x, judge.model.calibrated(raw), raw))
        floor = judge.params.suggest_floor
        chosen = select([d for d in scored if d.probability >= floor])
        settled = _applied(chosen, judge.min_confidence)
        if settled == fixes:
            break
        fixes = settled
    return chosen


def evidence(model: LinearModel, x: Sequence[float]) -> list[tuple[str, float]]:
    """The features' contributions to the log odds (natural logs), largest first."""
    parts = zip(model.names, model.contributions(x), strict=True)
    return sorted(((n, v) for n, v in parts if abs(v) >= 0.05), key=lambda p: -abs(p[1]))


def explain(model: LinearModel, x: Sequence[float]) -> str:
    """The evidence in words, largest contributions first, after the baseline (the log
    odds of a candidate with average features, which the contributions move):
    "baseline -6.6; fit in context +1.9; ..."."""
    parts = evidence(model, x)[:REASON_PARTS]
    words = [f"{DESCRIPTIONS.get(name, name)} {value:+.1f}" for name, value in parts]
    return "; ".join([f"baseline {model.intercept:+.1f}", *words])
