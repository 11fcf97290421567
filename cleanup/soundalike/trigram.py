"""A trigram language model of US English: pocketsphinx's ``en-us.lm.bin``.

The CMU Sphinx US English model (BSD licence) that the ``pocketsphinx`` wheel ships:
72,000 words, 2.05 million bigrams and 1.67 million trigrams with back-off weights, in
sphinxbase's binary trie format, memory-mapped by the library (loads in about 0.05 s).
Probabilities are read through pocketsphinx's ``NGramModel.prob``, never with more than
three words (its wrapper allocates too little memory beyond that), and given here in log10.

Words are case-folded. A word the model does not know (most names) gets ``UNKNOWN_LOG10``
instead of the model's own floor (a log10 of about -23,000, a probability of practically
0), so that the lexicon, not the language model, decides for a name: the comparison is
then between the context's fit and the name's prior.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

# log10 P(word | history) for a word the model does not know.
UNKNOWN_LOG10 = -6.0
# The model's own score for an unknown word is its floor; anything below this is unknown.
KNOWN_FLOOR_LOG10 = -50.0
LOG10_BASE = math.log10(1.0001)  # sphinxbase scores are in logs to the base 1.0001
SENTENCE_START = "<s>"
SENTENCE_END = "</s>"
MAX_REMEMBERED = 200_000  # remembered scores per model; the memo starts afresh when full


def model_path() -> str:
    """Where the ``pocketsphinx`` wheel keeps ``en-us.lm.bin`` (found without loading)."""
    import pocketsphinx  # noqa: PLC0415 (a 30 MB library: loaded only when needed)

    return os.path.join(pocketsphinx.get_model_path(), "en-us", "en-us.lm.bin")


@dataclass
class TrigramModel:
    """Log10 probabilities of words given up to two words before them."""

    model: Any  # pocketsphinx.NGramModel
    _memo: dict[tuple[str, ...], float] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, path: str | None = None) -> TrigramModel:
        """The model at ``path`` (default: the one pocketsphinx ships)."""
        from pocketsphinx import Config, LogMath, NGramModel  # noqa: PLC0415

        config = Config()
        config["loglevel"] = "FATAL"
        return cls(NGramModel(config, LogMath(), path or model_path()))

    def known(self, word: str) -> bool:
        """Is ``word`` in the model's vocabulary?"""
        return self._score((word.casefold(),)) > KNOWN_FLOOR_LOG10

    def log_prob(self, word: str, history: Sequence[str] = ()) -> float:
        """log10 P(word | history); ``history`` the words before it, the last nearest
        (only the last two count; ``SENTENCE_START`` marks the start of a sentence)."""
        key = (word.casefold(), *(w.casefold() for w in reversed(history[-2:])))
        score = self._score(key)
        return UNKNOWN_LOG10 if score <= KNOWN_FLOOR_LOG10 else score

    def log_sequence(
        self, words: Sequence[str], left: Sequence[str] = (), right: Sequence[str] = ()
    ) -> float:
        """log10 P of ``words`` after ``left`` and of ``right`` after them (the words of
        ``right`` are scored so that a span that does not fit what follows it pays)."""
        history = list(left[-2:])
        total = 0.0
        for word in [*words, *right]:
            total += self.log_prob(word, history)
            history = [*history[-1:], word]
        return total

    def _score(self, ngram: tuple[str, ...]) -> float:
        """The model's log10 score of ``ngram`` (word first, then its history reversed)."""
        found = self._memo.get(ngram)
        if found is None:
            found = self.model.prob(list(ngram)) * LOG10_BASE
            if len(self._memo) >= MAX_REMEMBERED:
                self._memo.clear()
            self._memo[ngram] = found
        return found
