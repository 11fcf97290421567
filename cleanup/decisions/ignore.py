"""Your ignore list: changes ``cleanup review`` (``N``) is never to propose.

One rule a line: ``before<TAB>after`` (never propose that change) or just ``before``
(never change that text); ``#`` starts a comment; kept sorted. Every run drops the edits
the list names (``cleanup.decisions.honour``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cleanup.edits import Edit
from cleanup.lexicon.model import LexiconError
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

IGNORE_HEADER = (
    "# Your ignore list: changes 'cleanup review' (N) is never to propose.",
    "# before<TAB>after, or just before to leave that text alone; sorted by before.",
)


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
        if not is_content(line):
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
        return parse_ignore(read_user_file(path), str(path))
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
    old = read_user_file(path)
    file = Lines.of(old)
    if rule in file.lines:
        return unchanged(path)
    if not file.lines:
        file.lines.extend(IGNORE_HEADER)
    insert_sorted(file.lines, rule, lambda line: line.casefold())
    return write_user_file(path, file.text())
