"""Retrieval: every lexicon form's pronunciation, indexed by its consonant skeleton.

1. **Forms.** Every fuzzy-matchable entry contributes its term, accepted spellings,
   sounds-like respellings and pronunciation overrides, plus a possessive form, each
   with a pronunciation from one G2P (``cleanup.soundalike.g2p``).
2. **Retrieval.** Each form's consonant skeleton (vowels and weak sounds dropped,
   voicing merged) and its one-deletion variants are keys of an index; a transcript
   span is looked up by its own skeleton and one-deletion variants, which finds forms
   within about two consonant edits (SymSpell's idea, on consonant classes).

Verification and the decision come after: ``cleanup.soundalike.search`` and
``cleanup.soundalike.decision``. The compiled index is kept in the cache folder, keyed
by the package version and the lexicon's sound-relevant fields.
"""

from __future__ import annotations

import itertools
import pickle
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cleanup.cache import cache_file, cached
from cleanup.lexicon.model import Entry, Lexicon
from cleanup.soundalike.g2p import G2P
from cleanup.soundalike.langmodel import LanguageModel
from cleanup.soundalike.phones import (
    VOWEL_INDEL,
    WEAK_FORMS,
    WEAK_INDEL,
    Phones,
    encode,
    is_vowel,
    parse,
    phone_table,
    skeleton,
)
from cleanup.textio import write_atomic

INDEX_VERSION = 6
# The cheapest edit of a consonant (a weak one: h, w, j) and of a vowel, for bounds.
MIN_CONSONANT_EDIT = WEAK_INDEL
MIN_VOWEL_EDIT = VOWEL_INDEL
POSSESSIVE = "'s"
# Heard skeletons whose look-ups are remembered per index; the memo starts afresh when full.
MAX_REMEMBERED_KEYS = 200_000


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
        """Forms whose skeleton is within about two consonant edits of ``key`` (numbers
        into ``forms``); look-ups are remembered, at most ``MAX_REMEMBERED_KEYS``."""
        found = self._found.get(key)
        if found is None:
            found = frozenset(n for k in lookups(key) for n in self.keys.get(k, ()))
            if len(self._found) >= MAX_REMEMBERED_KEYS:
                self._found.clear()
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


def exact_only(entry: Entry, lm: LanguageModel, common_count: int, phones: Phones) -> bool:
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
    return not entry.category and lm.count(entry.term) >= common_count


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


def build_index(lexicon: Lexicon, g2p: G2P, lm: LanguageModel, common_count: int) -> SoundIndex:
    """Index every form of every entry that may match by sound (see ``exact_only``)."""
    index = SoundIndex()
    g2p.words(
        word for e in lexicon.entries for text in _respellings(e) for word in phrase_words(text)
    )
    for entry in lexicon.entries:
        if _exact(entry, g2p, lm, common_count):
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
    words = phrase_words(text)
    return {
        skeleton(g2p.phrase(" ".join(words[:at] + words[at + 1 :])))
        for at in range(1, len(words) - 1)
        if words[at].casefold() in WEAK_FORMS
    }


def phrase_words(text: str) -> list[str]:
    """The words of a phrase, hyphenated words split: "al-Baghdadi" -> ["al", "Baghdadi"]."""
    return text.replace("-", " ").split()


def _exact(entry: Entry, g2p: G2P, lm: LanguageModel, common_count: int) -> bool:
    return exact_only(entry, lm, common_count, g2p.phrase(entry.term))


def cache_parts(lexicon: Lexicon, common_count: int) -> list[object]:
    """What the index is built from: its format, the threshold, every entry's sound fields."""
    fields = [
        (e.term, e.accepted, e.sounds_like, e.pronunciation, e.exact, e.category, e.prior)
        for e in lexicon.entries
    ]
    return [INDEX_VERSION, common_count, fields]


def cached_index(
    lexicon: Lexicon, g2p: G2P, lm: LanguageModel, common_count: int, folder: Path | None
) -> SoundIndex:
    """The compiled index, from the disk cache in ``folder`` when the lexicon has not changed
    (None: no disk cache)."""
    parts = cache_parts(lexicon, common_count)
    path = None if folder is None else cache_file(folder, "index", parts, "pickle")
    if path is not None and cached(path):
        try:
            with path.open("rb") as handle:
                stored = pickle.load(handle)
            return _relink(stored, lexicon)
        except (OSError, pickle.UnpicklingError, EOFError, KeyError, TypeError, ValueError):
            pass
    index = build_index(lexicon, g2p, lm, common_count)
    if path is not None:
        _store(path, index)
    return index


# What the disk cache holds: the phone table the forms' ids were encoded with, each form
# as (term, text, phones, key, vowels, ids), and the keys.
Stored = tuple[
    list[str], list[tuple[str, str, Phones, str, int, tuple[int, ...]]], dict[str, list[int]]
]


def _store(path: Path, index: SoundIndex) -> None:
    forms = [(f.entry.term, f.text, f.phones, f.key, f.vowels, f.ids) for f in index.forms]
    stored: Stored = (phone_table(), forms, index.keys)
    try:
        write_atomic(path, pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        return


def _relink(stored: Stored, lexicon: Lexicon) -> SoundIndex:
    """The stored index with the lexicon's own entries. The forms' phone ids are used as
    stored when this process numbers those phones the same way (a fresh process does),
    else the phones are encoded again."""
    table, plain, keys = stored
    same_ids = encode(table) == tuple(range(len(table)))
    by_term = {entry.term: entry for entry in lexicon.entries}
    forms = [
        SoundForm(by_term[term], text, phones, key, vowels, ids if same_ids else encode(phones))
        for term, text, phones, key, vowels, ids in plain
    ]
    return SoundIndex(forms, keys)
