"""The sound-alike engine: find transcript spans that sound like a lexicon term.

1. **Forms.** Every fuzzy-matchable entry contributes its term, accepted spellings,
   sounds-like respellings and pronunciation overrides, plus a possessive form, each
   with a pronunciation from one G2P (``cleanup.phonetics``).
2. **Retrieval.** Each form's consonant skeleton (vowels and weak sounds dropped,
   voicing merged) and its one-deletion variants are keys of an index; a transcript
   span is looked up by its own skeleton and one-deletion variants, which finds forms
   within about two consonant edits.
3. **Verification.** The weighted phoneme edit distance (``phonetics.distance``),
   divided by the form's length, must be at most ``max_distance``.
4. **Decision in context** (``score``): a noisy-channel comparison of the term and the
   original words in their context under an English language model, with the term's
   probability raised by its prior and by its mentions in this document and related
   ones, minus a cost growing with the phoneme distance and a fixed cost of change.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import pickle
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cleanup.cache import cache_dir
from cleanup.lexicon.match import letters
from cleanup.lexicon.model import Entry, Lexicon
from cleanup.memo import IdentityCache
from cleanup.soundalike.g2p import G2P, default_g2p
from cleanup.soundalike.langmodel import COMMON_COUNT, LanguageModel, english
from cleanup.soundalike.phones import (
    VOWEL_INDEL,
    WEAK_FORMS,
    WEAK_INDEL,
    Phones,
    distance,
    distance_ids,
    encode,
    is_vowel,
    parse,
    skeleton,
)
from cleanup.textio import write_atomic

__all__ = ["distance", "distance_ids", "encode", "letters"]

INDEX_VERSION = 5
# The cheapest edit of a consonant (a weak one: h, w, j) and of a vowel, for bounds.
MIN_CONSONANT_EDIT = WEAK_INDEL
MIN_VOWEL_EDIT = VOWEL_INDEL
POSSESSIVE = "'s"


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
    suggest_floor: float = -1.5  # scores above this (and below 0) become suggestions


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


@dataclass(frozen=True, slots=True)
class SoundForm:
    entry: Entry
    text: str  # what to write for it
    phones: Phones
    key: str  # consonant skeleton
    vowels: int = 0  # how many of the phones are vowels
    ids: tuple[int, ...] = ()  # the phones encoded for ``distance_ids``

    @classmethod
    def of(cls, entry: Entry, text: str, phones: Phones) -> SoundForm:
        vowels = sum(map(is_vowel, phones))
        return cls(entry, text, phones, skeleton(phones), vowels, encode(phones))


@dataclass
class SoundIndex:
    forms: list[SoundForm] = field(default_factory=list)
    keys: dict[str, list[int]] = field(default_factory=dict)
    _found: dict[str, frozenset[int]] = field(default_factory=dict, repr=False)

    def candidates(self, key: str) -> frozenset[int]:
        """Forms whose skeleton is within about two consonant edits of ``key``."""
        found = self._found.get(key)
        if found is None:
            found = frozenset(n for k in lookups(key) for n in self.keys.get(k, ()))
            self._found[key] = found
        return found


FUZZY_KEY = 4  # skeletons this long also match with one consonant more or less


LONG_KEY = 8  # a heard skeleton this long is also looked up with two consonants fewer


def lookups(key: str) -> set[str]:
    """The keys a heard skeleton is looked up by: one deletion, two for a long one (a long
    name heard as several words gathers more consonant edits than a short one)."""
    found = deletions(key)
    if len(key) >= LONG_KEY:
        pairs = itertools.combinations(range(len(key)), 2)
        found.update(key[:i] + key[i + 1 : j] + key[j + 1 :] for i, j in pairs)
    return found


def deletions(key: str) -> set[str]:
    """A skeleton and, when it is long enough to stay specific, its one-deletion variants.

    Short skeletons ("RK" for Iraq) match only exactly: with a deletion they would match a
    large share of all English words, and the distance would have to reject them all.
    """
    variants = {key}
    if len(key) >= FUZZY_KEY:
        variants.update(key[:i] + key[i + 1 :] for i in range(len(key)))
    return variants


def exact_only(entry: Entry, lm: LanguageModel, params: Params, phones: Phones) -> bool:
    """Short terms and common-word terms match exactly only (unless the entry says)."""
    if entry.exact is not None:
        return entry.exact
    letters = sum(c.isalpha() for c in entry.term)
    if letters <= 3 or len(phones) < 4:
        return True
    single = len(entry.term.split()) == 1
    if not single:
        return False
    if entry.term.islower():
        return lm.is_word(entry.term)
    return not entry.category and lm.count(entry.term) >= params.common_count


def _respellings(entry: Entry) -> Iterator[str]:
    yield from entry.spellings
    yield from entry.sounds_like


def forms_of(entry: Entry, g2p: G2P) -> Iterator[SoundForm]:
    """Every pronunciation of an entry, written as the term; each also as a possessive."""
    pronunciations = {g2p.phrase(text) for text in _respellings(entry)}
    pronunciations.update(parse(ipa) for ipa in entry.pronunciation)
    for phones in sorted(pronunciations):
        yield SoundForm.of(entry, entry.term, phones)
        yield SoundForm.of(entry, entry.term + POSSESSIVE, (*phones, "z"))


def build_index(lexicon: Lexicon, g2p: G2P, lm: LanguageModel, params: Params) -> SoundIndex:
    index = SoundIndex()
    g2p.words(word for e in lexicon.entries for text in _respellings(e) for word in _words(text))
    for entry in lexicon.entries:
        if _exact(entry, g2p, lm, params):
            continue
        for form in forms_of(entry, g2p):
            number = len(index.forms)
            index.forms.append(form)
            # A gazetteer's entries (prior below 1) are only found by their own skeleton
            # (or a heard one with a consonant more): weaker evidence, and most of a big index.
            keys = deletions(form.key) if entry.prior >= 1.0 else {form.key}
            for key in keys | dropped_keys(form.text, g2p):
                index.keys.setdefault(key, []).append(number)
    return index


def dropped_keys(text: str, g2p: G2P) -> set[str]:
    """Skeletons of a phrase said without one of its inner weak words ("and", "of"):
    recognisers drop them ("Bed Bath Beyond"), often with more than a consonant."""
    words = _words(text)
    return {
        skeleton(g2p.phrase(" ".join(words[:at] + words[at + 1 :])))
        for at in range(1, len(words) - 1)
        if words[at].casefold() in WEAK_FORMS
    }


def _words(text: str) -> list[str]:
    return text.replace("-", " ").split()


def _exact(entry: Entry, g2p: G2P, lm: LanguageModel, params: Params) -> bool:
    return exact_only(entry, lm, params, g2p.phrase(entry.term))


def fingerprint(lexicon: Lexicon, params: Params) -> str:
    digest = hashlib.sha256(f"{INDEX_VERSION}|{params}".encode())
    for e in lexicon.entries:
        fields = (e.term, e.accepted, e.sounds_like, e.pronunciation, e.exact, e.category)
        digest.update(repr(fields).encode())
    return digest.hexdigest()[:20]


def cached_index(
    lexicon: Lexicon, g2p: G2P, lm: LanguageModel, params: Params, folder: Path | None
) -> SoundIndex:
    """The compiled index, from the disk cache when the lexicon has not changed."""
    path = None if folder is None else folder / f"index-{fingerprint(lexicon, params)}.pickle"
    if path is not None and path.is_file():
        try:
            with path.open("rb") as handle:
                stored = pickle.load(handle)
            return _relink(stored, lexicon)
        except (OSError, pickle.UnpicklingError, EOFError, KeyError, TypeError, ValueError):
            pass
    index = build_index(lexicon, g2p, lm, params)
    if path is not None:
        _store(path, index)
    return index


def _store(path: Path, index: SoundIndex) -> None:
    plain = ([(f.entry.term, f.text, f.phones, f.key) for f in index.forms], index.keys)
    try:
        write_atomic(path, pickle.dumps(plain, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        return


def _relink(
    stored: tuple[list[tuple[str, str, Phones, str]], dict[str, list[int]]], lexicon: Lexicon
) -> SoundIndex:
    by_term = {entry.term: entry for entry in lexicon.entries}
    forms = [SoundForm.of(by_term[t], text, phones) for t, text, phones, _key in stored[0]]
    return SoundIndex(forms, stored[1])


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
    words = _words(form.text.removesuffix(POSSESSIVE))
    from_lm = lm.log_sequence(words, left, None)
    prior = math.log10(params.name_probability * form.entry.prior)
    return math.log10(10 ** max(from_lm, prior) + boost)


def lm_gain(form: SoundForm, span: Span, lm: LanguageModel, params: Params) -> float:
    """log10 P(term in context) - log10 P(words heard in context), without mentions."""
    last = _words(form.text)[-1]
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
    """Map a score (log10 odds) to a confidence in (0, 1); 0 maps to 0.5."""
    return 1.0 / (1.0 + 10 ** (-value))


@dataclass(frozen=True)
class Resources:
    """Everything the step needs for one lexicon, built once per process."""

    index: SoundIndex
    g2p: G2P
    lm: LanguageModel
    params: Params


_RESOURCES: IdentityCache[Resources] = IdentityCache(size=4)


def resources_for(lexicon: Lexicon, params: Params) -> Resources:
    """The compiled index (disk-cached), G2P and language model for a lexicon."""

    def make() -> Resources:
        g2p, lm = default_g2p(), english()
        index = cached_index(lexicon, g2p, lm, params, cache_dir() / "index")
        return Resources(index, g2p, lm, params)

    return _RESOURCES.get((lexicon,), make, params)
