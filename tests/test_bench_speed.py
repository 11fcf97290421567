"""Smoke tests of bench/speed.py: it runs, its tables have the expected columns, it records.

Nothing here asserts on a timing: the targets are the benchmark's verdicts, not tests.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
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
    speed: ModuleType,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    results: Path,
) -> None:
    monkeypatch.setattr(speed, "QUICK_STARTUP_RUNS", 1)  # a smoke test: one round, cold
    monkeypatch.setattr(speed, "QUICK_STARTUP_WARMUPS", 0)
    assert speed.main(["--quick", "--no-record", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert header_cells(out) == list(speed.TABLE_COLUMNS)
    terms = [line.split("|")[1].strip() for line in out.splitlines() if line.startswith("| ")]
    assert terms[2:] == ["60", "5,000"]
    lines = out.splitlines()
    startup = lines[lines.index(next(line for line in lines if line.startswith("command "))) :]
    assert startup[0].split() == ["command", "median", "s", "/", "pass", "target", "s", "verdict"]
    commands = [line.split("  ")[0] for line in startup[2:6]]
    assert commands == [
        "python3 -c pass", "cleanup fix one-line.txt", "cleanup --version",
        f"cleanup fix {speed.first_seed().relative_to(speed.ROOT).as_posix()}",
    ]  # fmt: skip
    assert all(line.split()[-1] in ("met", "MISSED") for line in startup[3:6])
    assert "median of 1 run(s) per command, interleaved" in out
    assert "start-up targets met: " in out and " of 3 " in out
    assert f"cleanup imported from {speed.ROOT / 'cleanup'};" in out
    assert not results.exists()


def test_startup_runs_are_interleaved_after_the_warm_up(speed: ModuleType) -> None:
    calls: list[str] = []

    def timer(argv: Sequence[str]) -> float:
        calls.append(argv[0])
        return float(len(calls))

    times = speed.interleaved([["a"], ["b"], ["c"]], runs=2, warmups=1, timer=timer)
    assert calls == ["a", "b", "c"] * 3
    assert times == [[4.0, 7.0], [5.0, 8.0], [6.0, 9.0]]  # the first round is not counted
    quick, full = speed.startup_runs(quick=True), speed.startup_runs(quick=False)
    assert quick == (3, 1)
    assert full[0] >= 10 and full[1] >= 1


def test_timing_verdicts_and_ratios(speed: ModuleType) -> None:
    at_target = speed.Timing("cleanup --version", 0.25, 0.05, speed.TARGET_VERSION_S)
    assert at_target.ok is True and at_target.ratio == pytest.approx(5.0)  # at most
    assert speed.Timing("cleanup --version", 0.26, 0.05, 0.25).ok is False
    assert speed.Timing("python3 -c pass", 0.05, 0.05).ok is None
    assert (speed.TARGET_FIX_LINE_S, speed.TARGET_VERSION_S) == (0.5, 0.25)


def canned_startup(speed: ModuleType) -> object:
    return speed.Startup(
        fix_line=speed.Timing("cleanup fix one-line.txt", 0.4, 0.05, 0.5),
        version=speed.Timing("cleanup --version", 0.3, 0.05, 0.25),
        fix_seed=speed.Timing("cleanup fix seeds/000_x.txt", 0.6, 0.05, 1.5),
        floor=speed.Timing("python3 -c pass", 0.05, 0.05),
        runs=15,
        warmups=2,
    )


def test_startup_output_gives_a_verdict_per_target(speed: ModuleType) -> None:
    lines = speed.render_startup(canned_startup(speed), None).splitlines()
    assert "median of 15 run(s) per command, interleaved, after 2 warm-up round(s)" in lines[0]
    assert lines[1].split("  ")[0] == "command"
    rows = {line.split("  ")[0]: line.split() for line in lines[3:7]}
    assert rows["python3 -c pass"][-4:] == ["0.050", "1.0", "-", "-"]
    assert rows["cleanup fix one-line.txt"][-4:] == ["0.400", "8.0", "0.50", "met"]
    assert rows["cleanup --version"][-4:] == ["0.300", "6.0", "0.25", "MISSED"]
    assert rows["cleanup fix seeds/000_x.txt"][-4:] == ["0.600", "12.0", "1.50", "met"]
    assert lines[7].startswith("start-up targets met: 2 of 3")


def test_the_check_names_the_cleanup_package_a_command_imports(
    speed: ModuleType, tmp_path: Path
) -> None:
    env = dict(speed.os.environ)  # bench/common.py put this checkout first on PYTHONPATH
    script = tmp_path / "probe.py"  # a script, as cleanup is: "-c" would import from the cwd
    script.write_text("import cleanup\n", encoding="utf-8")
    command = [sys.executable, str(script)]
    assert speed.imported_from(command, env) == str(speed.ROOT / "cleanup")
    other = tmp_path / "other" / "cleanup"
    other.mkdir(parents=True)
    (other / "__init__.py").write_text("", encoding="utf-8")
    with pytest.raises(RuntimeError, match="other/cleanup, not "):  # another copy first
        speed.imported_from(command, {**env, "PYTHONPATH": str(other.parent)})


def test_the_floor_is_the_interpreter_cleanup_runs_on(speed: ModuleType, tmp_path: Path) -> None:
    script = tmp_path / "cleanup"
    script.write_text(f"#!{sys.executable}\nprint()\n", encoding="utf-8")
    assert speed.interpreter([str(script)]) == sys.executable
    script.write_text("#!/bin/sh\necho\n", encoding="utf-8")
    assert speed.interpreter([str(script)]) == sys.executable  # not a Python: this one
    assert speed.interpreter([str(tmp_path / "missing")]) == sys.executable


def test_run_records_one_row(
    speed: ModuleType, monkeypatch: pytest.MonkeyPatch, results: Path
) -> None:
    """main's recording, with canned measurements (the measuring is tested above)."""
    canned = [
        speed.SizeResult(60, 0.001, 40_000.0, 41_000.0, 3, 50.0),
        speed.SizeResult(5_000, 0.0634, 24_000.0, 23_000.0, 3, 52.5),
    ]
    monkeypatch.setattr(speed, "measure_sizes", lambda *args: iter(canned))
    monkeypatch.setattr(speed, "measure_startup", lambda runs, warmups: canned_startup(speed))
    monkeypatch.setattr(speed, "peak_rss_mib", lambda *args: 40.0)
    assert speed.main(["--quick", "--repeat", "1"]) == 0
    *_, header, _, row = results.read_text("utf-8").rstrip("\n").split("\n")
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert header.startswith("| date | commit | cores | words/s 60 |")
    assert header.endswith(
        "| fix 1 seed s | --version s | fix 1 line s | python3 -c pass s | fix 1 line / pass "
        "| --version / pass | fix 1 seed / pass | command |"
    )
    assert cells[2:-1] == [
        str(speed.os.cpu_count() or "?"), "40,000", "24,000", "-", "0.063", "-", "-",
        "0.600", "0.300", "0.400", "0.050", "8.0", "6.0", "12.0",
    ]  # fmt: skip
    assert cells[-1] == "`python3 bench/speed.py --quick --repeat 1`"


