"""Transcript formats (cleanup.formats): read with their structure, written by splicing.

The golden files in tests/data/formats/ are small and made by hand in the shape each tool
writes. Edits here are made by hand (``edit``), so what is checked is the format's
reading and writing, not what the engine decides.
"""

from __future__ import annotations

import difflib
import io
import json
from pathlib import Path
from typing import Any

import pytest
import srt
import webvtt
from hypothesis import given
from hypothesis import strategies as st

from cleanup import formats
from cleanup.document import Document
from cleanup.edits import Edit, apply_edits
from cleanup.formats import jsonpos
from cleanup.io.batch import read
from cleanup.io.discovery import InputFile
from cleanup.pipeline import decide
from cleanup.review.session import group
from cleanup.settings import resolve
from cleanup.textio import InputError, SourceText

DATA = Path(__file__).resolve().parent / "data" / "formats"
SUBTITLES = ["news.srt", "news.vtt"]
RECOGNISERS = [
    "whisper.json",
    "whisperx.json",
    "deepgram.json",
    "assemblyai.json",
    "rev.json",
    "aws.json",
]
ALL = [*SUBTITLES, *RECOGNISERS, "turns.txt"]


def load(name: str, raw: bytes | None = None, **settings: Any) -> tuple[bytes, SourceText]:
    data = raw if raw is not None else (DATA / name).read_bytes()
    source = read(InputFile(None, name), lambda: data, resolve(settings))
    return data, source


def edit(doc: Document, before: str, after: str, nth: int = 0) -> Edit:
    """An edit replacing the ``nth`` occurrence of ``before`` in the flowing text."""
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(before, start + 1)
    return Edit("test", start, start + len(before), before, after, "by hand")


def everywhere(doc: Document, before: str, after: str) -> list[Edit]:
    """An edit for every occurrence of ``before`` that can be written (inside one run)."""
    found = [edit(doc, before, after, nth) for nth in range(doc.text.count(before))]
    return [e for e in found if doc.writable(e.start, e.end)]


def changed_ranges(old: str, new: str) -> list[tuple[int, int]]:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [(i1, i2) for tag, i1, i2, _, _ in matcher.get_opcodes() if tag != "equal"]


@pytest.mark.parametrize("name", ALL)
def test_a_file_with_no_edit_is_written_byte_identical(name: str) -> None:
    raw, source = load(name)
    assert source.render([]) == raw


@pytest.mark.parametrize("name", SUBTITLES)
def test_only_bytes_inside_edited_cue_text_change(name: str) -> None:
    _, source = load(name)
    doc = source.document()
    edits = everywhere(doc, "bike dad", "Baghdad")
    assert len(edits) >= 3
    output = source.render(edits).decode()
    transcript = source.transcript
    assert transcript is not None
    inside = [(run.at, run.at + run.end - run.start) for run in transcript.runs]
    for start, end in changed_ranges(source.text, output):
        assert any(a <= start and end <= b for a, b in inside), source.text[start:end]
    assert output.count("\n") == source.text.count("\n")  # no cue reflowed
    again = formats.read(output, name)
    assert again.text == apply_edits(doc.text, edits)


@pytest.mark.parametrize("name", SUBTITLES)
def test_crlf_subtitles_keep_their_newlines(name: str) -> None:
    raw = (DATA / name).read_bytes().replace(b"\n", b"\r\n")
    _, source = load(name, raw)
    assert source.render([]) == raw
    output = source.render(everywhere(source.document(), "bike dad", "Baghdad"))
    _, plain = load(name)
    expected = plain.render(everywhere(plain.document(), "bike dad", "Baghdad"))
    assert output == expected.replace(b"\n", b"\r\n")


def test_srt_output_parses_with_srt_as_the_input_does() -> None:
    _, source = load("news.srt")
    output = source.render(everywhere(source.document(), "bike dad", "Baghdad")).decode()
    before, after = list(srt.parse(source.text)), list(srt.parse(output))
    assert [(c.index, c.start, c.end) for c in before] == [(c.index, c.start, c.end) for c in after]
    assert "{\\an8}Jane Arraf reporting" in output
    assert "<i>Baghdad</i>" in output


