"""Spelling suggestions for words that are in no dictionary. Review tier: never applied.

A token is checked when it is in neither the English word list
(``cleanup.langmodel.english``) nor any lexicon form, and none of these holds: it is
part of a lexicon form in the text (``cleanup.matching.find_phrases``), inside a web or
e-mail address, has a digit, is in capitals (``NATO``), has a capital after its first
letter (``McChrystal``), a hyphen (``Raqqa-based``), a letter outside ASCII or an
apostrophe other than a possessive's, has fewer than three letters, or starts with a
capital anywhere but at a sure sentence start (``Document.sentence_start``) or a word the
text also capitalises mid-sentence (both: names).

Its suggestion is the nearest word by SymSpell (``SymSpell.lookup``, ``Verbosity.TOP``,
at most ``MAX_EDIT_DISTANCE`` edits, the closest and then the most frequent) among
symspellpy's bundled English frequency list and the words of the lexicon's terms and
accepted spellings (variants are wrong forms, never suggested), with the token's casing
(a lexicon word is written as in the lexicon). ``lookup_compound`` is never used: it
would also split and join words, which is not a spelling suggestion.

Confidence: ``(1 - distance / (MAX_EDIT_DISTANCE + 1)) * log10(count) / log10(top)``,
the closeness (2/3 at one edit, 1/3 at two) times how common the suggestion is, on a
log scale where the list's most frequent word (``the``) is 1. A lexicon word not in the
list counts as a word of median frequency there.

The English list is indexed once per process, on first use (about a second); the
lexicon's words get a small index of their own, cached per set of words, so a new
lexicon costs milliseconds, not another second.
"""

from __future__ import annotations

import contextlib
import functools
import math
import pickle
import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

import regex
from symspellpy import SymSpell, Verbosity  # type: ignore[import-untyped]
from symspellpy.suggest_item import SuggestItem  # type: ignore[import-untyped]

from cleanup.cache import cache_dir
from cleanup.document import Document, Token
from cleanup.edits import Edit
from cleanup.lexicon.match import find_phrases
from cleanup.lexicon.model import Lexicon
from cleanup.soundalike.langmodel import UNIGRAMS, english
from cleanup.steps.base import Context
from cleanup.textio import write_atomic

STEP = "spelling"
MAX_EDIT_DISTANCE = 2
# Shorter prefixes index faster and look up slower; at 5 the English list takes about
# 0.7 s to index and a lookup about 0.3 ms (the suggestions are the same as at 7).
PREFIX_LENGTH = 5
MIN_LETTERS = 3
POSSESSIVE_RE = regex.compile(r"['\u2019]s$")
PLAIN_WORD_RE = regex.compile(r"[A-Za-z]+")
WORD_PARTS_RE = regex.compile(r"['\u2019-]")


@dataclass(frozen=True)
class Suggestion:
    term: str
    distance: int
    count: int
    lexicon: bool  # a word of the lexicon rather than of the English list


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


@functools.cache
def english_speller() -> SymSpell:
    """SymSpell over symspellpy's bundled English frequency list, built once per process.

    The built index is kept in the cache folder (a pickle, 0.15 s to load instead of
    about 0.8 s to build); a missing or unreadable cache file is rebuilt.
    """
    speller = SymSpell(max_dictionary_edit_distance=MAX_EDIT_DISTANCE, prefix_length=PREFIX_LENGTH)
    cached = cache_dir() / f"symspell-en-{MAX_EDIT_DISTANCE}-{PREFIX_LENGTH}-v1.pickle"
    try:
        if cached.is_file() and speller.load_pickle(cached.read_bytes(), from_bytes=True):
            return speller
    except (OSError, ValueError, EOFError, KeyError, TypeError, pickle.UnpicklingError):
        speller = SymSpell(
            max_dictionary_edit_distance=MAX_EDIT_DISTANCE, prefix_length=PREFIX_LENGTH
        )
    with resources.as_file(resources.files("symspellpy") / UNIGRAMS) as path:
        speller.load_dictionary(path, term_index=0, count_index=1, encoding="utf-8")
    data = speller.save_pickle(to_bytes=True)
    if data is not None:
        with contextlib.suppress(OSError):
            write_atomic(cached, data)
    return speller


@functools.cache
def top_count() -> int:
    return int(max(english_speller().words.values()))


@functools.cache
def median_count() -> int:
    return int(statistics.median(english_speller().words.values()))


@functools.lru_cache(maxsize=8)
def lexicon_speller(words: frozenset[str]) -> SymSpell:
    """SymSpell over the lexicon words the English list lacks, cached per set of words."""
    speller = SymSpell(max_dictionary_edit_distance=MAX_EDIT_DISTANCE, prefix_length=PREFIX_LENGTH)
    english_words = english_speller().words
    for word in sorted(words):
        if word not in english_words and PLAIN_WORD_RE.fullmatch(word):
            speller.create_dictionary_entry(word, median_count())
    return speller


