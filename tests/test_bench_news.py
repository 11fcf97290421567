"""bench/news.py: scoring the news benchmark, and heard-form coverage, on small data."""

from __future__ import annotations

from pathlib import Path

import pytest
from bench_scripts import load

news = load("news")


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    """One story, one document: each recogniser mishears the name its own way."""
    write(tmp_path / "ref" / "raqqa-01.txt", "Fighters left Raqqa on Monday. Raqqa was calm.\n")
    write(
        tmp_path / "hyp" / "whisper" / "raqqa-01.txt",
        "Fighters left rack of on Monday. Raka was calm.\n",
    )
    write(
        tmp_path / "hyp" / "sphinx" / "raqqa-01.txt",
        "fighters left iraq on monday rock a was calm\n",
    )
    write(tmp_path / "lexicon" / "raqqa.txt", "Raqqa\n")
    return tmp_path


def test_the_errors_of_a_recogniser_with_what_it_wrote(data: Path) -> None:
    (doc,) = news.load_docs(data, None)
    wrong, unsure = news.errors(doc, ["Raqqa"], "whisper")
    assert (wrong, unsure) == ([("Raqqa", "rack of"), ("Raqqa", "Raka")], 0)


def test_scores_and_coverage_are_printed(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    heard = "Raka (espeak whisper 2)|rock a (piper sphinx 1)|Iraq (piper whisper 1)"
    write(data / "heard.tsv", f"term\theard\nRaqqa\t{heard}\n")
    assert news.main(["--data", str(data), "--no-record"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "1 documents, 1 stories" in lines
    assert any("heard-form coverage" in line for line in lines)
    whisper = next(line for line in lines if line.startswith("whisper") and "(" in line)
    # whisper wrote "rack of" and "Raka": espeak/whisper heard "Raka" -> 1 of 2
    assert "50.0% (1)" in whisper
    sphinx = next(line for line in lines if line.startswith("sphinx") and "(" in line)
    # sphinx wrote "iraq" and "rock a": piper/whisper heard "Iraq", piper/sphinx "rock a"
    assert sphinx.count("50.0%") == 2 and "*" in sphinx


def test_no_data_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert news.main(["--data", str(tmp_path), "--no-record"]) == 2
    assert "no news benchmark documents" in capsys.readouterr().err


@pytest.mark.skipif(not (news.DEFAULT_DATA / "hyp").is_dir(), reason="no news hypotheses yet")
def test_smoke_on_the_committed_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert news.main(["--limit", "2", "--no-record"]) == 0
    assert "cleanup" in capsys.readouterr().out
