"""Diffs derived from the edit list: word-level inline (rich or plain markers) and unified."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rich.text import Text

from cleanup.document import Document
from cleanup.edits import Edit, line_col

CONTEXT = 40
VISIBLE = str.maketrans({" ": "\u00b7", "\t": "\u2192", "\n": "\u21b5\n", "\r": "\u240d"})
DELETED = "bold red strike"
INSERTED = "bold green"


@dataclass(frozen=True)
class Hunk:
    """A window of the original text around one or more nearby edits."""

    start: int
    end: int
    edits: tuple[Edit, ...]


def _window(text: str, edit: Edit, context: int, doc: Document | None) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, edit.start) + 1
    line_end = text.find("\n", edit.end)
    line_end = len(text) if line_end < 0 else line_end
    segment = None if doc is None else doc.segment_at(edit.start)
    if segment is not None and segment.cue is not None:  # a cue's hunk stays in its cue
        line_start, line_end = max(line_start, segment.start), min(line_end, segment.end)
        line_end = max(line_end, edit.end)
    return max(line_start, edit.start - context), min(line_end, edit.end + context)


def hunks(
    text: str, edits: Sequence[Edit], context: int = CONTEXT, doc: Document | None = None
) -> list[Hunk]:
    """Group edits whose context windows touch, in document order (with a subtitle or
    recogniser file's ``doc``: within one cue)."""
    grouped: list[Hunk] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        start, end = _window(text, edit, context, doc)
        if grouped and start < grouped[-1].end:
            last = grouped[-1]
            grouped[-1] = Hunk(last.start, max(last.end, end), (*last.edits, edit))
        else:
            grouped.append(Hunk(start, end, (edit,)))
    return grouped


def show(fragment: str) -> str:
    """Make whitespace visible when a change consists only of whitespace."""
    return fragment.translate(VISIBLE) if not fragment.strip() else fragment


def _pieces(text: str, hunk: Hunk) -> Iterator[tuple[str, str]]:
    """(kind, text) pieces of a hunk: kind is '', 'del' or 'ins'."""
    if hunk.start > 0 and text[hunk.start - 1] != "\n":
        yield "", "\u2026"
    cursor = hunk.start
    for edit in hunk.edits:
        yield "", text[cursor : edit.start]
        if edit.before:
            yield "del", show(edit.before)
        if edit.after:
            yield "ins", show(edit.after)
        cursor = edit.end
    yield "", text[cursor : hunk.end]
    if hunk.end < len(text) and text[hunk.end] != "\n":
        yield "", "\u2026"


def render_hunk(text: str, hunk: Hunk, color: bool, doc: Document | None = None) -> Text:
    """One hunk's line: where it is (line:column, or a subtitle's cue) and its changes."""
    line, col = line_col(text, hunk.edits[0].start)
    where = f"{line}:{col}" if doc is None else doc.where(hunk.edits[0].start, f"{line}:{col}")
    out = Text(where.ljust(9) + (" " if len(where) >= 9 else ""), style="dim" if color else "")
    for kind, piece in _pieces(text, hunk):
        if not kind:
            out.append(piece)
        elif color:
            out.append(piece, style=DELETED if kind == "del" else INSERTED)
        else:
            out.append(f"[-{piece}-]" if kind == "del" else f"{{+{piece}+}}")
    return out


def inline(
    name: str, text: str, edits: Sequence[Edit], color: bool, doc: Document | None = None
) -> list[Text]:
    """A file's header and one line per hunk, marking removed and inserted text; with a
    subtitle or recogniser file's ``doc``, each hunk says its cue."""
    count = f"{len(edits)} edit{'s' if len(edits) != 1 else ''}"
    header = Text(f"{name}: {count}", style="bold" if color else "")
    return [header, *(render_hunk(text, hunk, color, doc) for hunk in hunks(text, edits, doc=doc))]


def split_lines(text: str) -> list[str]:
    """Lines as ``patch`` sees them: split at newlines only, each keeping its ending.

    ``str.splitlines`` also splits at form feeds, U+2028 and others, which would put
    a "No newline at end of file" marker in the middle of the diff.
    """
    parts = [part + "\n" for part in text.split("\n")]
    parts[-1] = parts[-1][:-1]
    return parts if parts[-1] else parts[:-1]


def unified(name: str, original: str, output: str) -> str:
    """A unified diff of the whole file (difflib), ready to feed to ``patch -p1``."""
    lines = difflib.unified_diff(
        split_lines(original),
        split_lines(output),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


def colour_unified(diff: str) -> Text:
    out = Text()
    for line in split_lines(diff):
        style = ""
        if line.startswith(("+++", "---")):
            style = "bold"
        elif line.startswith("+"):
            style = "green"
        elif line.startswith("-"):
            style = "red"
        elif line.startswith("@@"):
            style = "cyan"
        out.append(line, style=style)
    return out
