"""Shared helpers of the benchmark scripts: formatting, printed tables and the RESULTS.md log.

``bench/RESULTS.md`` holds one markdown table per ``## section`` (one section per script),
one row per run, or several (``bench/e21.py`` writes one per recogniser). :func:`record`
adds rows at the end of a section's table and never rewrites a line already there: a new
section gets a short intro paragraph and the table header, and a missing file is created
with the header below. Every row starts with the date and the commit measured and ends with
the command that produced it.
"""

from __future__ import annotations

import datetime
import fcntl
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
# Measure this checkout's code, never an older copy of cleanup installed in site-packages:
# first on the path here, and in every subprocess a benchmark starts.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
)
RESULTS = BENCH / "RESULTS.md"
RESULTS_HEADER = (
    "# Benchmark results\n\n"
    "Rows are appended by the scripts in `bench/` (newest last in each section), each with\n"
    "the command that produced it. Never edit old rows: re-run and append.\n"
)
# Recording results must not make the next run look like uncommitted code.
NOT_CODE = f":(exclude){RESULTS.relative_to(ROOT).as_posix()}"

# -- formatting -----------------------------------------------------------------------


def fmt_pct(value: float | None, digits: int = 1, *, sign: str = "%", missing: str = "n/a") -> str:
    """A fraction as a percentage: ``0.1234`` -> ``12.3%`` (``sign=""``: ``12.3``)."""
    return missing if value is None else f"{100 * value:.{digits}f}{sign}"


def fmt_num(value: float | None, digits: int = 0, *, missing: str = "-") -> str:
    """A number with thousands separators: ``24076.4`` -> ``24,076``."""
    return missing if value is None else f"{value:,.{digits}f}"


def format_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    markdown: bool = False,
    right: bool = False,
) -> str:
    """A fixed-width table for the terminal: header, a rule of dashes, the rows.

    Cells are left-aligned, or with ``right`` all but the first column right-aligned; with
    ``markdown`` the lines are pipe-delimited (a valid markdown table, padded to line up).
    """
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]

    def cells(line: Sequence[str]) -> list[str]:
        return [
            cell.rjust(width) if right and i else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        ]

    rule = ["-" * width for width in widths]
    lines = [cells(header), rule, *(cells(row) for row in rows)]
    if markdown:
        return "\n".join("| " + " | ".join(line) + " |" for line in lines)
    return "\n".join("  ".join(line).rstrip() for line in lines)


def print_table(header: Sequence[str], rows: Sequence[Sequence[str]], **options: bool) -> None:
    """Print :func:`format_table` (same options)."""
    print(format_table(header, rows, **options))


# -- what was measured ----------------------------------------------------------------


def _git(*args: str) -> subprocess.CompletedProcess[str] | None:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    except OSError:
        return None


def git_commit() -> str:
    """Short commit of HEAD, with ``-dirty`` when the working tree differs from it.

    Differs = a tracked file changed or an untracked, not ignored file exists;
    ``bench/RESULTS.md`` itself does not count. ``unknown`` outside a git checkout.
    """
    head = _git("rev-parse", "--short", "HEAD")
    if head is None or head.returncode != 0 or not head.stdout.strip():
        return "unknown"
    status = _git("status", "--porcelain", "--", ".", NOT_CODE)
    dirty = status is None or status.returncode != 0 or bool(status.stdout.strip())
    return head.stdout.strip() + ("-dirty" if dirty else "")


def command_line(script: str | Path, args: Sequence[str]) -> str:
    """How to repeat a run, from the repository root: ``python3 bench/<script>.py args...``.

    Always ``python3``, whatever interpreter ran it (shims pass a full path in argv[0]).
    """
    return shlex.join(["python3", f"bench/{Path(script).name}", *args])


# -- RESULTS.md -----------------------------------------------------------------------


def markdown_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def result_columns(columns: Sequence[str]) -> list[str]:
    """The full header of a section's table: date, commit, the measurements, command."""
    return ["date", "commit", *columns, "command"]


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _is_row(line: str) -> bool:
    return line.lstrip().startswith("|")


def _is_rule(line: str) -> bool:
    return _is_row(line) and all(re.fullmatch(":?-+:?", cell) for cell in _cells(line))


def add_rows(
    text: str,
    section: str,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    intro: str = "",
) -> str:
    """``text`` with ``rows`` added to the table of ``## section``; nothing else changes.

    A missing section is added at the end of the file: heading, ``intro``, table header,
    rows. In an existing section the rows go right after its last non-blank line (the last
    row of its table). Should the table there have other columns (a script changed its
    columns), a new table with the new header starts below the old rows instead.
    """
    for row in rows:
        if len(row) != len(header):
            raise ValueError(f"row of {len(row)} cells for {len(header)} columns: {row}")
    table_head = [markdown_row(header), markdown_row(["---"] * len(header))]
    new = [markdown_row(row) for row in rows]
    lines = (text if text.strip() else RESULTS_HEADER).rstrip("\n").split("\n")
    heading = f"## {section}"
    if heading not in (line.rstrip() for line in lines):
        paragraph = [intro.strip(), ""] if intro.strip() else []
        lines += ["", heading, "", *paragraph, *table_head, *new]
        return "\n".join(lines) + "\n"
    start = [line.rstrip() for line in lines].index(heading)
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    body = lines[start + 1 : end]
    headers = [
        body[i - 1] for i in range(1, len(body)) if _is_rule(body[i]) and _is_row(body[i - 1])
    ]
    same_table = (
        bool(headers)
        and _is_row(lines[end - 1])
        and _cells(headers[-1]) == _cells(markdown_row(header))
    )
    if not same_table:
        new = ["", *table_head, *new]
    lines[end:end] = new
    return "\n".join(lines) + "\n"


def record(
    section: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    command: str,
    intro: str = "",
    path: Path | None = None,
    today: datetime.date | None = None,
    commit: str | None = None,
) -> Path:
    """Append one row per ``rows`` item to ``## section`` of ``path`` (default RESULTS.md).

    ``columns`` are the measurement columns; each row is written as date, commit, its
    cells, and the command in backticks. The read-modify-write holds an exclusive
    ``fcntl`` lock on the file, so benchmarks recording at once keep each other's rows.
    Returns the path written.
    """
    path = RESULTS if path is None else path
    stamp = [(today or datetime.date.today()).isoformat(), commit or git_commit()]
    full = [[*stamp, *row, f"`{command}`"] for row in rows]
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    with os.fdopen(fd, "r+", encoding="utf-8") as file:
        fcntl.flock(file, fcntl.LOCK_EX)  # released when the file is closed
        text = add_rows(file.read(), section, result_columns(columns), full, intro)
        file.seek(0)
        file.write(text)
        file.truncate()
    return path
