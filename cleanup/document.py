"""The document model: text plus tokens with character offsets, and optional segments.

Plain text has no segments. Subtitle and JSON transcript readers (SRT, WebVTT,
Whisper JSON) fill ``segments`` with speaker, timing and word confidence; steps
only ever see offsets into ``text``, so every format shares one pipeline.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

import regex

# A word: a number with separators (3,500 / 2.5, not the start of "1,1isis"), an initialism
# (U.S.), or letters and digits with inner apostrophes, hyphens or ampersands (al-Qaeda, don't,
# ISIS-held, AT&T).
WORD_RE = regex.compile(
    r"\d+(?:[.,]\d+)+(?!\w)|(?:\p{L}\.){2,}|\w+(?:['\u2019\-&]\w+)*|(?<!\S)&(?!\S)", regex.UNICODE
)
# Web and e-mail addresses (www.example.org/iraq, example.com, desk@example.com): the
# words inside them are never rewritten. A trailing sentence mark is not part of one.
_PATH = r"[^\s<>\"]*[^\s<>\"'.,;:!?()\[\]]"
_DOMAIN = r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|edu|gov|int|info|io|co|uk)\b"
ADDRESS_RE = regex.compile(
    rf"(?:https?://|www\.){_PATH}|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|{_DOMAIN}(?:/(?:{_PATH})?)?",
    regex.IGNORECASE,
)
SENTENCE_END = frozenset(".?!\u2026")
ELLIPSES = ("..", "\u2026")
OPENING_QUOTES = ('"', "\u201c")
# What may follow a sentence mark before the next sentence, besides any space (a no-break
# space too): quotes and brackets.
CLOSERS = "\"'\u201c\u201d\u2018\u2019()[]"
# Abbreviations whose dot seldom ends a sentence: "Dr. al-Zawahiri" is no sentence start.
TITLES = frozenset({"mr", "mrs", "ms", "dr", "prof", "gen", "col", "sen", "rep", "gov", "st", "vs"})


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
    cue: str | None = None  # how people find it: "cue 3", "segment 2" (None: by line)


# A stretch ``start``..``end`` of the text and the recogniser's confidence in it, in [0, 1].
Confidence = tuple[int, int, float]


@dataclass(frozen=True)
class Document:
    """A transcript's text as the steps read it.

    ``segments``: cues or recogniser segments (speaker, times), in order; ``confidences``:
    the recogniser's word confidences as sorted, non-overlapping spans (a token gets the
    lowest of those it overlaps); ``units``: the sorted stretches of the text that can be
    written back to the file (a cue line's words between tags, a segment's text). With
    no units the whole text can; otherwise an edit outside one (across a cue boundary, a
    line wrap or a tag) is only suggested (``writable``).
    """

    text: str
    name: str = "<text>"
    segments: tuple[Segment, ...] = field(default=())
    confidences: tuple[Confidence, ...] = field(default=())
    units: tuple[tuple[int, int], ...] = field(default=())

    def __getstate__(self) -> dict[str, object]:
        """Pickle the text, name, segments, confidences and units only: what is derived
        from them (tokens, sentence starts) is computed again where it is used. A result
        sent back by a worker process is then a fifth of the size and 20 times faster to
        pickle."""
        return {
            "text": self.text,
            "name": self.name,
            "segments": self.segments,
            "confidences": self.confidences,
            "units": self.units,
        }

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        found = [Token(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(self.text)]
        if self.confidences:
            found = _with_confidence(found, self.confidences)
        return tuple(found)

    def writable(self, start: int, end: int) -> bool:
        """Can ``text[start:end]`` be replaced in the file (is it inside one unit)?"""
        if not self.units:
            return True
        at = bisect.bisect_right(self.units, start, key=lambda unit: unit[0]) - 1
        return at >= 0 and end <= self.units[at][1]

    @cached_property
    def keys(self) -> tuple[str, ...]:
        """Every token's matching key, computed once."""
        return tuple(token.key for token in self.tokens)

    @cached_property
    def sentence_initial(self) -> frozenset[int]:
        """Indices of tokens that may start a sentence: after . ? ! or a line break.

        Lenient (a wrapped line starts after a line break too, and "U.S." or "..." may or
        may not end a sentence): use it to *accept* a capital, never to add one.
        """
        return self._starts(lenient=True)

    @cached_property
    def sentence_start(self) -> frozenset[int]:
        """Indices of tokens that surely start a sentence: the first, or after . ? ! (not ...)."""
        return self._starts(lenient=False)

    def _starts(self, lenient: bool) -> frozenset[int]:
        starts: set[int] = set()
        previous_end, after_title = 0, False
        for index, token in enumerate(self.tokens):
            gap = self.text[previous_end : token.start]
            if starts_sentence(gap, index == 0, lenient) and (lenient or not after_title):
                starts.add(index)
            previous_end, after_title = token.end, token.key in TITLES
            if lenient and token.text.endswith("."):
                previous_end -= 1  # an initialism's last dot may end the sentence too
        return frozenset(starts)

    @cached_property
    def addresses(self) -> tuple[tuple[int, int], ...]:
        """Spans of web and e-mail addresses: no step changes anything inside one."""
        return tuple(match.span() for match in ADDRESS_RE.finditer(self.text))

    def address_at(self, offset: int) -> bool:
        at = bisect.bisect_right(self.addresses, offset, key=lambda span: span[0]) - 1
        return at >= 0 and offset < self.addresses[at][1]

    @cached_property
    def in_address(self) -> frozenset[int]:
        """Indices of tokens inside a web or e-mail address."""
        inside: set[int] = set()
        tokens, index = self.tokens, 0
        for start, end in self.addresses:
            while index < len(tokens) and tokens[index].start < end:
                if tokens[index].start >= start:
                    inside.add(index)
                index += 1
        return frozenset(inside)

    def segment_at(self, offset: int) -> Segment | None:
        """The segment holding ``offset`` (None: none, or plain text)."""
        at = bisect.bisect_right(self.segments, offset, key=lambda seg: seg.start) - 1
        if at >= 0 and offset < self.segments[at].end:
            return self.segments[at]
        return None

    def segment_index(self, offset: int) -> int | None:
        """The 1-based number of the segment (cue) holding ``offset``, or None."""
        at = bisect.bisect_right(self.segments, offset, key=lambda seg: seg.start) - 1
        if at >= 0 and offset < self.segments[at].end:
            return at + 1
        return None

    def where(self, offset: int, line: str) -> str:
        """Where ``offset`` is, for people: its cue (or ``line``, "12:5", where there is
        none), start time and speaker: "cue 3 [00:04:12.000] Jane Arraf"."""
        segment = self.segment_at(offset)
        if segment is None:
            return line
        shown = segment.cue or line
        if segment.start_time is not None:
            shown += f" [{clock(segment.start_time)}]"
        if segment.speaker:
            shown += f" {segment.speaker}"
        return shown


