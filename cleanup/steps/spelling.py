"""The ``spelling`` step: suggestions for words in no dictionary. Review tier: never applied.

A token is checked when it is in neither the English word list nor any lexicon form
(nor is the regular plural of a word in one), and none of these holds: it is part of a
lexicon form in the text, inside a web or e-mail address, has a digit, is in capitals
(``NATO``), has a capital after its first letter (``McChrystal``), a hyphen
(``Raqqa-based``), a letter outside ASCII or an apostrophe other than a possessive's,
has fewer than three letters, or starts with a capital anywhere but at a sure sentence
start (``Document.sentence_start``) or a word the text also capitalises mid-sentence
(both: names). Nor is a word checked that the text writes three times or more, or twice
with its suggestion two edits away (a slip of the keys is seldom repeated: "opex",
"ghanima"), a capitalised word of a heading or dateline (a short line without a final
mark: "Siria, Aleppo"), a word cut off ("profitab-") or markup ("<unk>"). A word the
CMU Pronouncing Dictionary knows is checked only against the commonest words ("thier";
see ``cleanup.speller``), and no suggestion changes a word's American spelling to the
British one or back, or drops a prefix or suffix.

Its suggestion comes from ``cleanup.speller`` (SymSpell), with the token's casing (a
lexicon word is written as in the lexicon).

Confidence: ``(1 - distance / (max edits + 1)) * log10(count) / log10(top)``,
the closeness (2/3 at one edit, 1/3 at two) times how common the suggestion is, on a
log scale where the list's most frequent word (``the``) is 1. A lexicon word not in the
list counts as a word of median frequency there.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

import regex

from cleanup.context import Context, Resources
from cleanup.document import Document, Token
from cleanup.edits import Edit
from cleanup.lexicon.model import Lexicon
from cleanup.soundalike.langmodel import LanguageModel

if TYPE_CHECKING:
    from cleanup.speller import Speller, Suggestion

STEP = "spelling"
MIN_LETTERS = 3
HEADING_WORDS = 12
REPEATED = 3  # times a word is written to be meant, whatever the suggestion
REPEATED_FAR = 2  # ... when the suggestion is two edits away
POSSESSIVE_RE = regex.compile(r"['\u2019]s$")
PLAIN_WORD_RE = regex.compile(r"[A-Za-z]+")


def speller(res: Resources) -> Speller:
    """The run's speller (built once, through ``Resources.get``; imported only then)."""
    from cleanup.speller import Speller  # noqa: PLC0415 (start-up time)

    return Speller(res.lexicon, res.cache)


def confidence(suggestion: Suggestion, top_count: int) -> float:
    """Closeness times commonness (see the module docstring), rounded to 2 digits."""
    commonness = math.log10(max(suggestion.count, 1)) / math.log10(top_count)
    return round(min(max(suggestion.closeness * commonness, 0.0), 1.0), 2)


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


def _may_check(doc: Document, index: int, skip: frozenset[int], known: frozenset[str]) -> bool:
    token = doc.tokens[index]
    if index in skip or not checkable(token.text) or token.key in known:
        return False
    before, after = doc.text[token.start - 1 : token.start], doc.text[token.end : token.end + 2]
    if before == "<" and after[:1] == ">":
        return False  # markup: "<unk>", "<inaudible>"
    if after[:1] == "-" and after[1:2] in ("", " ", "\n", "\r"):
        return False  # a word cut off ("profitab- unit profitability")
    return not token.text[:1].isupper() or index in doc.sentence_start


def repeated_words(doc: Document, times: int) -> frozenset[str]:
    """Words the text writes ``times`` times or more: a slip of the keys is seldom made
    the same way again, and never far from the word meant, so a word written twice with
    its nearest word two edits away ("ghanima" -> "ghana"), or three times whatever the
    suggestion ("opex", "buybuy"), is meant. ("goverment" twice is still a typo.)"""
    counts = Counter(doc.keys)
    return frozenset(key for key, count in counts.items() if count >= times)


def heading_words(doc: Document) -> frozenset[str]:
    """Capitalised words of headings and datelines ("Siria, Aleppo"): a line of at most
    ``HEADING_WORDS`` words with no sentence mark at its end. Names and titles, left alone."""
    found: set[str] = set()
    for line in doc.text.splitlines():
        body = line.strip()
        words = body.split()
        if words and len(words) <= HEADING_WORDS and body[-1] not in '.?!:;\u2026"\u201d':
            found.update(w.strip(",;:()'\"").casefold() for w in words if w[:1].isupper())
    return frozenset(found)


def unknown(word: str, spell: Speller, lm: LanguageModel) -> bool:
    """In no dictionary, nor the plural of a word in one (the English list lacks many)."""
    return not any(lm.is_word(form) or spell.known(form) for form in singulars(word.casefold()))


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


def pronounced(word: str, spell: Speller) -> bool:
    """Does the CMU dictionary know the word or the singular it is the plural of?"""
    return any(form in spell.pronounced for form in singulars(word.casefold()))


def _edit(token: Token, lexicon: Lexicon, spell: Speller, twice: frozenset[str]) -> Edit | None:
    word = stem(token.text)
    if pronounced(word, spell):
        suggestion = spell.suggest_for_pronounced(word.casefold())
    else:
        suggestion = spell.suggest(word.casefold())
    if suggestion is None or suggestion.distance == 0:
        return None
    if suggestion.distance > 1 and token.key in twice:
        return None
    after = _casing(suggestion, word, lexicon)
    return Edit(
        STEP,
        token.start,
        token.start + len(word),
        word,
        after,
        reason=_reason(word, after, suggestion),
        confidence=confidence(suggestion, spell.top_count),
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
    skip = ctx.analysis.protected
    known_names = names(doc) | heading_words(doc) | repeated_words(doc, REPEATED)
    twice = repeated_words(doc, REPEATED_FAR)
    checked = [i for i in range(len(doc.tokens)) if _may_check(doc, i, skip, known_names)]
    if not checked:
        return []
    spell = ctx.resources.get(speller)
    lm = ctx.resources.lm
    edits = []
    for index in checked:
        token = doc.tokens[index]
        if unknown(stem(token.text), spell, lm):
            edit = _edit(token, ctx.lexicon, spell, twice)
            if edit is not None:
                edits.append(edit)
    return edits
