"""The ITN benchmark's scoring: canonical mapping, number extraction, P/R/F1, RESULTS.md row."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from bench_scripts import BENCH, load, redirect_results

itn = load("itn")
common = load("common")


@pytest.fixture(autouse=True)
def results(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "RESULTS.md"
    redirect_results(monkeypatch, path, itn)
    return path


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("3,000", "3000"),
        ("$18,925,000", "$18925000"),
        ("02:30", "2:30"),
        ("02:00 p.m.", "2 pm"),
        ("07:00 A.M. EST", "7 am est"),
        ("11:40 a.m", "11:40am"),
        ("at 5 p. m.", "at 5 PM"),
        ("18.14 %", "18.14 percent"),
        ("18.14%", "18.14 per cent"),
        ("July 25, 2012", "25 july 2012"),
        ("Oct. 2, 2020", "October 2, 2020"),
        ("Sept. 30", "september 30"),
        ("the 15 January", "the january 15"),
        ("$.506", "$0.506"),
        ("0.02", ".02"),
        ("$ 2", "$2"),
        ("20 !", "20!"),
        (", one , two", ", one, two"),
        ("750BC", "750 b.c."),
        ("56.3 /km²", "56.3/km2"),
        ("\u221266 kg", "-66 kg"),
        ("  two   words ", "two words"),
        ("Two Dollars", "two dollars"),
    ],
)
def test_canonical_equivalences(a: str, b: str) -> None:
    assert itn.canonical(a) == itn.canonical(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("5.2 million", "5200000"),
        ("2.5", "2.50"),
        ("$2", "2 dollars"),
        ("3:00", "3"),
        ("12 pm", "12 am"),
        ("21st", "21"),
        ("july 25th", "july 25"),
        ("1,2,3", "123"),
        ("-66", "66"),
        ("200 m", "200 meters"),
        ("10:30", "1:30"),
    ],
)
def test_canonical_keeps_differences(a: str, b: str) -> None:
    assert itn.canonical(a) != itn.canonical(b)


def test_accepted_takes_any_alternative() -> None:
    assert itn.accepted("$4.69", ["4.69 dollars", "$4.69"])
    assert not itn.accepted("four dollars", ["$4", "4 dollars"])


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("In 1843 he paid $15,000 (2.50%) on the 21st.", ["1843", "15000", "2.50", "21"]),
        ("the 1980s and -3 degrees", ["1980", "3"]),
        ("9:00 pm, 9:30 and 18:00:00Z", ["9", "9", "30", "18"]),
        ("2008-09-30", ["2008", "9", "30"]),
        (".5 and Rs.9", ["0.5", "9"]),
        ("1,2,3 and 1,000,000", ["1", "2", "3", "1000000"]),
        ("40 km2, C18, MP5 and x18852.html", ["40"]),
        ("chapter nine, no digits", []),
    ],
)
def test_extract_numbers(text: str, numbers: list[str]) -> None:
    assert itn.extract_numbers(text) == Counter(numbers)


def test_counts_pool_multisets() -> None:
    counts = itn.Counts()
    counts.add(Counter(["5", "5", "10"]), Counter(["5", "10", "11"]))
    counts.add(Counter(["2"]), Counter())
    assert (counts.tp, counts.fp, counts.fn) == (2, 1, 2)
    assert counts.precision == pytest.approx(2 / 3)
    assert counts.recall == pytest.approx(2 / 4)
    assert counts.f1 == pytest.approx(4 / 7)


def test_counts_without_output_have_no_precision() -> None:
    counts = itn.Counts()
    counts.add(Counter(["7"]), Counter())
    assert counts.precision is None
    assert counts.recall == 0.0
    assert counts.f1 == 0.0


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("CHAPTER XXXIV.", ["34"]),
        ("Louis XIV and Louis XVIII", ["14", "18"]),
        ("Chapter I", ["1"]),
        ("I said V is not a number here", []),
        ("IIII and VX are not numerals", []),
    ],
)
def test_roman_numerals_are_numbers(text: str, numbers: list[str]) -> None:
    assert sorted(itn.extract_numbers(text).elements()) == numbers


def test_ordinals_below_ten_equal_their_words() -> None:
    assert itn.accepted("the third time", ["the 3rd time"])
    assert not itn.accepted("the twenty first", ["the 21st"])


def test_sentence_score() -> None:
    score = itn.score_sentences(
        "demo",
        [
            ("Born in 1990, aged 5.", "born in 1990 aged five"),
            ("Chapter IX.", "chapter 9"),
            ("No numbers here.", "no numbers here"),
            ("It cost $3,000.", "it cost 3000 dollars"),
        ],
    )
    assert score.sentences == 4
    assert (score.all.tp, score.all.fp, score.all.fn) == (3, 0, 1)  # IX is 9
    assert (score.ten_up.tp, score.ten_up.fp, score.ten_up.fn) == (2, 0, 0)
    assert score.ten_up.f1 == 1.0
    assert (score.number_free, score.false_number) == (1, 0)  # "Chapter IX." has one
    assert score.false_number_rate == 0.0


def test_read_cases_keeps_alternatives_and_spoken_spacing(tmp_path: Path) -> None:
    path = tmp_path / "test_cases_demo.txt"
    path.write_text("two p m~02:00 p.m.~2 pm\nx ~x\n~\n\n", "utf-8")
    cases = itn.read_cases(path)
    assert cases == [
        itn.Case("two p m", ("02:00 p.m.", "2 pm")),
        itn.Case("x ", ("x",)),
        itn.Case("", ("",)),
    ]
    assert len(itn.read_cases(path, limit=1)) == 1


def report() -> object:
    plain = [itn.ClassScore(name, cases=4, correct=1) for name in itn.CLASSES]
    sentences = [
        itn.score_sentences("a", [("In 1990, 12 men.", "in 1990 12 men")]),
        itn.score_sentences("b", [("Paid 30 and 40.", "paid 30 and 7"), ("None.", "2")]),
        itn.score_sentences("c", [("Nothing.", "nothing")]),
    ]
    return itn.Report(None, plain, plain, sentences, 10, 0.5, 0.25, 31.6)


def test_result_row_fills_the_columns() -> None:
    row = itn.result_row(report())
    assert dict(zip(itn.RESULT_COLUMNS, row, strict=True)) == {
        **{name: "25.0%" for name in itn.TARGET_CLASSES},
        "six pooled": "25.0%",
        "GoogleTN F1": "1.000",
        "LibriTTS ASR F1": "0.400",
        "LibriTTS ASR F1>=10": "0.667",
        "LibriTTS spoken F1": "n/a",
        "false numbers G/L": "n/a / 100.0%",
        "step sent/s": "40",
        "pipeline sent/s": "20",
        "import ms": "32",
    }


def test_recorded_table_keeps_its_columns() -> None:
    """The newest ## itn table in bench/RESULTS.md has exactly the columns rows get now."""
    text = (BENCH / "RESULTS.md").read_text("utf-8")
    section = text.split("\n## itn\n", 1)[1].split("\n## ", 1)[0]
    header = [line for line in section.splitlines() if line.startswith("| date |")][-1]
    assert header == common.markdown_row(common.result_columns(itn.RESULT_COLUMNS))