def test_webvtt_output_parses_with_webvtt_py_ids_voices_notes_and_style_untouched() -> None:
    _, source = load("news.vtt")
    doc = source.document()
    edits = [
        *everywhere(doc, "bike dad", "Baghdad"),
        *everywhere(doc, "two thousand", "2000"),
    ]
    output = source.render(edits).decode()
    before = webvtt.from_buffer(io.StringIO(source.text))
    after = webvtt.from_buffer(io.StringIO(output))
    shape = [(c.identifier, c.start, c.end, c.voice, c.settings) for c in before.captions]
    assert shape == [(c.identifier, c.start, c.end, c.voice, c.settings) for c in after.captions]
    assert "\ntwo thousand fourteen\n00:00:01.000" in output  # the cue identifier
    assert "NOTE two thousand fourteen bike dad\n" in output
    assert '::cue(v[voice="Siria Desk"])' in output
    assert output.count("<v Siria Desk>") == 2


def test_a_number_across_two_cues_is_read_whole_and_only_suggested() -> None:
    _, source = load("news.srt")
    doc = source.document()
    across = edit(doc, "two thousand fourteen", "2014")
    assert not doc.writable(across.start, across.end)
    decided = decide(across, resolve({}).config(), doc)
    assert not decided.applied
    assert "only suggested" in decided.reason
    assert source.render([across]) == (DATA / "news.srt").read_bytes()


def test_a_line_wrap_inside_a_cue_is_kept() -> None:
    _, source = load("news.srt")
    doc = source.document()
    wrap = edit(doc, "closed. Jane", "closed.\u00a0Jane")  # across two cues
    lines = edit(doc, "said the", "saidthe")  # would merge the two lines of cue 2
    assert not doc.writable(wrap.start, wrap.end)
    assert not doc.writable(lines.start, lines.end)
    assert decide(lines, resolve({}).config(), doc).applied is False
    comma = edit(doc, "said the", "said, the")  # the change is at a line's end: written
    assert "said,\nthe" in source.render([comma]).decode()
    transcript = source.transcript
    assert transcript is not None
    assert source.render([lines]) == (DATA / "news.srt").read_bytes()
    assert any("boundary" in warning for warning in transcript.warnings)


def test_an_edit_that_only_changes_one_side_of_a_boundary_is_written() -> None:
    _, source = load("news.srt")
    doc = source.document()
    # The change is "thousand" -> "1,000" only, though the edit spans the wrap.
    wide = edit(doc, "thousand fourteen", "1,000 fourteen")
    assert doc.writable(wide.start, wide.start + len("thousand"))
    assert decide(wide, resolve({}).config(), doc).applied
    assert "two 1,000\n\n2\n" in source.render([wide]).decode()


def test_a_longer_line_than_the_files_longest_is_warned_about() -> None:
    _, source = load("news.srt")
    doc = source.document()
    source.render([edit(doc, "from bike dad", "from the capital of Iraq, Baghdad")])
    transcript = source.transcript
    assert transcript is not None
    assert any("longer than the file's longest" in w for w in transcript.warnings)


def test_subtitles_give_cues_times_and_voices() -> None:
    _, source = load("news.vtt")
    doc = source.document()
    assert [s.speaker for s in doc.segments] == ["Siria Desk", "Siria Desk", "Jane Arraf"]
    assert [s.start_time for s in doc.segments] == [1.0, 3.5, 5.0]
    offset = doc.text.index("Reporting")
    assert doc.where(offset, "1:1") == "cue 3 [00:00:05.000] Jane Arraf"
    assert "AT&T" in doc.text  # a character reference is read as its character
    assert not doc.writable(doc.text.index("AT&T"), doc.text.index("AT&T") + 4)


