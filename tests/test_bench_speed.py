"""Smoke tests of bench/speed.py: it runs, its table has the expected columns, it records.

Nothing here asserts on a timing.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from bench_scripts import BENCH, load, redirect_results

from cleanup.lexicon.files import load as load_lexicon


@pytest.fixture(scope="module")
def speed() -> ModuleType:
    return load("speed")


@pytest.fixture(autouse=True)
def results(speed: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "RESULTS.md"
    redirect_results(monkeypatch, path, speed)  # even a bug must not touch the real one
    return path


def header_cells(table: str) -> list[str]:
    line = next(line for line in table.splitlines() if line.startswith("| terms"))
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_small_lexicon_is_the_head_of_the_bundled_one(speed: ModuleType, tmp_path: Path) -> None:
    lexicon = load_lexicon(speed.build_lexicon(60, tmp_path))
    assert len(lexicon) == 60
    assert (
        lexicon.entries[0].term == load_lexicon(speed.bundled_dir() / speed.BUNDLED).entries[0].term
    )


def test_larger_lexicon_adds_distinct_names(speed: ModuleType, tmp_path: Path) -> None:
    bundled = len(load_lexicon(speed.bundled_dir() / speed.BUNDLED))
    names = ["Paris", "paris", "PARIS", "Iraq", "12345", "#Hash", "Tab\tbed", "Lyon", "Nice"]
    path = speed.build_lexicon(bundled + 3, tmp_path, names=lambda: names)
    lexicon = load_lexicon(path)  # the loader rejects duplicates and case-only variants
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
    speed: ModuleType, capsys: pytest.CaptureFixture[str], results: Path
) -> None:
    assert speed.main(["--quick", "--no-record", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert header_cells(out) == list(speed.TABLE_COLUMNS)
    terms = [line.split("|")[1].strip() for line in out.splitlines() if line.startswith("| ")]
    assert terms[2:] == ["60", "5,000"]
    assert "cleanup fix seeds/000_" in out and "cleanup --version" in out
    assert not results.exists()


def test_run_records_one_row(
    speed: ModuleType, monkeypatch: pytest.MonkeyPatch, results: Path
) -> None:
    """main's recording, with canned measurements (the measuring is tested above)."""
    canned = [
        speed.SizeResult(60, 0.001, 40_000.0, 41_000.0, 3, 50.0),
        speed.SizeResult(5_000, 0.0634, 24_000.0, 23_000.0, 3, 52.5),
    ]
    monkeypatch.setattr(speed, "measure_sizes", lambda *args: iter(canned))
    startup = speed.Startup(0.25, 0.16, "cleanup fix seeds/000_x.txt", 1)
    monkeypatch.setattr(speed, "measure_startup", lambda repeat: startup)
    monkeypatch.setattr(speed, "peak_rss_mib", lambda *args: 40.0)
    assert speed.main(["--quick", "--repeat", "1"]) == 0
    *_, header, _, row = results.read_text("utf-8").rstrip("\n").split("\n")
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert header.startswith("| date | commit | cores | words/s 60 |")
    assert cells[2:-1] == [
        str(speed.os.cpu_count() or "?"), "40,000", "24,000", "-", "0.063", "-", "-", "0.250",
        "0.160",
    ]  # fmt: skip
    assert cells[-1] == "`python3 bench/speed.py --quick --repeat 1`"


def test_recorded_table_keeps_its_columns(speed: ModuleType) -> None:
    """The ## speed table already in bench/RESULTS.md has exactly the columns rows get now."""
    common = load("common")
    text = (BENCH / "RESULTS.md").read_text("utf-8")
    section = text.split("\n## speed\n", 1)[1].split("\n## ", 1)[0]
    header = next(line for line in section.splitlines() if line.startswith("| date |"))
    assert header == common.markdown_row(common.result_columns(speed.RECORD_COLUMNS))
