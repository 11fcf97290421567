"""bench/spelling.py on a tiny copy of the Earnings-21 layout (the real data is in shared/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench_scripts import load

spelling = load("spelling")


def test_counts_suggestions_per_10k_words_and_checks_the_seeds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ref").mkdir()
    (tmp_path / "ref" / "a.txt").write_text("We took a hardline stance. Teh cost rose.\n")
    assert spelling.main(["--data", str(tmp_path), "--no-record"]) == 1  # 1 in 8 words
    shown = capsys.readouterr().out
    assert "8 words, 1 suggestions" in shown
    assert "onlie->online, tge->the" in shown


def test_missing_data_is_an_error(tmp_path: Path) -> None:
    assert spelling.main(["--data", str(tmp_path), "--no-record"]) == 2
