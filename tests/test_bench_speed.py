"""Smoke tests of bench/speed.py: it runs, its table has the expected columns, it records.

Nothing here asserts on a timing.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from cleanup.lexicon import load

SCRIPT = Path(__file__).resolve().parent.parent / "bench" / "speed.py"
OTHER_SECTION = "## itn\n\n| date | WER |\n|---|---|\n| 2026-01-01 | 1% |\n"


@pytest.fixture(scope="module")
def speed() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_speed", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def header_cells(table: str) -> list[str]:
    line = next(line for line in table.splitlines() if line.startswith("| terms"))
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_small_lexicon_is_the_head_of_the_bundled_one(speed: ModuleType, tmp_path: Path) -> None:
    lexicon = load(speed.build_lexicon(60, tmp_path))
    assert len(lexicon) == 60
    assert lexicon.entries[0].term == load(speed.bundled_dir() / speed.BUNDLED).entries[0].term


def test_larger_lexicon_adds_distinct_names(speed: ModuleType, tmp_path: Path) -> None:
    bundled = len(load(speed.bundled_dir() / speed.BUNDLED))
    names = ["Paris", "paris", "PARIS", "Iraq", "12345", "#Hash", "Tab\tbed", "Lyon", "Nice"]
    path = speed.build_lexicon(bundled + 3, tmp_path, names=lambda: names)
    lexicon = load(path)  # the loader rejects duplicates and case-only variants
    assert len(lexicon) == bundled + 3
    assert [e.term for e in lexicon.entries[-3:]] == ["Paris", "Lyon", "Nice"]
    with pytest.raises(ValueError, match="distinct names"):
        speed.build_lexicon(bundled + 4, tmp_path, names=lambda: names)


def test_table_has_the_expected_columns(speed: ModuleType, tmp_path: Path) -> None:
    texts = speed.Texts("Isis and hizbollah met in baghdad.\n", 1, ("isis", "Syria ,ok"))
    result = speed.measure_size(speed.build_lexicon(60, tmp_path), texts, repeat=1)
    assert result.terms == 60 and result.peak_mib is None
    table = speed.render_table([result], texts, cores=2)
    assert header_cells(table) == list(speed.TABLE_COLUMNS)
    assert "2 cores" in table
    for column in ("terms", "load s", "words/s long", "peak RSS MiB", "target words/s"):
        assert column in speed.TABLE_COLUMNS


def test_quick_run_prints_the_table(
    speed: ModuleType,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    results = tmp_path / "RESULTS.md"
    monkeypatch.setattr(speed, "RESULTS", results)  # even a bug must not touch the real one
    assert speed.main(["--quick", "--no-record", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert header_cells(out) == list(speed.TABLE_COLUMNS)
    terms = [line.split("|")[1].strip() for line in out.splitlines() if line.startswith("| ")]
    assert terms[2:] == ["60", "5,000"]
    assert "cleanup fix seeds/000_" in out and "cleanup --version" in out
    assert not results.exists()


def test_record_keeps_other_sections(speed: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "RESULTS.md"
    speed.record(["r1"], path)
    assert path.read_text().startswith(speed.RESULTS_HEADER + "\n")
    with path.open("a") as file:
        file.write("\n" + OTHER_SECTION)  # someone else adds a section after ours
    speed.record(["r2"], path)
    text = path.read_text()
    assert text.endswith(OTHER_SECTION)
    speed_section = text[text.index(speed.SECTION) : text.index("## itn")]
    rows = [line for line in speed_section.splitlines() if line.startswith("| r")]
    assert rows == ["| r1 |", "| r2 |"]
    assert speed_section.splitlines()[2].startswith("| date | commit |")


def test_record_appends_to_an_existing_file(speed: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "RESULTS.md"
    path.write_text("# Results\n\n" + OTHER_SECTION)
    speed.record(["r1"], path)
    text = path.read_text()
    assert text.startswith("# Results\n\n" + OTHER_SECTION)
    assert text.endswith("| r1 |\n")