def clock(seconds: float) -> str:
    """``seconds`` as hh:mm:ss.mmm."""
    minutes, second = divmod(seconds, 60)
    hours, minute = divmod(int(minutes), 60)
    return f"{hours:02d}:{minute:02d}:{second:06.3f}"


def _with_confidence(tokens: list[Token], spans: tuple[Confidence, ...]) -> list[Token]:
    """``tokens`` with the lowest confidence of the spans each overlaps."""
    result, first, count = [], 0, len(spans)
    for token in tokens:
        while first < count and spans[first][1] <= token.start:
            first += 1
        lowest = None
        index = first
        while index < count and spans[index][0] < token.end:
            given = spans[index][2]
            lowest = given if lowest is None or given < lowest else lowest
            index += 1
        result.append(
            token if lowest is None else Token(token.start, token.end, token.text, lowest)
        )
    return result


def starts_sentence(gap: str, first: bool, lenient: bool = True) -> bool:
    """Does the text between two words end a sentence (or is this the first word)?

    ``lenient`` also says yes where one may end: at a line break, after an ellipsis, or
    where a quotation opens (He said, "Al-Qaeda is ...").
    """
    if first or (lenient and ("\n" in gap or gap.endswith(OPENING_QUOTES))):
        return True
    stripped = _strip_closers(gap)
    if not lenient and stripped.endswith(ELLIPSES):
        return False
    return bool(stripped) and stripped[-1] in SENTENCE_END


def _strip_closers(gap: str) -> str:
    """``gap`` without the spaces, quotes and brackets at its end."""
    while True:
        stripped = gap.rstrip().rstrip(CLOSERS)
        if stripped == gap:
            return gap
        gap = stripped
