"""Edit records: validation, overlap, and applying a set of edits to the original text."""

from __future__ import annotations

from typing import Any

import pytest

from cleanup.edits import Edit, applied, apply_edits, line_col, suggestions


def edit(start: int, end: int, before: str = "", after: str = "x", **extra: Any) -> Edit:
    if not before:
        before = "?" * (end - start)
    return Edit("test", start, end, before, after, "because", **extra)


def insertion(at: int, after: str = "x") -> Edit:
    return edit(at, at, "", after)


class TestValidation:
    def test_a_valid_edit(self) -> None:
        made = Edit("test", 2, 5, "abc", "ABC", "reason", confidence=0.5, tier="review")
        assert (made.start, made.end, made.before, made.after) == (2, 5, "abc", "ABC")
        assert made.applied

    def test_an_insertion_is_an_empty_span(self) -> None:
        assert insertion(3).before == ""

    @pytest.mark.parametrize(("start", "end"), [(-1, 0), (5, 4), (-3, -1)])
    def test_bad_span(self, start: int, end: int) -> None:
        with pytest.raises(ValueError, match="bad edit span"):
            Edit("test", start, end, "", "x", "r")

    @pytest.mark.parametrize(("start", "end", "before"), [(0, 2, "a"), (0, 1, "ab"), (3, 3, "a")])
    def test_before_must_fill_the_span(self, start: int, end: int, before: str) -> None:
        with pytest.raises(ValueError, match="does not match its span"):
            Edit("test", start, end, before, "x", "r")

    @pytest.mark.parametrize("confidence", [-0.01, 1.01, float("nan"), float("inf")])
    def test_confidence_outside_0_1(self, confidence: float) -> None:
        with pytest.raises(ValueError, match="confidence"):
            edit(0, 1, confidence=confidence)

    @pytest.mark.parametrize("confidence", [0.0, 1.0, 0.5])
    def test_confidence_bounds_are_allowed(self, confidence: float) -> None:
        assert edit(0, 1, confidence=confidence).confidence == confidence

    def test_unknown_tier(self) -> None:
        with pytest.raises(ValueError, match="tier"):
            edit(0, 1, tier="maybe")

    def test_edits_are_frozen(self) -> None:
        made = edit(0, 1)
        with pytest.raises(AttributeError):
            made.after = "y"  # type: ignore[misc]

    def test_with_applied_copies(self) -> None:
        made = edit(0, 1)
        off = made.with_applied(False)
        assert made.applied and not off.applied
        assert off.with_applied(True) == made

    def test_dict_round_trip(self) -> None:
        made = Edit("s", 1, 3, "ab", "AB", "r", 0.75, "review", "Entry", "lex.tsv:3", False)
        data = made.to_dict()
        assert data["before"] == "ab" and data["entry"] == "Entry"
        assert Edit.from_dict(data) == made

    def test_from_dict_validates(self) -> None:
        data = edit(0, 1).to_dict() | {"before": "too long"}
        with pytest.raises(ValueError):
            Edit.from_dict(data)


class TestOverlaps:
    @pytest.mark.parametrize(
        ("a", "b", "expected"),
        [
            ((0, 3), (3, 5), False),  # adjacent spans
            ((0, 3), (2, 5), True),  # sharing a character
            ((0, 5), (1, 2), True),  # one inside the other
            ((2, 4), (2, 4), True),  # the same span
            ((0, 1), (4, 5), False),  # apart
            ((3, 3), (3, 3), True),  # two insertions at one point
            ((3, 3), (4, 4), False),  # insertions at different points
            ((3, 3), (3, 6), False),  # insertion at a span's start
            ((3, 3), (0, 3), False),  # insertion at a span's end
            ((3, 3), (2, 5), True),  # insertion inside a span
            ((3, 3), (2, 4), True),  # insertion inside a short span
        ],
    )
    def test_overlaps(self, a: tuple[int, int], b: tuple[int, int], expected: bool) -> None:
        first, second = edit(*a), edit(*b)
        assert first.overlaps(second) is expected
        assert second.overlaps(first) is expected


