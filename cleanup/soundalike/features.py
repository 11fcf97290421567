"""The features of a sound-alike candidate: everything the decision model weighs.

A candidate is a span of transcript tokens (``first``..``last``) that sounds like a
lexicon form (``cleanup.soundalike.search``). Each feature is one small function of the
candidate and the document's ``Sight`` (what the features read of the document, computed
once), registered by name in ``FEATURES``; the decision model (``decision_model.json``)
lists the names it uses, in its order, and only those are computed.

What used to be hard guards (a span of function words, a word in capitals, the pronoun
"I", punctuation inside a span, a capitalised word that is no dictionary word) are
features here, so that the data decide how much each one counts. Units: counts are
token counts; ``lm_*`` are log10 probability ratios; ``distance`` is the phoneme distance
per phone of the form (``cleanup.soundalike.phones``).

``mentions`` is the one feature the decision changes: it counts the term's exact mentions
in the document plus its applied fixes elsewhere in it, never the candidate's own
(``cleanup.soundalike.decision``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise

from cleanup.document import Document
from cleanup.lexicon.forms import letters
from cleanup.soundalike.index import POSSESSIVE, SoundForm, phrase_words
from cleanup.soundalike.langmodel import LanguageModel
from cleanup.soundalike.phones import Phones
from cleanup.soundalike.trigram import SENTENCE_END, SENTENCE_START, TrigramModel

CONTEXT_WINDOW = 12  # tokens either side searched for an entry's context words
MAX_CONTEXT_HITS = 2
MAX_COUNT = 2  # counted features (unknown words, capitals) saturate here
LM_CLIP = 10.0  # a language-model gain counts at most this much either way (log10)
PRONOUN_I = frozenset({"i", "i'm", "i'd", "i'll", "i've"})


@dataclass(frozen=True)
class Known:
    """What the document and the run say about terms, besides the candidate.

    ``anchors``: token indices of exact lexicon mentions (never rewritten); ``mentions``
    and ``related``: how often each term is mentioned exactly in this document and in the
    related ones (``--context``); ``confidence``: the recogniser's word confidence per
    token index, in [0, 1], where the transcript format gives one.
    """

    anchors: frozenset[int] = frozenset()
    mentions: Mapping[str, int] = field(default_factory=dict)
    related: Mapping[str, int] = field(default_factory=dict)
    confidence: Mapping[int, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Candidate:
    """Tokens ``first``..``last``, heard as ``phones``, may be ``form`` (at ``distance``
    per phone); ``x`` holds its features in the model's order."""

    first: int
    last: int
    form: SoundForm
    distance: float
    phones: Phones
    x: tuple[float, ...] = ()

    @property
    def term(self) -> str:
        return self.form.entry.term


class Sight:
    """What the features read of one document, computed once per document; ``terms`` is
    how many terms the run's lexicon has."""

    def __init__(
        self, doc: Document, lm: LanguageModel, trigram: TrigramModel, known: Known, terms: int = 1
    ) -> None:
        self.doc, self.lm, self.trigram, self.known = doc, lm, trigram, known
        self.terms = terms
        self.keys = doc.keys
        glue = lm.function_words
        self.function = [key in glue for key in self.keys]
        self.dictionary = [lm.is_word(t.text) for t in doc.tokens]
        shouted = doc_shouted(doc, known.anchors)
        self.capitals = [
            not shouted and len(t.text) >= 2 and t.text.isupper() and key not in PRONOUN_I
            for t, key in zip(doc.tokens, self.keys, strict=True)
        ]
        initial = doc.sentence_initial
        self.name_like = [
            t.text[:1].isupper() and i not in initial and not self.dictionary[i]
            for i, t in enumerate(doc.tokens)
        ]

    @cached_property
    def punctuated(self) -> list[bool]:
        """Per token: is there punctuation between it and the next token?"""
        tokens, text = self.doc.tokens, self.doc.text
        return [bool(text[a.end : b.start].strip()) for a, b in pairwise(tokens)] + [False]

    def history(self, first: int) -> list[str]:
        """Up to two words before token ``first`` in its sentence (``<s>`` at its start)."""
        starts = self.doc.sentence_start
        words: list[str] = []
        index = first
        while len(words) < 2:
            if index in starts or index == 0:
                words.insert(0, SENTENCE_START)
                break
            index -= 1
            words.insert(0, self.keys[index])
        return words

    def following(self, last: int) -> str:
        """The word after token ``last`` in its sentence (``</s>`` at its end)."""
        after = last + 1
        if after >= len(self.keys) or after in self.doc.sentence_start:
            return SENTENCE_END
        return self.keys[after]

    def heard(self, c: Candidate) -> list[str]:
        return list(self.keys[c.first : c.last + 1])


