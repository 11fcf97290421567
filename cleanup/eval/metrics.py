"""Scoring a transcript against its reference: WER, B-WER/U-WER and lexicon-phrase metrics.

Definitions (README, "Evaluation"):

* Both texts and every lexicon phrase are normalised with whisper's English text
  normalizer (Radford et al. 2022, Appendix C) and split on whitespace; jiwer aligns the
  word sequences (Levenshtein).
* Lexicon phrases are found in each word sequence greedily: longest first, left to
  right, never overlapping. Reference words inside a phrase occurrence are *biased*.
  B-WER counts substituted and deleted biased words plus inserted hypothesis words that
  lie inside a hypothesis phrase occurrence, over the biased reference words; U-WER
  counts the rest over the other reference words (Le et al. 2021).
* A reference occurrence is *recalled* when each of its words is aligned as a match and
  nothing is inserted inside it. A hypothesis occurrence is *correct* when its words are
  matched, word for word, onto a reference occurrence of the same phrase.
* *Cased* recall repeats recall on a light view that keeps case (the tokens of
  ``cleanup.document.WORD_RE``, aligned case-insensitively) and also requires the
  hypothesis words to be exactly a written form from the lexicon.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields

import jiwer
from whisper_normalizer.english import EnglishTextNormalizer

from cleanup.document import WORD_RE
from cleanup.lexicon.model import Lexicon

Phrase = tuple[str, ...]
CACHED_TEXTS = 256

_WHISPER = EnglishTextNormalizer()


@functools.lru_cache(maxsize=CACHED_TEXTS)
def normalize(text: str) -> Phrase:
    """The evaluation words of a text: whisper's English normalization, split on whitespace."""
    return tuple(str(_WHISPER(text)).split())


@functools.lru_cache(maxsize=CACHED_TEXTS)
def light_tokens(text: str) -> Phrase:
    """The words of a text as written (case kept, punctuation between words dropped)."""
    return tuple(WORD_RE.findall(text))


def fold(tokens: Iterable[str]) -> Phrase:
    """The case-insensitive key of light tokens (typographic apostrophes made plain)."""
    return tuple(token.casefold().replace("\u2019", "'") for token in tokens)