class TestApply:
    TEXT = "the isis threat"

    def test_no_edits(self) -> None:
        assert apply_edits(self.TEXT, []) == self.TEXT

    def test_replace_delete_insert(self) -> None:
        edits = [
            Edit("t", 4, 8, "isis", "ISIS", "r"),
            Edit("t", 0, 4, "the ", "", "r"),
            Edit("t", 15, 15, "", ".", "r"),
        ]
        assert apply_edits(self.TEXT, edits) == "ISIS threat."

    def test_order_does_not_matter(self) -> None:
        edits = [Edit("t", 9, 15, "threat", "danger", "r"), Edit("t", 4, 8, "isis", "ISIS", "r")]
        assert apply_edits(self.TEXT, edits) == apply_edits(self.TEXT, edits[::-1])

    def test_insertion_next_to_a_span(self) -> None:
        text = "ab"
        before = [Edit("t", 1, 1, "", "-", "r"), Edit("t", 1, 2, "b", "B", "r")]
        after = [Edit("t", 0, 1, "a", "A", "r"), Edit("t", 1, 1, "", "-", "r")]
        assert apply_edits(text, before) == "a-B"
        assert apply_edits(text, before[::-1]) == "a-B"
        assert apply_edits(text, after) == "A-b"

    def test_insertion_at_both_ends(self) -> None:
        edits = [Edit("t", 0, 0, "", "[", "r"), Edit("t", 2, 2, "", "]", "r")]
        assert apply_edits("ab", edits) == "[ab]"

    @pytest.mark.parametrize(
        "spans",
        [
            [(4, 8), (6, 10)],  # sharing characters
            [(4, 8), (5, 6)],  # one inside the other
            [(4, 8), (4, 8)],  # the same span twice
            [(5, 5), (5, 5)],  # two insertions at one point
            [(4, 8), (6, 6)],  # an insertion inside a span
        ],
    )
    def test_overlap_is_an_error(self, spans: list[tuple[int, int]]) -> None:
        edits = [edit(s, e, self.TEXT[s:e], "x") for s, e in spans]
        with pytest.raises(ValueError, match="overlapping"):
            apply_edits(self.TEXT, edits)
        with pytest.raises(ValueError, match="overlapping"):
            apply_edits(self.TEXT, edits[::-1])

    def test_before_must_match_the_text(self) -> None:
        with pytest.raises(ValueError, match="does not match"):
            apply_edits(self.TEXT, [Edit("t", 4, 8, "ISIS", "Isis", "r")])

    @pytest.mark.parametrize(
        ("start", "end", "before"), [(14, 16, "tx"), (16, 16, ""), (99, 99, "")]
    )
    def test_span_past_the_end_is_an_error(self, start: int, end: int, before: str) -> None:
        with pytest.raises(ValueError, match="does not match"):
            apply_edits(self.TEXT, [Edit("t", start, end, before, "!", "r")])

    def test_accepts_any_iterable(self) -> None:
        edits = (e for e in [Edit("t", 0, 3, "the", "The", "r")])
        assert apply_edits(self.TEXT, edits) == "The isis threat"


def test_applied_and_suggestions_split_a_list() -> None:
    kept, offered = edit(0, 1), edit(2, 3, applied=False)
    assert applied([kept, offered]) == [kept]
    assert suggestions([kept, offered]) == [offered]


@pytest.mark.parametrize(
    ("offset", "expected"),
    [(0, (1, 1)), (2, (1, 3)), (3, (1, 4)), (4, (2, 1)), (6, (2, 3)), (7, (3, 1))],
)
def test_line_col(offset: int, expected: tuple[int, int]) -> None:
    assert line_col("abc\nde\nf", offset) == expected
