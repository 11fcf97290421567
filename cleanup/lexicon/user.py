"""Your lexicon: variants saved by ``cleanup review`` (``A``), loaded by every run.

An ordinary TSV lexicon (``term`` and ``variants`` columns at least). A row for a term
another lexicon already has only adds its variants to that entry (``merge_user``), so a
variant of a bundled term can be saved without breaking the duplicate check.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from cleanup.edits import Edit
from cleanup.lexicon.files import read, warning_summary
from cleanup.lexicon.model import (
    Entry,
    Lexicon,
    build,
    index_forms,
    phrase_key,
    raise_first,
    source_location,
)
from cleanup.lexicon.parse import scan
from cleanup.linefiles import (
    UNSAFE,
    FileChange,
    Lines,
    SaveError,
    insert_sorted,
    is_content,
    read_user_file,
    unchanged,
    write_user_file,
)

LEXICON_HEADER = (
    "# Your lexicon: variants saved by 'cleanup review' (A), loaded by every run.",
    "term\tvariants",
)


def _header(file: Lines, path: Path) -> tuple[int, list[str]]:
    """The header line's index and its column names, adding a variants column if missing."""
    for index, line in enumerate(file.lines):
        if is_content(line):
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
        if is_content(file.lines[index]) and cells[term_at].strip() == term:
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
    old = read_user_file(path)
    new = with_variant(old, edit.after.strip(), edit.before.strip(), path)
    if new == old:
        return unchanged(path)
    _check_lexicon(new, path, others)
    return write_user_file(path, new)


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
