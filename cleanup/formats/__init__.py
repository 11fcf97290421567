"""Transcript formats: plain text, SRT, WebVTT and recogniser JSON, read and written back.

``load`` decodes a file's bytes (a BOM says UTF-8 or UTF-16; otherwise ``encoding``, by
default UTF-8), tells its format (``input_format``, else the extension, else the
content) and reads it into a ``Transcript``: the flowing text the steps clean, and how
to write their edits back into the file's own bytes (``Transcript.write``), in its own
encoding. The libraries parse (``srt``, ``webvtt-py``, ``json``); none of them writes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import PurePath

import regex

from cleanup.formats import jsontext, plain, subrip, vtt
from cleanup.formats.model import FormatError, Transcript
from cleanup.formats.shapes import SUPPORTED
from cleanup.textio import InputError, SourceText

__all__ = ["FORMATS", "SUPPORTED", "FormatError", "Transcript", "attach", "detect", "read"]

Reader = Callable[[str, str], Transcript]
READERS: dict[str, Reader] = {
    "text": plain.read,
    "srt": subrip.read,
    "webvtt": vtt.read,
    "json": jsontext.read,
}
FORMATS = ("auto", *READERS)
EXTENSIONS = {".txt": "text", ".srt": "srt", ".vtt": "webvtt", ".json": "json"}
JSON_START = regex.compile(r'\s*(?:\{\s*"|\[\s*\{)')
UnknownShape = jsontext.UnknownShape


def detect(name: str, text: str) -> str:
    """The format of a file: by its extension, else by its first characters."""
    by_name = EXTENSIONS.get(PurePath(name).suffix.lower())
    if by_name is not None:
        return by_name
    head = text.lstrip()[:200]
    if head.startswith("WEBVTT"):
        return "webvtt"
    if JSON_START.match(head):
        return "json"
    first = head.split("\n", 2)
    if len(first) > 1 and first[0].strip().isdigit() and "-->" in first[1]:
        return "srt"
    return "text"


def read(text: str, name: str, input_format: str = "auto") -> Transcript:
    """Read decoded ``text`` as ``input_format`` ("auto": ``detect``); ``FormatError`` if
    it is not of that format (``UnknownShape`` for JSON of no known shape)."""
    fmt = detect(name, text) if input_format == "auto" else input_format
    if not text.strip():  # an empty file of any format: nothing to clean, nothing to fail
        return Transcript(fmt, text, text)
    return READERS[fmt](text, name)


def attach(source: SourceText, input_format: str = "auto") -> SourceText:
    """``source`` with its transcript read; ``InputError`` (exit 2) when it is not of
    its format (``UnknownShape``, an ``InputError`` too, for JSON of no known shape)."""
    try:
        transcript = read(source.text, source.name, input_format)
    except UnknownShape as exc:
        raise UnknownTranscript(str(exc)) from exc
    except FormatError as exc:
        raise InputError(str(exc)) from exc
    return replace(source, transcript=transcript)


class UnknownTranscript(InputError):
    """JSON of no transcript shape cleanup reads (a folder's is skipped with a warning)."""
