"""Spelling suggestions by SymSpell: the English word list and a lexicon's words.

The nearest word (``SymSpell.lookup``, ``Verbosity.TOP``, at most ``MAX_EDIT_DISTANCE``
edits, the closest and then the most frequent) among symspellpy's bundled English
frequency list and the words of the lexicon's terms and accepted spellings (variants
are wrong forms, never suggested). A word the CMU Pronouncing Dictionary knows is a word
too (never suggested, and suggested for only when one edit from one of the commonest
words: its few misspellings, "thier"); no suggestion turns an American spelling
into a British one or back (``cleanup.regional``), nor takes a prefix or suffix off a
word (``derived``). ``lookup_compound`` is never used: it would also
split and join words, which is not a spelling suggestion. Source: Wolf Garbe's SymSpell
(symmetric delete), through the ``symspellpy`` package.

A ``Speller`` is built once per run (the spelling step asks ``Resources.get`` for it).
The English list is indexed on first use: from its pickle in the cache folder (about
0.5 s) or, the first time, from the word list (about 1 s); the lexicon's words get a
small index of their own. Suggestions are remembered per speller, at most
``MAX_REMEMBERED`` words (the memo starts afresh when full).
"""

from __future__ import annotations

import contextlib
import pickle
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from cleanup.cache import cache_file, cached, rebuilt, seal, unseal
from cleanup.lexicon.model import Lexicon
from cleanup.regional import same_word
from cleanup.soundalike.langmodel import UNIGRAMS
from cleanup.textio import write_atomic

if TYPE_CHECKING:
    from symspellpy import SymSpell  # type: ignore[import-untyped]

MAX_EDIT_DISTANCE = 2
# Shorter prefixes index faster and look up slower; at 5 the English list takes about
# 0.7 s to index and a lookup about 0.3 ms (the suggestions are the same as at 7).
PREFIX_LENGTH = 5
KIND = "spelling index"  # what the sealed cache file holds (``cleanup.cache.seal``)
MAX_REMEMBERED = 65_536
CMUDICT = "cmudict-en-us.dict"
# The count of about the 1,000th most frequent word of the list ("stop"): words this common
# are the ones the CMU dictionary's few misspellings ("thier") stand for.
COMMON_COUNT = 10**8
PLAIN_WORD_RE = regex.compile(r"[A-Za-z]+")
WORD_PARTS_RE = regex.compile(r"['\u2019-]")


@dataclass(frozen=True)
class Suggestion:
    term: str
    distance: int
    count: int
    lexicon: bool  # a word of the lexicon rather than of the English list

    @property
    def closeness(self) -> float:
        """1 for the word itself, 2/3 at one edit, 1/3 at two (``MAX_EDIT_DISTANCE`` 2)."""
        return 1 - self.distance / (MAX_EDIT_DISTANCE + 1)


@dataclass(frozen=True)
class Words:
    """A lexicon's words: every form's (known), and its spellings' (may be suggested)."""

    known: frozenset[str]
    spellings: frozenset[str]


def lexicon_words(lexicon: Lexicon) -> Words:
    """Known: every form's words and the parts of hyphenated ones (al-Baghdadi: baghdadi
    too). Suggested: the words of the terms and accepted spellings, whole."""
    known = frozenset(part for key in lexicon.index for part in _parts(key))
    spellings = frozenset(
        word for key, form in lexicon.index.items() if form.kind == "spelling" for word in key
    )
    return Words(known, spellings)


def _parts(key: tuple[str, ...]) -> Iterator[str]:
    for word in key:
        yield word
        yield from (part for part in WORD_PARTS_RE.split(word) if part)


def _new_symspell() -> SymSpell:
    from symspellpy import SymSpell  # noqa: PLC0415 (lazy: only a run that checks spelling)

    return SymSpell(max_dictionary_edit_distance=MAX_EDIT_DISTANCE, prefix_length=PREFIX_LENGTH)


def english_speller(cache: Path | None) -> SymSpell:
    """SymSpell over symspellpy's bundled English frequency list.

    The built index is kept in the cache folder ``cache`` (a pickle, about 0.5 s to load
    instead of about 1 s to build); a missing or unreadable cache file is rebuilt.
    """
    speller = _new_symspell()
    parts = ["symspell-en", MAX_EDIT_DISTANCE, PREFIX_LENGTH]
    stored = None if cache is None else cache_file(cache, "symspell-en", parts, "pickle")
    if _load(speller, stored):
        return speller
    speller = _new_symspell()
    with resources.as_file(resources.files("symspellpy") / UNIGRAMS) as path:
        speller.load_dictionary(path, term_index=0, count_index=1, encoding="utf-8")
    data = speller.save_pickle(to_bytes=True)
    if data is not None and stored is not None:
        with contextlib.suppress(OSError):
            write_atomic(stored, seal(KIND, data))
    return speller


