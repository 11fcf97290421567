"""Vendor vocabularies in and out: ``cleanup lexicon import`` and ``cleanup lexicon export``.

One module per vendor (``aws``, ``assemblyai``, ``deepgram``, ``google``, ``revai``,
``whisper``; ``spreadsheet`` for CSV lexicons), each with ``read(text, name, found)``
(collecting entries into a ``Collector``) and ``write(entries, notes)`` (the vendor's
file as text). What a format cannot hold is said in ``Notes``; the README's "Vendor
vocabularies" maps every field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cleanup.lexicon.model import Entry, LexiconError, build
from cleanup.lexicon.vendors import (
    assemblyai,
    aws,
    deepgram,
    google,
    revai,
    spreadsheet,
    whisper,
)
from cleanup.lexicon.vendors.common import Collector, Notes, VendorError
from cleanup.textio import InputError, decode

__all__ = ["FORMATS", "Format", "Notes", "VendorError", "export", "import_files", "import_text"]

Reader = Callable[[str, str, Collector], None]
Writer = Callable[[Sequence[Entry], Notes], str]


@dataclass(frozen=True)
class Format:
    """A vendor format: how to read it (None: export only) and how to write it."""

    name: str
    what: str
    read: Reader | None
    write: Writer


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("aws", "AWS Transcribe custom vocabulary table", aws.read, aws.write),
        Format(
            "assemblyai",
            "AssemblyAI keyterms_prompt and custom_spelling",
            assemblyai.read,
            assemblyai.write_keyterms,
        ),
        Format(
            "assemblyai-boost",
            "AssemblyAI word_boost, boost_param and custom_spelling",
            assemblyai.read,
            assemblyai.write_word_boost,
        ),
        Format(
            "deepgram",
            "Deepgram keyterm (Nova-3) and replace",
            deepgram.read,
            deepgram.write_keyterm,
        ),
        Format(
            "deepgram-keywords",
            "Deepgram keywords with intensifiers (Nova-2) and replace",
            deepgram.read,
            deepgram.write_keywords,
        ),
        Format("google", "Google Speech-to-Text phrase set", google.read, google.write),
        Format("revai", "Rev.ai custom vocabularies", revai.read, revai.write),
        Format("whisper", "Whisper initial_prompt (export only)", None, whisper.write),
        Format("csv", "CSV with this lexicon's columns", spreadsheet.read, spreadsheet.write),
    )
}
MAX_BYTES = 64 * 2**20  # far above any vendor's limit (AWS: 50 KB a table)
IMPORTS = tuple(name for name, f in FORMATS.items() if f.read is not None)
EXPORTS = tuple(FORMATS)


def import_text(fmt: str, text: str, name: str, found: Collector) -> None:
    """Collect the entries of one vendor file's text into ``found``."""
    reader = FORMATS[fmt].read
    if reader is None:
        raise VendorError(f"{fmt} can only be exported; there is nothing to import from it")
    reader(text, name, found)


def import_files(fmt: str, paths: Sequence[Path]) -> tuple[list[Entry], Notes]:
    """The entries of vendor files of one format, as one loadable lexicon, and the notes."""
    notes = Notes()
    found = Collector(notes)
    for path in paths:
        import_text(fmt, _read(path), str(path), found)
    entries = found.entries()
    try:
        build(entries)
    except LexiconError as exc:
        raise VendorError(f"{exc}; the imported lexicon would not load") from exc
    return entries, notes


def _read(path: Path) -> str:
    """The text of a vendor file (UTF-8, BOM or not); VendorError when it is too large to
    be a vocabulary, unreadable, binary, not UTF-8 text (with the line) or empty."""
    what = "check that this is the vocabulary file you meant"
    try:
        if path.stat().st_size > MAX_BYTES:
            raise VendorError(
                f"{path}: {path.stat().st_size / 2**20:.0f} MiB, larger than a vocabulary can "
                f"be (at most {MAX_BYTES // 2**20} MiB here); {what}"
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise VendorError(f"{path}: cannot read ({exc.strerror}); check the path") from exc
    if b"\x00" in raw and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise VendorError(f"{path}: a binary file (it has NUL bytes), not a vocabulary; {what}")
    try:
        text = decode(raw, str(path))[0]
    except InputError as exc:
        raise VendorError(str(exc)) from exc
    if not text.strip():
        raise VendorError(f"{path}: the file is empty; {what}")
    return text


def export(
    fmt: str, entries: Sequence[Entry], max_tokens: int = whisper.MAX_TOKENS
) -> tuple[str, Notes]:
    """The entries as a vendor file of format ``fmt``, and what it could not hold."""
    notes = Notes()
    if fmt == "whisper":
        return whisper.write(entries, notes, max_tokens), notes
    return FORMATS[fmt].write(entries, notes), notes
