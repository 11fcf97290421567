"""The lexicon model: entries, their written forms, and the index every step matches by.

A lexicon (``Lexicon``) is a tuple of ``Entry`` (a canonical term with its variants,
accepted spellings and sound-alike hints) and an index from phrase keys (the words of a
form, case-folded) to ``Form``. ``build`` indexes entries and rejects duplicates, chains
and case-only variants; the file formats are read by ``cleanup.lexicon.parse`` and
``cleanup.lexicon.files``. Derived forms (an initialism heard letter by letter, "&" for
"and") come from ``cleanup.lexicon.forms``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from cleanup.document import Document
from cleanup.lexicon.forms import ampersand_swapped, letters, spoken_letters

CasePolicy = Literal["exact", "proper", "any"]
CASE_POLICIES: tuple[str, ...] = ("exact", "proper", "any")
CATEGORIES: tuple[str, ...] = ("person", "place", "org", "group", "term", "acronym")
COLUMNS: tuple[str, ...] = (
    "term",
    "variants",
    "accepted",
    "sounds_like",
    "pronunciation",
    "category",
    "prior",
    "context",
    "exact",
    "case",
    "note",
    "heard",
)
EXACT_VALUES: dict[str, bool | None] = {"": None, "yes": True, "no": False}
DEFAULT_PRIOR = 1.0
LIST_SEPARATOR = "|"

Level = Literal["error", "warning", "style"]
Key = tuple[str, ...]


class LexiconError(Exception):
    """A lexicon file that cannot be used; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Heard:
    """How a recogniser wrote the term when a voice said it (``cleanup lexicon simulate``):
    ``text`` written ``count`` times by ``recogniser`` hearing ``voice``."""

    text: str
    voice: str
    recogniser: str
    count: int = 1

    def __str__(self) -> str:
        return f"{self.text} ({self.voice} {self.recogniser} {self.count})"


@dataclass(frozen=True, slots=True)
class Entry:
    term: str
    variants: tuple[str, ...] = ()
    accepted: tuple[str, ...] = ()
    category: str = ""
    case: CasePolicy = "any"
    note: str = ""
    source: str = ""
    # How the term sounds, for the sound-alike matcher: plain-English respellings
    # ("rah ka") and IPA pronunciations, phones separated by spaces ("ɹ æ k ə").
    sounds_like: tuple[str, ...] = ()
    pronunciation: tuple[str, ...] = ()
    # How likely the term is a priori: 1.0 for a curated entry, less for a gazetteer's.
    prior: float = DEFAULT_PRIOR
    # Words that make the term more likely when they occur nearby.
    context: tuple[str, ...] = ()
    # Match only exactly (True), also by sound (False), or let the engine decide (None).
    exact: bool | None = None
    # How recognisers wrote the term when it was said (simulated mishearings).
    heard: tuple[Heard, ...] = ()

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every form that is correct as written: the term and its accepted variants."""
        return (self.term, *self.accepted)


@dataclass(frozen=True, slots=True)
class Form:
    """One written form of an entry: a correct spelling, or a variant to rewrite."""

    entry: Entry
    text: str
    kind: Literal["spelling", "variant", "spoken", "ampersand"]


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[Entry, ...] = ()
    # phrase key (tuple of case-folded words) -> the form written that way
    index: dict[Key, Form] = field(default_factory=dict)
    # one line per file whose (non-fatal) problems were skipped over: "file:line: ..."
    warnings: tuple[str, ...] = ()

    @property
    def max_words(self) -> int:
        return max((len(key) for key in self.index), default=0)

    @cached_property
    def longest(self) -> dict[str, int]:
        """The longest form (in words) starting with each word: how far a phrase scan looks."""
        table: dict[str, int] = {}
        for key in self.index:
            table[key[0]] = max(table.get(key[0], 0), len(key))
        return table

    @cached_property
    def spelled(self) -> frozenset[str]:
        """The letters of every correct spelling of a term ("conocophillips")."""
        return frozenset(letters(f.text) for f in self.index.values() if f.kind == "spelling")

    def __len__(self) -> int:
        return len(self.entries)


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in a lexicon file, at a line (0: the file as a whole)."""

    file: str
    line: int
    message: str
    level: Level = "error"

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class Scan:
    """What reading one lexicon found: the entries it could read and every problem."""

    name: str
    entries: tuple[Entry, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]


def phrase_key(phrase: str) -> Key:
    """The key a phrase is matched by: its words, case-folded, typographic apostrophes plain."""
    return tuple(token.key for token in Document(phrase).tokens)


def default_case(term: str) -> CasePolicy:
    letters = [c for c in term if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return "exact"
    return "proper" if any(c.isupper() for c in letters) else "any"


def source_location(source: str) -> tuple[str, int]:
    """``"path:12"`` -> ("path", 12); a source without a line number is the file itself."""
    name, colon, line = source.rpartition(":")
    if colon and line.isdigit():
        return name, int(line)
    return source, 0


def raise_first(problems: Iterable[Problem]) -> None:
    """Raise LexiconError for the first ``error`` among ``problems``, if any."""
    for problem in problems:
        if problem.level == "error":
            raise LexiconError(str(problem))


# --- the index: duplicates, chains and case-only variants ------------------------------


def index_forms(entries: Sequence[Entry]) -> tuple[dict[Key, Form], list[Problem]]:
    """Index every written form by its key; a form that conflicts is left out and reported."""
    index: dict[Key, Form] = {}
    problems: list[Problem] = []
    forms = [Form(e, text, "spelling") for e in entries for text in e.spellings]
    forms += [Form(e, text, "variant") for e in entries for text in e.variants]
    for form in forms:
        message = _claim(index, form)
        if message is not None:
            problems.append(Problem(*source_location(form.entry.source), message))
    for entry in entries:
        for text in spoken_letters(entry.term):
            index.setdefault(phrase_key(text), Form(entry, text, "spoken"))
        for text in ampersand_swapped(entry.term):
            index.setdefault(phrase_key(text), Form(entry, text, "ampersand"))
    return index, problems


def _claim(index: dict[Key, Form], form: Form) -> str | None:
    key = phrase_key(form.text)
    if not key:
        return f"{form.text!r} has no letters or digits to match"
    other = index.get(key)
    if other is None:
        index[key] = form
        return None
    return _conflict(form, other)


def _conflict(form: Form, other: Form) -> str:
    entry = form.entry
    if other.entry is entry and other.kind == form.kind == "spelling":
        return (
            f"{form.text!r} differs from {other.text!r} only in case; "
            "remove it (case is repaired from the term itself)"
        )
    if form.kind == "variant" and other.kind == "spelling":
        return (
            f"variant {form.text!r} of {entry.term!r} is itself a correct spelling of "
            f"{other.entry.term!r} ({other.entry.source}); a chain or a case-only variant: "
            "remove it"
        )
    return (
        f"{form.text!r} is already listed for {other.entry.term!r} at "
        f"{other.entry.source}; keep one of the two"
    )


def build(entries: Iterable[Entry], warnings: Iterable[str] = ()) -> Lexicon:
    """Index entries; raises LexiconError for duplicates, chains and ambiguous variants."""
    entries = tuple(entries)
    index, problems = index_forms(entries)
    raise_first(problems)
    return Lexicon(entries, index, tuple(warnings))


def merge(lexicons: Iterable[Lexicon]) -> Lexicon:
    lexicons = list(lexicons)
    return build(
        (entry for lexicon in lexicons for entry in lexicon.entries),
        (warning for lexicon in lexicons for warning in lexicon.warnings),
    )
