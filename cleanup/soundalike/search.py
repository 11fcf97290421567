"""The search for sound-alike spans: which words of a document may be a misheard term.

For every run of one to ``Params.max_words`` words not broken by punctuation, an anchor
(an exact lexicon mention), a number, an address, a filler or an acronym: look the run's
consonant skeleton up in the index (``cleanup.soundalike.index``), verify the phoneme
distance (``cleanup.soundalike.phones``), apply the guards (derived forms, possessives,
names as written) and score what is left (``cleanup.soundalike.decision.score``). What
becomes an edit is decided in ``cleanup.soundalike.decision.decide``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field

from cleanup.document import Document
from cleanup.english import NON_WORDS
from cleanup.lexicon.forms import letters
from cleanup.lexicon.match import joinable
from cleanup.soundalike.decision import Candidate, Params, Span, score
from cleanup.soundalike.g2p import G2P
from cleanup.soundalike.index import (
    MIN_CONSONANT_EDIT,
    MIN_VOWEL_EDIT,
    POSSESSIVE,
    SoundForm,
    SoundIndex,
)
from cleanup.soundalike.langmodel import LanguageModel
from cleanup.soundalike.phones import Phones, distance_ids, encode, is_vowel, skeleton

CONTEXT_WINDOW = 12
TAG_MARKS = frozenset("#@")
NAME_DISTANCE = 0.15
# A heard word that is a word of its own, not a possessive ending ("where I this is").
NOT_POSSESSIVE = frozenset({"is", "his", "as", "has", "was", "us", "this", "these", "those"})
MAX_CONTEXT_HITS = 2


@dataclass(frozen=True)
class Engine:
    """The run's tools for one set of parameters: the index, the G2P, the language model."""

    index: SoundIndex
    g2p: G2P
    lm: LanguageModel
    params: Params


@dataclass(frozen=True)
class Known:
    """What exact mentions say: the anchors (token indices never rewritten), and how often
    each term is mentioned in this document and in related ones (``related_words`` long)."""

    anchors: frozenset[int] = frozenset()
    mentions: Mapping[str, int] = field(default_factory=dict)
    related: Mapping[str, int] = field(default_factory=dict)
    related_words: int = 0


def chunks(doc: Document, blocked: frozenset[int]) -> Iterator[list[int]]:
    """Runs of token indices joined by plain spaces, split at punctuation and anchors."""
    run: list[int] = []
    for index in range(len(doc.tokens)):
        if index in blocked:
            if run:
                yield run
            run = []
            continue
        if run and not joinable(doc, run[-1], index):
            yield run
            run = []
        run.append(index)
    if run:
        yield run


