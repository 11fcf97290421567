"""Sound-alike correction: spans that sound like a lexicon term become the term.

The engine (retrieval, distance, scoring) is ``cleanup.soundalike``; this step walks
the document's word n-grams, applies the guards, and turns the best-scoring
non-overlapping candidates into edit records.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, replace

from cleanup.document import Document, Token
from cleanup.edits import Edit
from cleanup.lexicon.match import find_phrases, in_regrouped, joinable
from cleanup.memo import per_document
from cleanup.soundalike import index as engine
from cleanup.soundalike.phones import Phones, is_vowel, skeleton
from cleanup.steps.base import Context

STEP = "soundalike"
CONTEXT_WINDOW = 12
TAG_MARKS = frozenset("#@")
# Hesitations a recogniser writes down ("is uh is"): never part of a misheard name.
FILLERS = frozenset({"uh", "um", "uhm", "er", "erm", "ah", "eh", "hmm", "mm", "mhm", "uh-huh"})
NAME_DISTANCE = 0.15
# A heard word that is a word of its own, not a possessive ending ("where I this is").
NOT_POSSESSIVE = frozenset({"is", "his", "as", "has", "was", "us", "this", "these", "those"})
MAX_CONTEXT_HITS = 2


@dataclass(frozen=True)
class Candidate:
    first: int
    last: int
    form: engine.SoundForm
    evidence: engine.Evidence
    phones: Phones
    span: engine.Span


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


def blocked_tokens(doc: Document, anchors: set[int]) -> frozenset[int]:
    """Tokens never rewritten: anchors, numbers, addresses, hashtags and handles, fillers,
    acronyms in capitals."""
    capitals_mean_acronym = not shouted(doc, anchors)
    blocked = set(anchors) | set(doc.in_address)
    for index, token in enumerate(doc.tokens):
        text = token.text
        acronym = capitals_mean_acronym and len(text) >= 2 and text.isupper()
        tagged = doc.text[token.start - 1 : token.start] in TAG_MARKS  # #hashtag, @handle
        if acronym or tagged or token.key in FILLERS or any(c.isdigit() for c in text):
            blocked.add(index)
    return frozenset(blocked)


def lower_bound(form: engine.SoundForm, length: int, vowels: int, key: str) -> float:
    """A cheap bound on the distance: surplus sounds must be edited away.

    A surplus of skeleton consonants (not h, w, j) costs a full edit each; of any
    consonant at least a weak one's; of vowels a vowel's.
    """
    form_vowels = form.vowels
    consonants = abs((length - vowels) - (len(form.phones) - form_vowels))
    return max(
        float(abs(len(key) - len(form.key))),
        engine.MIN_CONSONANT_EDIT * consonants,
        engine.MIN_VOWEL_EDIT * abs(vowels - form_vowels),
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
    b = "".join(c for c in term.removesuffix(engine.POSSESSIVE).casefold() if c.isalpha())
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

    def __init__(self, doc: Document, ctx: Context, resources: engine.Resources) -> None:
        self.doc, self.ctx, self.res = doc, ctx, resources
        matches = list(find_phrases(doc, ctx.lexicon))
        anchors = {i for m in matches for i in range(m.first, m.last + 1)}
        anchors -= in_regrouped(doc, ctx.lexicon)
        self.mentions = Counter(m.form.entry.term for m in matches)
        self.blocked = blocked_tokens(doc, anchors)
        words = resources.g2p.words(t.text for t in doc.tokens)
        self.phones: list[Phones] = [words[t.text] for t in doc.tokens]
        self.keys: list[str] = [skeleton(p) for p in self.phones]
        glue = resources.lm.function_words
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
        ids = engine.encode(phones)
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
            evidence = engine.score(form, span, dist, self.res.lm, params)
            yield Candidate(first, last, form, evidence, phones, span)

    def _distance(self, ids: tuple[int, ...], number: int, form: engine.SoundForm) -> float:
        """Normalised distance, remembered: the same words recur through a transcript."""
        key = (ids, number)
        known = self.distances.get(key)
        if known is None:
            limit = self.res.params.max_distance * len(form.phones)
            known = engine.distance_ids(ids, form.ids, limit) / len(form.phones)
            self.distances[key] = known
        return known

    def _allowed(self, first: int, last: int, form: engine.SoundForm, dist: float) -> bool:
        """Possessives only for a heard 's; likely names only when they sound the same."""
        if form.text.endswith(engine.POSSESSIVE) and not possessive_heard(self.doc, first, last):
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

    def _span(self, first: int, last: int, form: engine.SoundForm) -> engine.Span:
        tokens = self.doc.tokens[first : last + 1]
        term = form.entry.term
        context = frozenset(w.casefold() for w in form.entry.context)
        return engine.Span(
            words=[t.text for t in tokens],
            left=_neighbour(self.doc, first, -1),
            right=_neighbour(self.doc, last, 1),
            mentions=(
                self.mentions[term] / self.total_words,
                self.ctx.related.get(term, 0) / max(self.ctx.related_words, 1),
            ),
            context_hits=_context_hits(self.doc, first, last, context),
            unknown=sum(not self.res.lm.is_word(t.text) for t in tokens),
            same_letters=engine.letters(" ".join(t.text for t in tokens))
            == engine.letters(form.text),
        )


