"""bench/ablation.py: each variant switches one part of the score off; a one-call smoke run."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench_scripts import load, small_e21

from cleanup.soundalike.decision import PRESETS

ablation = load("ablation")


def test_each_variant_differs_from_the_default_in_its_part() -> None:
    base = ablation.VARIANTS["default"]
    assert base == PRESETS["default"]
    assert ablation.VARIANTS["no language model"].lm_weight == 0.0
    assert ablation.VARIANTS["no mentions"].mention_weight == 0.0
    assert ablation.VARIANTS["no unknown-word bonus"].unknown_bonus == 0.0
    assert ablation.VARIANTS["no self-mentions"].self_weight == 0.0
    assert ablation.VARIANTS["no same-letters bonus"].letters_bonus == 0.0


def test_config_for_carries_the_variant_s_parameters() -> None:
    config = ablation.config_for(ablation.VARIANTS["no mentions"])
    assert config.params == ablation.VARIANTS["no mentions"]


@pytest.mark.skipif(not (load("e21").DEFAULT_DATA / "ref").is_dir(), reason="no Earnings-21 data")
def test_smoke_one_call(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = small_e21(load("e21").DEFAULT_DATA, tmp_path / "e21")
    assert ablation.main(["--data", str(data), "--limit", "1", "--no-record"]) == 0
    out = capsys.readouterr().out
    for name in ablation.VARIANTS:
        assert name in out


def test_missing_data_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert ablation.main(["--data", str(tmp_path), "--no-record"]) == 2
    assert "no Earnings-21 data" in capsys.readouterr().err
