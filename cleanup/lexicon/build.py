"""``cleanup lexicon build``: propose lexicon entries from clean related documents.

``propose`` reads clean documents
related to a transcript (news articles, say) and lists the names and acronyms in them
that the loaded lexicons do not cover yet, for a person to curate; ``render`` writes
them as a sorted TSV lexicon.

How ``propose`` finds names:

* A *name word* starts with a capital (``Baghdadi``), or is a short lower-case prefix
  joined to one (``al-Baghdadi``); an *acronym* is 2-6 letters in capitals (``ISIS``,
  ``U.S.``). Name particles (``al``, ``bin``, ``of``, ``de``, ...) may join name words
  inside a phrase (``Islamic State of Iraq``), never start or end one. A phrase is a run
  of such words with only spaces between them (``cleanup.lexicon.match.joinable``); a
  possessive ends it and is dropped; tokens with digits, words of one letter and
  compounds such as ``US-backed`` (lower-case last part) are not name words.
  A phrase joined by particles that is seen fewer than ``min_count`` times is counted
  as its parts (``Peter Neumann of King`` -> ``Peter Neumann``, ``King``).
* Capitalised words at a possible sentence start
  (``Document.sentence_initial``) or on a heading line (most words capitalised, no
  sentence mark at the end), are kept only when they are not English words
  (``Rukmini``) or the documents capitalise them mid-sentence at least as often as they
  write them in lower case (``Turkey``); otherwise they split the phrase (``The``).
* Words covered by a lexicon form (``cleanup.lexicon.match.find_phrases``) split phrases too,
  so nothing already in a lexicon is proposed again.
* A single word that is an English word (``is_word``: the English word list) is proposed only when
  the documents never write it in lower case: ``Aleppo`` and ``Turkey`` are names there,
  ``Caliphate`` next to ``caliphate`` is a common word. Phrases of two or more words
  are kept even when every word is an English word (``Islamic State``).
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import regex

from cleanup.document import SENTENCE_END, Document
from cleanup.lexicon.match import find_phrases, joinable
from cleanup.lexicon.model import Key, Lexicon, phrase_key

# Lower-case words that join the parts of a name: Abu Bakr al Baghdadi, Osama bin Laden,
# Islamic State of Iraq, Charles de Gaulle.
NAME_PARTICLES = frozenset(
    {
        "al",
        "el",
        "bin",
        "ibn",
        "bint",
        "of",
        "de",
        "del",
        "der",
        "di",
        "du",
        "da",
        "la",
        "van",
        "von",
    }
)
PREFIXED_NAME_RE = regex.compile(r"\p{Ll}{1,2}-\p{Lu}")  # al-Baghdadi, el-Sisi
# A last part in lower case after a hyphen or apostrophe: US-backed, ISIS-held, I'm.
LOWER_TAIL_RE = regex.compile(r"['\u2019-]\p{Ll}[^'\u2019-]*$")
POSSESSIVE_RE = regex.compile(r"['\u2019]s?$")
ACRONYM_LETTERS = (2, 6)
HEADING_SHARE = 0.5
DEFAULT_MIN_COUNT = 2
TSV_HEADER = "term\tcategory\tnote"

Kind = Literal["name", "acronym", "particle", "other"]


@dataclass(frozen=True)
class Candidate:
    """A proposed entry: its most frequent written form and how often it was seen."""

    term: str
    count: int
    documents: int
    category: str = ""

    @property
    def note(self) -> str:
        times = "time" if self.count == 1 else "times"
        docs = "document" if self.documents == 1 else "documents"
        return f"seen {self.count} {times} in {self.documents} {docs}"


@dataclass(frozen=True)
class Word:
    """A token as a possible part of a name."""

    index: int
    text: str  # without a possessive
    kind: Kind
    unsure: bool  # at a possible sentence start or on a heading line
    ends: bool = False  # a possessive: the phrase ends here


@dataclass
class Usage:
    """How the documents write words: capitalised mid-sentence, or in lower case; and
    whether a word is an English word (``is_word``)."""

    is_word: Callable[[str], bool]
    capitalised: Counter[str] = field(default_factory=Counter)
    lower: Counter[str] = field(default_factory=Counter)

    def add(self, words: Iterable[Word], doc: Document) -> None:
        self.capitalised.update(
            word.text.casefold()
            for word in words
            if word.kind in ("name", "acronym") and not word.unsure
        )
        self.lower.update(t.key for t in doc.tokens if t.text.islower())

    def name_like(self, text: str) -> bool:
        """Capitalised mid-sentence at least once, and at least as often as in lower case."""
        key = text.casefold()
        return self.capitalised[key] >= max(self.lower[key], 1)


def kind_of(text: str) -> Kind:
    """What a token (without possessive) can be in a name."""
    if text in NAME_PARTICLES:
        return "particle"
    if not _name_shaped(text):
        return "other"
    low, high = ACRONYM_LETTERS
    letters = sum(c.isalpha() for c in text)
    if text.replace(".", "").isalpha() and text.isupper() and low <= letters <= high:
        return "acronym"
    return "name"


def _name_shaped(text: str) -> bool:
    """Two letters or more, no digit, a capital first (or after al-), not US-backed or I'm."""
    if sum(c.isalpha() for c in text) < 2 or any(c.isdigit() for c in text):
        return False
    if LOWER_TAIL_RE.search(text):
        return False
    return text[:1].isupper() or PREFIXED_NAME_RE.match(text) is not None


