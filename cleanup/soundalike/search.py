"""The search for sound-alike spans: which words of a document may be a misheard term.

For every run of one to ``Params.max_words`` tokens within a paragraph, not crossing an
anchor (an exact lexicon mention), a number, an address, a hashtag or handle, or a filler:
look the run's consonant skeleton up in the index (``cleanup.soundalike.index``) and keep
the forms within ``Params.max_distance`` phonemes per phone
(``cleanup.soundalike.phones``). Only rules true by definition are applied here: a derived
form (Iraqi, Syrian) is not a misrecognition, and a possessive form needs a heard
possessive. Everything else (function words, capitals, punctuation inside the span, names
as written) is a feature of the decision (``cleanup.soundalike.features``), which is made
in ``cleanup.soundalike.decision``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass

from cleanup.document import Document
from cleanup.english import NON_WORDS
from cleanup.soundalike.decision import Params
from cleanup.soundalike.features import Candidate
from cleanup.soundalike.g2p import G2P
from cleanup.soundalike.index import (
    MIN_CONSONANT_EDIT,
    MIN_VOWEL_EDIT,
    POSSESSIVE,
    SoundForm,
    SoundIndex,
)
from cleanup.soundalike.phones import Phones, distance_ids, encode, is_vowel, skeleton

TAG_MARKS = frozenset("#@")
# A heard word that is a word of its own, not a possessive ending ("where I this is").
NOT_POSSESSIVE = frozenset({"is", "his", "as", "has", "was", "us", "this", "these", "those"})
# Punctuation a recogniser may put inside a name ("Khloe? Cornish"): at most this many
# characters of it between two tokens of a span, and never a blank line.
MAX_BRIDGE = 2


@dataclass(frozen=True)
class Engine:
    """The run's tools for the search: the index, the G2P and the parameters."""

    index: SoundIndex
    g2p: G2P
    params: Params


def bridgeable(doc: Document, left: int, right: int) -> bool:
    """May adjacent tokens ``left`` and ``right`` belong to one heard span? They must be
    apart (a space), in one paragraph, with at most ``MAX_BRIDGE`` punctuation marks."""
    gap = doc.text[doc.tokens[left].end : doc.tokens[right].start]
    if "\n\n" in gap or not any(c.isspace() for c in gap):
        return False
    marks = gap.strip()
    return len(marks) <= MAX_BRIDGE and not any(c.isalnum() for c in marks)


def chunks(doc: Document, blocked: frozenset[int]) -> Iterator[list[int]]:
    """Runs of token indices that may form spans, split at blocked tokens and breaks."""
    run: list[int] = []
    for index in range(len(doc.tokens)):
        if index in blocked:
            if run:
                yield run
            run = []
            continue
        if run and not bridgeable(doc, run[-1], index):
            yield run
            run = []
        run.append(index)
    if run:
        yield run


def blocked_tokens(doc: Document, anchors: Collection[int]) -> frozenset[int]:
    """Tokens never rewritten: anchors, numbers, addresses, hashtags and handles, fillers."""
    blocked = set(anchors) | set(doc.in_address)
    for index, token in enumerate(doc.tokens):
        text = token.text
        tagged = doc.text[token.start - 1 : token.start] in TAG_MARKS  # #hashtag, @handle
        if tagged or token.key in NON_WORDS or any(c.isdigit() for c in text):
            blocked.add(index)
    return frozenset(blocked)


def lower_bound(form: SoundForm, length: int, vowels: int, key: str) -> float:
    """A cheap bound on the distance: surplus sounds must be edited away.

    A surplus of skeleton consonants (not h, w, j) costs a full edit each; of any
    consonant at least a weak one's; of vowels a vowel's.
    """
    form_vowels = form.vowels
    consonants = abs((length - vowels) - (len(form.phones) - form_vowels))
    return max(
        float(abs(len(key) - len(form.key))),
        MIN_CONSONANT_EDIT * consonants,
        MIN_VOWEL_EDIT * abs(vowels - form_vowels),
    )


# Endings that make a derived word of a name: Iraq-i, Syria-n, Kurd-ish, Kurd-s, Leban-ese.
DERIVING = frozenset(
    {"s", "es", "i", "is", "ish", "ian", "ians", "an", "ans", "ese", "ic", "ite", "ites"}
)
AFTER_VOWEL = frozenset({"n", "ns"})  # Syria-n, Kenya-ns; never Hartman-n


