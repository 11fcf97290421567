"""Diffs derived from the edit list: word-level inline, and unified for patch."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from cleanup.edits import Edit, apply_edits
from cleanup.report.diff import (
    DELETED,
    INSERTED,
    Hunk,
    colour_unified,
    hunks,
    inline,
    render_hunk,
    show,
    split_lines,
    unified,
)

TEXT = "The  group Isis met in Bagdad.\nSecond line ,here.\n"


def edit(text: str, before: str, after: str, occurrence: int = 0) -> Edit:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(before, start + 1)
    return Edit("test", start, start + len(before), before, after, "because")


EDITS = [
    edit(TEXT, "  ", " "),
    edit(TEXT, "Isis", "ISIS"),
    edit(TEXT, "Bagdad", "Baghdad"),
    edit(TEXT, " ,", ", "),
]


def plain(lines: list[object]) -> list[str]:
    return [str(line) for line in lines]


# --- hunks ----------------------------------------------------------------------------


def test_nearby_edits_share_a_hunk_and_lines_do_not() -> None:
    grouped = hunks(TEXT, EDITS)
    assert [len(h.edits) for h in grouped] == [3, 1]
    first, second = grouped
    assert (first.start, first.end) == (0, TEXT.index("\n"))
    assert second.start == TEXT.index("\n") + 1


def test_far_apart_edits_on_one_line_get_separate_hunks() -> None:
    text = "a  b" + " x" * 100 + " c  d"
    edits = [edit(text, "  ", " "), edit(text, "  ", " ", occurrence=1)]
    assert len(hunks(text, edits, context=10)) == 2
    assert len(hunks(text, edits, context=1000)) == 1


def test_hunks_are_in_document_order() -> None:
    grouped = hunks(TEXT, list(reversed(EDITS)))
    starts = [e.start for h in grouped for e in h.edits]
    assert starts == sorted(starts)


# --- inline ---------------------------------------------------------------------------


def test_inline_plain_markers() -> None:
    assert plain(inline("doc.txt", TEXT, EDITS, color=False)) == [
        "doc.txt: 4 edits",
        "1:4      The[-\u00b7\u00b7-]{+\u00b7+}group [-Isis-]{+ISIS+} met in "
        "[-Bagdad-]{+Baghdad+}.",
        "2:12     Second line[- ,-]{+, +}here.",
    ]


def test_inline_plain_has_no_styles() -> None:
    for line in inline("doc.txt", TEXT, EDITS, color=False):
        assert not line.spans
        assert not line.style


def test_inline_colour_marks_deletions_and_insertions() -> None:
    header, first, _ = inline("doc.txt", TEXT, EDITS, color=True)
    assert header.style == "bold"
    styled = {(str(first)[s.start : s.end], str(s.style)) for s in first.spans}
    assert ("Isis", DELETED) in styled
    assert ("ISIS", INSERTED) in styled
    assert "[-" not in str(first)


def test_inline_single_edit_header() -> None:
    assert str(inline("x", TEXT, EDITS[:1], color=False)[0]) == "x: 1 edit"


def test_inline_cuts_long_lines_with_an_ellipsis() -> None:
    text = "w" * 100 + " Isis " + "v" * 100
    [line] = [
        str(h)
        for h in (render_hunk(text, h, False) for h in hunks(text, [edit(text, "Isis", "ISIS")]))
    ]
    assert line.startswith("1:102    \u2026")
    assert line.endswith("\u2026")
    assert "[-Isis-]{+ISIS+}" in line


def test_pure_insertion_and_deletion() -> None:
    text = "end.Next word  \n"
    edits = [
        Edit("t", 4, 4, "", " ", "no space"),
        Edit("t", 13, 15, "  ", "", "trailing"),
    ]
    [_, line] = plain(inline("x", text, edits, color=False))
    assert line == "1:5      end.{+\u00b7+}Next word[-\u00b7\u00b7-]"


def test_show_makes_whitespace_only_changes_visible() -> None:
    assert show(" ") == "\u00b7"
    assert show("\t") == "\u2192"
    assert show(" \r\n") == "\u00b7\u240d\u21b5\n"
    assert show("a b") == "a b"


def test_hunk_type() -> None:
    only = EDITS[1]
    assert hunks(TEXT, [only])[0] == Hunk(0, TEXT.index("\n"), (only,))


# --- unified --------------------------------------------------------------------------


def test_unified_diff() -> None:
    output = apply_edits(TEXT, EDITS)
    assert unified("doc.txt", TEXT, output) == (
        "--- a/doc.txt\n"
        "+++ b/doc.txt\n"
        "@@ -1,2 +1,2 @@\n"
        "-The  group Isis met in Bagdad.\n"
        "-Second line ,here.\n"
        "+The group ISIS met in Baghdad.\n"
        "+Second line, here.\n"
    )


def test_unified_diff_of_identical_text_is_empty() -> None:
    assert unified("x", TEXT, TEXT) == ""


def test_unified_diff_marks_a_missing_final_newline() -> None:
    diff = unified("x", "a  b", "a b")
    assert diff.endswith(
        "-a  b\n\\ No newline at end of file\n+a b\n\\ No newline at end of file\n"
    )


def test_unified_diff_keeps_crlf() -> None:
    diff = unified("x", "a  b\r\nc\r\n", "a b\r\nc\r\n")
    assert "-a  b\r\n+a b\r\n c\r\n" in diff


@pytest.mark.parametrize("separator", ["\x0c", "\u2028", "\x85", "\r", "\x1c"])
def test_only_newlines_split_lines(separator: str) -> None:
    text = f"one  {separator}two\nthree\n"
    diff = unified("x", text, text.replace("  ", " "))
    assert "No newline" not in diff
    assert diff.count("\n") == 6


def test_split_lines() -> None:
    assert split_lines("") == []
    assert split_lines("a") == ["a"]
    assert split_lines("a\n") == ["a\n"]
    assert split_lines("a\r\n\nb") == ["a\r\n", "\n", "b"]
    assert split_lines("a\x0cb\u2028c\n") == ["a\x0cb\u2028c\n"]


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs the patch program")
@pytest.mark.parametrize(
    ("before", "after"),
    [
        (TEXT, apply_edits(TEXT, EDITS)),
        ("page one  \x0cpage two\nend  ", "page one \x0cpage two\nend"),
        ("x\r\ny  \r\n", "x\r\ny\r\n"),
    ],
)
def test_unified_diff_applies_with_patch(tmp_path: Path, before: str, after: str) -> None:
    (tmp_path / "doc.txt").write_bytes(before.encode())
    diff = unified("doc.txt", before, after)
    subprocess.run(
        ["patch", "-p1", "-s", "--binary"], input=diff.encode(), cwd=tmp_path, check=True
    )
    assert (tmp_path / "doc.txt").read_bytes() == after.encode()


def test_colour_unified_styles_each_kind_of_line() -> None:
    diff = unified("x", TEXT, apply_edits(TEXT, EDITS))
    text = colour_unified(diff)
    assert str(text) == diff
    styles = {str(text)[s.start : s.end].split("\n")[0]: str(s.style) for s in text.spans}
    assert styles["--- a/x"] == "bold"
    assert styles["+++ b/x"] == "bold"
    assert styles["@@ -1,2 +1,2 @@"] == "cyan"
    assert styles["-The  group Isis met in Bagdad."] == "red"
    assert styles["+The group ISIS met in Baghdad."] == "green"