def heading_tokens(doc: Document) -> frozenset[int]:
    """Tokens on heading lines: mostly capitalised words and no sentence mark at the end."""
    starts = [0] + [i + 1 for i, c in enumerate(doc.text) if c == "\n"]
    lines: dict[int, list[int]] = {}
    for index, token in enumerate(doc.tokens):
        lines.setdefault(bisect.bisect_right(starts, token.start) - 1, []).append(index)
    found: set[int] = set()
    for line, indices in lines.items():
        end = starts[line + 1] - 1 if line + 1 < len(starts) else len(doc.text)
        if _is_heading(doc, indices, doc.text[starts[line] : end]):
            found.update(indices)
    return frozenset(found)


def _is_heading(doc: Document, indices: list[int], line: str) -> bool:
    words = [doc.tokens[i].text for i in indices if doc.tokens[i].text[:1].isalpha()]
    capitalised = sum(word[:1].isupper() for word in words)
    last = line.rstrip()[-1:]
    return (
        len(words) >= 2 and capitalised >= HEADING_SHARE * len(words) and last not in SENTENCE_END
    )


def words_of(doc: Document, covered: frozenset[int]) -> list[Word]:
    """The document's tokens that may be part of a name, in order."""
    unsure = doc.sentence_initial | heading_tokens(doc)
    words = []
    for index, token in enumerate(doc.tokens):
        if index in covered or index in doc.in_address:
            continue
        text = POSSESSIVE_RE.sub("", token.text)
        kind = kind_of(text)
        if kind != "other":
            words.append(Word(index, text, kind, index in unsure, text != token.text))
    return words


def covered_tokens(doc: Document, lexicon: Lexicon) -> frozenset[int]:
    return frozenset(
        index
        for match in find_phrases(doc, lexicon)
        for index in range(match.first, match.last + 1)
    )


def runs(doc: Document, words: list[Word]) -> list[list[Word]]:
    """Maximal runs of adjacent name words and particles, joined only by spaces."""
    found: list[list[Word]] = []
    current: list[Word] = []
    for word in words:
        follows = bool(current) and current[-1].index + 1 == word.index and not current[-1].ends
        if follows and joinable(doc, current[-1].index, word.index):
            current.append(word)
            continue
        found.append(current)
        current = [word]
    found.append(current)
    return [run for run in found if run]


def phrases(run: list[Word], usage: Usage) -> list[list[Word]]:
    """Split a run at unsure common words and trim particles from both ends."""
    pieces: list[list[Word]] = [[]]
    for word in run:
        if word.unsure and word.kind != "particle" and not _trusted(word, usage):
            pieces.append([])
        else:
            pieces[-1].append(word)
    return [trimmed for piece in pieces if (trimmed := _trim(piece))]


