"""The user's lexicon (``A``: always) and ignore list (``N``: never), edited in place.

Both are plain files a person also edits, so saving keeps their order, comments and
newline style: a new line goes where sorting puts it, and an existing row only gains a
variant. The user lexicon is an ordinary TSV lexicon (``term`` and ``variants``
columns at least), loaded by every run when it exists. The ignore list has one rule a
line: ``before<TAB>after`` (never propose that change) or just ``before`` (never change
that text); ``#`` starts a comment.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from cleanup.edits import Edit
from cleanup.lexicon.model import (
    Entry,
    Lexicon,
    LexiconError,
    build,
    index_forms,
    phrase_key,
    raise_first,
    read,
    scan,
    source_location,
    warning_summary,
)
from cleanup.textio import write_atomic

LINE_BREAK = re.compile(r"\r\n|\r|\n")
LEXICON_HEADER = (
    "# Your lexicon: variants saved by 'cleanup review' (A), loaded by every run.",
    "term\tvariants",
)
IGNORE_HEADER = (
    "# Your ignore list: changes 'cleanup review' (N) is never to propose.",
    "# before<TAB>after, or just before to leave that text alone; sorted by before.",
)
UNSAFE = ("\t", "\n", "\r")


class SaveError(Exception):
    """The change cannot be saved to the file; the message says why."""


@dataclass(frozen=True)
class FileChange:
    """A file before a save, so that undo can put it back."""

    path: Path
    previous: bytes | None

    def restore(self) -> None:
        if self.previous is None:
            self.path.unlink(missing_ok=True)
        else:
            write_atomic(self.path, self.previous)


@dataclass(frozen=True)
class Lines:
    """A text file as lines, with its newline style."""

    lines: list[str]
    newline: str = "\n"

    @classmethod
    def of(cls, text: str) -> Lines:
        newline = "\r\n" if "\r\n" in text else "\n"
        lines = LINE_BREAK.split(text)
        if lines and lines[-1] == "":
            lines.pop()
        return cls(lines, newline)

    def text(self) -> str:
        return "".join(line + self.newline for line in self.lines)


def _content(line: str) -> bool:
    return bool(line.strip()) and not line.lstrip().startswith("#")


def insert_sorted(lines: list[str], new: str, key: Callable[[str], str], first: int = 0) -> None:
    """Insert ``new`` after the last content line (from ``first``) that sorts before it,
    else before the first content line, else at the end (after any comments)."""
    content = [i for i in range(first, len(lines)) if _content(lines[i])]
    before = [i for i in content if key(lines[i]) <= key(new)]
    fallback = content[0] if content else len(lines)
    lines.insert(before[-1] + 1 if before else fallback, new)


def _read(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return ""
    except (OSError, UnicodeDecodeError) as exc:
        raise SaveError(f"{path}: cannot read it ({exc}); fix or move the file") from exc


def unchanged(path: Path) -> FileChange:
    return FileChange(path, path.read_bytes() if path.exists() else None)


def _write(path: Path, text: str) -> FileChange:
    previous = path.read_bytes() if path.exists() else None
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise SaveError(f"{path}: cannot write ({exc.strerror})") from exc
    return FileChange(path, previous)


# --- the user lexicon ----------------------------------------------------------------------


def _header(file: Lines, path: Path) -> tuple[int, list[str]]:
    """The header line's index and its column names, adding a variants column if missing."""
    for index, line in enumerate(file.lines):
        if _content(line):
            columns = [cell.strip().casefold() for cell in line.split("\t")]
            if "term" not in columns:
                raise SaveError(
                    f"{path}: a plain word list cannot hold variants; "
                    "start it with a TSV header line: term<TAB>variants"
                )
            if "variants" not in columns:
                file.lines[index] = line + "\tvariants"
                columns.append("variants")
            return index, columns
    file.lines.extend(LEXICON_HEADER)
    return len(file.lines) - 1, ["term", "variants"]


def with_variant(text: str, term: str, variant: str, path: Path) -> str:
    """``text`` (a TSV lexicon) with ``variant`` listed for ``term`` (a new row if needed)."""
    file = Lines.of(text)
    header, columns = _header(file, path)
    term_at, variants_at = columns.index("term"), columns.index("variants")
    width = max(term_at, variants_at) + 1
    for index in range(header + 1, len(file.lines)):
        cells = file.lines[index].split("\t")
        if _content(file.lines[index]) and cells[term_at].strip() == term:
            cells += [""] * (width - len(cells))
            listed = [v.strip() for v in cells[variants_at].split("|") if v.strip()]
            cells[variants_at] = "|".join(dict.fromkeys([*listed, variant]))
            file.lines[index] = "\t".join(cells)
            return file.text()
    cells = [""] * width
    cells[term_at], cells[variants_at] = term, variant
    row = "\t".join(cells).rstrip("\t")
    insert_sorted(file.lines, row, lambda line: line.split("\t")[term_at].casefold(), header + 1)
    return file.text()