def possessive_heard(doc: Document, first: int, last: int) -> bool:
    """Does the heard span end in a possessive: "Assad's", or "... sats" over two words?"""
    tail = doc.tokens[last]
    if tail.key.endswith("'s"):
        return True
    return last > first and tail.key.endswith("s") and tail.key not in NOT_POSSESSIVE


def select(candidates: Sequence[Candidate]) -> list[Candidate]:
    """The best-scoring candidates that do not overlap, in document order."""
    taken: list[Candidate] = []
    used: set[int] = set()
    for candidate in sorted(candidates, key=lambda c: -c.evidence.score):
        tokens = set(range(candidate.first, candidate.last + 1))
        if tokens.isdisjoint(used):
            taken.append(candidate)
            used |= tokens
    return sorted(taken, key=lambda c: c.first)


def reinforce(
    candidates: Sequence[Candidate], words: int, res: engine.Resources
) -> list[Candidate]:
    """Score again, counting the first round's confident fixes as mentions of their terms.

    A recogniser that mishears a name once usually mishears it again; when one hearing is
    clear, it is evidence for the others (a cache language model over our own fixes).
    """
    fixed = Counter(c.form.entry.term for c in select(candidates) if c.evidence.score > 0)
    if not fixed or res.params.self_weight <= 0:
        return list(candidates)
    again = []
    for c in candidates:
        extra = res.params.self_weight * fixed[c.form.entry.term] / words
        if extra <= 0:
            again.append(c)
            continue
        here, related = c.span.mentions
        span = replace(c.span, mentions=(here + extra, related))
        dist = c.evidence.distance
        again.append(
            replace(c, span=span, evidence=engine.score(c.form, span, dist, res.lm, res.params))
        )
    return again


def render(doc: Document, candidate: Candidate) -> str:
    text = candidate.form.text
    first = doc.tokens[candidate.first]
    if candidate.first in doc.sentence_start and first.text[:1].isupper():
        return text[:1].upper() + text[1:]
    return text


def reason(doc: Document, candidate: Candidate, span: Sequence[Token]) -> str:
    e = candidate.evidence
    heard = " ".join(candidate.phones)
    term = " ".join(candidate.form.phones)
    parts = [
        f"sounds like {candidate.form.entry.term!r}: /{heard}/ vs /{term}/",
        f"distance {e.distance:.2f}",
        f"context gain {e.lm_gain:+.1f}",
    ]
    if e.mention_gain:
        parts.append(f"mentions elsewhere {e.mention_gain:+.1f}")
    if e.unknown:
        parts.append(f"{e.unknown} heard word(s) in no dictionary")
    if e.context_hits:
        parts.append(f"{e.context_hits} context word(s) nearby")
    if candidate.span.same_letters:
        parts.append("the same letters with other word breaks")
    if e.prior != 1.0:
        parts.append(f"prior {e.prior:g}")
    parts.append(f"score {e.score:+.1f}")
    return "; ".join(parts)


def to_edit(doc: Document, candidate: Candidate) -> Edit:
    span = doc.tokens[candidate.first : candidate.last + 1]
    start, end = span[0].start, span[-1].end
    entry = candidate.form.entry
    return Edit(
        STEP,
        start,
        end,
        doc.text[start:end],
        render(doc, candidate),
        reason(doc, candidate, span),
        confidence=round(engine.confidence(candidate.evidence.score), 4),
        entry=entry.term,
        source=entry.source,
    )


@per_document
def fix_soundalike(doc: Document, ctx: Context) -> list[Edit]:
    if not ctx.lexicon.entries or not doc.tokens:
        return []
    resources = engine.resources_for(ctx.lexicon, ctx.params)
    if not resources.index.forms:
        return []
    scan = Scan(doc, ctx, resources)
    floor = resources.params.suggest_floor
    # The floor comes after the self-mentions: a candidate they lift must be seen here, or
    # a second run (where the first run's fixes are plain mentions) would find it. Only a
    # term with a confident candidate can be lifted.
    found = list(scan.candidates())
    lifted = {c.form.entry.term for c in found if c.evidence.score > 0}
    found = [c for c in found if c.evidence.score > floor or c.form.entry.term in lifted]
    found = reinforce(found, scan.total_words, resources)
    return [to_edit(doc, c) for c in select([c for c in found if c.evidence.score > floor])]