def _trusted(word: Word, usage: Usage) -> bool:
    return not usage.is_word(word.text) or usage.name_like(word.text)


def _trim(piece: list[Word]) -> list[Word]:
    names = [i for i, word in enumerate(piece) if word.kind != "particle"]
    return piece[names[0] : names[-1] + 1] if names else []


@dataclass
class Tally:
    count: int = 0
    documents: set[int] = field(default_factory=set)
    forms: Counter[str] = field(default_factory=Counter)

    @property
    def term(self) -> str:
        """The most frequent written form (the first seen among equals)."""
        return self.forms.most_common(1)[0][0]


Occurrence = tuple[int, list[Word]]  # document number, the phrase's words


def propose(
    texts: Sequence[str],
    lexicon: Lexicon,
    is_word: Callable[[str], bool],
    min_count: int = DEFAULT_MIN_COUNT,
) -> list[Candidate]:
    """Names and acronyms in ``texts`` that ``lexicon`` lacks, seen at least ``min_count``
    times, sorted by term ignoring case. ``is_word`` tells an English word (the English
    word list of ``cleanup.soundalike.langmodel``)."""
    docs = [Document(text) for text in texts]
    words = [words_of(doc, covered_tokens(doc, lexicon)) for doc in docs]
    usage = Usage(is_word)
    for doc, found in zip(docs, words, strict=True):
        usage.add(found, doc)
    occurrences = [
        (number, phrase)
        for number, (doc, found) in enumerate(zip(docs, words, strict=True))
        for run in runs(doc, found)
        for phrase in phrases(run, usage)
    ]
    tallies = tally(split_rare(occurrences, min_count))
    candidates = [
        _candidate(found)
        for key, found in tallies.items()
        if found.count >= min_count and key not in lexicon.index and _proper(found, usage)
    ]
    return sorted(candidates, key=lambda c: (c.term.casefold(), c.term))


def _text(phrase: list[Word]) -> str:
    return " ".join(word.text for word in phrase)


def split_rare(occurrences: list[Occurrence], min_count: int) -> list[Occurrence]:
    """A phrase joined by particles that is seen fewer than ``min_count`` times is taken
    apart at them: "Peter Neumann of King" is "Peter Neumann" and "King"."""
    counts = Counter(phrase_key(_text(phrase)) for _, phrase in occurrences)
    kept: list[Occurrence] = []
    for number, phrase in occurrences:
        if counts[phrase_key(_text(phrase))] >= min_count:
            kept.append((number, phrase))
        else:
            kept += [(number, piece) for piece in _at_particles(phrase)]
    return kept


def _at_particles(phrase: list[Word]) -> list[list[Word]]:
    pieces: list[list[Word]] = [[]]
    for word in phrase:
        if word.kind == "particle":
            pieces.append([])
        else:
            pieces[-1].append(word)
    return [piece for piece in pieces if piece]


def tally(occurrences: Iterable[Occurrence]) -> dict[Key, Tally]:
    """Occurrences grouped by matching key, with counts and written forms."""
    tallies: dict[Key, Tally] = {}
    for number, phrase in occurrences:
        text = _text(phrase)
        found = tallies.setdefault(phrase_key(text), Tally())
        found.count += 1
        found.documents.add(number)
        found.forms[text] += 1
    return tallies


def _proper(tally: Tally, usage: Usage) -> bool:
    """Keep phrases, acronyms, and single words that are no English word or never lower-case."""
    term = tally.term
    if kind_of(term) == "acronym" or " " in term:
        return True
    return not usage.is_word(term) or not usage.lower[term.casefold()]


def _candidate(tally: Tally) -> Candidate:
    category = "acronym" if kind_of(tally.term) == "acronym" else ""
    return Candidate(tally.term, tally.count, len(tally.documents), category)


def render(candidates: Iterable[Candidate]) -> str:
    """A TSV lexicon (header ``term category note``) of the candidates, in their order."""
    rows = [TSV_HEADER]
    rows += [f"{c.term}\t{c.category}\t{c.note}" for c in candidates]
    return "\n".join(rows) + "\n"


__all__ = [
    "Candidate",
    "propose",
    "render",
]
