"""A small English language model from symspellpy's bundled word and bigram counts.

Unigram counts (82,765 words) and bigram counts (242,342 pairs) ship with symspellpy, so
this works offline with nothing to download. Probabilities use stupid backoff (Brants et
al. 2007): a seen bigram's relative frequency within its first word's row, otherwise
``BACKOFF`` times the unigram probability; a word in neither table gets ``OOV_COUNT``.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

UNIGRAMS = "frequency_dictionary_en_82_765.txt"
BIGRAMS = "frequency_bigramdictionary_en_243_342.txt"
BACKOFF = 0.4
OOV_COUNT = 1_000.0
COMMON_COUNT = 10_000_000  # a word this frequent ("target", "price") is a common word
# English function words (closed classes: articles, pronouns, prepositions, conjunctions,
# auxiliaries and modals, and a few particles). A span of these alone is never a misheard
# name ("of the", "it is"); content words that are merely frequent ("site", "time") may be.
_FUNCTION_WORDS = """a an the this that these those some any each every no all both either neither
    i me my mine we us our ours you your yours he him his she her hers it its they them
    their theirs who whom whose which what where when why how there here
    of to in on at by for from with without into onto upon about above below over under
    between among through during before after since until till against across along
    around near off out up down as than like per via
    and or but nor so yet if then because though although while whether unless
    be am is are was were been being have has had having do does did doing done
    will would shall should can could may might must ought
    not just also too very only even still already again ever never"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
# The counts have no contractions in bigrams: "it's" is read as "it is", "don't" as
# "do not", and a possessive "'s" as the word itself.
SUFFIXES = {"ve": "have", "re": "are", "ll": "will", "d": "would", "m": "am"}
NEGATIONS = {"won't": ("will", "not"), "can't": ("can", "not"), "shan't": ("shall", "not")}
IS_BEFORE_S = frozenset(
    {"it", "that", "there", "here", "what", "he", "she", "who", "where", "how", "let", "this"}
)


def lm_words(token: str) -> tuple[str, ...]:
    """The words of the counts that a written token stands for."""
    word = token.casefold().replace("\u2019", "'")
    if "'" not in word:
        return (word,)
    if word.endswith("n't"):
        return NEGATIONS.get(word, (word[:-3], "not"))
    base, _, suffix = word.rpartition("'")
    if suffix == "s":
        return (base, "is") if base in IS_BEFORE_S else (base,)
    if suffix in SUFFIXES:
        return (base, SUFFIXES[suffix])
    return (word,)


@dataclass(frozen=True)
class LanguageModel:
    unigrams: dict[str, int]
    bigrams: dict[tuple[str, str], int]
    rows: dict[str, int]
    total: int

    def count(self, word: str) -> int:
        return self.unigrams.get(word.casefold(), 0)

    def unigram(self, word: str) -> float:
        return max(self.count(word), OOV_COUNT) / self.total

    def log_bigram(self, previous: str | None, word: str) -> float:
        """log10 P(word | previous) by stupid backoff; ``previous`` None is a sentence start."""
        key = word.casefold()
        if previous is not None:
            first = previous.casefold()
            seen = self.bigrams.get((first, key))
            if seen:
                return math.log10(seen / self.rows[first])
        return math.log10(BACKOFF * self.unigram(key))

    def log_sequence(self, words: Sequence[str], left: str | None, right: str | None) -> float:
        """log10 P of ``words`` between ``left`` and ``right`` (the transitions included)."""
        total = 0.0
        previous = None if left is None else lm_words(left)[-1]
        for token in words:
            for word in lm_words(token):
                total += self.log_bigram(previous, word)
                previous = word
        if right is not None:
            total += self.log_bigram(previous, lm_words(right)[0])
        return total

    def is_word(self, word: str) -> bool:
        return word.casefold() in self.unigrams

    @property
    def function_words(self) -> frozenset[str]:
        """English function words (the, of, and, I, is ...): ``FUNCTION_WORDS``."""
        return FUNCTION_WORDS


def _read_unigrams() -> dict[str, int]:
    counts: dict[str, int] = {}
    with (resources.files("symspellpy") / UNIGRAMS).open(encoding="utf-8") as handle:
        for line in handle:
            word, count = line.split()
            counts[word] = int(count)
    return counts


def _read_bigrams() -> tuple[dict[tuple[str, str], int], dict[str, int]]:
    pairs: dict[tuple[str, str], int] = {}
    rows: dict[str, int] = {}
    with (resources.files("symspellpy") / BIGRAMS).open(encoding="utf-8") as handle:
        for line in handle:
            first, second, count = line.split()
            value = int(count)
            pairs[(first, second)] = value
            rows[first] = rows.get(first, 0) + value
    return pairs, rows


@functools.cache
def english() -> LanguageModel:
    """The bundled English model, read once per process."""
    unigrams = _read_unigrams()
    bigrams, rows = _read_bigrams()
    return LanguageModel(unigrams, bigrams, rows, sum(unigrams.values()))


def load_english(folder: object) -> LanguageModel:
    """The bundled English model (placeholder until the compact cached form lands)."""
    return english()
