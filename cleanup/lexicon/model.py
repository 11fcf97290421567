"""Lexicons: canonical terms with their variants, read from TSV or plain word lists.

Two formats are accepted (see README, "Lexicon format"):

* a plain UTF-8 list, one term per line;
* a TSV file whose first non-comment line is a header naming its columns, of which
  ``term`` is required and the others (see ``COLUMNS``) are optional and may come in
  any order. Lists inside a cell are separated by ``|``.

Lines starting with ``#`` and blank lines are ignored in both.

Reading a file (``scan``) never stops at a problem: it returns the entries it could read
and every problem it found, each with its file and line and a level. Loading (``load``,
``load_all``, ``build``) raises ``LexiconError`` for the first ``error``;
``cleanup lexicon check`` reports them all. ``warning`` problems (a term repeated in
another case in a plain list) do not stop loading and are summarised in
``Lexicon.warnings``; ``style`` problems (sort order, stray whitespace, a repeated line in
a plain list) only matter to ``check``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Literal, TypeVar

import regex

from cleanup.document import Document

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
)
EXACT_VALUES: dict[str, bool | None] = {"": None, "yes": True, "no": False}
DEFAULT_PRIOR = 1.0
LIST_SEPARATOR = "|"
LINE_BREAK_RE = regex.compile(r"\r\n|\r|\n")

Level = Literal["error", "warning", "style"]
Key = tuple[str, ...]
T = TypeVar("T")


class LexiconError(Exception):
    """A lexicon file that cannot be used; the message names the file and line."""


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


# An initialism joined by ampersands: Q&A, SG&A, AT&T (not "Johnson&Johnson").
AMPERSAND_RE = regex.compile(r"[A-Z]{1,3}(?:&[A-Z]{1,3})+")


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


def ampersand_swapped(term: str) -> tuple[str, ...]:
    """The term with a word "and" written "&", or "&" written "and": the same words.

    "Bed Bath and Beyond" is also written "Bed Bath & Beyond", "Standard & Poor's"
    "Standard and Poor's". Like the spoken forms, these never displace a listed form.
    """
    words = term.split(" ")
    inner = range(1, len(words) - 1)
    swapped = {i: SWAP_AND[words[i]] for i in inner if words[i] in SWAP_AND}
    if not swapped:
        return ()
    return (" ".join(swapped.get(i, word) for i, word in enumerate(words)),)


SWAP_AND = {"and": "&", "&": "and"}


def spoken_letters(term: str) -> tuple[str, ...]:
    """How a recogniser writes an ampersand initialism it heard letter by letter.

    "SG&A" is said "S G and A" and written "SGNA" or "SGA". These derived forms never
    displace a listed one (they are indexed last, where their key is still free).
    """
    if AMPERSAND_RE.fullmatch(term) is None:
        return ()
    parts = term.split("&")
    return ("".join(parts), "N".join(parts))


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


# --- files --------------------------------------------------------------------------------


def load(path: Path) -> Lexicon:
    """Read and index one lexicon file."""
    return load_all([path])


def load_all(paths: Iterable[Path]) -> Lexicon:
    scans = [read(path) for path in paths]
    for scan in scans:
        raise_first(scan.problems)
    warnings = (summary for scan in scans if (summary := warning_summary(scan)))
    return build((entry for scan in scans for entry in scan.entries), warnings)


def read_entries(path: Path) -> list[Entry]:
    scan = read(path)
    raise_first(scan.problems)
    return list(scan.entries)


def read(path: Path) -> Scan:
    """Scan one lexicon file; a file that cannot be read is a scan with one error."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return _unreadable(name, f"cannot read lexicon ({exc.strerror}); check the path")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _unreadable(name, f"lexicon is not valid UTF-8 (byte {exc.start}); save it as UTF-8")
    return scan(text, name)


def _unreadable(name: str, message: str) -> Scan:
    return Scan(name, problems=(Problem(name, 0, message),))


def warning_summary(scan: Scan) -> str | None:
    """One line for a file's warnings: the first, and how many more there are."""
    warnings = scan.warnings
    if not warnings:
        return None
    if len(warnings) == 1:
        return str(warnings[0])
    return (
        f"{warnings[0]} (and {len(warnings) - 1} more; "
        f"'cleanup lexicon check {scan.name}' lists them)"
    )


# --- parsing ----------------------------------------------------------------------------


