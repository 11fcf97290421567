"""Phones and how close two pronunciations are: the weighted phoneme edit distance.

Pure functions over phone sequences (tuples of IPA symbols as espeak-ng writes them, see
``cleanup.soundalike.g2p``): classes of consonants, the consonant skeleton used for
retrieval, and the edit distance used for verification. No I/O.

The phone table (``COSTS``) gives each phone seen a small integer; it holds one row per
distinct phone, so it is bounded by the phone inventory (a few dozen symbols).
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Sequence

Phones = tuple[str, ...]

VOWEL_START = frozenset("aeiouæɑɐəɚɛɪɔʊʌɜᵻɒɘɵ")
# Weak forms: espeak says function words in isolation ("a" as the letter name "ay").
WEAK_FORMS: dict[str, Phones] = {
    "a": ("ə",),
    "an": ("ə", "n"),
    "and": ("ə", "n", "d"),
    "of": ("ə", "v"),
    "the": ("ð", "ə"),
    "to": ("t", "ə"),
}
# Consonant classes: a sound-alike may swap voicing or a close place of articulation.
CLASSES: dict[str, str] = {
    "p": "P",
    "b": "P",
    "t": "T",
    "d": "T",
    "ɾ": "T",
    "k": "K",
    "ɡ": "K",
    "g": "K",
    "f": "F",
    "v": "F",
    "θ": "H",
    "ð": "H",
    "s": "S",
    "z": "S",
    "ʃ": "X",
    "ʒ": "X",
    "tʃ": "X",
    "dʒ": "X",
    "m": "M",
    "n": "N",
    "ŋ": "N",
    "l": "L",
    "ɹ": "R",
    "r": "R",
    "w": "W",
    "ʍ": "W",
    "j": "J",
    "x": "K",
    "˞": "R",
}
# An r after a vowel, in the syllable's coda ("rocker", "Qatar"): many speakers and
# recognisers drop it, so it is weak, unlike an r that starts a syllable.
CODA_R = "˞"
# Sounds a recogniser drops or adds freely: no mark in the consonant skeleton.
WEAK = frozenset({"h", "ʔ", "j", "w", CODA_R})
NEAR_CLASSES = frozenset({("S", "X"), ("H", "F"), ("H", "T"), ("H", "S"), ("M", "N"), ("L", "R")})

VOWEL_SUB = 0.25
CLASS_SUB = 0.3
NEAR_SUB = 0.55
VOWEL_INDEL = 0.5
WEAK_INDEL = 0.45
WEAK_SUB = 0.6  # a consonant heard as a weak sound ("ISIS" as "I his"): lenition


def is_vowel(phone: str) -> bool:
    return phone[:1] in VOWEL_START


def normalize_phone(phone: str) -> Phones:
    """One espeak phone as our symbols: length marks dropped, r-coloured vowels split into
    the vowel and a coda r (``CODA_R``)."""
    phone = phone.replace("ː", "").replace("ˑ", "")
    if phone in ("ɚ", "ɝ"):
        return ("ə", CODA_R)
    if phone == "ɜ":
        return ("ɜ", CODA_R)
    if len(phone) > 1 and phone.endswith("ɹ") and is_vowel(phone):
        return (phone[:-1], CODA_R)
    if phone.endswith("̩"):  # syllabic consonant
        return ("ə", phone[:-1])
    return (phone,) if phone else ()


def parse(ipa: str) -> Phones:
    """Phones from space-separated IPA (a lexicon's pronunciation override).

    A consonant written twice in a row is said once; an r-coloured vowel before an r
    ("ɚ ɹ" in "gallery") ends in that r, which starts the next syllable.
    """
    phones: list[str] = []
    for raw in ipa.split():
        for phone in normalize_phone(raw):
            if phones and phone == "ɹ" and phones[-1] == CODA_R:
                phones[-1] = phone
            elif not (phones and phone == phones[-1] and not is_vowel(phone)):
                phones.append(phone)
    return codas(phones)


def codas(phones: Sequence[str]) -> Phones:
    """Each r marked by its place: after a vowel and not before one, a coda r
    (``CODA_R``); before a vowel, an r that starts a syllable."""
    marked = list(phones)
    for at, phone in enumerate(marked):
        if phone not in ("ɹ", CODA_R):
            continue
        after = marked[at + 1] if at + 1 < len(marked) else ""
        before = marked[at - 1] if at else ""
        coda = bool(before) and is_vowel(before) and not is_vowel(after)
        marked[at] = CODA_R if coda else "ɹ"
    return tuple(marked)


def humped(letters: Sequence[str]) -> bool:
    """A capital after a small letter inside a word: "AcelRx", "iPhone", "SiTime"."""
    return any(a.islower() and b.isupper() for a, b in itertools.pairwise(letters))


def skeleton(phones: Sequence[str]) -> str:
    """The consonant classes of a pronunciation, vowels and weak sounds left out."""
    return "".join(CLASSES.get(p, "?") for p in phones if not is_vowel(p) and p not in WEAK)


@functools.cache
def substitution(a: str, b: str) -> float:
    """The cost of hearing phone ``a`` as ``b`` (0 the same, 1 unrelated)."""
    if a == b:
        return 0.0
    vowels = is_vowel(a) + is_vowel(b)
    if vowels:
        return VOWEL_SUB if vowels == 2 else 1.0
    ca, cb = CLASSES.get(a, a), CLASSES.get(b, b)
    if ca != cb and (a in WEAK or b in WEAK):
        return WEAK_SUB
    if ca == cb:
        return CLASS_SUB
    return NEAR_SUB if (ca, cb) in NEAR_CLASSES or (cb, ca) in NEAR_CLASSES else 1.0


@functools.cache
def indel(phone: str) -> float:
    if is_vowel(phone):
        return VOWEL_INDEL
    return WEAK_INDEL if phone in WEAK else 1.0


class _Costs:
    """Phones as small integers with their edit costs in lists, for a fast distance."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.phones: list[str] = []
        self.indel: list[float] = []
        self.sub: list[list[float]] = []

    def encode(self, phones: Sequence[str]) -> tuple[int, ...]:
        return tuple(self.ids.get(p) or self._add(p) for p in phones)

    def _add(self, phone: str) -> int:
        if phone in self.ids:
            return self.ids[phone]
        number = len(self.phones)
        self.ids[phone] = number
        self.phones.append(phone)
        self.indel.append(indel(phone))
        for other, row in zip(self.phones, self.sub, strict=False):
            row.append(substitution(other, phone))
        self.sub.append([substitution(phone, other) for other in self.phones])
        return number


COSTS = _Costs()
COSTS.encode(["ʔ"])  # id 0 is never returned by encode's `or`, so take it with a rare phone


def phone_table() -> list[str]:
    """The phones numbered so far in this process, in the order of their ids."""
    return list(COSTS.phones)


def encode(phones: Sequence[str]) -> tuple[int, ...]:
    """Phones as the integers ``distance_ids`` works on."""
    return COSTS.encode(phones)


def distance_ids(a: Sequence[int], b: Sequence[int], limit: float = math.inf) -> float:
    """``distance`` on encoded phones; returns ``math.inf`` once every alignment is over."""
    indel_cost, sub = COSTS.indel, COSTS.sub
    previous = [0.0]
    for y in b:
        previous.append(previous[-1] + indel_cost[y])
    for x in a:
        cost, row = indel_cost[x], sub[x]
        current = [previous[0] + cost]
        best = current[0]
        for j, y in enumerate(b):
            # Plain comparisons, not min(): this loop is the engine's hot path.
            value = previous[j] + row[y]
            if previous[j + 1] + cost < value:  # noqa: PLR1730
                value = previous[j + 1] + cost
            if current[j] + indel_cost[y] < value:  # noqa: PLR1730
                value = current[j] + indel_cost[y]
            current.append(value)
            if value < best:  # noqa: PLR1730
                best = value
        if best > limit:
            return math.inf
        previous = current
    return previous[-1]


def distance(a: Sequence[str], b: Sequence[str], limit: float = math.inf) -> float:
    """Weighted edit distance: vowel-for-vowel and voiced/voiceless swaps are cheap.

    Stops early and returns ``math.inf`` once every alignment costs more than ``limit``.
    """
    return distance_ids(encode(a), encode(b), limit)
