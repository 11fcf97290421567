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
    virtual: bool = False  # the text is the words' own, in no string of the file (Rev)
    holder: Obj | None = None  # the object holding the text (Deepgram: the alternative)


def value(word: Obj, key: str) -> Any:
    """A word's value for ``key``: its own, or its first alternative's (AWS Transcribe)."""
    if key in word:
        return word[key]
    alternatives = word.get("alternatives")
    if isinstance(alternatives, list) and alternatives and isinstance(alternatives[0], dict):
        return alternatives[0].get(key)
    return None


def number(word: Obj, key: str | None) -> float | None:
    """A word's number for ``key`` (AWS writes numbers as strings), or None."""
    found = None if key is None else word.get(key) if key in word else value(word, key)
    if type(found) is float or type(found) is int:
        return float(found)
    if not isinstance(found, str):
        return None
    try:
        return float(found)
    except ValueError:
        return None


WHISPER = Keys("word", "probability")
WHISPERX = Keys("word", "score")
DEEPGRAM = Keys("punctuated_word", "confidence", plain="word")
ASSEMBLYAI = Keys("text", "confidence")
REV = Keys("value", "confidence", "ts", "end_ts")
AWS = Keys("content", "confidence", "start_time", "end_time")
MS = 0.001  # AssemblyAI times are milliseconds


def _objects(value: Any) -> list[Obj]:
    return [item for item in value if isinstance(item, Obj)] if isinstance(value, list) else []


def _times(item: Obj, scale: float = 1.0) -> tuple[float, float] | None:
    start, end = number(item, "start"), number(item, "end")
    if start is not None and end is not None:
        return start * scale, end * scale
    return None


def _speaker(value: Any) -> str | None:
    return None if value is None else str(value)


def whisper(data: Any) -> list[Unit] | None:
    """Whisper, faster-whisper and WhisperX: ``segments`` (or a list of them) with ``text``
    and ``words`` (``probability``; WhisperX: ``score``, and ``speaker``)."""
    segments = data.get("segments") if isinstance(data, dict) else data
    found = _objects(segments)
    if not found:  # a silent recording: {"text": "", "segments": [], ...}
        silent = isinstance(data, dict) and segments == []
        return [] if silent and ({"text", "word_segments", "language"} & set(data)) else None
    texts = [seg.get("text") for seg in found]
    if not all(t is None or isinstance(t, Str) for t in texts) or all(t is None for t in texts):
        return None
    units = []
    for seg in found:
        if seg.get("text") is None:  # a segment with no text: nothing to edit in it
            continue
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
            units.append(Unit(best["transcript"], words, DEEPGRAM, holder=best))
    return units or None


def assemblyai(data: Any) -> list[Unit] | None:
    """AssemblyAI: ``text`` and ``words`` (``text``, ``confidence``, times in ms)."""
    if not isinstance(data, dict) or not isinstance(data.get("text"), Str):
        return None
    words = _objects(data.get("words"))
    if "words" not in data or (words and "confidence" not in words[0]):
        return None
    return [Unit(data["text"], tuple(words), ASSEMBLYAI)]


def rev(data: Any) -> list[Unit] | None:
    """Rev.ai: ``monologues`` of ``elements`` (text and punctuation, spaces included)."""
    monologues = _objects(data.get("monologues")) if isinstance(data, dict) else []
    if not monologues:  # {"monologues": []}: a silent recording
        return [] if isinstance(data, dict) and data.get("monologues") == [] else None
    units = []
    for monologue in monologues:
        elements = _objects(monologue.get("elements"))
        text = Str("".join(str(e.get("value", "")) for e in elements))
        text.span = (0, 0)
        words = tuple(e for e in elements if e.get("type") == "text")
        speaker = monologue.get("speaker_name") or monologue.get("speaker")
        times = (number(words[0], "ts"), number(words[-1], "end_ts")) if words else (None, None)
        span = None if None in times else (float(times[0] or 0), float(times[1] or 0))
        units.append(Unit(text, words, REV, _speaker(speaker), span, virtual=True))
    return units


def aws(data: Any) -> list[Unit] | None:
    """AWS Transcribe: ``results.transcripts[0].transcript`` and the pronunciation
    ``results.items`` (``alternatives[0]`` with content and confidence, as strings)."""
    results = data.get("results") if isinstance(data, dict) else None
    if not isinstance(results, dict):
        return None
    transcripts = _objects(results.get("transcripts"))
    if not transcripts or not isinstance(transcripts[0].get("transcript"), Str):
        return None
    items = _objects(results.get("items"))
    words = tuple(item for item in items if item.get("type") == "pronunciation")
    return [Unit(transcripts[0]["transcript"], words, AWS)]


