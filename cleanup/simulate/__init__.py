"""Hearing the lexicon as a recogniser would: speak text, recognise it, compare.

``voices`` speaks text (Piper's ``joe`` voice, or espeak-ng), ``recognisers`` writes what
it hears (Whisper ``tiny.en`` through faster-whisper, or pocketsphinx), ``align`` finds
what was written where a term was said, and ``heard`` runs a lexicon through them
(``cleanup lexicon simulate``). Everything runs offline: the models ship inside their
wheels. The voices and recognisers need the optional extra ``cleanup[simulate]``
(piper-tts is GPL-3.0, which is why it is not in the base install); ``align`` does not.
"""

from __future__ import annotations

EXTRA = "simulate"


class MissingExtra(RuntimeError):
    """A voice or recogniser whose package is not installed; the message says how to add it."""

    def __init__(self, package: str) -> None:
        super().__init__(
            f"{package} is not installed: it comes with the optional extra; "
            f"install it with: python3 -m pip install 'cleanup[{EXTRA}]'"
        )
        self.package = package
