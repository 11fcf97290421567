"""Naive peers to compare cleanup against, in the same benchmark run.

``SymSpellPeer`` is what a user would try first: symspellpy's bundled English frequency
dictionary plus every word of the lexicon, and a per-token ``lookup`` that replaces
each word the dictionary does not know with its closest suggestion (edit distance up to
2, casing transferred; a lexicon word takes the lexicon's casing).
"""

from __future__ import annotations

import contextlib
import pickle
from collections.abc import Iterable
from importlib import resources

from symspellpy import SymSpell, Verbosity

from cleanup.cache import cache_dir, cache_file, cached
from cleanup.document import WORD_RE
from cleanup.textio import write_atomic

DICTIONARY = "frequency_dictionary_en_82_765.txt"
LEXICON_COUNT = 10**9  # lexicon words rank above every dictionary word


def english(max_distance: int) -> SymSpell:
    """SymSpell over the English dictionary, kept as a pickle in the cache folder (building
    it takes seconds; loading it, a fraction of one)."""
    stored = cache_file(cache_dir(), "peer-symspell", [DICTIONARY, max_distance], "pickle")
    speller = SymSpell(max_dictionary_edit_distance=max_distance)
    with contextlib.suppress(OSError, ValueError, EOFError, pickle.UnpicklingError):
        if cached(stored) and speller.load_pickle(stored.read_bytes(), from_bytes=True):
            return speller
    speller = SymSpell(max_dictionary_edit_distance=max_distance)
    path = resources.files("symspellpy") / DICTIONARY
    speller.load_dictionary(str(path), term_index=0, count_index=1)
    data = speller.save_pickle(to_bytes=True)
    with contextlib.suppress(OSError):
        write_atomic(stored, data)
    return speller


class SymSpellPeer:
    name = "symspell-peer"

    def __init__(self, phrases: Iterable[str], max_distance: int = 2) -> None:
        self.max_distance = max_distance
        self.speller = english(max_distance)
        self.dictionary = frozenset(self.speller.words)
        self.written: dict[str, str] = {}
        for phrase in phrases:
            for word in phrase.split():
                key = word.casefold()
                self.speller.create_dictionary_entry(key, LEXICON_COUNT)
                self.written.setdefault(key, word)

    def fix_word(self, word: str) -> str:
        key = word.casefold()
        if key in self.dictionary or not word.isalpha():
            return word
        if key in self.written:
            return self.written[key]
        found = self.speller.lookup(word, Verbosity.TOP, self.max_distance, transfer_casing=True)
        if not found:
            return word
        term: str = found[0].term
        return self.written.get(term.casefold(), term)

    def clean(self, text: str) -> str:
        return WORD_RE.sub(lambda match: self.fix_word(match.group()), text)
