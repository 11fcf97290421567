"""cleanup: correct speech-recognition transcripts with domain lexicons, every change an edit.

The public API, imported on first use (so ``import cleanup`` and ``cleanup --version``
stay fast)::

    from cleanup import Cleaner, clean

    clean("the new build of hetty ships") # cleaned text, as `cleanup fix` would write it
    with Cleaner() as cleaner:            # settings from the nearest config file
        result = cleaner.run(text)        # result.output, result.edits

Where things live: ``cleaner`` (the entry point), ``pipeline`` (running the steps),
``steps/`` (one module per step), ``lexicon/`` (parsing and matching lexicons),
``soundalike/`` (the sound-alike engine; the decision is ``soundalike/decision.py``),
``numbers/`` (ITN), ``decisions/`` (review decisions every run honours), ``io/``
(files), ``report/`` (diffs, records, HTML), ``review/``, ``eval/`` and ``cli/``.
See docs/design.md.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from cleanup._version import __version__

if TYPE_CHECKING:
    from cleanup.cleaner import Cleaner, clean
    from cleanup.config import Config
    from cleanup.document import Document, Segment, Token
    from cleanup.edits import Edit, apply_edits
    from cleanup.lexicon.model import Lexicon
    from cleanup.pipeline import Result
    from cleanup.settings import Settings

# public name -> the module that defines it
_WHERE = {
    "Cleaner": "cleanup.cleaner",
    "clean": "cleanup.cleaner",
    "Config": "cleanup.config",
    "Document": "cleanup.document",
    "Segment": "cleanup.document",
    "Token": "cleanup.document",
    "Edit": "cleanup.edits",
    "apply_edits": "cleanup.edits",
    "Lexicon": "cleanup.lexicon.model",
    "Result": "cleanup.pipeline",
    "Settings": "cleanup.settings",
}

__all__ = [
    "Cleaner",
    "Config",
    "Document",
    "Edit",
    "Lexicon",
    "Result",
    "Segment",
    "Settings",
    "Token",
    "__version__",
    "apply_edits",
    "clean",
]


def __getattr__(name: str) -> Any:
    """Import a public name's module when the name is first used (PEP 562)."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'cleanup' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
