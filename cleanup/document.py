"""The document model: text plus tokens with character offsets, and optional segments.

Plain text has no segments. Subtitle and JSON transcript readers (SRT, WebVTT,
Whisper JSON) fill ``segments`` with speaker, timing and word confidence; steps
only ever see offsets into ``text``, so every format shares one pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import regex

# A word: a number with separators (3,500 / 2.5), an initialism (U.S.), or letters and
# digits with inner apostrophes or hyphens (al-Qaeda, don't, ISIS-held).
WORD_RE = regex.compile(r"\d+(?:[.,]\d+)+|(?:\p{L}\.){2,}|\w+(?:['\u2019\-]\w+)*", regex.UNICODE)
SENTENCE_END = frozenset(".?!\u2026")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    confidence: float | None = None

    @property
    def key(self) -> str:
        """Matching key: case-folded, with typographic apostrophes made plain."""
        return self.text.casefold().replace("\u2019", "'")


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of the text said by one speaker, with timing when the format has it."""

    start: int
    end: int
    speaker: str | None = None
    start_time: float | None = None
    end_time: float | None = None


@dataclass(frozen=True)
class Document:
    text: str
    name: str = "<text>"
    segments: tuple[Segment, ...] = field(default=())

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        return tuple(Token(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(self.text))

    @cached_property
    def sentence_initial(self) -> frozenset[int]:
        """Indices of tokens that start a sentence (by the text's own punctuation)."""
        starts: set[int] = set()
        previous_end = 0
        for index, token in enumerate(self.tokens):
            if starts_sentence(self.text[previous_end : token.start], index == 0):
                starts.add(index)
            previous_end = token.end
        return frozenset(starts)

    def segment_at(self, offset: int) -> Segment | None:
        for segment in self.segments:
            if segment.start <= offset < segment.end:
                return segment
        return None


def starts_sentence(gap: str, first: bool) -> bool:
    """Does the text between two words end a sentence (or is this the first word)?"""
    if first or "\n" in gap:
        return True
    stripped = gap.rstrip(" \t\"'\u201c\u201d\u2018\u2019()[]")
    return bool(stripped) and stripped[-1] in SENTENCE_END
