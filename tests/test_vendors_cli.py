"""``cleanup lexicon import`` and ``export``, and lexicons that are vendor files or CSV."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import one_line_error
from click.testing import CliRunner, Result

from cleanup.cli import main
from cleanup.exitcodes import CLEAN, ERROR

DATA = Path(__file__).resolve().parent / "data" / "vendors"


@pytest.fixture(autouse=True)
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def cli(*args: str | Path, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], input=stdin)


def test_import_prints_the_lexicon_and_says_what_was_lost() -> None:
    result = cli("lexicon", "import", "--from", "google", DATA / "sample.google.json")
    assert result.exit_code == CLEAN, result.output
    assert result.stdout == (DATA / "sample.google.json.tsv").read_text(encoding="utf-8")
    assert "custom class" in result.stderr


def test_import_writes_a_lexicon_that_loads(work: Path) -> None:
    result = cli("lexicon", "import", "--from", "aws", DATA / "sample.aws.txt", "-o", "v.tsv")
    assert result.exit_code == CLEAN, result.output
    assert "wrote v.tsv: 8 entries" in result.stderr
    checked = cli("lexicon", "check", "v.tsv")
    assert checked.exit_code == CLEAN, checked.output
    again = cli("lexicon", "import", "--from", "aws", DATA / "sample.aws.txt", "-o", "v.tsv")
    one_line_error(again, "v.tsv exists", "--force")


def test_export_round_trips_through_the_command(work: Path) -> None:
    out = cli(
        "lexicon", "export", "--to", "deepgram-keywords", DATA / "lexicon.tsv", "-o", "d.json"
    )
    assert out.exit_code == CLEAN, out.output
    back = cli("lexicon", "import", "--from", "deepgram", "d.json")
    assert back.exit_code == CLEAN, back.output
    expected = DATA / "roundtrip.deepgram-keywords.tsv"
    assert back.stdout == expected.read_text(encoding="utf-8")


def test_whisper_export_takes_a_token_budget() -> None:
    result = cli("lexicon", "export", "--to", "whisper", "--max-tokens", "8", DATA / "lexicon.tsv")
    assert result.exit_code == CLEAN, result.output
    assert result.stdout.strip().endswith("al-Qaeda.")
    assert "of 8 tokens used" in result.stderr


def test_import_error_is_one_line(work: Path) -> None:
    (work / "bad.json").write_text('{"custom_spelling": [{"from": ["x"]}]}', encoding="utf-8")
    one_line_error(
        cli("lexicon", "import", "--from", "assemblyai", "bad.json"), "bad.json:1", '"to"'
    )


def test_whisper_cannot_be_imported() -> None:
    result = cli("lexicon", "import", "--from", "whisper", DATA / "lexicon.tsv")
    assert result.exit_code == ERROR
    assert "'whisper' is not one of" in result.stderr


@pytest.mark.parametrize(
    ("name", "text", "command"),
    [
        ("n.csv", "term,variants\nGlorbania,Glorbenia\n", "--from csv n.csv -o n.tsv"),
        ("s.csv", "term;variants\nGlorbania;Glorbenia\n", "--from csv s.csv -o s.tsv"),
        ("h.csv", "Zorblax,zor blacks\nQuux,quux corp\n", "--from csv h.csv -o h.tsv"),
        ("w.json", '{"word_boost": ["aws"]}', "--from assemblyai w.json -o w.tsv"),
        ("k.json", '{"keyterm": ["Raqqa"]}', "--from deepgram k.json -o k.tsv"),
        ("g.json", '{"phrases": [{"value": "Raqqa"}]}', "--from google g.json -o g.tsv"),
        ("r.json", '{"custom_vocabularies": []}', "--from revai r.json -o r.tsv"),
        ("q.txt", "keywords=Raqqa:2\n", "--from deepgram q.txt -o q.tsv"),
        (
            "a.tsv",
            "Phrase\tDisplayAs\nLos-Angeles\tLos Angeles\n",
            "--from aws a.tsv -o a.lexicon.tsv",
        ),
        ("a.csv", "Phrase,IPA,SoundsLike,DisplayAs\nx,,,\n", "--from aws a.csv -o a.tsv"),
        ("b.json", '{"keyterms_prompt": ["a",\n"b"\n', "--from assemblyai b.json -o b.tsv"),
    ],
)
def test_vendor_files_and_csv_are_refused_as_lexicons(
    work: Path, name: str, text: str, command: str
) -> None:
    (work / name).write_text(text, encoding="utf-8")
    checked = cli("lexicon", "check", name)
    assert checked.exit_code == ERROR
    assert f"cleanup lexicon import {command}" in checked.stdout
    one_line_error(cli("fix", "--no-builtin", "-l", name, "-", stdin="hi\n"), name, command)


def test_a_plain_list_with_commas_is_still_a_lexicon(work: Path) -> None:
    (work / "places.txt").write_text("Washington, D.C.\nRaqqa\n", encoding="utf-8")
    assert cli("lexicon", "check", "places.txt").exit_code == CLEAN


@pytest.mark.parametrize(
    ("content", "needles"),
    [
        (b"", ("v.txt: the file is empty", "the vocabulary file you meant")),
        (b" \n\n", ("v.txt: the file is empty",)),
        (b"Phrase\nRaqqa\ncaf\xe9\n", ("v.txt: not valid UTF-8 (line 3", "iconv")),
        (b"\xff\xfeP\x00", ("v.txt: UTF-16 text", "iconv -f utf-16")),
        (b"\x89PNG\r\n\x1a\n\x00\x00", ("v.txt: a binary file", "not a vocabulary")),
    ],
)
def test_unreadable_vendor_files(work: Path, content: bytes, needles: tuple[str, ...]) -> None:
    (work / "v.txt").write_bytes(content)
    one_line_error(cli("lexicon", "import", "--from", "aws", "v.txt"), *needles)


def test_a_huge_file_is_refused_before_it_is_read(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("cleanup.lexicon.vendors.MAX_BYTES", 2**20)
    with (work / "v.txt").open("wb") as handle:
        handle.truncate(3 * 2**20)
    one_line_error(
        cli("lexicon", "import", "--from", "aws", "v.txt"), "v.txt: 3 MiB", "at most 1 MiB"
    )


def test_a_broken_json_file_names_its_line(work: Path) -> None:
    (work / "g.json").write_text('{"phrases": [\n  {"value": "Raqqa"}\n  {"value": "Homs"}]}\n')
    one_line_error(cli("lexicon", "import", "--from", "google", "g.json"), "g.json:3: not JSON")


def test_json_nested_too_deeply_is_an_error_not_a_crash(work: Path) -> None:
    (work / "deep.json").write_text('{"a":' * 50_000 + "1" + "}" * 50_000, encoding="utf-8")
    one_line_error(cli("lexicon", "import", "--from", "google", "deep.json"), "nested too deeply")
    checked = cli("lexicon", "check", "deep.json")
    assert checked.exit_code == ERROR
    assert "deep.json: this is JSON nested too deeply to read" in checked.stdout