def derived(span: str, term: str) -> bool:
    """Iraqi/Iraq, Syrian/Syria, Kurdish/Kurds: a derived form is not a misrecognition.

    The longer word is the shorter one (or the shorter one less its last letter) and a
    deriving ending; a word of the same length (gallery/Galleri) or one with another
    ending (Hartman/Hartmann) is not derived.
    """
    a = "".join(c for c in span.casefold() if c.isalpha())
    b = "".join(c for c in term.removesuffix(POSSESSIVE).casefold() if c.isalpha())
    short, long = sorted((a, b), key=len)
    if len(short) == len(long) or len(short) < 4:
        return False
    stem = short if long.startswith(short) else short[:-1]
    ending = long[len(stem) :]
    if not long.startswith(stem):
        return False
    return ending in DERIVING or (ending in AFTER_VOWEL and is_vowel_letter(stem[-1]))


def is_vowel_letter(letter: str) -> bool:
    return letter in "aeiouy"


class Scan:
    """One document's search for sound-alike spans."""

    def __init__(self, doc: Document, engine: Engine, anchors: frozenset[int]) -> None:
        self.doc, self.res = doc, engine
        self.blocked = blocked_tokens(doc, anchors)
        words = engine.g2p.words(t.text for t in doc.tokens)
        self.phones: list[Phones] = [words[t.text] for t in doc.tokens]
        self.keys: list[str] = [skeleton(p) for p in self.phones]
        self.distances: dict[tuple[tuple[int, ...], int], float] = {}

    def spans(self) -> Iterator[tuple[int, int]]:
        longest = self.res.params.max_words
        for run in chunks(self.doc, self.blocked):
            for at, first in enumerate(run):
                for last in run[at : at + longest]:
                    yield first, last

    def candidates(self) -> Iterator[Candidate]:
        """Every (span, form) pair close enough in sound, in document order."""
        for first, last in self.spans():
            phones = tuple(p for i in range(first, last + 1) for p in self.phones[i])
            if len(phones) >= self.res.params.min_phones:
                key = "".join(self.keys[first : last + 1])
                yield from self._verified(first, last, phones, key)

    def _verified(self, first: int, last: int, phones: Phones, key: str) -> Iterator[Candidate]:
        params = self.res.params
        vowels = sum(map(is_vowel, phones))
        ids = encode(phones)
        for number in self.res.index.candidates(key):
            form = self.res.index.forms[number]
            if lower_bound(form, len(phones), vowels, key) > params.max_distance * len(form.phones):
                continue
            dist = self._distance(ids, number, form)
            if dist > params.max_distance or self._says_derived(first, last, form.text):
                continue
            if form.text.endswith(POSSESSIVE) and not possessive_heard(self.doc, first, last):
                continue
            yield Candidate(first, last, form, dist, phones)

    def _says_derived(self, first: int, last: int, term: str) -> bool:
        """Do the span's words, or the span less an edge word that is not the term's, say
        a derived form of the term ("improvised explosive devices in" for "improvised
        explosive device")? Then the term was said, and nothing is misheard."""
        tokens = self.doc.tokens
        own = {w.casefold() for w in term.replace("-", " ").split()}
        cores = [(first, last)]
        if last > first and tokens[first].text.casefold() not in own:
            cores.append((first + 1, last))
        if last > first and tokens[last].text.casefold() not in own:
            cores.append((first, last - 1))
        text = self.doc.text
        return any(derived(text[tokens[a].start : tokens[b].end], term) for a, b in cores)

    def _distance(self, ids: tuple[int, ...], number: int, form: SoundForm) -> float:
        """Normalised distance, remembered: the same words recur through a transcript."""
        key = (ids, number)
        known = self.distances.get(key)
        if known is None:
            limit = self.res.params.max_distance * len(form.phones)
            known = distance_ids(ids, form.ids, limit) / len(form.phones)
            self.distances[key] = known
        return known


def possessive_heard(doc: Document, first: int, last: int) -> bool:
    """Does the heard span end in a possessive: "Assad's", or "... sats" over two words?"""
    tail = doc.tokens[last]
    if tail.key.endswith("'s"):
        return True
    return last > first and tail.key.endswith("s") and tail.key not in NOT_POSSESSIVE
