"""bench/simulate.py: times the simulator per term (with a fake one here: no extra needed)."""

from __future__ import annotations

import pytest
from bench_scripts import load

from cleanup.simulate.heard import Simulator

bench = load("simulate")


class _Voice:
    def speak(self, text: str) -> str:
        return text


class _Ears:
    def hear(self, utterances: list[str]) -> list[str]:
        return [u.replace("a", "o") for u in utterances]


def test_the_table_gives_seconds_and_heard_forms_per_term(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = Simulator({"piper": _Voice()}, {"whisper": _Ears()}, None)
    monkeypatch.setattr(bench, "simulator", lambda *args: fake)
    assert bench.main(["--terms", "3", "--no-record"]) == 0
    out = capsys.readouterr().out
    assert "CPU s / term" in out and "piper espeak" in out and "whisper" in out
