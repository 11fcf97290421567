"""bench/e21.py: the targets verdict and the rows, on hand-made counts; a one-call smoke run."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench_scripts import load, redirect_results, small_e21

from cleanup.eval.metrics import Counts

e21 = load("e21")


@pytest.fixture(autouse=True)
def results(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "RESULTS.md"
    redirect_results(monkeypatch, path, e21)
    return path


def counts(
    b: tuple[int, int] = (20, 100),
    u: tuple[int, int] = (1_000, 10_000),
    precision: tuple[int, int] = (9, 10),
    recall: tuple[int, int] = (6, 10),
    cased: tuple[int, int] = (5, 10),
) -> Counts:
    """Counts from (errors, words) of B-WER and U-WER and (hits, total) of the phrase rates."""
    return Counts(
        ref_words=b[1] + u[1],
        errors=b[0] + u[0],
        biased_errors=b[0],
        biased_words=b[1],
        unbiased_errors=u[0],
        unbiased_words=u[1],
        correct_hyp_phrases=precision[0],
        hyp_phrases=precision[1],
        recalled=recall[0],
        ref_phrases=recall[1],
        cased_recalled=cased[0],
        cased_ref_phrases=cased[1],
    )


RAW = counts()


@pytest.mark.parametrize(
    ("cleaned", "expected"),
    [
        (counts(b=(15, 100)), "met"),  # B-WER 20% -> 15%: exactly -25% relative
        (counts(b=(16, 100)), "not met"),  # -20% only
        (counts(b=(10, 100), u=(1_005, 10_000)), "met"),  # U-WER +0.05 points exactly
        (counts(b=(10, 100), u=(1_006, 10_000)), "not met"),  # +0.06 points
        (counts(b=(10, 100), u=(900, 10_000)), "met"),  # U-WER better is fine
        (counts(b=(10, 100), precision=(89, 100)), "not met"),
        (counts(b=(10, 100), precision=(0, 0)), "not met"),  # no phrase at all written
        (counts(b=(0, 0)), "n/a"),  # no biased words: B-WER undefined
    ],
)
def test_verdict(cleaned: Counts, expected: str) -> None:
    assert e21.verdict(RAW, cleaned) == expected


def test_verdict_without_raw_biased_words_is_na() -> None:
    assert e21.verdict(counts(b=(0, 0)), counts(b=(0, 100))) == "n/a"


def measured(recogniser: str) -> list[object]:
    cleanup = counts(b=(14, 100), u=(1_002, 10_000), precision=(19, 20), cased=(8, 10))
    peer = counts(b=(18, 100), u=(1_100, 10_000), precision=(7, 10))
    return [
        e21.Measured(recogniser, "raw", RAW, 0, 0.0),
        e21.Measured(recogniser, "cleanup", cleanup, 24_000, 2.0),
        e21.Measured(recogniser, e21.SymSpellPeer.name, peer, 24_000, 0.03),
    ]


def test_result_row_is_raw_cleanup_peer_per_metric() -> None:
    row = e21.result_row("oracle", "google", measured("google")[::-1])  # order does not matter
    assert len(row) == len(e21.RESULT_COLUMNS)
    assert dict(zip(e21.RESULT_COLUMNS, row, strict=True)) == {
        "lexicon": "oracle",
        "recogniser": "google",
        "B-WER": "20.0 / 14.0 / 18.0",
        "U-WER": "10.0 / 10.0 / 11.0",
        "precision": "90.0 / 95.0 / 70.0",
        "recall": "60.0 / 60.0 / 60.0",
        "cased recall": "50.0 / 80.0 / 50.0",
        "WER raw / cleanup": "10.1 / 10.1",
        "cleanup words/s": "12,000",
        "peer words/s": "800,000",
        "targets": "met",
    }


def test_result_row_has_no_verdict_for_other_recognisers() -> None:
    row = e21.result_row("distractor", "kaldi-librispeech", measured("kaldi-librispeech"))
    assert row[0] == "distractor" and row[-1] == "-"


def test_printed_rows_judge_the_cleaned_systems_of_target_recognisers() -> None:
    for recogniser, targets in (
        ("google", ["", "met", "not met"]),
        ("kaldi-librispeech", [""] * 3),
    ):
        rows = [e21.row(m, RAW) for m in measured(recogniser)]
        assert [r[-1] for r in rows] == targets
        assert len(rows[0]) == len(e21.HEADER)
    raw_row = e21.row(measured("google")[0], RAW)
    assert raw_row[2:5] == ("10.1%", "20.0%", "10.0%") and raw_row[-2] == ""


def test_missing_data_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert e21.main(["--data", str(tmp_path / "nowhere"), "--no-record"]) == 2
    assert "no Earnings-21 data" in capsys.readouterr().err


@pytest.mark.skipif(not e21.DEFAULT_DATA.is_dir(), reason=f"no data at {e21.DEFAULT_DATA}")
def test_smoke_one_call(results: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = small_e21(e21.DEFAULT_DATA, tmp_path / "e21")
    args = ["--data", str(data), "--recogniser", "google", "--limit", "1", "--no-record"]
    assert e21.main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "recogniser", "system", "WER", "B-WER", "U-WER", "recall", "precision", "cased",
        "recall", "words/s", "targets",
    ]  # fmt: skip
    assert [line.split()[:2] for line in lines[2:]] == [
        ["google", "raw"],
        ["google", "cleanup"],
        ["google", e21.SymSpellPeer.name],
    ]
    assert not results.exists()