@dataclass(frozen=True)
class Mirrors:
    """Other places of the units' text, kept the same when it changes: ``joined``: strings
    that are the units' texts joined by a separator (Whisper's top-level ``text``);
    ``lists``: other lists of the same word objects (WhisperX ``word_segments``);
    ``spoken``: strings that are a word list's words joined by spaces (AssemblyAI's
    ``utterances[].text``), with that list."""

    joined: tuple[tuple[Str, str], ...] = ()
    lists: tuple[tuple[Obj, ...], ...] = ()
    spoken: tuple[tuple[Str, tuple[Obj, ...]], ...] = ()
    laid_out: tuple[Str, ...] = ()  # strings holding the spoken ones (Deepgram paragraphs)


def _joined(value: Any, units: list[Unit]) -> tuple[tuple[Str, str], ...]:
    if not isinstance(value, Str):
        return ()
    for joiner in ("", " "):
        if value == joiner.join(str(u.text) for u in units):
            return ((value, joiner),)
    return ()


def whisper_mirrors(data: Any, units: list[Unit]) -> Mirrors:
    """Whisper's top-level ``text``; WhisperX's ``word_segments``."""
    if not isinstance(data, dict):
        return Mirrors()
    lists = (tuple(_objects(data["word_segments"])),) if "word_segments" in data else ()
    return Mirrors(_joined(data.get("text"), units), lists)


def assemblyai_mirrors(data: Any, units: list[Unit]) -> Mirrors:
    """AssemblyAI's ``utterances``: their words, and their text where it is their words'."""
    lists, spoken = [], []
    for utterance in _objects(data.get("utterances")):
        words = tuple(_objects(utterance.get("words")))
        lists.append(words)
        text = utterance.get("text")
        if isinstance(text, Str) and text == " ".join(str(w.get("text", "")) for w in words):
            spoken.append((text, words))
    return Mirrors(lists=tuple(lists), spoken=tuple(spoken))


def deepgram_mirrors(data: Any, units: list[Unit]) -> Mirrors:
    """Deepgram's ``paragraphs``: each sentence's text, where it is the punctuated words
    said in its time, and the paragraphs' ``transcript`` that lays them out."""
    spoken, laid_out = [], []
    for unit in units:
        holder = unit.holder.get("paragraphs") if unit.holder is not None else None
        if isinstance(holder, dict) and isinstance(holder.get("transcript"), Str):
            laid_out.append(holder["transcript"])
        paragraphs = _paragraphs(unit)
        for sentence in (s for p in paragraphs for s in _objects(p.get("sentences"))):
            text, start, end = (
                sentence.get("text"),
                number(sentence, "start"),
                number(sentence, "end"),
            )
            if not isinstance(text, Str) or start is None or end is None:
                continue
            said = tuple(w for w in unit.words if start <= (number(w, "start") or -1) < end)
            if text == " ".join(str(w.get(DEEPGRAM.word, "")) for w in said):
                spoken.append((text, said))
    return Mirrors(spoken=tuple(spoken), laid_out=tuple(laid_out))


def _paragraphs(unit: Unit) -> list[Obj]:
    holder = unit.holder.get("paragraphs") if unit.holder is not None else None
    return _objects(holder.get("paragraphs")) if isinstance(holder, dict) else []


MIRRORS: dict[str, Callable[[Any, list[Unit]], Mirrors]] = {
    "deepgram": deepgram_mirrors,
    "whisper": whisper_mirrors,
    "assemblyai": assemblyai_mirrors,
}
SHAPES: dict[str, Callable[[Any], list[Unit] | None]] = {
    "whisper": whisper,
    "deepgram": deepgram,
    "assemblyai": assemblyai,
    "rev": rev,
    "aws": aws,
}
SUPPORTED = (
    "Whisper / faster-whisper / WhisperX (segments with text and words), "
    "Deepgram (results.channels[].alternatives[] with transcript and words), "
    "AssemblyAI (text and words), Rev (monologues with elements), "
    "AWS Transcribe (results.transcripts and results.items)"
)


def units_of(data: Any) -> tuple[str, list[Unit], Mirrors] | None:
    """The shape's name, units and mirrors of parsed JSON, or None for an unknown shape."""
    for name, shape in SHAPES.items():
        units = shape(data)
        if units is not None:
            mirrors = MIRRORS[name](data, units) if name in MIRRORS else Mirrors()
            return name, units, mirrors
    return None