DATA = itn.DEFAULT_DATA


@pytest.mark.skipif(not DATA.is_dir(), reason=f"ITN data not found at {DATA}")
def test_smoke_run_prints_table(capsys: pytest.CaptureFixture[str], results: Path) -> None:
    assert itn.main(["--limit", "5", "--no-record", "--data", str(DATA)]) == 0
    out = capsys.readouterr().out
    assert "Class accuracy" in out
    for name in (*itn.TARGET_CLASSES, "six targets, pooled", "GoogleTN", "LibriTTS (ASR"):
        assert name in out
    assert "sentences/s" in out
    assert not results.exists()


@pytest.mark.skipif(not DATA.is_dir(), reason=f"ITN data not found at {DATA}")
def test_smoke_run_records_a_row(results: Path) -> None:
    assert itn.main(["--limit", "2", "--data", str(DATA)]) == 0
    text = results.read_text("utf-8")
    assert text.startswith(common.RESULTS_HEADER)
    assert itn.INTRO in text
    *_, header, _, row = text.rstrip("\n").split("\n")
    assert header == common.markdown_row(common.result_columns(itn.RESULT_COLUMNS))
    assert row.endswith(f"| `python3 bench/itn.py --limit 2 --data {DATA}` |")
    assert row.count(" | ") == header.count(" | ")


def test_missing_data_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        itn.main(["--no-record", "--data", str(tmp_path / "nowhere")])
    assert exit_info.value.code == 2
    assert "not found" in capsys.readouterr().err
