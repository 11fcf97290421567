"""What reading and writing a transcript format costs (``python3 bench/speed.py --formats``).

The same words (seed 000, repeated) are written as plain text and as each format, the
way its tool writes it: subtitles in cues of 12 words on two lines, recogniser JSON in
segments of 12 words with a word list (times and confidences). Each file goes through
what ``cleanup fix -o`` does with it, in this process: decode, read the format
(``cleanup.formats``), clean (``Cleaner.run_document``, bundled lexicons) and write the
edits back (``SourceText.render``). The words cleaned are the same in every format, and
cleaning them takes the same time whatever the format (within this shared machine's
noise, which is far larger than reading), so cleaning is timed once, on the plain text,
and reading plus writing per format, interleaved over ``IO_ROUNDS`` rounds (medians).
The ratio is (cleaning + the format's reading and writing) / (cleaning + plain text's).
Target: at most 1.10 (issue 14).
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any

from cleanup import formats
from cleanup.cleaner import Cleaner
from cleanup.document import Document
from cleanup.edits import Edit
from cleanup.textio import read_bytes

CUE_WORDS = 12
TARGET = 1.10
IO_ROUNDS = 15
COLUMNS = ("format", "words", "read+write ms", "plain ms", "clean s", "ratio", "verdict")


def _chunks(words: Sequence[str]) -> list[list[str]]:
    return [list(words[i : i + CUE_WORDS]) for i in range(0, len(words), CUE_WORDS)]


def _stamp(seconds: float, mark: str) -> str:
    minutes, second = divmod(seconds, 60)
    hours, minute = divmod(int(minutes), 60)
    return f"{hours:02d}:{minute:02d}:{second:06.3f}".replace(".", mark)


def _cues(words: Sequence[str], mark: str) -> list[tuple[str, str, str]]:
    cues = []
    for number, chunk in enumerate(_chunks(words)):
        half = len(chunk) // 2 or 1
        text = " ".join(chunk[:half]) + "\n" + " ".join(chunk[half:])
        start, end = _stamp(number * 4.0, mark), _stamp(number * 4.0 + 4.0, mark)
        cues.append((start, end, text.strip()))
    return cues


def srt_file(words: Sequence[str]) -> str:
    cues = _cues(words, ",")
    return "".join(f"{n}\n{s} --> {e}\n{t}\n\n" for n, (s, e, t) in enumerate(cues, 1))


def vtt_file(words: Sequence[str]) -> str:
    cues = _cues(words, ".")
    return "WEBVTT\n\n" + "".join(f"{s} --> {e}\n<v Desk>{t}\n\n" for s, e, t in cues)


def _said(chunk: Sequence[str], first: int, key: str, confidence: str) -> list[dict[str, Any]]:
    return [
        {key: f" {w}", "start": (first + i) * 0.3, "end": (first + i + 1) * 0.3, confidence: 0.9}
        for i, w in enumerate(chunk)
    ]


def whisper_file(words: Sequence[str]) -> str:
    segments = []
    for number, chunk in enumerate(_chunks(words)):
        first = number * CUE_WORDS
        segments.append(
            {
                "id": number,
                "start": first * 0.3,
                "end": (first + len(chunk)) * 0.3,
                "text": " " + " ".join(chunk),
                "words": _said(chunk, first, "word", "probability"),
            }
        )
    text = "".join(segment["text"] for segment in segments)
    return json.dumps({"text": text, "segments": segments, "language": "en"}, indent=2)


def assemblyai_file(words: Sequence[str]) -> str:
    said = [
        {"text": w, "start": i * 300, "end": i * 300 + 300, "confidence": 0.9, "speaker": "A"}
        for i, w in enumerate(words)
    ]
    return json.dumps({"id": "bench", "text": " ".join(words), "words": said})


FILES: dict[str, tuple[str, Callable[[Sequence[str]], str]]] = {
    "srt": ("bench.srt", srt_file),
    "webvtt": ("bench.vtt", vtt_file),
    "whisper json": ("bench.json", whisper_file),
    "assemblyai json": ("bench.json", assemblyai_file),
}


def _io(name: str, data: bytes, edits: Sequence[Edit]) -> float:
    """Seconds to decode and read a file, tokenise its text and write ``edits`` back."""
    began = time.perf_counter()
    source = formats.attach(read_bytes(data, name))
    _ = source.document().tokens
    source.render(edits)
    return time.perf_counter() - began


def measure(text: str, repeat: int) -> list[list[str]]:
    """A row per format: the seconds its reading and writing take and plain text's (medians
    of interleaved rounds), the seconds cleaning the words takes, and the ratio of
    cleaning plus the format's reading and writing to cleaning plus plain text's."""
    words = text.split()
    inputs = {"plain": ("bench.txt", (" ".join(words) + "\n").encode())}
    for label, (name, make) in FILES.items():
        inputs[label] = (name, make(words).encode())
    with Cleaner() as cleaner:
        edits, cleaning = {}, []
        for label, (name, data) in inputs.items():
            document = formats.attach(read_bytes(data, name)).document()
            edits[label] = cleaner.run_document(document, decided=False).applied
        plain_doc = formats.attach(read_bytes(inputs["plain"][1], "bench.txt")).document()
        for _ in range(repeat):
            fresh = Document(plain_doc.text, plain_doc.name)
            began = time.perf_counter()
            cleaner.run_document(fresh, decided=False)
            cleaning.append(time.perf_counter() - began)
    times: dict[str, list[float]] = {label: [] for label in inputs}
    for _ in range(IO_ROUNDS):
        for label, (name, data) in inputs.items():
            times[label].append(_io(name, data, edits[label]))
    clean = statistics.median(cleaning)
    plain = statistics.median(times["plain"])
    rows = []
    for label in FILES:
        took = statistics.median(times[label])
        ratio = (clean + took) / (clean + plain)
        verdict = "ok" if ratio <= TARGET else f"over {TARGET:.2f}"
        cells = [f"{took * 1000:.0f}", f"{plain * 1000:.0f}", f"{clean:.2f}", f"{ratio:.3f}"]
        rows.append([label, f"{len(words):,}", *cells, verdict])
    return rows
