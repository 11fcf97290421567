"""Shared helpers of the benchmark scripts: tables and the RESULTS.md log."""

from __future__ import annotations

import datetime
import shlex
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
RESULTS_HEADER = (
    "# Benchmark results\n\n"
    "Rows are appended by the scripts in `bench/` (newest last in each section), each with\n"
    "the command that produced it. Never edit old rows: re-run and append.\n"
)


def fmt_pct(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{100 * value:.{digits}f}%"


def print_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(str(c)) for c in column) for column in zip(header, *rows, strict=True)]
    for line in (header, ["-" * w for w in widths], *rows):
        print("  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)))


def git_commit() -> str:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=RESULTS.parent,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return "unknown"
    return done.stdout.strip() or "unknown"


def command_line() -> str:
    return "python3 " + shlex.join(["bench/" + Path(sys.argv[0]).name, *sys.argv[1:]])


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def record(
    section: str,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    note: str = "",
    path: Path = RESULTS,
) -> None:
    """Append a dated block under ``## section`` (created if missing); never rewrite rows."""
    text = path.read_text("utf-8") if path.exists() else RESULTS_HEADER
    today = datetime.date.today().isoformat()
    block = (
        f"\n### {today}, commit {git_commit()}{', ' + note if note else ''}\n\n"
        f"`{command_line()}`\n\n{markdown_table(header, rows)}\n"
    )
    heading = f"\n## {section}\n"
    if heading not in text:
        text = text.rstrip("\n") + "\n" + heading
        text += block
    else:
        start = text.index(heading) + len(heading)
        following = text.find("\n## ", start)
        end = len(text) if following < 0 else following
        text = text[:end].rstrip("\n") + "\n" + block + text[end:]
    path.write_text(text, "utf-8")