def _rate(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@dataclass(frozen=True)
class Counts:
    """What a score is made of; counts add up, so pooled rates come from summed counts."""

    ref_words: int = 0
    hyp_words: int = 0
    substitutions: int = 0
    deletions: int = 0
    insertions: int = 0
    errors: int = 0  # substitutions + deletions + insertions
    biased_words: int = 0
    biased_errors: int = 0
    unbiased_words: int = 0
    unbiased_errors: int = 0
    ref_phrases: int = 0
    recalled: int = 0
    hyp_phrases: int = 0
    correct_hyp_phrases: int = 0
    cased_ref_phrases: int = 0
    cased_recalled: int = 0

    def __add__(self, other: Counts) -> Counts:
        if not isinstance(other, Counts):
            return NotImplemented
        names = [f.name for f in fields(self)]
        return Counts(**{name: getattr(self, name) + getattr(other, name) for name in names})

    @property
    def wer(self) -> float | None:
        return _rate(self.errors, self.ref_words)

    @property
    def b_wer(self) -> float | None:
        return _rate(self.biased_errors, self.biased_words)

    @property
    def u_wer(self) -> float | None:
        return _rate(self.unbiased_errors, self.unbiased_words)

    @property
    def recall(self) -> float | None:
        return _rate(self.recalled, self.ref_phrases)

    @property
    def precision(self) -> float | None:
        return _rate(self.correct_hyp_phrases, self.hyp_phrases)

    @property
    def cased_recall(self) -> float | None:
        return _rate(self.cased_recalled, self.cased_ref_phrases)


@dataclass(frozen=True)
class Metric:
    """One reported rate: its name, label, the counts it divides, and which way is better."""

    name: str
    label: str
    numerator: str
    denominator: str
    lower_is_better: bool

    def value(self, counts: Counts) -> float | None:
        return _rate(getattr(counts, self.numerator), getattr(counts, self.denominator))


METRICS: tuple[Metric, ...] = (
    Metric("wer", "WER", "errors", "ref_words", lower_is_better=True),
    Metric("b_wer", "B-WER", "biased_errors", "biased_words", lower_is_better=True),
    Metric("u_wer", "U-WER", "unbiased_errors", "unbiased_words", lower_is_better=True),
    Metric("recall", "recall", "recalled", "ref_phrases", lower_is_better=False),
    Metric("precision", "precision", "correct_hyp_phrases", "hyp_phrases", lower_is_better=False),
    Metric(
        "cased_recall", "cased recall", "cased_recalled", "cased_ref_phrases", lower_is_better=False
    ),
)


def phrases_from(lexicon: Lexicon) -> list[str]:
    """The biasing phrases of a lexicon: each entry's term and accepted spellings."""
    return [spelling for entry in lexicon.entries for spelling in entry.spellings]


@dataclass(frozen=True, slots=True)
class Occurrence:
    start: int
    end: int
    phrase: Phrase


class PhraseIndex:
    """Phrases (word tuples) by first word, longest first, for greedy matching."""

    def __init__(self, phrases: Iterable[Phrase]) -> None:
        by_first: dict[str, set[Phrase]] = {}
        for phrase in phrases:
            if phrase:
                by_first.setdefault(phrase[0], set()).add(phrase)
        self._by_first = {
            first: sorted(group, key=lambda p: (-len(p), p)) for first, group in by_first.items()
        }

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def find(self, words: Sequence[str]) -> list[Occurrence]:
        """Occurrences in ``words``: greedy, longest first, left to right, non-overlapping."""
        found: list[Occurrence] = []
        at = 0
        while at < len(words):
            phrase = self._longest_at(words, at)
            if phrase is None:
                at += 1
                continue
            found.append(Occurrence(at, at + len(phrase), phrase))
            at += len(phrase)
        return found

    def _longest_at(self, words: Sequence[str], at: int) -> Phrase | None:
        for phrase in self._by_first.get(words[at], ()):
            if tuple(words[at : at + len(phrase)]) == phrase:
                return phrase
        return None


@dataclass(frozen=True)
class Alignment:
    """A word alignment, per word: which reference words match, where insertions fall."""

    ref_match: tuple[int, ...]  # per reference word: the matching hypothesis word, or -1
    hyp_match: tuple[int, ...]  # per hypothesis word: the matching reference word, or -1
    inserted: tuple[int, ...]  # hypothesis words that are insertions
    inserted_before: tuple[int, ...]  # per reference position 0..n: insertions just before it
    substitutions: int
    deletions: int

    def recalled(self, occurrence: Occurrence) -> bool:
        """Every word of a reference span matched, and nothing inserted inside it."""
        span = range(occurrence.start, occurrence.end)
        inner = range(occurrence.start + 1, occurrence.end)
        return all(self.ref_match[i] >= 0 for i in span) and not any(
            self.inserted_before[i] for i in inner
        )

    def onto(self, occurrence: Occurrence) -> int:
        """The reference word a hypothesis span is matched onto word for word, or -1."""
        first = self.hyp_match[occurrence.start]
        if first < 0:
            return -1
        for offset in range(1, occurrence.end - occurrence.start):
            if self.hyp_match[occurrence.start + offset] != first + offset:
                return -1
        return first


def align(reference: Sequence[str], hypothesis: Sequence[str]) -> Alignment:
    """Levenshtein word alignment by jiwer (an empty reference: every word inserted)."""
    ref_match = [-1] * len(reference)
    hyp_match = [-1] * len(hypothesis)
    inserted: list[int] = []
    inserted_before = [0] * (len(reference) + 1)
    substitutions = deletions = 0
    for chunk in _chunks(reference, hypothesis):
        if chunk.type == "equal":
            for offset in range(chunk.ref_end_idx - chunk.ref_start_idx):
                ref_match[chunk.ref_start_idx + offset] = chunk.hyp_start_idx + offset
                hyp_match[chunk.hyp_start_idx + offset] = chunk.ref_start_idx + offset
        elif chunk.type == "insert":
            inserted.extend(range(chunk.hyp_start_idx, chunk.hyp_end_idx))
            inserted_before[chunk.ref_start_idx] += chunk.hyp_end_idx - chunk.hyp_start_idx
        elif chunk.type == "substitute":
            substitutions += chunk.ref_end_idx - chunk.ref_start_idx
        else:
            deletions += chunk.ref_end_idx - chunk.ref_start_idx
    return Alignment(
        tuple(ref_match),
        tuple(hyp_match),
        tuple(inserted),
        tuple(inserted_before),
        substitutions,
        deletions,
    )


def _chunks(reference: Sequence[str], hypothesis: Sequence[str]) -> list[jiwer.AlignmentChunk]:
    if not reference:
        return [jiwer.AlignmentChunk("insert", 0, 0, 0, len(hypothesis))] if hypothesis else []
    output = jiwer.process_words(" ".join(reference), " ".join(hypothesis))
    return list(output.alignments[0])


def _covered(occurrences: Iterable[Occurrence]) -> set[int]:
    return {i for occurrence in occurrences for i in range(occurrence.start, occurrence.end)}


def word_counts(
    alignment: Alignment, ref_occurrences: list[Occurrence], hyp_occurrences: list[Occurrence]
) -> Counts:
    """WER, B-WER and U-WER counts of one alignment."""
    biased = _covered(ref_occurrences)
    biased_hyp = _covered(hyp_occurrences)
    ref_words, errors = len(alignment.ref_match), alignment.ref_match.count(-1)
    biased_errors = sum(alignment.ref_match[i] < 0 for i in biased)
    biased_errors += sum(j in biased_hyp for j in alignment.inserted)
    insertions = len(alignment.inserted)
    return Counts(
        ref_words=ref_words,
        hyp_words=len(alignment.hyp_match),
        substitutions=alignment.substitutions,
        deletions=alignment.deletions,
        insertions=insertions,
        errors=errors + insertions,
        biased_words=len(biased),
        biased_errors=biased_errors,
        unbiased_words=ref_words - len(biased),
        unbiased_errors=errors + insertions - biased_errors,
    )


def phrase_counts(
    alignment: Alignment, ref_occurrences: list[Occurrence], hyp_occurrences: list[Occurrence]
) -> Counts:
    """Phrase recall and precision counts of one alignment."""
    ref_at = {occurrence.start: occurrence.phrase for occurrence in ref_occurrences}
    correct = 0
    for occurrence in hyp_occurrences:
        start = alignment.onto(occurrence)
        correct += start >= 0 and ref_at.get(start) == occurrence.phrase
    return Counts(
        ref_phrases=len(ref_occurrences),
        recalled=sum(alignment.recalled(o) for o in ref_occurrences),
        hyp_phrases=len(hyp_occurrences),
        correct_hyp_phrases=correct,
    )


class Scorer:
    """Scores hypotheses against references for one biasing list of lexicon phrases."""

    def __init__(self, phrases: Sequence[str]) -> None:
        self.phrases = tuple(phrases)
        self._normalized = PhraseIndex(normalize(p) for p in self.phrases)
        written: dict[Phrase, set[Phrase]] = {}
        for phrase in self.phrases:
            tokens = light_tokens(phrase)
            if tokens:
                written.setdefault(fold(tokens), set()).add(tokens)
        self._written: Mapping[Phrase, set[Phrase]] = written
        self._light = PhraseIndex(written)

    def score(self, reference: str, hypothesis: str) -> Counts:
        return self.normalized_counts(reference, hypothesis) + self.cased_counts(
            reference, hypothesis
        )

    def normalized_counts(self, reference: str, hypothesis: str) -> Counts:
        """WER, B-WER, U-WER, recall and precision counts on whisper-normalised words."""
        ref, hyp = normalize(reference), normalize(hypothesis)
        alignment = align(ref, hyp)
        ref_found, hyp_found = self._normalized.find(ref), self._normalized.find(hyp)
        words = word_counts(alignment, ref_found, hyp_found)
        if not self._normalized:
            return words
        return words + phrase_counts(alignment, ref_found, hyp_found)

    def cased_counts(self, reference: str, hypothesis: str) -> Counts:
        """Cased phrase recall counts on the light, case-keeping view."""
        if not self._light:
            return Counts()
        ref = fold(light_tokens(reference))
        hyp_tokens = light_tokens(hypothesis)
        alignment = align(ref, fold(hyp_tokens))
        found = self._light.find(ref)
        cased = 0
        for occurrence in found:
            if alignment.recalled(occurrence):
                span = range(occurrence.start, occurrence.end)
                said = tuple(hyp_tokens[alignment.ref_match[i]] for i in span)
                cased += said in self._written[occurrence.phrase]
        return Counts(cased_ref_phrases=len(found), cased_recalled=cased)
