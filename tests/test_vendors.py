"""Vendor vocabularies in and out (``cleanup.lexicon.vendors``), on golden files.

``tests/data/vendors/lexicon.tsv`` is exported to every format (``export.FORMAT.*``);
each export is imported back (``roundtrip.FORMAT.tsv``: what the format keeps), and a
second round trip changes nothing. ``sample.*`` files are shaped like each vendor's
documentation; they import to ``sample.*.tsv`` and round-trip too. Run with
``CLEANUP_UPDATE_GOLDEN=1`` to rewrite the golden files (then read the diff).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cleanup.lexicon.files import read_entries
from cleanup.lexicon.model import Entry, build
from cleanup.lexicon.vendors import EXPORTS, IMPORTS, VendorError, export, import_text, whisper
from cleanup.lexicon.vendors.common import Collector, Notes, boost_to_prior, prior_to_boost
from cleanup.lexicon.write import to_tsv

DATA = Path(__file__).resolve().parent / "data" / "vendors"
UPDATE = os.environ.get("CLEANUP_UPDATE_GOLDEN") == "1"
SUFFIX = {
    "aws": "txt",
    "whisper": "txt",
    "csv": "csv",
}
SAMPLES = {
    "sample.aws.txt": "aws",
    "sample.assemblyai.json": "assemblyai",
    "sample.deepgram.txt": "deepgram-keywords",
    "sample.deepgram.json": "deepgram",
    "sample.google.json": "google",
    "sample.google-contexts.json": "google",
    "sample.revai.json": "revai",
    "sample.csv": "csv",
}


def golden(path: Path, text: str) -> None:
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, f"{path.name} differs"


def lexicon() -> list[Entry]:
    return read_entries(DATA / "lexicon.tsv")


def exported_path(fmt: str) -> Path:
    return DATA / f"export.{fmt}.{SUFFIX.get(fmt, 'json')}"


def imported(fmt: str, text: str) -> list[Entry]:
    found = Collector(Notes())
    import_text(fmt, text, "vendor-file", found)
    entries = found.entries()
    build(entries)  # loads: no duplicates, chains or case-only variants
    return entries


def written(fmt: str, entries: list[Entry]) -> str:
    if fmt == "whisper":  # the estimate, whatever is installed
        return whisper.write(entries, Notes(), count=whisper.estimate)
    return export(fmt, entries)[0]


@pytest.mark.parametrize("fmt", EXPORTS)
def test_export(fmt: str) -> None:
    golden(exported_path(fmt), written(fmt, lexicon()))


@pytest.mark.parametrize("fmt", IMPORTS)
def test_round_trip_keeps_what_the_format_holds(fmt: str) -> None:
    entries = imported(fmt, exported_path(fmt).read_text(encoding="utf-8"))
    golden(DATA / f"roundtrip.{fmt}.tsv", to_tsv(entries))
    again = imported(fmt, written(fmt, entries))
    assert to_tsv(again) == to_tsv(entries)


def test_csv_keeps_everything() -> None:
    entries = imported("csv", written("csv", lexicon()))
    assert to_tsv(entries) == to_tsv(lexicon())


def test_csv_with_semicolons_as_spreadsheets_save_it() -> None:
    text = written("csv", lexicon())
    semicolons = "\n".join(row.replace(",", ";") for row in text.splitlines() if "," in row)
    assert '"' not in text  # no cell holds a comma: the two files say the same
    assert to_tsv(imported("csv", semicolons + "\n")) == to_tsv(lexicon())
    entries = imported("csv", "term;variants\r\nBaghdad;Bagdad\r\n")
    assert [(e.term, e.variants) for e in entries] == [("Baghdad", ("Bagdad",))]


@pytest.mark.parametrize("sample", SAMPLES)
def test_vendor_sample(sample: str) -> None:
    fmt = SAMPLES[sample]
    entries = imported(fmt, (DATA / sample).read_text(encoding="utf-8"))
    golden(DATA / f"{sample}.tsv", to_tsv(entries))
    again = imported(fmt, written(fmt, entries))
    assert to_tsv(again) == to_tsv(entries)


def test_boosts_and_priors() -> None:
    assert prior_to_boost(1.0, 10) == 10
    assert prior_to_boost(0.3, 10) == 3
    assert boost_to_prior(3, 10) == 0.3
    assert boost_to_prior(15, 10) == 1.0  # above the reference: prior 1
    for prior in (1.0, 0.5, 0.3, 0.25, 0.01):
        assert boost_to_prior(prior_to_boost(prior, 10), 10) == prior


def test_notes_say_what_was_lost() -> None:
    found = Collector(Notes())
    import_text("deepgram", "keywords=uh:-10&keywords=Raqqa:4", "q.txt", found)
    lines = found.notes.lines()
    assert any("suppressed" in line and "'uh'" in line for line in lines)
    assert any("above 1" in line and "Raqqa:4" in line for line in lines)
    assert [e.term for e in found.entries()] == ["Raqqa"]


@pytest.mark.parametrize(
    ("fmt", "text", "needle"),
    [
        ("google", "{not json", "vendor-file:1: not JSON"),
        ("google", '{\n"phrases": [\n{"value": "x",\n"boost": "high"}]}', "vendor-file:4: boost"),
        ("google", '{"phrases": [\n"a",\n{"val": "x"}]}', "vendor-file:3: phrases[1] is neither"),
        ("google", '{"words": []}', "no Google phrase set"),
        ("assemblyai", '{"boost_param": "max", "word_boost": ["x"]}', 'file:1: boost_param "max"'),
        ("assemblyai", '{\n"keyterms_prompt": ["a", 2]}', "vendor-file:2: keyterms_prompt[1] is 2"),
        ("assemblyai", '{"keyterms_prompt": {"a": 1}}', "keyterms_prompt is an object"),
        ("assemblyai", '{"custom_spelling": [\n{"to": 3}]}', "file:2: custom_spelling[0]"),
        ("deepgram", '{\n"replace": ["nocolon"]}', "file:2: replacement 'nocolon'"),
        ("deepgram", "keyterm=a\nreplace=nocolon\n", "vendor-file:2: replacement"),
        ("aws", "Phrase\tDisplay\nx\ty\n", "vendor-file:1: unknown column 'Display'"),
        ("aws", "Phrase\tDisplayAs\n\tShown\n", "vendor-file:2: the Phrase cell is empty"),
        ("aws", "Phrase\tDisplayAs\nx\ty\tz\n", "vendor-file:2: 3 cells but the header has 2"),
        ("revai", '{"phrases": []}', "no Rev.ai vocabulary"),
        ("revai", '{"custom_vocabularies": [\n{"phrase": ["x"]}]}',
         'file:2: custom_vocabularies[0] has no "phrases"'),
        ("csv", "name,variants\nx,y\n", "no 'term' column"),
        ("csv", "term,prior\nx,7\n", "vendor-file:2: prior '7'"),
    ],
)  # fmt: skip
def test_bad_vendor_files(fmt: str, text: str, needle: str) -> None:
    with pytest.raises(VendorError, match=None) as caught:
        import_text(fmt, text, "vendor-file", Collector(Notes()))
    assert needle in str(caught.value)


def test_whisper_prompt_fits_and_puts_the_most_important_last() -> None:
    entries = lexicon()
    prompt = whisper.write(entries, Notes(), max_tokens=12, count=whisper.estimate)
    assert whisper.estimate(prompt.strip()) <= 12
    ranked = [entry.term for entry in whisper.ranked(entries)]
    assert ranked[:2] == ["al-Qaeda", "Hezbollah"]  # prior 1, two variants each
    assert ranked[-1] == "Raqqa"  # the lowest prior
    named = prompt.strip().rstrip(".").split(", ")
    assert named[-1] == ranked[0]


def test_whisper_counts_with_its_tokenizer_when_installed() -> None:
    count = whisper.tokenizer_counter()
    if count is None:
        pytest.skip("the simulate extra (Whisper's tokenizer) is not installed")
    notes = Notes()
    prompt = whisper.write(lexicon(), notes, max_tokens=20)
    assert count(prompt.strip()) <= 20
    assert "Whisper's tokenizer" in notes.lines()[0]
    for text in ("Abu Bakr al-Baghdadi, Hezbollah.", "Zürich, G7."):
        assert whisper.estimate(text) >= count(text)
