"""cleanup: correct speech-recognition transcripts with domain lexicons, every change an edit."""

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
    "apply_edits",
    "clean",
    "run",
]
__version__ = "0.1.0"
