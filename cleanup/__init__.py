"""cleanup: correct speech-recognition transcripts with domain lexicons, every change an edit."""

from cleanup._version import __version__
from cleanup.config import Config
from cleanup.document import Document, Segment, Token
from cleanup.edits import Edit, apply_edits
from cleanup.lexicon.model import Lexicon
from cleanup.pipeline import Result, clean, run

__all__ = [
    "Config",
    "Document",
    "Edit",
    "Lexicon",
    "Result",
    "Segment",
    "Token",
    "__version__",
    "apply_edits",
    "clean",
    "run",
]
