"""Folding a later pass's edits into the first pass's (cleanup.fold), and the pipeline's
passes: replaying the folded edits on the original gives the later pass's output."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanup.cleaner import Cleaner
from cleanup.edits import Edit, applied, apply_edits
from cleanup.fold import fold
from cleanup.settings import resolve


def _edit(text: str, start: int, end: int, after: str, step: str = "s") -> Edit:
    return Edit(step, start, end, text[start:end], after, f"{step} reason")


def test_an_edit_away_from_the_first_pass_is_shifted_back() -> None:
    text = "fifty teh ran and more"
    first = [_edit(text, 0, 5, "50", "numbers")]
    output = apply_edits(text, first)  # "50 teh ran and more"
    second = [_edit(output, 3, 10, "Tehran", "soundalike")]
    (numbers, tehran) = fold(text, first, second)
    assert (tehran.start, tehran.end, tehran.before, tehran.after) == (6, 13, "teh ran", "Tehran")
    assert apply_edits(text, [numbers, tehran]) == "50 Tehran and more"


def test_an_edit_touching_a_first_fix_is_merged_with_it() -> None:
    text = "#haidar aabadi said"
    first = [_edit(text, 8, 14, "al-Abadi", "soundalike")]
    output = apply_edits(text, first)  # "#haidar al-Abadi said"
    second = [_edit(output, 1, 16, "Haidar al-Abadi", "lexicon-case")]
    (merged,) = fold(text, first, second)
    assert (merged.step, merged.before, merged.after) == (
        "lexicon-case",
        "haidar aabadi",
        "Haidar al-Abadi",
    )
    assert merged.reason == "soundalike reason; then lexicon-case reason"
    assert apply_edits(text, [merged]) == "#Haidar al-Abadi said"


def test_a_first_suggestion_under_a_folded_edit_is_dropped() -> None:
    text = "l. tenth first"
    suggestion = _edit(text, 0, 8, "al-Tanf").with_applied(False)
    ordinal = _edit(text, 9, 14, "1st", "numbers")
    output = apply_edits(text, [ordinal])
    second = [_edit(output, 3, 8, "10th", "numbers")]
    folded = fold(text, [suggestion, ordinal], second)
    assert suggestion not in folded
    assert apply_edits(text, applied(folded)) == "l. 10th 1st"


@st.composite
def _passes(draw: st.DrawFn) -> tuple[str, list[Edit], list[Edit]]:
    """A text, non-overlapping edits of it, and non-overlapping edits of their output."""
    text = draw(st.text(alphabet="ab c", min_size=0, max_size=30))
    first = _random_edits(draw, text)
    output = apply_edits(text, first)
    return text, first, _random_edits(draw, output)


def _random_edits(draw: st.DrawFn, text: str) -> list[Edit]:
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=6)))
    edits = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        if draw(st.booleans()):
            edits.append(_edit(text, start, end, draw(st.text(alphabet="XY ", max_size=4))))
    # two insertions at one point cannot be ordered: keep the first
    kept: list[Edit] = []
    for edit in edits:
        if not any(edit.overlaps(other) for other in kept):
            kept.append(edit)
    return kept


@given(_passes())
def test_replaying_folded_edits_gives_the_later_output(
    case: tuple[str, list[Edit], list[Edit]],
) -> None:
    text, first, second = case
    output = apply_edits(text, first)
    folded = fold(text, first, second)
    assert apply_edits(text, applied(folded)) == apply_edits(output, second)


# --- the pipeline's passes -------------------------------------------------------------------

CASES = Path(__file__).parent / "data" / "idempotence" / "second_pass.tsv"


def _cases() -> list[tuple[str, str]]:
    lines = CASES.read_text(encoding="utf-8").splitlines()[1:]
    rows = [line.split("\t") for line in lines]
    return [(settings, codecs.decode(text, "unicode_escape")) for settings, text, _ in rows]


@pytest.mark.parametrize(("settings", "text"), _cases())
def test_cleaning_the_output_again_changes_nothing(settings: str, text: str) -> None:
    """Inputs where a second cleaning changed more (found by bench/fuzz.py; the file names
    each one's class), and siblings: one run settles them."""
    options = dict(item.split("=") for item in settings.split(",") if item)
    cleaner = Cleaner(resolve(options))
    once = cleaner.run(text)
    assert apply_edits(text, once.applied) == once.output
    assert cleaner.run(once.output).applied == []
