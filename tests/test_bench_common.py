"""The benchmarks' shared helpers (bench/common.py), above all the RESULTS.md recorder."""

from __future__ import annotations

import datetime
import fcntl
import re
import subprocess
import threading
from pathlib import Path

import pytest
from bench_scripts import load, redirect_results

common = load("common")
DAY = datetime.date(2026, 1, 2)
COMMIT = "abc1234"
OTHER = "## other\n\nSomeone else's notes.\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n"


@pytest.fixture(autouse=True)
def results(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "RESULTS.md"
    redirect_results(monkeypatch, path)
    return path


def put(path: Path, rows: list[list[str]], section: str = "demo", intro: str = "") -> None:
    command = "python3 bench/demo.py"
    common.record(
        section, ["x", "y"], rows, command=command, path=path, intro=intro, today=DAY, commit=COMMIT
    )


def section_of(text: str, name: str) -> list[str]:
    body = text.split(f"\n## {name}\n", 1)[1].split("\n## ", 1)[0]
    return body.strip("\n").split("\n")


def test_fmt_pct_and_fmt_num() -> None:
    assert common.fmt_pct(0.12345) == "12.3%"
    assert common.fmt_pct(0.12345, 2, sign="") == "12.35"
    assert common.fmt_pct(None) == "n/a"
    assert common.fmt_num(24076.4) == "24,076"
    assert common.fmt_num(0.0634, 3) == "0.063"
    assert common.fmt_num(None) == "-"


def test_format_table_styles() -> None:
    header, rows = ["name", "n"], [["a", "10"], ["bbb", "2"]]
    assert common.format_table(header, rows).split("\n") == [
        "name  n",
        "----  --",
        "a     10",
        "bbb   2",
    ]
    assert common.format_table(header, rows, right=True).split("\n")[3] == "bbb    2"
    assert common.format_table(header, rows, markdown=True).split("\n") == [
        "| name | n  |",
        "| ---- | -- |",
        "| a    | 10 |",
        "| bbb  | 2  |",
    ]


def test_command_column_is_python3_and_the_script_path() -> None:
    script = "/opt/somewhere/else/bench/itn.py"
    assert common.command_line(script, []) == "python3 bench/itn.py"
    assert (
        common.command_line(script, ["--limit", "5", "--data", "my data"])
        == "python3 bench/itn.py --limit 5 --data 'my data'"
    )


def test_new_file_gets_the_header_the_section_its_intro_and_table(results: Path) -> None:
    put(results, [["1", "2"]], intro="What this measures.\nSecond line.")
    assert results.read_text("utf-8") == (
        common.RESULTS_HEADER
        + "\n## demo\n\nWhat this measures.\nSecond line.\n\n"
        + "| date | commit | x | y | command |\n"
        + "| --- | --- | --- | --- | --- |\n"
        + "| 2026-01-02 | abc1234 | 1 | 2 | `python3 bench/demo.py` |\n"
    )


def test_appending_keeps_other_sections_and_earlier_rows(results: Path) -> None:
    put(results, [["1", "2"]], intro="Intro.")
    with results.open("a", encoding="utf-8") as file:
        file.write("\n" + OTHER)  # another script's section after ours
    before = results.read_text("utf-8")
    put(results, [["3", "4"], ["5", "6"]], intro="Not written twice.")
    text = results.read_text("utf-8")
    assert text.endswith("\n" + OTHER)
    assert text.count("## demo") == 1 and "Not written twice" not in text
    lines = section_of(text, "demo")
    assert lines[0] == "Intro."
    assert [line.split(" | ")[2] for line in lines[-3:]] == ["1", "3", "5"]
    # Only lines were added: the old text is the new one with the two rows taken out.
    added = [line for line in text.split("\n") if line not in before.split("\n")]
    assert len(added) == 2
    assert [line for line in text.split("\n") if line not in added] == before.split("\n")


def test_missing_section_is_added_at_the_end(results: Path) -> None:
    results.write_text("# My results\n\n" + OTHER, "utf-8")
    put(results, [["1", "2"]], section="new", intro="New section.")
    text = results.read_text("utf-8")
    assert text.startswith("# My results\n\n" + OTHER)
    assert section_of(text, "new")[:3] == [
        "New section.",
        "",
        "| date | commit | x | y | command |",
    ]
    assert text.endswith("| 2026-01-02 | abc1234 | 1 | 2 | `python3 bench/demo.py` |\n")


def test_changed_columns_start_a_new_table_below_the_old_rows(results: Path) -> None:
    put(results, [["1", "2"]])
    common.record("demo", ["x", "z"], [["3", "4"]], command="c", today=DAY, commit=COMMIT)
    lines = section_of(results.read_text("utf-8"), "demo")
    assert lines == [
        "| date | commit | x | y | command |",
        "| --- | --- | --- | --- | --- |",
        "| 2026-01-02 | abc1234 | 1 | 2 | `python3 bench/demo.py` |",
        "",
        "| date | commit | x | z | command |",
        "| --- | --- | --- | --- | --- |",
        "| 2026-01-02 | abc1234 | 3 | 4 | `c` |",
    ]


def test_cells_are_escaped_and_counted(results: Path) -> None:
    put(results, [["a|b", "2"]])
    assert "| a\\|b | 2 |" in results.read_text("utf-8")
    with pytest.raises(ValueError, match="columns"):
        put(results, [["only one"]])


def test_the_default_stamp_is_today_and_the_commit(results: Path) -> None:
    path = common.record("demo", ["x"], [["1"]], command="python3 bench/demo.py")
    assert path == results  # the default path, redirected
    row = results.read_text("utf-8").rstrip("\n").split("\n")[-1]
    date, commit = row.split(" | ")[0].lstrip("| "), row.split(" | ")[1]
    assert date == datetime.date.today().isoformat()
    assert re.fullmatch(r"[0-9a-f]{4,}(-dirty)?|unknown", commit)


def test_concurrent_records_keep_every_row(results: Path) -> None:
    threads = [threading.Thread(target=put, args=(results, [[str(i), "r"]])) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    rows = [line for line in section_of(results.read_text("utf-8"), "demo") if " | r | " in line]
    assert sorted(row.split(" | ")[2] for row in rows) == [str(i) for i in range(8)]


def test_record_waits_for_the_exclusive_lock(results: Path) -> None:
    put(results, [["1", "2"]])
    with results.open("r+", encoding="utf-8") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        writer = threading.Thread(target=put, args=(results, [["3", "4"]]))
        writer.start()
        writer.join(0.2)
        assert writer.is_alive()  # blocked while the lock is held, however slow the machine
        assert "| 3 |" not in results.read_text("utf-8")
    writer.join()
    assert "| 3 | 4 |" in results.read_text("utf-8")


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def test_git_commit_marks_a_changed_tree_dirty(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    repo = tmp_path / "repo"
    (repo / "bench").mkdir(parents=True)
    (repo / "code.py").write_text("a = 1\n")
    (repo / "bench" / "RESULTS.md").write_text("# Benchmark results\n")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "start")
    monkeypatch.setattr(common, "ROOT", repo)
    clean = common.git_commit()
    assert re.fullmatch(r"[0-9a-f]{4,}", clean)
    (repo / "bench" / "RESULTS.md").write_text("# Benchmark results\n\n## new rows\n")
    assert common.git_commit() == clean  # recorded results are not code
    (repo / "new.py").write_text("b = 2\n")
    assert common.git_commit() == clean + "-dirty"  # untracked file
    (repo / "new.py").unlink()
    (repo / "code.py").write_text("a = 2\n")
    assert common.git_commit() == clean + "-dirty"  # changed tracked file
    monkeypatch.setattr(common, "ROOT", tmp_path)  # not a checkout
    assert common.git_commit() == "unknown"