def doc_shouted(doc: Document, anchors: frozenset[int]) -> bool:
    """Is the text written in capitals? Judged on the words that are no lexicon mention."""
    tokens = (t.text for i, t in enumerate(doc.tokens) if i not in anchors)
    found = [c for text in tokens for c in text if c.isalpha()]
    return bool(found) and sum(c.isupper() for c in found) > 0.8 * len(found)


def term_words(form: SoundForm) -> list[str]:
    """The words of the form as the language model knows them (case-folded)."""
    return [w.casefold() for w in phrase_words(form.text.removesuffix(POSSESSIVE))]


def _clip(value: float) -> float:
    return max(-LM_CLIP, min(LM_CLIP, value))


def lm_gain(s: Sight, c: Candidate) -> float:
    """log10 P(term | two words before, and the word after) - the same for the words
    heard (trigram model; a word it does not know scores a floor)."""
    left, right = s.history(c.first), [s.following(c.last)]
    term = s.trigram.log_sequence(term_words(c.form), left, right)
    return _clip(term - s.trigram.log_sequence(s.heard(c), left, right))


def lm_bigram(s: Sight, c: Candidate) -> float:
    """The same gain under the bigram counts (the engine's first model; for the ablation)."""
    left = None if c.first in s.doc.sentence_start or c.first == 0 else s.keys[c.first - 1]
    after = s.following(c.last)
    right = None if after == SENTENCE_END else after
    term = s.lm.log_sequence(term_words(c.form), left, right)
    return _clip(term - s.lm.log_sequence(s.heard(c), left, right))


def heard_rarity(s: Sight, c: Candidate) -> float:
    """log10 unigram probability of the rarest word heard (trigram model)."""
    return min(s.trigram.log_prob(w) for w in s.heard(c))


def term_rarity(s: Sight, c: Candidate) -> float:
    """Mean log10 unigram probability of the term's words (a name unknown: the floor)."""
    words = term_words(c.form)
    return sum(s.trigram.log_prob(w) for w in words) / len(words)


def _count(flags: list[bool], c: Candidate) -> float:
    return float(min(sum(flags[c.first : c.last + 1]), MAX_COUNT))


def function_all(s: Sight, c: Candidate) -> float:
    return float(all(s.function[c.first : c.last + 1]))


def function_edge(s: Sight, c: Candidate) -> float:
    """The span starts or ends with a function word ("a rock", "Iraq and")."""
    return float(s.function[c.first] or s.function[c.last])


def capitals(s: Sight, c: Candidate) -> float:
    return _count(s.capitals, c)


def pronoun_i(s: Sight, c: Candidate) -> float:
    return float(any(k in PRONOUN_I for k in s.keys[c.first : c.last + 1]))


def name_as_written(s: Sight, c: Candidate) -> float:
    return _count(s.name_like, c)


def unknown_heard(s: Sight, c: Candidate) -> float:
    return float(min(sum(not k for k in s.dictionary[c.first : c.last + 1]), MAX_COUNT))


def sentence_start(s: Sight, c: Candidate) -> float:
    return float(c.first in s.doc.sentence_initial)


def punct_inside(s: Sight, c: Candidate) -> float:
    return float(sum(s.punctuated[c.first : c.last]))


def heard_words(s: Sight, c: Candidate) -> float:
    return float(c.last - c.first + 1)


def term_length(s: Sight, c: Candidate) -> float:
    return float(len(term_words(c.form)))


def distance(s: Sight, c: Candidate) -> float:
    return c.distance


def mentions(s: Sight, c: Candidate) -> float:
    """log2(1 + exact mentions of the term in the document); the decision adds fixes."""
    return math.log2(1 + s.known.mentions.get(c.term, 0))


def lexicon_size(s: Sight, c: Candidate) -> float:
    """log10 of the number of terms in the run's lexicon: the more terms, the more spans
    match one by accident while the recogniser's real errors stay as many, so the less
    any one candidate is worth (a base rate, the same for every candidate of a run). It
    reads the lexicon, not the text, so cleaning the output again sees the same value."""
    return math.log10(max(s.terms, 1))