def test_speaker_turns_in_plain_text_keep_their_labels() -> None:
    raw, source = load("turns.txt")
    doc = source.document()
    assert doc.text == raw.decode()
    assert [s.speaker for s in doc.segments] == ["Jane Arraf", "Siria Desk", "Jane Arraf"]
    label = edit(doc, "Siria Desk", "Syria Desk")
    assert not doc.writable(label.start, label.end)
    words = everywhere(doc, "bike dad", "Baghdad")
    assert source.render(words).decode().count("Baghdad") == 2


def _differences(old: Any, new: Any, path: str = "") -> list[str]:
    if isinstance(old, dict) and isinstance(new, dict) and list(old) == list(new):
        return [d for key in old for d in _differences(old[key], new[key], f"{path}/{key}")]
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [
            d
            for i, (a, b) in enumerate(zip(old, new, strict=True))
            for d in _differences(a, b, f"{path}/{i}")
        ]
    return [] if old == new else [path]


TEXT_KEYS = ("/text", "/transcript")  # and Deepgram's sentences' text
WORD_LISTS = ("/word", "/elements", "/items")


@pytest.mark.parametrize("name", RECOGNISERS)
def test_json_text_and_words_change_together(name: str) -> None:
    raw, source = load(name)
    doc = source.document()
    edits = [edit(doc, "bike dad", "Baghdad"), edit(doc, "two thousand fourteen", "2014")]
    output = source.render(edits)
    old, new = json.loads(raw), json.loads(output)
    for path in _differences(old, new):  # only segment text and word lists differ
        assert path.endswith(TEXT_KEYS) or any(key in path for key in WORD_LISTS), path
    again = formats.read(output.decode(), name)
    assert again.text == apply_edits(doc.text, edits)
    redoc = again.document(name)
    settled = [t for t in redoc.tokens if t.text in ("Baghdad", "2014")]
    assert settled and all(t.confidence == 1.0 for t in settled)
    copies = json.dumps(new).count("Baghdad")
    assert copies >= (1 if name == "rev.json" else 2)  # in the text and in its word


@pytest.mark.parametrize("name", RECOGNISERS)
def test_json_formatting_outside_edited_values_is_kept(name: str) -> None:
    raw, source = load(name)
    doc = source.document()
    output = source.render([edit(doc, "bike dad", "Baghdad")]).decode()
    for start, end in changed_ranges(raw.decode(), output):
        changed = raw.decode()[start:end]
        assert "\n" not in changed.strip() or "{" in changed, changed


def _said(words: list[dict[str, Any]], key: str = "word") -> list[tuple[str, float, float]]:
    return [(w[key].strip(), w["start"], w["end"]) for w in words]


def test_other_copies_of_the_text_and_words_change_with_them() -> None:
    for name in RECOGNISERS:
        _, source = load(name)
        doc = source.document()
        edits = [edit(doc, "bike dad", "Baghdad"), edit(doc, "two thousand fourteen", "2014")]
        new = json.loads(source.render(edits))
        if name == "whisper.json":
            assert new["text"] == "".join(seg["text"] for seg in new["segments"])
        if name == "whisperx.json":
            flat = [w for seg in new["segments"] for w in seg["words"]]
            assert _said(new["word_segments"]) == _said(flat)
        if name == "deepgram.json":
            best = new["results"]["channels"][0]["alternatives"][0]
            (paragraph,) = best["paragraphs"]["paragraphs"]
            assert paragraph["sentences"][0]["text"] == best["transcript"]
            assert best["paragraphs"]["transcript"] == "\nSpeaker 0: " + best["transcript"]
        if name == "assemblyai.json":
            (turn,) = new["utterances"]
            assert _said(turn["words"], "text") == _said(new["words"], "text")
            assert turn["text"] == new["text"] == "The attack in Baghdad was in 2014."


