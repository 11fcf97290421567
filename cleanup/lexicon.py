"""Lexicons: canonical terms with their variants, read from TSV or plain word lists.

Two formats are accepted (see README, "Lexicon format"):

* a plain UTF-8 list, one term per line;
* a TSV file whose first non-comment line is a header naming its columns, of which
  ``term`` is required and the others (``variants``, ``accepted``, ``category``,
  ``case``, ``note``) are optional. Lists inside a cell are separated by ``|``.

Lines starting with ``#`` and blank lines are ignored in both.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Literal

import regex

from cleanup.document import Document

CasePolicy = Literal["exact", "proper", "any"]
CASE_POLICIES: tuple[str, ...] = ("exact", "proper", "any")
CATEGORIES: tuple[str, ...] = ("person", "place", "org", "group", "term", "acronym")
COLUMNS: tuple[str, ...] = ("term", "variants", "accepted", "category", "case", "note")
LIST_SEPARATOR = "|"
LINE_BREAK_RE = regex.compile(r"\r\n|\r|\n")


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

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every form that is correct as written: the term and its accepted variants."""
        return (self.term, *self.accepted)


@dataclass(frozen=True, slots=True)
class Form:
    """One written form of an entry: a correct spelling, or a variant to rewrite."""

    entry: Entry
    text: str
    kind: Literal["spelling", "variant"]


@dataclass(frozen=True)
class Lexicon:
    entries: tuple[Entry, ...] = ()
    # phrase key (tuple of case-folded words) -> the form written that way
    index: dict[tuple[str, ...], Form] = field(default_factory=dict)

    @property
    def max_words(self) -> int:
        return max((len(key) for key in self.index), default=0)

    def __len__(self) -> int:
        return len(self.entries)


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The key a phrase is matched by: its words, case-folded, typographic apostrophes plain."""
    return tuple(token.key for token in Document(phrase).tokens)


def default_case(term: str) -> CasePolicy:
    letters = [c for c in term if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return "exact"
    return "proper" if any(c.isupper() for c in letters) else "any"


def build(entries: Iterable[Entry]) -> Lexicon:
    """Index entries; raises LexiconError for duplicates, chains and ambiguous variants."""
    entries = tuple(entries)
    index: dict[tuple[str, ...], Form] = {}
    for entry in entries:
        for text in entry.spellings:
            _claim(index, Form(entry, text, "spelling"))
    for entry in entries:
        for text in entry.variants:
            _claim(index, Form(entry, text, "variant"))
    return Lexicon(entries, index)


def _claim(index: dict[tuple[str, ...], Form], form: Form) -> None:
    entry = form.entry
    key = phrase_key(form.text)
    if not key:
        raise LexiconError(f"{entry.source}: {form.text!r} has no letters or digits to match")
    other = index.get(key)
    if other is None:
        index[key] = form
        return
    if other.entry is entry and other.kind == form.kind == "spelling":
        raise LexiconError(
            f"{entry.source}: {form.text!r} differs from {other.text!r} only in case; "
            "remove it (case is repaired from the term itself)"
        )
    if form.kind == "variant" and other.kind == "spelling":
        raise LexiconError(
            f"{entry.source}: variant {form.text!r} of {entry.term!r} is itself a correct "
            f"spelling of {other.entry.term!r} ({other.entry.source}); a chain or a "
            "case-only variant: remove it"
        )
    raise LexiconError(
        f"{entry.source}: {form.text!r} is already listed for {other.entry.term!r} at "
        f"{other.entry.source}; keep one of the two"
    )


def merge(lexicons: Iterable[Lexicon]) -> Lexicon:
    return build(entry for lexicon in lexicons for entry in lexicon.entries)


def load(path: Path) -> Lexicon:
    """Read and index one lexicon file."""
    return build(read_entries(path))


def load_all(paths: Iterable[Path]) -> Lexicon:
    return build(entry for path in paths for entry in read_entries(path))


def read_entries(path: Path) -> list[Entry]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read lexicon ({exc.strerror}); check the path") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LexiconError(
            f"{path}: lexicon is not valid UTF-8 (byte {exc.start}); save it as UTF-8"
        ) from exc
    return list(parse(text, str(path)))


def _content_lines(text: str) -> Iterator[tuple[int, str]]:
    # Not str.splitlines: it also breaks at U+2028, form feeds and the like inside a
    # cell, which shifts every line number after it.
    for number, line in enumerate(LINE_BREAK_RE.split(text), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line


def parse(text: str, name: str) -> Iterator[Entry]:
    lines = list(_content_lines(text))
    if not lines:
        return
    first_number, first = lines[0]
    if "term" in (cell.strip().casefold() for cell in first.split("\t")):  # in any column
        header = _parse_header(first, f"{name}:{first_number}")
        for number, line in lines[1:]:
            yield _parse_row(line, header, f"{name}:{number}")
        return
    for number, line in lines:
        where = f"{name}:{number}"
        if "\t" in line:
            raise LexiconError(
                f"{where}: tab in a plain word list; start the file with a TSV header "
                f"line ({chr(9).join(COLUMNS)}) or remove the tab"
            )
        term = line.strip()
        yield Entry(term=term, case=default_case(term), source=where)


def _parse_header(line: str, where: str) -> list[str]:
    header = [cell.strip().casefold() for cell in line.split("\t")]
    unknown = [column for column in header if column not in COLUMNS]
    if unknown:
        raise LexiconError(
            f"{where}: unknown column {unknown[0]!r}; known columns are {', '.join(COLUMNS)}"
        )
    if len(set(header)) != len(header):
        raise LexiconError(f"{where}: a column is named twice in the header")
    return header


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(LIST_SEPARATOR) if part.strip())


def _parse_row(line: str, header: list[str], where: str) -> Entry:
    cells = line.split("\t")
    if len(cells) > len(header):
        raise LexiconError(
            f"{where}: {len(cells)} columns but the header has {len(header)}; "
            "remove the extra tab or add the column to the header"
        )
    row = dict(zip(header, (c.strip() for c in cells), strict=False))
    term = row.get("term", "")
    if not term:
        raise LexiconError(f"{where}: the term column is empty; fill it or delete the line")
    category = row.get("category", "").casefold()
    if category and category not in CATEGORIES:
        raise LexiconError(
            f"{where}: unknown category {category!r}; use one of {', '.join(CATEGORIES)}"
        )
    return Entry(
        term=term,
        variants=_split(row.get("variants", "")),
        accepted=_split(row.get("accepted", "")),
        category=category,
        case=_case(row.get("case", ""), term, where),
        note=row.get("note", ""),
        source=where,
    )


def _case(cell: str, term: str, where: str) -> CasePolicy:
    value = cell.casefold()
    if not value:
        return default_case(term)
    if value == "exact":
        return "exact"
    if value == "proper":
        return "proper"
    if value == "any":
        return "any"
    raise LexiconError(
        f"{where}: unknown case policy {cell!r}; use one of {', '.join(CASE_POLICIES)}"
    )


def bundled_dir() -> Path:
    """The folder of bundled lexicons, in an installed package or a source checkout."""
    packaged = Path(str(resources.files("cleanup"))) / "_bundled_lexicons"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "lexicons"


def bundled_paths() -> list[Path]:
    folder = bundled_dir()
    paths = sorted(folder.glob("*.tsv")) + sorted(folder.glob("*.txt"))
    if not paths:
        raise LexiconError(
            f"no bundled lexicons found in {folder}; reinstall cleanup or pass --no-builtin"
        )
    return paths
