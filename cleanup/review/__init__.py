"""Interactive review of proposed edits (``cleanup review``).

``sidecar``: decisions per occurrence, stored next to the document; ``decisions``: how
a run honours them (and the user's ignore list); ``userfiles``: the user lexicon and
ignore list that ``A`` and ``N`` save to; ``session``: the queue of questions and what
each key does, with undo; ``prompt``: what a question shows; ``keys``: reading keys
from a terminal or, one per line, from stdin; ``run``: reviewing files end to end.
"""