def test_new_words_share_the_time_of_the_words_they_replace() -> None:
    _, source = load("whisper.json")
    doc = source.document()
    output = json.loads(source.render([edit(doc, "bike dad", "Baghdad")]))
    words = output["segments"][0]["words"]
    assert [w["word"] for w in words] == [" The", " attack", " in", " Baghdad"]
    assert (words[-1]["start"], words[-1]["end"], words[-1]["probability"]) == (1.1, 2.4, 1.0)
    output = json.loads(source.render([edit(doc, "bike dad", "big bad dad")]))
    words = output["segments"][0]["words"][3:]
    assert [w["word"] for w in words] == [" big", " bad", " dad"]
    assert words[0]["start"] == 1.1 and words[-1]["end"] == 2.4
    assert words[0]["end"] == words[1]["start"]


@pytest.mark.parametrize(
    ("name", "word", "confidence"),
    [
        ("whisper.json", "bike", 0.41),
        ("whisperx.json", "Arraf", 0.62),
        ("deepgram.json", "dad", 0.39),
        ("assemblyai.json", "bike", 0.43),
        ("rev.json", "dad", 0.36),
        ("aws.json", "bike", 0.42),
    ],
)
def test_word_confidence_reaches_the_tokens(name: str, word: str, confidence: float) -> None:
    _, source = load(name)
    tokens = {t.text: t.confidence for t in source.document().tokens}
    assert tokens[word] == confidence


def test_review_asks_about_low_confidence_regions_first() -> None:
    _, source = load("whisper.json")
    doc = source.document()
    sure = edit(doc, "attack", "attacks").with_applied(False)
    doubt = edit(doc, "bike dad", "Baghdad").with_applied(False)
    items = group([sure, doubt], "confidence", doc)
    assert [item.edit.after for item in items] == ["Baghdad", "attacks"]


def test_utf16_with_a_bom_is_read_and_written_back_in_utf16() -> None:
    raw = (DATA / "news.srt").read_text().encode("utf-16")
    _, source = load("news.srt", raw)
    assert source.encoding.startswith("utf-16") and source.render([]) == raw
    output = source.render(everywhere(source.document(), "bike dad", "Baghdad"))
    assert output.startswith(raw[:2]) and "Baghdad" in output.decode("utf-16")


def test_a_legacy_encoding_is_read_with_encoding_and_kept() -> None:
    raw = "1\n00:00:01,000 --> 00:00:02,000\nthe caf\u00e9 in bike dad\n".encode("cp1252")
    with pytest.raises(InputError, match="--encoding"):
        load("old.srt", raw)
    _, source = load("old.srt", raw, encoding="cp1252")
    output = source.render(everywhere(source.document(), "bike dad", "Baghdad"))
    assert output == raw.replace(b"bike dad", b"Baghdad")


@pytest.mark.parametrize("name", ["empty.srt", "empty.vtt", "empty.json"])
def test_an_empty_file_of_any_format_is_empty_text(name: str) -> None:
    raw, source = load(name, b"\n")
    assert source.document().text == "\n" and source.render([]) == raw


def test_json_of_no_known_shape_names_the_supported_ones() -> None:
    with pytest.raises(formats.UnknownTranscript, match="supported: Whisper"):
        load("unknown.json")


def test_the_format_comes_from_extension_content_or_the_option() -> None:
    assert formats.detect("a.vtt", "") == "webvtt"
    assert formats.detect("<stdin>", "WEBVTT\n\n") == "webvtt"
    assert formats.detect("<stdin>", '{"segments": []}') == "json"
    assert formats.detect("<stdin>", "1\n00:00:01,000 --> 00:00:02,000\nhi\n") == "srt"
    assert formats.detect("<stdin>", "[Music] hello") == "text"
    assert formats.detect("notes.txt", "WEBVTT") == "text"
    _, source = load("news.srt", input_format="text")
    assert source.document().text == source.text


