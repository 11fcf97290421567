"""Parsing lexicon text: TSV with a header, or a plain list of terms, and every problem in it.

``scan`` never stops at a problem: it returns the entries it could read and every
``Problem`` (file, line, message, level). ``parse`` raises ``LexiconError`` at the first
error. The formats are described in the README ("Lexicon format").
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator
from typing import TypeVar

import regex

from cleanup.lexicon.detect import refusal
from cleanup.lexicon.model import (
    CASE_POLICIES,
    CATEGORIES,
    COLUMNS,
    DEFAULT_PRIOR,
    EXACT_VALUES,
    LIST_SEPARATOR,
    CasePolicy,
    Entry,
    Heard,
    Key,
    Problem,
    Scan,
    default_case,
    phrase_key,
    raise_first,
    source_location,
)

LINE_BREAK_RE = regex.compile(r"\r\n|\r|\n")
T = TypeVar("T")


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
    """Every entry and every problem of a lexicon text, problems in line order.

    A vendor vocabulary or a CSV file is one problem naming the import command.
    """
    refused = refusal(text, name)
    if refused is not None:
        return Scan(name, problems=(Problem(name, 0, refused),))
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


QUOTES = '"\u201c\u201d'
QUOTED = (
    'a term with double quotation marks (Café "Nero"): the quotes are punctuation '
    "around words, not part of a name, and would be written again on every run; "
    "remove them"
)


def quoted(term: str) -> bool:
    """Does the term hold a double quotation mark?"""
    return any(mark in term for mark in QUOTES)


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
        if quoted(term):
            problems.append(Problem(name, number, QUOTED))
            continue
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
    if quoted(term):
        messages.append(QUOTED)
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
        heard=_cell(row, "heard", parse_heard, (), messages),
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


# One heard form: its text, then in parentheses the voice, the recogniser and a count.
HEARD_RE = regex.compile(
    r"(?P<text>.*\S)\s+\((?P<voice>[\w.-]+) (?P<recogniser>[\w.-]+) (?P<count>\d+)\)"
)


def parse_heard(cell: str) -> tuple[Heard, ...]:
    """A heard cell: ``TEXT (VOICE RECOGNISER COUNT)`` items separated by ``|``, e.g.
    ``hetty (piper whisper 2)``; ``ValueError`` for an item of another shape."""
    heard = []
    for part in _split(cell):
        found = HEARD_RE.fullmatch(part)
        if found is None or not any(c.isalnum() for c in found["text"]):
            raise ValueError(
                f"heard form {part!r} is not 'TEXT (VOICE RECOGNISER COUNT)'; "
                "write e.g. 'hetty (piper whisper 2)'"
            )
        count = int(found["count"])
        if count < 1:
            raise ValueError(f"heard form {part!r} has a count of 0; write 1 or more")
        heard.append(Heard(found["text"], found["voice"], found["recogniser"], count))
    return tuple(heard)


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