@functools.lru_cache(maxsize=65536)
def suggest(word: str, lexicon: frozenset[str]) -> Suggestion | None:
    """The best suggestion for a lower-case word, from the English list or the lexicon."""
    found = [
        (item, speller is not english_speller())
        for speller in (english_speller(), lexicon_speller(lexicon))
        for item in _lookup(speller, word)
    ]
    if not found:
        return None
    item, from_lexicon = min(found, key=lambda pair: (pair[0].distance, -pair[0].count))
    return Suggestion(item.term, item.distance, item.count, from_lexicon)


def _lookup(speller: SymSpell, word: str) -> list[SuggestItem]:
    return list(speller.lookup(word, Verbosity.TOP, max_edit_distance=MAX_EDIT_DISTANCE))


def confidence(suggestion: Suggestion) -> float:
    closeness = 1 - suggestion.distance / (MAX_EDIT_DISTANCE + 1)
    commonness = math.log10(max(suggestion.count, 1)) / math.log10(top_count())
    return round(min(max(closeness * commonness, 0.0), 1.0), 2)


def anchored(doc: Document, lexicon: Lexicon) -> frozenset[int]:
    """Tokens that are part of a lexicon form in the text."""
    return frozenset(
        index
        for match in find_phrases(doc, lexicon)
        for index in range(match.first, match.last + 1)
    )


def names(doc: Document) -> frozenset[str]:
    """Words the text capitalises away from any sentence start: names, left alone."""
    return frozenset(
        token.key
        for index, token in enumerate(doc.tokens)
        if token.text[:1].isupper() and index not in doc.sentence_initial
    )


def stem(text: str) -> str:
    """The token without a possessive ending."""
    return POSSESSIVE_RE.sub("", text)


def checkable(text: str) -> bool:
    """A plain ASCII word of three letters or more in lower case (a capital first at most)."""
    word = stem(text)
    return (
        PLAIN_WORD_RE.fullmatch(word) is not None
        and len(word) >= MIN_LETTERS
        and (word[1:].islower())
    )


def _may_check(
    doc: Document, index: int, skip: frozenset[int], known_names: frozenset[str]
) -> bool:
    token = doc.tokens[index]
    if index in skip or not checkable(token.text) or token.key in known_names:
        return False
    return not token.text[:1].isupper() or index in doc.sentence_start


def unknown(word: str, words: Words) -> bool:
    """In no dictionary, nor the plural of a word in one (the English list lacks many)."""
    return not any(
        english().is_word(form) or form in words.known for form in singulars(word.casefold())
    )


def singulars(word: str) -> Iterator[str]:
    """The word and what it is the regular plural of: fronts, boxes, militias, parties."""
    yield word
    if word.endswith("s"):
        yield word[:-1]
    if word.endswith("es"):
        yield word[:-2]
    if word.endswith("ies"):
        yield word[:-3] + "y"


def _casing(suggestion: Suggestion, written: str, lexicon: Lexicon) -> str:
    form = lexicon.index.get((suggestion.term,)) if suggestion.lexicon else None
    after = form.text if form is not None else suggestion.term
    if written[:1].isupper():
        return after[:1].upper() + after[1:]
    return after


def _edit(token: Token, ctx: Context, words: Words) -> Edit | None:
    word = stem(token.text)
    suggestion = suggest(word.casefold(), words.spellings)
    if suggestion is None or suggestion.distance == 0:
        return None
    after = _casing(suggestion, word, ctx.lexicon)
    return Edit(
        STEP,
        token.start,
        token.start + len(word),
        word,
        after,
        reason=_reason(word, after, suggestion),
        confidence=confidence(suggestion),
        tier="review",
    )


def _reason(word: str, after: str, suggestion: Suggestion) -> str:
    edits = "1 edit" if suggestion.distance == 1 else f"{suggestion.distance} edits"
    if suggestion.lexicon:
        where = "a word of the lexicon"
    else:
        where = f"seen {suggestion.count:,} times in the word-frequency list"
    return f"{word!r} is in no dictionary; {after!r} is {edits} away ({where})"


def suggest_spelling(doc: Document, ctx: Context) -> list[Edit]:
    words = lexicon_words(ctx.lexicon)
    skip = anchored(doc, ctx.lexicon) | doc.in_address
    known_names = names(doc)
    edits = []
    for index, token in enumerate(doc.tokens):
        if _may_check(doc, index, skip, known_names) and unknown(stem(token.text), words):
            edit = _edit(token, ctx, words)
            if edit is not None:
                edits.append(edit)
    return edits
