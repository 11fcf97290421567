"""A long document is cleaned in windows with exactly the edits of a whole-document run.

Edits at a window's edges are neither lost nor doubled; a single line with no sentence
break is split between words; document-wide evidence (mentions) reaches every window.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import windows
from cleanup.cleaner import Cleaner
from cleanup.config import Config
from cleanup.document import Document
from cleanup.pipeline import Result, run
from cleanup.settings import Settings
from cleanup.windows import Window, cut_near

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(Settings(tidy=True))


def text_of_seeds() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in SEEDS)


def cleaned(
    cleaner: Cleaner, text: str, monkeypatch: pytest.MonkeyPatch, size: int, margin: int
) -> Result:
    monkeypatch.setattr(windows, "WINDOW_CHARS", size)
    monkeypatch.setattr(windows, "MARGIN_CHARS", margin)
    return run(Document(text), cleaner.config, cleaner.resources)


@pytest.mark.parametrize(("size", "margin"), [(1500, 400), (3000, 800), (700, 300)])
def test_windows_give_the_edits_of_the_whole_document(
    cleaner: Cleaner, monkeypatch: pytest.MonkeyPatch, size: int, margin: int
) -> None:
    text = text_of_seeds()
    whole = cleaned(cleaner, text, monkeypatch, 10**9, 0)
    assert len(list(windows.windows(text, size, margin))) > 5
    windowed = cleaned(cleaner, text, monkeypatch, size, margin)
    assert windowed.edits == whole.edits
    assert windowed.output == whole.output


def test_a_single_line_without_sentence_breaks_is_split_between_words(
    cleaner: Cleaner, monkeypatch: pytest.MonkeyPatch
) -> None:
    line = " ".join(text_of_seeds().replace(".", " ").split()) + "\n"
    parts = list(windows.windows(line, 1000, 300))
    assert len(parts) > 5
    for part in parts[1:]:
        assert line[part.start - 1].isspace()  # never inside a word
    whole = cleaned(cleaner, line, monkeypatch, 10**9, 0)
    assert cleaned(cleaner, line, monkeypatch, 1000, 300).edits == whole.edits


def test_mentions_are_counted_over_the_whole_document(
    cleaner: Cleaner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A term mentioned once at the start is evidence in the last window too."""
    text = text_of_seeds()
    filler = "Nothing to see in this line at all.\n" * 400
    document = text[:3000] + filler + text[3000:]
    whole = cleaned(cleaner, document, monkeypatch, 10**9, 0)
    assert cleaned(cleaner, document, monkeypatch, 2000, 500).edits == whole.edits


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab .\n", min_size=0, max_size=400), st.integers(10, 80))
def test_windows_cover_the_text_once(text: str, size: int) -> None:
    parts = list(windows.windows(text, size, size // 3))
    assert parts[0].start == 0 and parts[-1].end == len(text)
    for before, after in itertools.pairwise(parts):
        assert before.end == after.start and before.start < before.end
    for part in parts:
        assert part.low <= part.start <= part.end <= part.high


def test_cut_near_prefers_lines_then_sentences_then_spaces() -> None:
    assert cut_near("ab\ncd. ef gh", 11, 0) == 3
    assert cut_near("ab cd. ef gh", 11, 0) == 7
    assert cut_near("ab cd ef gh", 10, 0) == 9
    assert cut_near("abcdefgh", 5, 0) == 5
    assert Window(0, 2, 5, 9).keeps(2) and not Window(0, 2, 5, 9).keeps(5)


def test_a_config_of_one_step_is_windowed_too(monkeypatch: pytest.MonkeyPatch) -> None:
    cleaner = Cleaner(Settings(select=("spacing",)))
    text = "a  b  c.\n" * 2000
    monkeypatch.setattr(windows, "WINDOW_CHARS", 500)
    result = run(Document(text), Config().choose(["spacing"]), cleaner.resources)
    assert result.output == "a b c.\n" * 2000