def _load(speller: SymSpell, stored: Path | None) -> bool:
    """Fill ``speller`` from the sealed cache file ``stored``; False (with a
    ``CacheWarning`` for a file there that did not fit) when it cannot."""
    if stored is None or not cached(stored):
        return False
    try:
        data = unseal(stored.read_bytes(), KIND)
        if data is not None and speller.load_pickle(data, from_bytes=True):
            return True
    except (OSError, ValueError, EOFError, KeyError, TypeError, pickle.UnpicklingError):
        pass
    rebuilt(stored, "is not a spelling index of this version (damaged or foreign)")
    return False


def pronouncing_words() -> frozenset[str]:
    """The words of the CMU Pronouncing Dictionary (BSD-style licence) that the pocketsphinx
    wheel ships (``model/en-us/cmudict-en-us.dict``): about 134,000 words, many that the
    frequency list lacks (``hardline``, ``onboarding``, ``cyber``, ``cetera``). Empty when
    pocketsphinx is not installed. Known words only: never suggested."""
    try:
        folder = resources.files("pocketsphinx") / "model" / "en-us"
        text = (folder / CMUDICT).read_bytes().decode("utf-8", errors="replace")
    except (ModuleNotFoundError, OSError):
        return frozenset()
    return frozenset(
        line.split(" ", 1)[0].partition("(")[0].casefold() for line in text.splitlines() if line
    )


class Speller:
    """Suggestions for words in no dictionary, from the English list and ``lexicon``."""

    def __init__(self, lexicon: Lexicon, cache: Path | None) -> None:
        self.words = lexicon_words(lexicon)
        self.cache = cache
        self._memo: dict[str, Suggestion | None] = {}

    @cached_property
    def english(self) -> SymSpell:
        return english_speller(self.cache)

    @cached_property
    def pronounced(self) -> frozenset[str]:
        """Words the CMU Pronouncing Dictionary knows (see :func:`pronouncing_words`)."""
        return pronouncing_words()

    def known(self, word: str) -> bool:
        """Is a lower-case word in the frequency list or the lexicon?"""
        return word in self.words.known or word in self.english.words

    def suggest_for_pronounced(self, word: str) -> Suggestion | None:
        """The suggestion for a word only the CMU dictionary knows: one edit from one of the
        most common words (``COMMON_COUNT``), as "thier" for "their"; the dictionary
        lists a few such misspellings. Else None: the word is a word."""
        found = self.suggest(word)
        if found is None or found.distance != 1 or found.count < COMMON_COUNT:
            return None
        return found

    @cached_property
    def top_count(self) -> int:
        """The count of the list's most frequent word ("the")."""
        return int(max(self.english.words.values()))

    @cached_property
    def median_count(self) -> int:
        """The median count of the list: what a lexicon word the list lacks counts as."""
        import statistics  # noqa: PLC0415 (lazy: start-up time; only spelling needs it)

        return int(statistics.median(self.english.words.values()))

    @cached_property
    def lexicon(self) -> SymSpell:
        """SymSpell over the lexicon words the English list lacks."""
        speller = _new_symspell()
        english_words = self.english.words
        for word in sorted(self.words.spellings):
            if word not in english_words and PLAIN_WORD_RE.fullmatch(word):
                speller.create_dictionary_entry(word, self.median_count)
        return speller

    def suggest(self, word: str) -> Suggestion | None:
        """The best suggestion for a lower-case word, from the English list or the lexicon."""
        if word in self._memo:
            return self._memo[word]
        found = [
            (item, speller is not self.english)
            for speller in (self.english, self.lexicon)
            for item in _lookup(speller, word)
        ]
        best = None
        if found:
            item, from_lexicon = min(found, key=lambda pair: (pair[0].distance, -pair[0].count))
            if not (same_word(word, item.term) or derived(word, item.term)):
                best = Suggestion(item.term, item.distance, item.count, from_lexicon)
        if len(self._memo) >= MAX_REMEMBERED:
            self._memo.clear()
        self._memo[word] = best
        return best


def derived(word: str, term: str) -> bool:
    """Is ``word`` the word ``term`` with a prefix or a suffix of two letters or more
    ("onboarding": "boarding"; "rebranding": "branding")? A derived word or a compound,
    not a typo: a slip of the keys does not add letters at an edge of a word."""
    extra = len(word) - len(term)
    return extra >= 2 and (word.startswith(term) or word.endswith(term))


def _lookup(speller: SymSpell, word: str) -> list[Any]:
    from symspellpy import Verbosity  # noqa: PLC0415

    return list(speller.lookup(word, Verbosity.TOP, max_edit_distance=MAX_EDIT_DISTANCE))
