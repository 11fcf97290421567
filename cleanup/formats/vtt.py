"""WebVTT subtitles, parsed by ``webvtt-py``; edits spliced into the file.

The library validates the file and gives each cue's identifier, timings and voice (the
``<v Name>`` tag: the cue's speaker). Where a cue's text lines are in the file is found
by walking its blocks as the WebVTT rules do (a block ends at an empty line; a cue's
timing line is its first or, after an identifier, its second line), cue for cue with
the library's list. Identifiers, timings, settings, tags, NOTE, STYLE and REGION blocks
are never part of the text, so no edit reaches them.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import regex
import webvtt
from webvtt.errors import MalformedFileError

from cleanup.formats.model import Builder, FormatError
from cleanup.formats.subtitles import Subtitles, cue_text

# Tags (<v Name>, <i>, <c.loud>, <00:00:01.000>) and character references (&amp;).
TAGS = regex.compile(r"<[^>\n]*>|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);")
NOT_CUES = ("NOTE", "STYLE", "REGION", "WEBVTT")
LINES = regex.compile(r"([^\r\n]*)(?:\r\n|\r|\n|\Z)")
Line = tuple[int, int]  # start and end offsets of a line in the file


class WebVTT(Subtitles):
    tags = TAGS

    def escape(self, text: str) -> str:
        """WebVTT cue text writes "&", "<" and ">" as character references ("AT&T" ->
        "AT&amp;T"): raw, "<" starts a tag and "&" is not allowed."""
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _blocks(source: str) -> Iterator[list[Line]]:
    """The blocks of lines of a WebVTT text (any newline style), split at empty lines."""
    block: list[Line] = []
    for match in LINES.finditer(source):
        if match.start() == len(source):
            break
        if not match.group(1):
            if block:
                yield block
            block = []
            continue
        block.append(match.span(1))
    if block:
        yield block


def cue_lines(source: str) -> Iterator[list[Line]]:
    """The text lines of each cue block, in order."""
    for block in _blocks(source):
        lines = [source[start:end] for start, end in block]
        if lines[0].startswith(NOT_CUES):
            continue
        if "-->" in lines[0]:
            yield block[1:]
        elif len(lines) > 1 and "-->" in lines[1]:
            yield block[2:]


def read(source: str, name: str) -> WebVTT:
    """Read WebVTT text; ``FormatError`` (saying what is wrong) if it is not WebVTT."""
    try:
        captions = webvtt.from_buffer(io.StringIO(source)).captions
    except MalformedFileError as exc:
        raise FormatError(
            f"{name}: not valid WebVTT ({exc}); fix it, or pass --input-format text "
            "to clean it as plain text"
        ) from exc
    blocks = list(cue_lines(source))
    if len(blocks) != len(captions):
        raise FormatError(
            f"{name}: found {len(blocks)} cue blocks but webvtt-py read {len(captions)}; "
            "check for cues without an empty line between them"
        )
    builder = Builder()
    for unit, (caption, lines) in enumerate(zip(captions, blocks, strict=True)):
        builder.gap(caption.voice)
        start = builder.length
        if lines:
            begin, end = lines[0][0], lines[-1][1]
            cue_text(builder, source[begin:end], begin, unit, TAGS)
        times = (
            caption.start_time.in_milliseconds() / 1000,
            caption.end_time.in_milliseconds() / 1000,
        )
        builder.segment(start, caption.voice, times, f"cue {unit + 1}")
    return WebVTT("webvtt", source, builder.text, tuple(builder.runs), tuple(builder.segments))
