"""What a review question shows: where, the span in context before and after, why."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from cleanup.document import Document
from cleanup.edits import line_col
from cleanup.report.diff import DELETED, INSERTED, show
from cleanup.review.session import Item

CONTEXT_LINES = 2
CONTEXT_CHARS = 90
ELLIPSIS = "\u2026"

KEYS: tuple[tuple[str, str], ...] = (
    ("y", "accept this change"),
    ("n", "reject this change"),
    ("e", "edit the replacement (a long span opens $EDITOR)"),
    ("a", "accept this and the rest of this entry in this file"),
    ("d", "reject this and the rest of this entry in this file"),
    ("A", "always: accept, and save the change to your lexicon as a variant"),
    ("N", "never: reject, and save the change to your ignore list"),
    ("x", "expand: decide identical suggestions one by one"),
    ("u", "undo the last decision"),
    ("s", "skip: decide later (asked again next time)"),
    ("q", "quit; the decisions made so far are kept"),
    ("?", "print this help"),
)


def help_lines() -> list[Text]:
    return [Text(f"{key} - {meaning}") for key, meaning in KEYS]


def key_list(item: Item) -> str:
    keys = [key for key, _ in KEYS if key != "x" or len(item.edits) > 1]
    return ",".join(keys)


@dataclass(frozen=True)
class View:
    """One question as shown: its file, its place in the queue, what is waiting."""

    name: str
    document: Document
    item: Item
    position: int
    total: int
    waiting: int = 0
    color: bool = False


def _clip_left(text: str) -> str:
    lines = text.split("\n")[-CONTEXT_LINES - 1 :]
    kept = "\n".join(lines)
    if len(kept) <= CONTEXT_CHARS:
        return kept
    cut = kept[-CONTEXT_CHARS:]
    space = cut.find(" ")
    return ELLIPSIS + (cut[space + 1 :] if 0 <= space < CONTEXT_CHARS // 3 else cut)


def _clip_right(text: str) -> str:
    lines = text.split("\n")[: CONTEXT_LINES + 1]
    kept = "\n".join(lines)
    if len(kept) <= CONTEXT_CHARS:
        return kept
    cut = kept[:CONTEXT_CHARS]
    space = cut.rfind(" ")
    return (cut[:space] if space > CONTEXT_CHARS * 2 // 3 else cut) + ELLIPSIS


def _where(view: View) -> str:
    """The file and where in it: line:column, or a subtitle's cue, with time and speaker."""
    edit = view.item.edit
    line, column = line_col(view.document.text, edit.start)
    return f"{view.name}:{view.document.where(edit.start, f'{line}:{column}')}"


def _marked(kind: str, fragment: str, color: bool) -> Text:
    shown = show(fragment)
    if color:
        return Text(shown, style=DELETED if kind == "-" else INSERTED)
    return Text(f"[-{shown}-]" if kind == "-" else f"{{+{shown}+}}")


def in_context(view: View, kind: str) -> Text:
    """The span in its context, as it is (``-``) or as it would be (``+``)."""
    text, edit = view.document.text, view.item.edit
    left = _clip_left(text[: edit.start]).replace("\n", "\n  ")
    right = _clip_right(text[edit.end :]).rstrip("\r\n").replace("\n", "\n  ")
    out = Text(f"{kind} ", style=("red" if kind == "-" else "green") if view.color else "")
    out.append(left)
    out.append_text(_marked(kind, edit.before if kind == "-" else edit.after, view.color))
    out.append(right)
    return out


def _counts(view: View) -> list[Text]:
    lines = []
    same = len(view.item.edits)
    if same > 1:
        lines.append(
            Text(f"the same change is proposed {same} times here; y/n/e answer all (x: one by one)")
        )
    if view.waiting:
        what = view.item.edit.entry or repr(view.item.edit.after)
        lines.append(Text(f"{view.waiting} more for {what} waiting (a/d answer them all)"))
    return lines


def render(view: View) -> list[Text]:
    edit = view.item.edit
    header = Text(f"{_where(view)}  ({view.position} of {view.total})")
    if view.color:
        header.stylize("bold")
    state = "applied" if edit.applied else "suggestion"
    why = Text(f"{edit.step}, confidence {edit.confidence:.2f} ({state}): {edit.reason}")
    if view.color:
        why.stylize("dim")
    return [header, in_context(view, "-"), in_context(view, "+"), why, *_counts(view)]


def question(item: Item) -> str:
    return f"Apply this change [{key_list(item)}]? "