def shouted(doc: Document, anchors: Collection[int] = ()) -> bool:
    """Is the text written in capitals? Judged on the words that are no lexicon mention:
    those have a case of their own, which the case step repairs ("at&t" -> "AT&T")."""
    tokens = (t.text for i, t in enumerate(doc.tokens) if i not in anchors)
    letters = [c for text in tokens for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def blocked_tokens(doc: Document, anchors: Collection[int]) -> frozenset[int]:
    """Tokens never rewritten: anchors, numbers, addresses, hashtags and handles, fillers,
    acronyms in capitals."""
    capitals_mean_acronym = not shouted(doc, anchors)
    blocked = set(anchors) | set(doc.in_address)
    for index, token in enumerate(doc.tokens):
        text = token.text
        acronym = capitals_mean_acronym and len(text) >= 2 and text.isupper()
        tagged = doc.text[token.start - 1 : token.start] in TAG_MARKS  # #hashtag, @handle
        if acronym or tagged or token.key in NON_WORDS or any(c.isdigit() for c in text):
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


def _neighbour(doc: Document, index: int, step: int) -> str | None:
    other = index + step
    if not 0 <= other < len(doc.tokens):
        return None
    pair = (other, index) if step < 0 else (index, other)
    return doc.tokens[other].text if joinable(doc, *pair) else None


def _context_hits(doc: Document, first: int, last: int, words: frozenset[str]) -> int:
    if not words:
        return 0
    low, high = max(0, first - CONTEXT_WINDOW), min(len(doc.tokens), last + CONTEXT_WINDOW + 1)
    hits = sum(doc.tokens[i].key in words for i in range(low, high) if not first <= i <= last)
    return min(hits, MAX_CONTEXT_HITS)


class Scan:
    """One document's search for sound-alike spans."""

    def __init__(self, doc: Document, engine: Engine, known: Known) -> None:
        self.doc, self.res, self.known = doc, engine, known
        self.blocked = blocked_tokens(doc, known.anchors)
        words = engine.g2p.words(t.text for t in doc.tokens)
        self.phones: list[Phones] = [words[t.text] for t in doc.tokens]
        self.keys: list[str] = [skeleton(p) for p in self.phones]
        glue = engine.lm.function_words
        self.function: list[bool] = [key in glue for key in doc.keys]
        self.total_words = max(len(doc.tokens), 1)
        self.distances: dict[tuple[tuple[int, ...], int], float] = {}

    def spans(self) -> Iterator[tuple[int, int]]:
        longest = self.res.params.max_words
        for run in chunks(self.doc, self.blocked):
            for at, first in enumerate(run):
                for last in run[at : at + longest]:
                    yield first, last

    def candidates(self) -> Iterator[Candidate]:
        for first, last in self.spans():
            if all(self.function[first : last + 1]):
                continue  # "of the", "it is": English glue, not a misheard name
            phones = tuple(p for i in range(first, last + 1) for p in self.phones[i])
            if len(phones) >= self.res.params.min_phones:
                key = "".join(self.keys[first : last + 1])
                yield from self._verified(first, last, phones, key)

    def _verified(self, first: int, last: int, phones: Phones, key: str) -> Iterator[Candidate]:
        params = self.res.params
        span_text = self.doc.text[self.doc.tokens[first].start : self.doc.tokens[last].end]
        vowels = sum(map(is_vowel, phones))
        ids = encode(phones)
        for number in self.res.index.candidates(key):
            form = self.res.index.forms[number]
            if lower_bound(form, len(phones), vowels, key) > params.max_distance * len(form.phones):
                continue
            dist = self._distance(ids, number, form)
            if dist > params.max_distance or derived(span_text, form.text):
                continue
            if not self._allowed(first, last, form, dist):
                continue
            span = self._span(first, last, form)
            evidence = score(form, span, dist, self.res.lm, params)
            yield Candidate(first, last, form, evidence, phones, span)

    def _distance(self, ids: tuple[int, ...], number: int, form: SoundForm) -> float:
        """Normalised distance, remembered: the same words recur through a transcript."""
        key = (ids, number)
        known = self.distances.get(key)
        if known is None:
            limit = self.res.params.max_distance * len(form.phones)
            known = distance_ids(ids, form.ids, limit) / len(form.phones)
            self.distances[key] = known
        return known

    def _allowed(self, first: int, last: int, form: SoundForm, dist: float) -> bool:
        """Possessives only for a heard 's; likely names only when they sound the same."""
        if form.text.endswith(POSSESSIVE) and not possessive_heard(self.doc, first, last):
            return False
        return dist <= NAME_DISTANCE or not any(
            self._likely_name(i) for i in range(first, last + 1)
        )

    def _likely_name(self, index: int) -> bool:
        """A capitalised word in no dictionary, not starting a sentence: a name as written."""
        text = self.doc.tokens[index].text
        return (
            text[:1].isupper()
            and index not in self.doc.sentence_initial
            and not self.res.lm.is_word(text)
        )

    def _span(self, first: int, last: int, form: SoundForm) -> Span:
        tokens = self.doc.tokens[first : last + 1]
        term = form.entry.term
        context = frozenset(w.casefold() for w in form.entry.context)
        return Span(
            words=[t.text for t in tokens],
            left=_neighbour(self.doc, first, -1),
            right=_neighbour(self.doc, last, 1),
            mentions=(
                self.known.mentions.get(term, 0) / self.total_words,
                self.known.related.get(term, 0) / max(self.known.related_words, 1),
            ),
            context_hits=_context_hits(self.doc, first, last, context),
            unknown=sum(not self.res.lm.is_word(t.text) for t in tokens),
            same_letters=letters(" ".join(t.text for t in tokens)) == letters(form.text),
        )


def possessive_heard(doc: Document, first: int, last: int) -> bool:
    """Does the heard span end in a possessive: "Assad's", or "... sats" over two words?"""
    tail = doc.tokens[last]
    if tail.key.endswith("'s"):
        return True
    return last > first and tail.key.endswith("s") and tail.key not in NOT_POSSESSIVE
