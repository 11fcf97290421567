"""A person's own text files (the user lexicon, the ignore list), edited line by line.

Saving keeps the file's order, comments and newline style: a new line goes where sorting
puts it. Every save returns a ``FileChange`` holding the previous bytes, so an undo can
put the file back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from cleanup.textio import write_atomic

LINE_BREAK = re.compile(r"\r\n|\r|\n")
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


def is_content(line: str) -> bool:
    """Not blank and not a ``#`` comment."""
    return bool(line.strip()) and not line.lstrip().startswith("#")


def insert_sorted(lines: list[str], new: str, key: Callable[[str], str], first: int = 0) -> None:
    """Insert ``new`` after the last content line (from ``first``) that sorts before it,
    else before the first content line, else at the end (after any comments)."""
    content = [i for i in range(first, len(lines)) if is_content(lines[i])]
    before = [i for i in content if key(lines[i]) <= key(new)]
    fallback = content[0] if content else len(lines)
    lines.insert(before[-1] + 1 if before else fallback, new)


def read_user_file(path: Path) -> str:
    """The file's text (empty when it does not exist); SaveError when it cannot be read."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return ""
    except (OSError, UnicodeDecodeError) as exc:
        raise SaveError(f"{path}: cannot read it ({exc}); fix or move the file") from exc


def unchanged(path: Path) -> FileChange:
    return FileChange(path, path.read_bytes() if path.exists() else None)


def write_user_file(path: Path, text: str) -> FileChange:
    """Write ``text`` atomically; the change remembers the previous bytes."""
    previous = path.read_bytes() if path.exists() else None
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise SaveError(f"{path}: cannot write ({exc.strerror})") from exc
    return FileChange(path, previous)


def restore_all(changes: Iterable[FileChange]) -> None:
    for change in reversed(list(changes)):
        change.restore()
