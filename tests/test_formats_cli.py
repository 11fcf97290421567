"""Subtitles and recogniser JSON through the command line: fix, -w, -o, --diff, --format,
review, folders. The test lexicon's variant Bagdad -> Baghdad is the edit (a lexicon
variant: the same at every run), set where it must be edited and where it must not."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
import webvtt
from cli_helpers import plain_terminal
from click.testing import CliRunner, Result

from cleanup.cli import main
from cleanup.exitcodes import CLEAN, ERROR

DATA = Path(__file__).parent / "data"
LEXICON = ("--no-builtin", "-l", "lexicon.tsv")
VTT = """WEBVTT

STYLE
::cue(v[voice="Bagdad Desk"]) { color: yellow }

NOTE Bagdad is misspelt here too

Bagdad opening
00:00:01.000 --> 00:00:03.500 line:90%
<v Bagdad Desk>The attack in Bagdad
happened in two thousand

00:00:03.500 --> 00:00:05.000
<v Bagdad Desk>fourteen. The <i>Bagdad</i> office
"""
FIXED = VTT.replace("attack in Bagdad", "attack in Baghdad").replace(
    "<i>Bagdad</i>", "<i>Baghdad</i>"
)


@pytest.fixture(autouse=True)
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    plain_terminal(monkeypatch)
    monkeypatch.chdir(tmp_path)
    shutil.copy(DATA / "cli" / "lexicon.tsv", tmp_path / "lexicon.tsv")
    (tmp_path / "news.vtt").write_text(VTT, encoding="utf-8")
    return tmp_path


def cli(*args: str | Path, stdin: str = "") -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args], input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def fix(*args: str | Path) -> Result:
    return cli("fix", *LEXICON, *args)


def test_fix_prints_the_file_with_only_cue_text_changed() -> None:
    result = fix("news.vtt")
    assert result.exit_code == CLEAN
    assert result.stdout == FIXED
    webvtt.from_buffer(io.StringIO(result.stdout))  # still WebVTT


def test_write_in_place_and_output_dir(work: Path) -> None:
    assert fix("news.vtt", "-o", "out").exit_code == CLEAN
    assert (work / "out" / "news.vtt").read_text() == FIXED
    assert (work / "news.vtt").read_text() == VTT
    assert fix("news.vtt", "-w").exit_code == CLEAN
    assert (work / "news.vtt").read_text() == FIXED
    assert fix("news.vtt", "-w").stderr.count("0 changed") == 1  # cleaning twice: no more


def test_diff_and_text_records_name_the_cue_time_and_speaker() -> None:
    diff = fix("news.vtt", "--diff").stdout
    assert "cue 1 [00:00:01.000] Bagdad Desk" in diff
    assert "cue 2 [00:00:03.500] Bagdad Desk" in diff
    text = fix("news.vtt", "--format", "text").stdout
    assert "news.vtt:cue 1 [00:00:01.000] Bagdad Desk: lexicon-variants: 'Bagdad'" in text


def test_json_records_carry_cue_speaker_and_time() -> None:
    records = json.loads(fix("news.vtt", "--format", "json").stdout)
    edits = [e for e in records["files"][0]["edits"] if e["step"] == "lexicon-variants"]
    assert [(e["cue"], e["speaker"], e["time"]) for e in edits] == [
        ("cue 1", "Bagdad Desk", 1.0),
        ("cue 2", "Bagdad Desk", 3.5),
    ]


def test_input_format_text_reads_a_subtitle_as_plain_text() -> None:
    result = fix("news.vtt", "--input-format", "text")
    assert "NOTE Baghdad is misspelt" in result.stdout


def test_review_writes_only_cue_text(work: Path) -> None:
    options = ("--min-confidence", "0.99", "--select", "lexicon-variants")
    result = cli("review", *LEXICON, *options, "news.vtt", stdin="y\n")
    assert result.exit_code == CLEAN, result.output
    assert "cue 1 [00:00:01.000] Bagdad Desk" in result.stdout
    assert (work / "news.vtt").read_text() == FIXED


def test_recogniser_json_is_written_consistently(work: Path) -> None:
    words = [(" We", 0.0, 0.2, 0.99), (" met", 0.2, 0.5, 0.98), (" in", 0.5, 0.6, 0.99)]
    words.append((" Bagdad.", 0.6, 1.2, 0.71))
    said = [{"word": w, "start": s, "end": e, "probability": p} for w, s, e, p in words]
    segment = {"id": 0, "start": 0.0, "end": 1.2, "text": " We met in Bagdad.", "words": said}
    (work / "w.json").write_text(json.dumps({"text": segment["text"], "segments": [segment]}))
    assert fix("w.json", "-w").exit_code == CLEAN
    data = json.loads((work / "w.json").read_text())
    assert data["text"] == data["segments"][0]["text"] == " We met in Baghdad."
    assert data["segments"][0]["words"][3] == {
        "word": " Baghdad.",
        "start": 0.6,
        "end": 1.2,
        "probability": 1.0,
    }


def test_unknown_json_named_is_an_error_naming_the_shapes() -> None:
    shutil.copy(DATA / "formats" / "unknown.json", "unknown.json")
    result = fix("unknown.json")
    assert result.exit_code == ERROR
    assert "supported: Whisper" in result.stderr and "AWS Transcribe" in result.stderr


def test_a_folder_skips_json_of_no_transcript_shape(work: Path) -> None:
    folder = work / "in"
    folder.mkdir()
    shutil.copy(DATA / "formats" / "unknown.json", folder / "config.json")
    shutil.copy(work / "news.vtt", folder / "news.vtt")
    (folder / "a.txt").write_text("We met in Bagdad.\n")
    result = fix("in", "-o", "out")
    assert result.exit_code == CLEAN, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning")]
    assert len(warnings) == 1 and "config.json" in warnings[0]
    assert sorted(p.name for p in (work / "out").iterdir() if not p.name.startswith(".")) == [
        "a.txt",
        "news.vtt",
    ]


def test_utf16_subtitles_stay_utf16(work: Path) -> None:
    (work / "wide.vtt").write_bytes(VTT.encode("utf-16"))
    assert fix("wide.vtt", "-w").exit_code == CLEAN
    assert (work / "wide.vtt").read_bytes() == FIXED.encode("utf-16")


def test_unified_diff_and_report_show_the_file_as_it_is(work: Path) -> None:
    unified = fix("news.vtt", "--diff=unified").stdout
    assert (
        "-<v Bagdad Desk>The attack in Bagdad\n+<v Bagdad Desk>The attack in Baghdad\n" in unified
    )
    assert fix("news.vtt", "--report", "r.html").exit_code == CLEAN
    page = (work / "r.html").read_text()
    assert "cue 1 [00:00:01.000] Bagdad Desk" in page
