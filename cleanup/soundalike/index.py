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
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cleanup.cache import cache_file, load_pickle, store_pickle
from cleanup.lexicon.model import Entry, Lexicon
from cleanup.soundalike.g2p import G2P, PHONES_VERSION
from cleanup.soundalike.phones import (
    NEAR_CLASSES,
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

INDEX_VERSION = 8
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
    heard: bool = False  # the pronunciation of a simulated heard form, not of the term

    @classmethod
    def of(cls, entry: Entry, text: str, phones: Phones, heard: bool = False) -> SoundForm:
        vowels = sum(map(is_vowel, phones))
        return cls(entry, text, phones, skeleton(phones), vowels, encode(phones), heard)


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


FUZZY_KEY = 4  # heard skeletons this long are also looked up with one consonant fewer
# A term's skeleton this long is also indexed with one consonant fewer, so that a span
# heard with a consonant lost ("I his" for ISIS: "S" for "SS") finds it; a heard span
# cannot lose one this way, or "RK" would find every two-consonant term.
FUZZY_TERM_KEY = 2


LONG_KEY = 8  # a heard skeleton this long is also looked up with two consonants fewer


NEAR: dict[str, tuple[str, ...]] = {
    c: tuple(
        sorted({b for a, b in NEAR_CLASSES if a == c} | {a for a, b in NEAR_CLASSES if b == c})
    )
    for c in {c for pair in NEAR_CLASSES for c in pair}
}


def near_swaps(key: str) -> set[str]:
    """The skeleton with one consonant class swapped for a class heard in its place
    (``NEAR_CLASSES``: "th" for "s", "m" for "n", ...): "I this" (HS) for ISIS (SS)."""
    return {key[:i] + other + key[i + 1 :] for i, c in enumerate(key) for other in NEAR.get(c, ())}


def lookups(key: str) -> set[str]:
    """The keys a heard skeleton is looked up by: one deletion, two for a long one (a long
    name heard as several words gathers more consonant edits than a short one); a short
    one, which gets no deletion, gets one near-class swap instead."""
    found = deletions(key)
    if len(key) < FUZZY_KEY:
        found.update(near_swaps(key))
    if len(key) >= LONG_KEY:
        pairs = itertools.combinations(range(len(key)), 2)
        found.update(key[:i] + key[i + 1 : j] + key[j + 1 :] for i, j in pairs)
    return found


def deletions(key: str, shortest: int = FUZZY_KEY) -> set[str]:
    """A skeleton and, when it is at least ``shortest`` long, its one-deletion variants.

    Short heard skeletons ("RK" for "rock") are looked up exactly only: with a deletion
    they would match a large share of all terms, and the distance would have to reject
    them all.
    """
    variants = {key}
    if len(key) >= shortest:
        variants.update(key[:i] + key[i + 1 :] for i in range(len(key)))
    return variants


def exact_only(entry: Entry, phones: Phones) -> bool:
    """Short terms match exactly only (unless the entry says): three letters or fewer, or
    fewer than four phones, sound like too many English words to search by sound. How
    common a longer term is as a word is for the decision to weigh, not a rule here."""
    if entry.exact is not None:
        return entry.exact
    letters = sum(c.isalpha() for c in entry.term)
    return letters <= 3 or len(phones) < 4


def _respellings(entry: Entry) -> Iterator[str]:
    yield from entry.spellings
    yield from entry.sounds_like


def acronyms_said(text: str) -> str | None:
    """The text with its acronyms of four letters or more that have a vowel read as words
    ("ISIS", "NATO", "OPEC"), or None when it has none; G2P spells capitals out."""
    words = text.split()
    said = [
        w.casefold()
        if len(w) >= 4 and w.isalpha() and w.isupper() and any(c in "AEIOU" for c in w)
        else w
        for w in words
    ]
    return " ".join(said) if said != words else None


def forms_of(entry: Entry, g2p: G2P) -> Iterator[SoundForm]:
    """Every pronunciation of an entry, written as the term; each also as a possessive.

    The entry's simulated heard forms (``cleanup lexicon simulate``) are pronunciations
    too, marked ``heard``: a span that sounds like one is a candidate, and the decision
    weighs that as a hint.
    """
    texts = [*_respellings(entry)]
    texts += [said for text in texts if (said := acronyms_said(text)) is not None]
    pronunciations = {g2p.phrase(text) for text in texts}
    pronunciations.update(parse(ipa) for ipa in entry.pronunciation)
    heard = {g2p.phrase(h.text) for h in entry.heard} - pronunciations
    ordered = sorted([(p, False) for p in pronunciations] + [(p, True) for p in heard])
    for phones, is_heard in ordered:
        yield SoundForm.of(entry, entry.term, phones, is_heard)
        yield SoundForm.of(entry, entry.term + POSSESSIVE, (*phones, "z"), is_heard)


def build_index(lexicon: Lexicon, g2p: G2P) -> SoundIndex:
    """Index every form of every entry that may match by sound (see ``exact_only``)."""
    index = SoundIndex()
    g2p.words(
        word
        for e in lexicon.entries
        for text in (*_respellings(e), *(h.text for h in e.heard))
        for word in phrase_words(text)
    )
    for entry in lexicon.entries:
        if exact_only(entry, g2p.phrase(entry.term)):
            continue
        for form in forms_of(entry, g2p):
            number = len(index.forms)
            index.forms.append(form)
            # A gazetteer's entries (prior below 1) are only found by their own skeleton
            # (or a heard one with a consonant more): weaker evidence, and most of a big index.
            keys = {form.key} | dropped_keys(form.text, g2p)
            if entry.prior >= 1.0:
                keys = {variant for key in keys for variant in deletions(key, FUZZY_TERM_KEY)}
            for key in keys:
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


def cache_parts(lexicon: Lexicon) -> list[object]:
    """What the index is built from: its format and every entry's sound fields."""
    fields = [
        (
            e.term,
            e.accepted,
            e.sounds_like,
            e.pronunciation,
            e.exact,
            e.category,
            e.prior,
            tuple(h.text for h in e.heard),
        )
        for e in lexicon.entries
    ]
    return [INDEX_VERSION, PHONES_VERSION, fields]


def cached_index(lexicon: Lexicon, g2p: G2P, folder: Path | None) -> SoundIndex:
    """The compiled index, from the disk cache in ``folder`` when the lexicon has not changed
    (None: no disk cache)."""
    parts = cache_parts(lexicon)
    path = None if folder is None else cache_file(folder, "index", parts, "pickle")
    stored = load_pickle(path, "sound index", lambda found: _fits(found, lexicon))
    if stored is not None:
        return _relink(stored, lexicon)
    index = build_index(lexicon, g2p)
    if path is not None:
        _store(path, index)
    return index


# What the disk cache holds: the phone table the forms' ids were encoded with, each form
# as (term, text, phones, key, vowels, ids, heard), and the keys.
Stored = tuple[
    list[str], list[tuple[str, str, Phones, str, int, tuple[int, ...], bool]], dict[str, list[int]]
]


def _store(path: Path, index: SoundIndex) -> None:
    forms = [(f.entry.term, f.text, f.phones, f.key, f.vowels, f.ids, f.heard) for f in index.forms]
    stored: Stored = (phone_table(), forms, index.keys)
    store_pickle(path, "sound index", stored)


def _fits(stored: object, lexicon: Lexicon) -> bool:
    """Is ``stored`` what ``_store`` writes for ``lexicon``: the phone table (strings),
    forms of the lexicon's terms with phone ids within the table, and keys (strings)
    naming forms that exist?"""
    if not (isinstance(stored, tuple) and len(stored) == 3):
        return False
    table, plain, keys = stored
    if not (_all(table, list, str) and isinstance(plain, list) and isinstance(keys, dict)):
        return False
    terms = {entry.term for entry in lexicon.entries}
    if not all(_form_fits(form, terms, len(table)) for form in plain):
        return False
    return all(isinstance(k, str) and _within(v, list, len(plain)) for k, v in keys.items())


def _form_fits(form: object, terms: set[str], phones: int) -> bool:
    if not (isinstance(form, tuple) and len(form) == 7):
        return False
    term, text, sounds, key, vowels, ids, heard = form
    strings = all(isinstance(value, str) for value in (term, text, key))
    if not (strings and term in terms and _all(sounds, tuple, str) and _within(ids, tuple, phones)):
        return False
    return isinstance(vowels, int) and isinstance(heard, bool)


def _all(values: object, kind: type[list[object]] | type[tuple[object, ...]], item: type) -> bool:
    """Is ``values`` a ``kind`` (list, tuple) of ``item``s only?"""
    return isinstance(values, kind) and all(type(value) is item for value in values)


def _within(
    values: object, kind: type[list[object]] | type[tuple[object, ...]], bound: int
) -> bool:
    """Is ``values`` a ``kind`` (list, tuple) of numbers in ``range(bound)``?"""
    return isinstance(values, kind) and all(type(n) is int and 0 <= n < bound for n in values)


def _relink(stored: Stored, lexicon: Lexicon) -> SoundIndex:
    """The stored index with the lexicon's own entries. The forms' phone ids are used as
    stored when this process numbers those phones the same way (a fresh process does),
    else the phones are encoded again."""
    table, plain, keys = stored
    same_ids = encode(table) == tuple(range(len(table)))
    by_term = {entry.term: entry for entry in lexicon.entries}
    forms = [
        SoundForm(
            by_term[term], text, phones, key, vowels, ids if same_ids else encode(phones), heard
        )
        for term, text, phones, key, vowels, ids, heard in plain
    ]
    return SoundIndex(forms, keys)