def parse(text: str, name: str) -> Iterator[Entry]:
    """The entries of a lexicon text; raises LexiconError at the first error."""
    result = scan(text, name)
    raise_first(result.problems)
    yield from result.entries


def _lines(text: str) -> list[tuple[int, str]]:
    # Not str.splitlines: it also breaks at U+2028, form feeds and the like inside a
    # cell, which shifts every line number after it.
    return list(enumerate(LINE_BREAK_RE.split(text), start=1))


def _is_content(line: str) -> bool:
    return bool(line.strip()) and not line.lstrip().startswith("#")


def _is_header(line: str) -> bool:
    return "term" in (cell.strip().casefold() for cell in line.split("\t"))  # in any column


def scan(text: str, name: str) -> Scan:
    """Every entry and every problem of a lexicon text, problems in line order."""
    lines = _lines(text)
    content = [(number, line) for number, line in lines if _is_content(line)]
    rows: set[int] = set()
    if content and _is_header(content[0][1]):
        entries, problems, rows = _scan_tsv(content, name)
    else:
        entries, problems = _scan_plain(content, name)
    problems += _whitespace_problems(lines, rows, name)
    problems.sort(key=lambda p: p.line)
    return Scan(name, tuple(entries), tuple(problems))


def _whitespace_problems(lines: list[tuple[int, str]], rows: set[int], name: str) -> list[Problem]:
    """Trailing whitespace on any line, and whitespace around a cell of a TSV row."""
    problems = []
    for number, line in lines:
        if number in rows:
            cells = line.split("\t")
            if any(cell != cell.strip() for cell in cells):
                problems.append(
                    Problem(name, number, "whitespace around a cell; remove it", "style")
                )
        elif line != line.rstrip():
            problems.append(Problem(name, number, "trailing whitespace; remove it", "style"))
    return problems