def split_section(text: str, name: str) -> tuple[str, list[str], str]:
    head, rest = text.split(f"\n## {name}\n", 1)
    body, tail = rest.split("\n## ", 1) if "\n## " in rest else (rest, "")
    return head, body.strip("\n").split("\n"), tail


def test_new_columns_keep_the_recorded_rows_readable(speed: ModuleType) -> None:
    """A row with today's columns, added to bench/RESULTS.md, leaves every line there as it is.

    Its header differs from the older tables', so it starts a table of its own below them;
    the older rows stay under their own header, whose columns are all still recorded.
    """
    common = load("common")
    text = (BENCH / "RESULTS.md").read_text("utf-8")
    header = common.result_columns(speed.RECORD_COLUMNS)
    row = [f"cell {i}" for i in range(len(header))]
    new = common.add_rows(text, "speed", header, [row])
    head, old_body, tail = split_section(text, "speed")
    new_head, new_body, new_tail = split_section(new, "speed")
    assert (new_head, new_tail) == (head, tail)
    assert new_body[: len(old_body)] == old_body and new_body[-1] == common.markdown_row(row)
    headers = [new_body[i - 1] for i in range(1, len(new_body)) if new_body[i].startswith("| ---")]
    assert headers[-1] == common.markdown_row(header)  # the nearest header above the row
    for older in headers[:-1]:
        assert {cell.strip() for cell in older.strip("|").split("|")} <= set(header)
