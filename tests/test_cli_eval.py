"""``cleanup eval`` end to end through click's CliRunner, in a scratch directory."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import one_line_error
from click.testing import CliRunner, Result

from cleanup.cli import main
from cleanup.eval.metrics import METRICS, Counts
from cleanup.exitcodes import CLEAN, ERROR

LEXICON = "term\tcategory\nISIS\tgroup\nBaghdad\tplace\nAbu Bakr\tperson\n"
COUNT_FIELDS = set(Counts.__dataclass_fields__)
METRIC_NAMES = {metric.name for metric in METRICS}


@pytest.fixture(autouse=True)
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch folder: lex.tsv, ref/ and hyp/ with a.txt and b.txt."""
    for name in ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "400")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lex.tsv").write_text(LEXICON, encoding="utf-8")
    write("ref/a.txt", "ISIS fighters entered Baghdad today.\n")
    write("hyp/a.txt", "Isis fighters entered back dad today\n")
    write("ref/b.txt", "Abu Bakr spoke to the fighters.\n")
    write("hyp/b.txt", "Abu Bakr spoke to the fighters.\n")
    return tmp_path


def write(name: str, text: str | bytes) -> Path:
    path = Path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def run(*args: str) -> Result:
    """``cleanup eval ARGS`` with lex.tsv as the only lexicon."""
    result = CliRunner().invoke(main, ["eval", "--no-builtin", "-l", "lex.tsv", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


def as_json(*args: str) -> Any:
    result = run(*args, "--format", "json")
    assert result.exit_code == CLEAN, result.output
    return json.loads(result.stdout)


def rows(stdout: str) -> dict[str, list[str]]:
    """Plain table rows by their first cell (file name, or version under --clean)."""
    return {line.split()[0]: line.split() for line in stdout.splitlines()[2:] if line.strip()}


def test_directory_pair_prints_a_row_per_file_and_a_total() -> None:
    result = run("--reference", "ref", "hyp")
    assert result.exit_code == CLEAN, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "hyp vs ref: 2 files"
    assert lines[1].split() == [
        "file",
        "words",
        "WER",
        "B-WER",
        "U-WER",
        "phrases",
        "recall",
        "precision",
        "cased",
        "recall",
    ]
    table = rows(result.stdout)
    # a.txt: isis fighters entered [baghdad->back] [+dad] today: 2 errors / 5 words;
    # biased isis, baghdad: 1/2; unbiased 1/3; recall 1/2; precision 1/1; cased 0/2
    assert table["a.txt"] == ["a.txt", "5", "40.0", "50.0", "33.3", "2", "50.0", "100.0", "0.0"]
    # b.txt: exact: 0 errors / 6 words
    assert table["b.txt"] == ["b.txt", "6", "0.0", "0.0", "0.0", "1", "100.0", "100.0", "100.0"]
    # pooled: 2/11 errors, 1/4 biased, 1/7 unbiased, 2/3 recalled, 2/2, 1/3 cased
    assert table["total"] == ["total", "11", "18.2", "25.0", "14.3", "3", "66.7", "100.0", "33.3"]
    assert result.stderr == ""


def test_json_schema() -> None:
    data = as_json("--reference", "ref", "hyp")
    assert set(data) == {
        "schema_version",
        "normalization",
        "reference",
        "lexicons",
        "cleaned",
        "groups",
    }
    assert data["schema_version"] == 1
    assert data["lexicons"] == ["lex.tsv"]
    assert data["cleaned"] is False
    (group,) = data["groups"]
    assert group["hypothesis"] == "hyp"
    assert group["skipped_references"] == 0
    assert [f["file"] for f in group["files"]] == ["a.txt", "b.txt"]
    for scored in [*group["files"], group["total"]]:
        assert scored["cleaned"] is None and scored["change"] is None
        assert set(scored["raw"]["counts"]) == COUNT_FIELDS
        metrics = scored["raw"]["metrics"]
        assert set(metrics) == METRIC_NAMES
        for metric in metrics.values():
            assert set(metric) == {"value", "numerator", "denominator"}
    first = group["files"][0]
    assert first["reference"] == str(Path("ref/a.txt"))
    assert first["hypothesis"] == str(Path("hyp/a.txt"))
    assert first["raw"]["metrics"]["wer"] == {"value": 0.4, "numerator": 2, "denominator": 5}


def test_json_totals_are_pooled_counts() -> None:
    data = as_json("--reference", "ref", "hyp")
    group = data["groups"][0]
    total = group["total"]["raw"]
    for name in COUNT_FIELDS:
        assert total["counts"][name] == sum(f["raw"]["counts"][name] for f in group["files"])
    assert total["metrics"]["wer"] == {"value": 2 / 11, "numerator": 2, "denominator": 11}
    assert total["metrics"]["b_wer"]["value"] == pytest.approx(0.25)


def test_clean_shows_raw_cleaned_and_change() -> None:
    result = run("--reference", "ref", "hyp", "--clean")
    assert result.exit_code == CLEAN, result.output
    lines = result.stdout.splitlines()
    assert lines[1].split()[:3] == ["file", "version", "words"]
    # a.txt: cleaning rewrites "Isis" to "ISIS"; nothing else changes
    start = next(i for i, line in enumerate(lines) if line.startswith("a.txt"))
    raw, cleaned, change = (lines[start + k].split() for k in range(3))
    assert raw == ["a.txt", "raw", "5", "40.0", "50.0", "33.3", "2", "50.0", "100.0", "0.0"]
    assert cleaned == ["cleaned", "5", "40.0", "50.0", "33.3", "2", "50.0", "100.0", "50.0"]
    assert change == ["change", "0.0", "0.0", "0.0", "0.0", "0.0", "+50.0"]


def test_before_is_an_alias_of_clean() -> None:
    assert run("-r", "ref", "hyp", "--before").stdout == run("-r", "ref", "hyp", "--clean").stdout


def test_clean_json_has_raw_cleaned_and_change() -> None:
    data = as_json("--reference", "ref", "hyp", "--clean")
    assert data["cleaned"] is True
    total = data["groups"][0]["total"]
    assert total["raw"]["metrics"]["cased_recall"]["numerator"] == 1
    assert total["cleaned"]["metrics"]["cased_recall"]["numerator"] == 2
    assert total["change"]["cased_recall"] == pytest.approx(1 / 3)
    assert total["change"]["wer"] == 0
    assert set(total["change"]) == METRIC_NAMES


def test_cleaning_options_apply_to_clean() -> None:
    # without the lexicon-case step, cleaning does not repair "Isis"
    data = as_json("--reference", "ref", "hyp", "--clean", "--select", "spacing")
    total = data["groups"][0]["total"]
    assert total["change"]["cased_recall"] == 0


def test_worse_after_cleaning_shows_a_positive_wer_change(tmp_path: Path) -> None:
    # a lexicon variant that is in fact right in this reference: cleaning makes it wrong
    (tmp_path / "lex.tsv").write_text("term\tvariants\nHezbollah\tHizbollah\n", encoding="utf-8")
    write("ref/c.txt", "Hizbollah said\n")
    write("hyp/c.txt", "Hizbollah said\n")
    result = run("--reference", "ref/c.txt", "hyp/c.txt", "--clean")
    assert result.exit_code == CLEAN, result.output
    change = next(line for line in result.stdout.splitlines() if "change" in line).split()
    assert change[:2] == ["change", "+50.0"]


def test_single_files_pair_whatever_their_names() -> None:
    write("other.txt", "Isis fighters entered back dad today\n")
    result = run("--reference", "ref/a.txt", "other.txt")
    assert result.exit_code == CLEAN, result.output
    assert rows(result.stdout)["other.txt"][:3] == ["other.txt", "5", "40.0"]
    assert "hypothesis files vs ref/a.txt: 1 file" in result.stdout


def test_hypothesis_file_pairs_by_name_in_a_reference_folder() -> None:
    result = run("--reference", "ref", str(Path("hyp/b.txt")))
    assert result.exit_code == CLEAN, result.output
    assert rows(result.stdout)["total"][:3] == ["total", "6", "0.0"]
    assert "1 reference file has no hypothesis in the hypothesis files; not evaluated" in (
        result.stderr
    )


def test_skipped_references_are_counted_on_stderr() -> None:
    write("ref/c.txt", "nobody transcribed this\n")
    write("ref/d.txt", "nor this\n")
    result = run("--reference", "ref", "hyp")
    assert result.exit_code == CLEAN, result.output
    assert result.stderr.strip() == "2 reference files have no hypothesis in hyp; not evaluated"


def test_each_hypothesis_folder_is_a_group_with_its_own_total() -> None:
    write("hyp2/a.txt", "ISIS fighters entered Baghdad today.\n")
    data = as_json("--reference", "ref", "hyp", "hyp2")
    groups = data["groups"]
    assert [g["hypothesis"] for g in groups] == ["hyp", "hyp2"]
    assert groups[1]["total"]["raw"]["metrics"]["wer"]["value"] == 0
    assert groups[1]["skipped_references"] == 1


def test_hypothesis_without_reference_is_an_error() -> None:
    write("hyp/extra.txt", "hello\n")
    one_line_error(run("--reference", "ref", "hyp"), str(Path("hyp/extra.txt")), "extra.txt", "ref")


def test_missing_paths_are_errors() -> None:
    one_line_error(run("--reference", "nowhere", "hyp"), "nowhere", "no such file")
    one_line_error(run("--reference", "ref", "nothing"), "nothing", "no such file")


def test_missing_reference_option_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["eval", "hyp"])
    assert result.exit_code == ERROR
    assert "--reference" in result.stderr


def test_no_pairs_is_an_error() -> None:
    one_line_error(run("--reference", "ref", "hyp", "--include", "*.md"), "no files match")


def test_stdin_is_refused() -> None:
    one_line_error(run("--reference", "ref", "-"), "stdin")


def test_invalid_utf8_is_an_error() -> None:
    write("hyp/a.txt", b"caf\xe9 au lait\n")
    one_line_error(run("--reference", "ref", "hyp"), str(Path("hyp/a.txt")), "UTF-8")


def test_empty_reference_is_an_error() -> None:
    write("ref/a.txt", "")
    one_line_error(run("--reference", "ref", "hyp"), str(Path("ref/a.txt")), "empty", "WER")


def test_reference_without_words_is_an_error() -> None:
    write("ref/a.txt", "[inaudible] um\n")
    one_line_error(run("--reference", "ref", "hyp"), str(Path("ref/a.txt")), "no words")


def test_empty_hypothesis_is_all_deletions() -> None:
    write("hyp/a.txt", "")
    result = run("--reference", "ref", "hyp")
    assert result.exit_code == CLEAN, result.output
    assert rows(result.stdout)["a.txt"][:3] == ["a.txt", "5", "100.0"]
    assert "hyp/a.txt: the hypothesis has no words" in result.stderr.replace("\\", "/")


def test_without_a_lexicon_only_wer_is_shown() -> None:
    result = CliRunner().invoke(main, ["eval", "--no-builtin", "-r", "ref", "hyp"])
    assert result.exit_code == CLEAN, result.output
    assert result.stdout.splitlines()[1].split() == ["file", "words", "WER"]
    data = json.loads(
        CliRunner()
        .invoke(main, ["eval", "--no-builtin", "-r", "ref", "hyp", "--format", "json"])
        .stdout
    )
    metrics = data["groups"][0]["total"]["raw"]["metrics"]
    assert metrics["b_wer"]["value"] is None
    assert metrics["u_wer"]["value"] == metrics["wer"]["value"]


def test_bundled_lexicons_are_not_the_biasing_list() -> None:
    # without -l there is no biasing list, whether or not the bundled lexicons are on
    result = CliRunner().invoke(main, ["eval", "-r", "ref", "hyp", "--format", "json"])
    assert result.exit_code == CLEAN, result.output
    assert json.loads(result.stdout)["lexicons"] == []


def test_bad_lexicon_is_an_error() -> None:
    write("bad.tsv", "term\tcolour\nISIS\tred\n")
    result = CliRunner().invoke(main, ["eval", "--no-builtin", "-l", "bad.tsv", "-r", "ref", "hyp"])
    one_line_error(result, "bad.tsv", "unknown column")


def test_readme_example_is_what_eval_prints() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    command = "$ cleanup eval --reference ref hyp --no-builtin -l names.txt --clean\n"
    shown = readme.split(command, 1)[1].split("\n```", 1)[0]
    write("names.txt", "ISIS\nBaghdad\nAbu Bakr\n")
    args = ["eval", "--reference", "ref", "hyp", "--no-builtin", "-l", "names.txt", "--clean"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == CLEAN, result.output
    assert result.stdout == shown + "\n"


def test_subtitle_hypotheses_pair_with_text_references_by_stem(work: Path) -> None:
    (work / "hyp" / "a.txt").unlink()
    write(
        "hyp/a.vtt",
        "WEBVTT\n\nNOTE Baghdad is not said\n\n1\n00:00:01.000 --> 00:00:02.000\n"
        "<v Isis Desk>Isis fighters entered\n\n2\n00:00:02.000 --> 00:00:03.000\nback dad today\n",
    )
    table = rows(run("--reference", "ref", "hyp").stdout)
    # read as its cue text (no NOTE, id or voice): the same 2 errors / 5 words as a.txt
    assert table["a.vtt"][:3] == ["a.vtt", "5", "40.0"]
