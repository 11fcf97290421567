"""SRT (SubRip) subtitles, parsed by the ``srt`` library; edits spliced into the file."""

from __future__ import annotations

import regex
import srt

from cleanup.formats.model import Builder, FormatError
from cleanup.formats.subtitles import Subtitles, cue_text

# Tags inside SRT cue text: HTML-like (<i>, <font color=...>) and ASS overrides ({\an8}).
TAGS = regex.compile(r"<[^>\n]*>|\{\\[^}\n]*\}")


class SubRip(Subtitles):
    tags = TAGS


def read(source: str, name: str) -> SubRip:
    """Read SRT text; ``FormatError`` (naming the place) if it is not SRT."""
    try:
        subtitles = list(srt.parse(source))
    except srt.SRTParseError as exc:
        line = source.count("\n", 0, exc.expected_start) + 1
        raise FormatError(
            f"{name}: not valid SRT near line {line} ({exc.unmatched_content[:40]!r}); "
            "fix the cue there, or pass --input-format text to clean it as plain text"
        ) from exc
    if not subtitles:
        raise FormatError(f"{name}: no SRT cues found; pass --input-format text for plain text")
    builder = Builder()
    for unit, (cue, match) in enumerate(
        zip(subtitles, srt.SRT_REGEX.finditer(source), strict=True)
    ):
        builder.gap()
        start = builder.length
        cue_text(builder, match.group(5), match.start(5), unit, TAGS)
        times = (cue.start.total_seconds(), cue.end.total_seconds())
        builder.segment(start, None, times, f"cue {cue.index}")
    return SubRip("srt", source, builder.text, tuple(builder.runs), tuple(builder.segments))