def _scan_plain(lines: list[tuple[int, str]], name: str) -> tuple[list[Entry], list[Problem]]:
    """A plain list: a line repeated exactly is skipped, one repeated in another case is
    skipped with a warning (exported word lists often have both "EBITDA" and "Ebitda")."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    seen: dict[Key, tuple[str, int]] = {}
    for number, line in lines:
        if "\t" in line:
            message = (
                "tab in a plain word list; start the file with a TSV header "
                f"line ({chr(9).join(COLUMNS)}) or remove the tab"
            )
            problems.append(Problem(name, number, message))
            continue
        term = line.strip()
        key = phrase_key(term)
        if key in seen:
            problems.append(_repeat(term, seen[key], Problem(name, number, "")))
            continue
        if key:  # a term without words is reported when the lexicon is built
            seen[key] = (term, number)
        entries.append(Entry(term=term, case=default_case(term), source=f"{name}:{number}"))
    return entries, problems


def _repeat(term: str, first: tuple[str, int], at: Problem) -> Problem:
    kept, line = first
    if term == kept:
        return Problem(at.file, at.line, f"repeats line {line}; remove it", "style")
    how = "only in case" if term.casefold() == kept.casefold() else "only in apostrophes or case"
    message = f"{term!r} differs from {kept!r} (line {line}) {how}; kept the first"
    return Problem(at.file, at.line, message, "warning")


def _scan_tsv(
    lines: list[tuple[int, str]], name: str
) -> tuple[list[Entry], list[Problem], set[int]]:
    (header_number, header_line), rows = lines[0], lines[1:]
    header, problems = _parse_header(header_line)
    found = [Problem(name, header_number, message) for message in problems]
    entries: list[Entry] = []
    for number, line in rows:
        entry, messages = _parse_row(line, header, f"{name}:{number}")
        found += [Problem(name, number, message) for message in messages]
        if entry is not None:
            entries.append(entry)
    found += _order_problems(entries)
    return entries, found, {number for number, _ in rows}


def _parse_header(line: str) -> tuple[list[str], list[str]]:
    """The column names (unknown ones kept, and ignored in rows) and what is wrong."""
    header = [cell.strip().casefold() for cell in line.split("\t")]
    known = ", ".join(COLUMNS)
    problems = [
        f"unknown column {column!r}; known columns are {known}"
        for column in header
        if column not in COLUMNS
    ]
    if len(set(header)) != len(header):
        problems.append("a column is named twice in the header")
    return header, problems


def _order_problems(entries: list[Entry]) -> list[Problem]:
    """Rows must be sorted by term, ignoring case, so a person can find and merge them."""
    problems = []
    for previous, entry in itertools.pairwise(entries):
        if entry.term.casefold() < previous.term.casefold():
            message = f"{entry.term!r} is out of order (after {previous.term!r}); sort rows by term"
            problems.append(Problem(*source_location(entry.source), message, "style"))
    return problems


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(LIST_SEPARATOR) if part.strip())


def _parse_row(line: str, header: list[str], where: str) -> tuple[Entry | None, list[str]]:
    """One TSV row: its entry (None without a term) and what is wrong with its cells."""
    cells = line.split("\t")
    messages = []
    if len(cells) > len(header):
        messages.append(
            f"{len(cells)} columns but the header has {len(header)}; "
            "remove the extra tab or add the column to the header"
        )
    row = {column: cell.strip() for column, cell in zip(header, cells, strict=False)}
    term = row.get("term", "")
    if not term:
        messages.append("the term column is empty; fill it or delete the line")
        return None, messages
    entry = Entry(
        term=term,
        variants=_split(row.get("variants", "")),
        accepted=_split(row.get("accepted", "")),
        category=_cell(row, "category", parse_category, "", messages),
        case=_cell(row, "case", lambda cell: parse_case(cell, term), default_case(term), messages),
        note=row.get("note", ""),
        source=where,
        sounds_like=_split(row.get("sounds_like", "")),
        pronunciation=_cell(row, "pronunciation", parse_pronunciations, (), messages),
        prior=_cell(row, "prior", parse_prior, DEFAULT_PRIOR, messages),
        context=_split(row.get("context", "")),
        exact=_cell(row, "exact", parse_exact, None, messages),
    )
    return entry, messages


def _cell(
    row: dict[str, str], column: str, parser: Callable[[str], T], default: T, messages: list[str]
) -> T:
    """Parse one cell; a bad one is recorded in ``messages`` and gives ``default``."""
    try:
        return parser(row.get(column, ""))
    except ValueError as exc:
        messages.append(str(exc))
        return default


# Cell parsers: the value of a cell, or ValueError with a message saying what to write.


def parse_category(cell: str) -> str:
    category = cell.casefold()
    if category and category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r}; use one of {', '.join(CATEGORIES)}")
    return category


def parse_case(cell: str, term: str) -> CasePolicy:
    value = cell.casefold()
    if not value:
        return default_case(term)
    if value == "exact":
        return "exact"
    if value == "proper":
        return "proper"
    if value == "any":
        return "any"
    raise ValueError(f"unknown case policy {cell!r}; use one of {', '.join(CASE_POLICIES)}")


def parse_prior(cell: str) -> float:
    if not cell:
        return DEFAULT_PRIOR
    try:
        value = float(cell)
    except ValueError:
        value = math.nan
    if not 0.0 < value <= 1.0:  # also false for nan
        raise ValueError(
            f"prior {cell!r} is not a number in (0, 1]; write e.g. 1 (curated) or 0.3 (gazetteer)"
        )
    return value


def parse_exact(cell: str) -> bool | None:
    value = cell.casefold()
    if value not in EXACT_VALUES:
        raise ValueError(f"exact {cell!r} is not yes or no; write yes, no or leave it empty")
    return EXACT_VALUES[value]


def pronunciation_problem(pronunciation: str) -> str | None:
    """What is wrong with one IPA pronunciation ("ɹ æ k ə"), or None."""
    if "\t" in pronunciation:
        return f"pronunciation {pronunciation!r} has a tab; separate phones with spaces"
    if not pronunciation.strip():
        return "empty pronunciation; remove the extra '|' or write the phones"
    return None


def parse_pronunciations(cell: str) -> tuple[str, ...]:
    if not cell:
        return ()
    parts = cell.split(LIST_SEPARATOR)
    for part in parts:
        problem = pronunciation_problem(part)
        if problem is not None:
            raise ValueError(problem)
    return tuple(" ".join(part.split()) for part in parts)


def bundled_dir() -> Path:
    """The folder of bundled lexicons, in an installed package or a source checkout."""
    packaged = Path(str(resources.files("cleanup"))) / "_bundled_lexicons"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "lexicons"


def bundled_paths() -> list[Path]:
    folder = bundled_dir()
    paths = sorted(folder.glob("*.tsv")) + sorted(folder.glob("*.txt"))
    if not paths:
        raise LexiconError(
            f"no bundled lexicons found in {folder}; reinstall cleanup or pass --no-builtin"
        )
    return paths
