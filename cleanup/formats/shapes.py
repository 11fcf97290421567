"""The JSON that recognisers write: where each one keeps its text, words and confidences.

A shape finds the file's ``Unit``s: a text string (a segment's ``text``, a channel's
``transcript``) with the word objects it is made of, their keys (the word's text, its
confidence, start and end time) and the speaker. Which shape a file has is told by its
keys; ``None`` when it is none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cleanup.formats.jsonpos import Obj, Str


@dataclass(frozen=True)
class Keys:
    """A shape's word keys: text, confidence, start and end; ``plain``: a second text key
    without punctuation (Deepgram's ``word`` beside ``punctuated_word``)."""

    word: str
    confidence: str | None
    start: str = "start"
    end: str = "end"
    plain: str | None = None


@dataclass(frozen=True)
class Unit:
    """A text string of the file and the word objects it is made of (may be empty)."""

    text: Str
    words: tuple[Obj, ...]
    keys: Keys
    speaker: str | None = None
    times: tuple[float, float] | None = None


WHISPER = Keys("word", "probability")
WHISPERX = Keys("word", "score")
DEEPGRAM = Keys("punctuated_word", "confidence", plain="word")
ASSEMBLYAI = Keys("text", "confidence")
MS = 0.001  # AssemblyAI times are milliseconds


def _objects(value: Any) -> list[Obj]:
    return [item for item in value if isinstance(item, Obj)] if isinstance(value, list) else []


def _times(item: Obj, scale: float = 1.0) -> tuple[float, float] | None:
    start, end = item.get("start"), item.get("end")
    if isinstance(start, int | float) and isinstance(end, int | float):
        return start * scale, end * scale
    return None


def _speaker(value: Any) -> str | None:
    return None if value is None else str(value)


def whisper(data: Any) -> list[Unit] | None:
    """Whisper, faster-whisper and WhisperX: ``segments`` (or a list of them) with ``text``
    and ``words`` (``probability``; WhisperX: ``score``, and ``speaker``)."""
    segments = data.get("segments") if isinstance(data, dict) else data
    found = _objects(segments)
    if not found or not all(isinstance(seg.get("text"), Str) for seg in found):
        return None
    units = []
    for seg in found:
        words = tuple(w for w in _objects(seg.get("words")) if isinstance(w.get("word"), Str))
        keys = WHISPERX if any("score" in w for w in words) else WHISPER
        units.append(Unit(seg["text"], words, keys, _speaker(seg.get("speaker")), _times(seg)))
    return units


def deepgram(data: Any) -> list[Unit] | None:
    """Deepgram: ``results.channels[].alternatives[0]`` with ``transcript`` and ``words``."""
    results = data.get("results") if isinstance(data, dict) else None
    channels = _objects(results.get("channels")) if isinstance(results, dict) else []
    units = []
    for channel in channels:
        alternatives = _objects(channel.get("alternatives"))
        if alternatives and isinstance(alternatives[0].get("transcript"), Str):
            best = alternatives[0]
            words = tuple(_objects(best.get("words")))
            units.append(Unit(best["transcript"], words, DEEPGRAM))
    return units or None


def assemblyai(data: Any) -> list[Unit] | None:
    """AssemblyAI: ``text`` and ``words`` (``text``, ``confidence``, times in ms)."""
    if not isinstance(data, dict) or not isinstance(data.get("text"), Str):
        return None
    words = _objects(data.get("words"))
    if "words" not in data or (words and "confidence" not in words[0]):
        return None
    return [Unit(data["text"], tuple(words), ASSEMBLYAI)]


SHAPES: dict[str, Callable[[Any], list[Unit] | None]] = {
    "whisper": whisper,
    "deepgram": deepgram,
    "assemblyai": assemblyai,
}
SUPPORTED = (
    "Whisper / faster-whisper / WhisperX (segments with text and words), "
    "Deepgram (results.channels[].alternatives[] with transcript and words), "
    "AssemblyAI (text and words)"
)


def units_of(data: Any) -> tuple[str, list[Unit]] | None:
    """The shape's name and units of parsed JSON, or None for an unknown shape."""
    for name, shape in SHAPES.items():
        units = shape(data)
        if units is not None:
            return name, units
    return None