def variant_problem(edit: Edit) -> str | None:
    """Why ``edit`` cannot become a lexicon variant, or None."""
    if any(c in edit.before + edit.after for c in UNSAFE):
        return "it spans a tab or a line break"
    if not phrase_key(edit.before) or not phrase_key(edit.after):
        return "a lexicon variant needs words on both sides"
    if phrase_key(edit.before) == phrase_key(edit.after):
        return "it only changes case or apostrophes, which the lexicon repairs from the term"
    return None


def save_variant(path: Path, edit: Edit, others: Sequence[Entry]) -> FileChange:
    """Add ``edit.before`` as a variant of ``edit.after`` to the user lexicon at ``path``.

    ``others`` are the entries of the other lexicons in use: the saved file must still
    load with them (no duplicate, no chain), or nothing is written.
    """
    problem = variant_problem(edit)
    if problem is not None:
        raise SaveError(f"cannot save {edit.before!r} -> {edit.after!r} as a variant: {problem}")
    old = _read(path)
    new = with_variant(old, edit.after.strip(), edit.before.strip(), path)
    if new == old:
        return unchanged(path)
    _check_lexicon(new, path, others)
    return _write(path, new)


def _check_lexicon(text: str, path: Path, others: Sequence[Entry]) -> None:
    found = scan(text, str(path))
    mine = [e for e in others if source_location(e.source)[0] != str(path)]
    _, problems = index_forms(merge_user(mine, found.entries))
    errors = [str(p) for p in (*found.problems, *problems) if p.level == "error"]
    if errors:
        raise SaveError(f"not saved, {path} would not load: {errors[0]}")


def merge_user(base: Sequence[Entry], user: Iterable[Entry]) -> list[Entry]:
    """The entries of the other lexicons with the user's: a user row for a term another
    lexicon has only adds its variants to that entry; other rows are entries of their own."""
    merged = list(base)
    at = {entry.term: index for index, entry in enumerate(merged)}
    for entry in user:
        if entry.term not in at:
            at[entry.term] = len(merged)
            merged.append(entry)
            continue
        known = merged[at[entry.term]]
        variants = tuple(dict.fromkeys([*known.variants, *entry.variants]))
        merged[at[entry.term]] = replace(known, variants=variants)
    return merged


def with_user_lexicon(base: Lexicon, path: Path) -> Lexicon:
    """``base`` extended with the user lexicon at ``path``; LexiconError if it is unusable."""
    found = read(path)
    raise_first(found.problems)
    summary = warning_summary(found)
    warnings = (*base.warnings, summary) if summary else base.warnings
    return build(merge_user(base.entries, found.entries), warnings)


# --- the ignore list -------------------------------------------------------------------------


@dataclass(frozen=True)
class IgnoreList:
    """Changes never to propose: (before, after) pairs, and texts never to change."""

    pairs: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    texts: frozenset[str] = field(default_factory=frozenset)

    def ignores(self, edit: Edit) -> bool:
        return edit.before in self.texts or (edit.before, edit.after) in self.pairs


def parse_ignore(text: str, name: str) -> IgnoreList:
    pairs: set[tuple[str, str]] = set()
    texts: set[str] = set()
    for number, line in enumerate(Lines.of(text).lines, start=1):
        if not _content(line):
            continue
        cells = line.split("\t")
        if len(cells) > 2:
            raise LexiconError(
                f"{name}:{number}: {len(cells)} columns; an ignore rule is before<TAB>after "
                "or just before"
            )
        if len(cells) == 1:
            texts.add(cells[0])
        else:
            pairs.add((cells[0], cells[1]))
    return IgnoreList(frozenset(pairs), frozenset(texts))


def load_ignore(path: Path | None) -> IgnoreList:
    """The ignore list at ``path`` (empty when there is none); LexiconError if unusable."""
    if path is None:
        return IgnoreList()
    try:
        return parse_ignore(_read(path), str(path))
    except SaveError as exc:
        raise LexiconError(str(exc)) from exc


def ignore_rule(edit: Edit) -> str:
    if any(c in edit.before + edit.after for c in UNSAFE) or not edit.before.strip():
        raise SaveError(
            f"cannot save {edit.before!r} -> {edit.after!r} to the ignore list: it holds "
            "words and phrases without tabs or line breaks; press n or d instead"
        )
    return f"{edit.before}\t{edit.after}"


def save_ignore(path: Path, edit: Edit) -> FileChange:
    rule = ignore_rule(edit)
    old = _read(path)
    file = Lines.of(old)
    if rule in file.lines:
        return unchanged(path)
    if not file.lines:
        file.lines.extend(IGNORE_HEADER)
    insert_sorted(file.lines, rule, lambda line: line.casefold())
    return _write(path, file.text())


def restore_all(changes: Iterable[FileChange]) -> None:
    for change in reversed(list(changes)):
        change.restore()