def related(s: Sight, c: Candidate) -> float:
    return math.log2(1 + s.known.related.get(c.term, 0))


def prior(s: Sight, c: Candidate) -> float:
    return math.log10(c.form.entry.prior)


def context_words(s: Sight, c: Candidate) -> float:
    words = {w.casefold() for w in c.form.entry.context}
    if not words:
        return 0.0
    low = max(0, c.first - CONTEXT_WINDOW)
    high = min(len(s.keys), c.last + CONTEXT_WINDOW + 1)
    hits = sum(s.keys[i] in words for i in range(low, high) if not c.first <= i <= c.last)
    return float(min(hits, MAX_CONTEXT_HITS))


def same_letters(s: Sight, c: Candidate) -> float:
    heard = " ".join(t.text for t in s.doc.tokens[c.first : c.last + 1])
    return float(letters(heard) == letters(c.form.text))


def heard_form(s: Sight, c: Candidate) -> float:
    """The span sounds like one of the term's simulated heard forms (a hint)."""
    return float(c.form.heard)


def term_is_word(s: Sight, c: Candidate) -> float:
    return float(all(s.lm.is_word(w) for w in term_words(c.form)))


def asr_doubt(s: Sight, c: Candidate) -> float:
    """1 - the recogniser's lowest word confidence in the span (0 where none is given)."""
    given = [s.known.confidence[i] for i in range(c.first, c.last + 1) if i in s.known.confidence]
    return 1.0 - min(given) if given else 0.0


def has_confidence(s: Sight, c: Candidate) -> float:
    return float(any(i in s.known.confidence for i in range(c.first, c.last + 1)))


Feature = Callable[[Sight, Candidate], float]
FEATURES: dict[str, Feature] = {
    "distance": distance,
    "lm_gain": lm_gain,
    "lm_bigram": lm_bigram,
    "heard_words": heard_words,
    "term_words": term_length,
    "unknown_heard": unknown_heard,
    "heard_rarity": heard_rarity,
    "term_rarity": term_rarity,
    "term_is_word": term_is_word,
    "function_all": function_all,
    "function_edge": function_edge,
    "capitals": capitals,
    "pronoun_i": pronoun_i,
    "name_as_written": name_as_written,
    "sentence_start": sentence_start,
    "punct_inside": punct_inside,
    "mentions": mentions,
    "lexicon_size": lexicon_size,
    "related": related,
    "prior": prior,
    "context_words": context_words,
    "same_letters": same_letters,
    "heard_form": heard_form,
    "asr_doubt": asr_doubt,
    "has_confidence": has_confidence,
}
# The feature the decision recomputes with the run's own fixes.
MENTIONS = "mentions"

# How a reason names each feature's evidence.
DESCRIPTIONS: dict[str, str] = {
    "distance": "sound distance",
    "lm_gain": "fit in context (trigram LM)",
    "lm_bigram": "fit in context (bigram LM)",
    "heard_words": "words heard",
    "term_words": "words in the term",
    "unknown_heard": "heard words in no dictionary",
    "heard_rarity": "how rare the heard words are",
    "term_rarity": "how rare the term is",
    "term_is_word": "the term is a dictionary word",
    "function_all": "only function words heard",
    "function_edge": "a function word at the span's edge",
    "capitals": "words in capitals heard",
    "pronoun_i": "the pronoun I heard",
    "name_as_written": "a name as written heard",
    "sentence_start": "at a sentence start",
    "punct_inside": "punctuation inside the span",
    "mentions": "mentions and fixes elsewhere",
    "lexicon_size": "terms in the lexicon",
    "related": "mentions in related documents",
    "prior": "the entry's prior",
    "context_words": "the entry's context words nearby",
    "same_letters": "the same letters, other word breaks",
    "heard_form": "a simulated heard form",
    "asr_doubt": "the recogniser's doubt",
    "has_confidence": "word confidences given",
}


def vector(sight: Sight, candidate: Candidate, names: tuple[str, ...]) -> tuple[float, ...]:
    """The candidate's features, in the order of ``names``.

    Raises KeyError for a name that is not in ``FEATURES``.
    """
    return tuple(FEATURES[name](sight, candidate) for name in names)