def test_the_soundalike_step_is_given_the_recognisers_confidences(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cleanup.cleaner import Cleaner  # noqa: PLC0415 (loads the engine: this test only)
    from cleanup.steps import soundalike  # noqa: PLC0415

    seen: list[Any] = []
    real = soundalike.Sight

    def spy(doc: Document, lm: Any, trigram: Any, known: Any, *rest: Any) -> Any:
        seen.append(known)
        return real(doc, lm, trigram, known, *rest)

    monkeypatch.setattr(soundalike, "Sight", spy)
    _, source = load("whisper.json")
    doc = source.document()
    Cleaner(resolve({"select": ("soundalike",)})).run_document(doc, decided=False)
    bike = next(i for i, t in enumerate(doc.tokens) if t.text == "bike")
    assert seen and seen[0].confidence[bike] == 0.41


def test_context_documents_are_read_in_their_format(tmp_path: Path) -> None:
    from cleanup.cleaner import related_documents  # noqa: PLC0415
    from cleanup.lexicon.files import load as load_lexicon  # noqa: PLC0415

    lexicon = load_lexicon(Path(__file__).parent / "data" / "cli" / "lexicon.tsv")
    article = tmp_path / "article.vtt"
    article.write_text(
        "WEBVTT\n\nNOTE Baghdad Baghdad\n\nBaghdad\n00:00:01.000 --> 00:00:02.000\n"
        "<v Desk>In Baghdad today\n"
    )
    assert related_documents([article], lexicon).mentions["Baghdad"] == 1


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


def _spans(value: Any) -> list[tuple[str, tuple[int, int]]]:
    found = [(type(value).__name__, value.span)] if hasattr(value, "span") else []
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return found + [span for item in items for span in _spans(item)]


@given(JSON_VALUES, st.sampled_from([None, 1]), st.booleans())
def test_json_positions_are_the_pure_python_scanners(
    value: Any, indent: Any, ascii_only: bool
) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    fast, slow = jsonpos.parse(text), jsonpos.parse_slowly(text)
    assert fast == slow == value
    assert _spans(fast) == _spans(slow)
    for kind, (start, end) in _spans(fast):
        if kind == "Str":
            assert isinstance(json.loads(text[start:end]), str)


@pytest.mark.parametrize("name", ALL)
def test_cleaning_a_cleaned_file_again_changes_nothing(name: str) -> None:
    """Idempotence per format: the file written by a run, read again, gets no applied edit
    (the pipeline settles a first pass's consequences; edited words read as decided)."""
    from cleanup.cleaner import Cleaner  # noqa: PLC0415

    cleaner = Cleaner(resolve({}))
    _, source = load(name)
    once = cleaner.run_document(source.document(), decided=False)
    written = source.render(once.applied)
    _, again = load(name, written)
    assert cleaner.run_document(again.document(), decided=False).applied == []


def test_webvtt_writes_ampersands_and_angle_brackets_as_references() -> None:
    raw = b"WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nwe called at and tee about r and d\n"
    _, source = load("s.vtt", raw)
    doc = source.document()
    edits = [edit(doc, "at and tee", "AT&T"), edit(doc, "r and d", "R<D>")]
    output = source.render(edits).decode()
    assert "we called AT&amp;T about R&lt;D&gt;" in output
    assert [c.text for c in webvtt.from_buffer(io.StringIO(output)).captions] == [
        "we called AT&amp;T about R&lt;D&gt;"
    ]


@pytest.mark.parametrize(
    "raw",
    [
        b'{"text": "", "segments": [], "language": "en"}',
        b'{"segments": [], "word_segments": []}',
        b'{"monologues": []}',
    ],
)
def test_a_silent_recording_is_an_empty_transcript_not_an_unknown_shape(raw: bytes) -> None:
    _, source = load("silent.json", raw)
    assert source.document().text == ""
    assert source.render([]) == raw


def test_a_segment_without_text_is_skipped_not_the_file() -> None:
    raw = b'{"segments": [{"text": null, "words": []}, {"text": " a bike dad", "words": []}]}'
    _, source = load("gap.json", raw)
    assert source.document().text.strip() == "a bike dad"
