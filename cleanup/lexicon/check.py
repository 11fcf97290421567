"""``cleanup lexicon check``: every problem in lexicon files, on their own and together.

Each file is scanned (``cleanup.lexicon.parse.scan``: bad cells, sort order, stray
whitespace, repeats) and the files given together are indexed as ``cleanup fix -l a -l
b`` would load them, so a term listed in two files is reported too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cleanup.lexicon.files import read
from cleanup.lexicon.model import Problem, Scan, index_forms


@dataclass(frozen=True)
class FileCheck:
    """One lexicon file's entries and every problem in it."""

    name: str
    entries: int
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def check(paths: Sequence[Path]) -> list[FileCheck]:
    """Check lexicon files, on their own and together (a term listed in two of them)."""
    scans = [read(path) for path in _unique(paths)]
    _, conflicts = index_forms([entry for scan in scans for entry in scan.entries])
    return [_file_check(scan, conflicts) for scan in scans]


def _unique(paths: Sequence[Path]) -> list[Path]:
    seen: set[Path] = set()
    unique = []
    for path in paths:
        if path.resolve() not in seen:
            seen.add(path.resolve())
            unique.append(path)
    return unique


def _file_check(scan: Scan, conflicts: Iterable[Problem]) -> FileCheck:
    own = [problem for problem in conflicts if problem.file == scan.name]
    problems = sorted([*scan.problems, *own], key=lambda problem: problem.line)
    return FileCheck(scan.name, len(scan.entries), tuple(problems))
