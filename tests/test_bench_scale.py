"""Smoke tests of bench/scale.py's parts: the data it cuts, its verdicts and its projection.

Nothing here times anything: the targets are the benchmark's verdicts, not tests.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from bench_scripts import load


@pytest.fixture(scope="module")
def scale() -> ModuleType:
    return load("scale")


def test_transcripts_are_cut_in_order_to_200_to_2000_words(
    scale: ModuleType, tmp_path: Path
) -> None:
    for recogniser in scale.RECOGNISERS:
        (tmp_path / "hyp" / recogniser).mkdir(parents=True)
        words = " ".join(f"{recogniser}{n}" for n in range(5_000))
        (tmp_path / "hyp" / recogniser / "call.txt").write_text(words, encoding="utf-8")
    total = scale.cut(tmp_path / "hyp", tmp_path / "out", 5)
    pieces = sorted((tmp_path / "out").glob("*.txt"))
    counts = [len(p.read_text(encoding="utf-8").split()) for p in pieces]
    assert len(pieces) == 5 and sum(counts) == total
    assert all(200 <= count <= 2_000 for count in counts)
    with pytest.raises(SystemExit, match="only"):
        scale.cut(tmp_path / "hyp", tmp_path / "more", 50)


def test_settings_alternate_places_between_rounds(scale: ModuleType) -> None:
    assert scale.interleaved([1, 2], 3) == [1, 2, 2, 1, 1, 2]


def test_verdicts_name_each_missed_target(scale: ModuleType) -> None:
    assert scale.verdict(1.9, 1.2, True, 0.01) == "all targets met"
    missed = scale.verdict(1.2, None, False, 0.2)
    assert "speed-up 1.20 < 1.8" in missed and "PSS ratio n/a" in missed
    assert "outputs differ" in missed and "skip 20.0% > 5%" in missed


@pytest.fixture(scope="module")
def model() -> ModuleType:
    return load("scale_model")


def test_batch_and_projection(model: ModuleType) -> None:
    costs = model.Costs(per_file=0.1, setup=1.0, per_task=0.002, client_per_file=0.005)
    # 100 workers asking: the scheduler must stay under 5% busy: 100 * 2 ms / (5% * 100 ms)
    assert model.batch_for(costs, cores=100) == 40
    assert model.batch_for(costs, cores=1) == 1
    lines = model.projection(costs, files=1_000_000, cores=100)
    assert "batch of 40 files" in lines[1] and "about 0.3 h" in lines[2]
    assert "at most 200 files/s" in lines[3]


def test_a_row_has_every_column(scale: ModuleType) -> None:
    timed = scale.Timed(seconds=10.0, pss_mib=100.0, cpu_s=9.0, code=0)
    faster = scale.Timed(seconds=5.2, pss_mib=140.0, cpu_s=10.0, code=0)
    measured = scale.Measured(
        files=40, words=40_000, load=0.1, runs={1: [timed], 2: [faster]}, same=True,
        cluster=None, skip=(timed, scale.Timed(0.2, None, 0.1, 0)), setup_s=0.8,
    )  # fmt: skip
    cells = scale.row(measured)
    assert len(cells) == len(scale.COLUMNS)
    assert cells[5] == "1.92" and cells[6] == "1.11"  # CPU: 10 s against 9 s
    assert cells[9] == "1.40" and cells[11] == "n/a"
    assert cells[-1] == "all targets met"
    assert scale.growth(measured) == [["-j 1", "4.0", "100%", "225"], ["-j 2", "7.7", "96%", "250"]]
    assert scale.costs_of(measured).per_file == pytest.approx((9.0 - 0.8) / 40)  # CPU time


def test_the_projection_is_recorded_as_cells(model: ModuleType) -> None:
    costs = model.Costs(per_file=0.1, setup=1.0, per_task=0.002, client_per_file=0.005)
    cells = model.projection_cells(costs)
    assert len(cells) == len(model.CLUSTER_COLUMNS)
    assert cells[:4] == ["100", "1.00", "2.00", "40"] and cells[-1] == "200"
    assert cells[4] == "0.28" and cells[5] == "999"  # 1,001.5 s: set-up, work, scheduling
