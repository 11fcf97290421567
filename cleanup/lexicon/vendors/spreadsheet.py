"""CSV lexicons: a spreadsheet's comma-separated export with this lexicon's columns.

The header names the columns of the TSV format (``term`` required); cells are read by the
``csv`` module (quotes, commas inside quotes) and then parsed as TSV cells are, so every
column keeps its meaning and its checks.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import replace

from cleanup.lexicon.detect import csv_delimiter
from cleanup.lexicon.model import Entry
from cleanup.lexicon.parse import scan
from cleanup.lexicon.vendors.common import Collector, Notes, VendorError
from cleanup.lexicon.write import to_tsv


def read(text: str, name: str, found: Collector) -> None:
    """Collect the entries of a CSV lexicon (commas, or semicolons as many spreadsheets
    write them); VendorError naming the file and line of the first problem."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    reader = csv.reader(io.StringIO(text), delimiter=csv_delimiter(header))
    lines: list[str] = []
    numbers: list[int] = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        if any("\t" in cell or "\n" in cell for cell in row):
            raise VendorError(
                f"{name}:{reader.line_num}: a cell holds a tab or a line break; remove it"
            )
        lines.append("\t".join(row))
        numbers.append(reader.line_num)
    cells = [cell.strip() for cell in lines[0].split("\t")] if lines else []
    if "term" not in (cell.casefold() for cell in cells):
        raise VendorError(
            f"{name}:{numbers[0] if numbers else 1}: no 'term' column in the header (it has "
            f"{', '.join(map(repr, cells[:6]))}); name the columns as a lexicon's (README, "
            "Lexicon format), the column of terms 'term'"
        )
    result = scan("\n".join(lines) + "\n", name)
    for problem in result.problems:
        if problem.level == "error":
            line = numbers[problem.line - 1] if 0 < problem.line <= len(numbers) else 0
            raise VendorError(f"{name}:{line}: {problem.message}")
    for entry in result.entries:
        number = int(entry.source.rpartition(":")[2])
        found.whole.append(replace(entry, source=f"{name}:{numbers[number - 1]}"))


def write(entries: Sequence[Entry], notes: Notes) -> str:
    rows = [line.split("\t") for line in to_tsv(entries).splitlines()]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(row + [""] * (len(rows[0]) - len(row)) for row in rows)
    return out.getvalue()
