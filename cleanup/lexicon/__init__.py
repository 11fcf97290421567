"""Lexicons: canonical terms with their variants, read from TSV files or plain lists.

Where things are: ``model`` (entries, forms and the index steps match by), ``parse``
(the file formats: where a lexicon is parsed), ``files`` (reading files, the bundled
lexicons), ``forms`` (forms derived from a term), ``match`` (finding forms in a
document), ``case`` (case policies), ``glued`` (a name glued to a word), ``user`` (your
own lexicon), ``check`` and ``build`` (the ``cleanup lexicon`` tools).
"""

from cleanup.lexicon.files import bundled_paths, load, load_all, read
from cleanup.lexicon.model import Entry, Form, Lexicon, LexiconError, phrase_key

__all__ = [
    "Entry",
    "Form",
    "Lexicon",
    "LexiconError",
    "bundled_paths",
    "load",
    "load_all",
    "phrase_key",
    "read",
]
