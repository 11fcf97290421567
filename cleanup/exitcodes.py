"""Exit codes of the ``cleanup`` command."""

from typing import Final

CLEAN: Final = 0
"""Nothing to change (or the changes were written)."""
CHANGES_PENDING: Final = 1
"""``--check`` found edits that would be applied."""
ERROR: Final = 2
"""Bad usage, bad input, or bad configuration; the message says which."""
INTERRUPTED: Final = 130
"""``cleanup review`` was interrupted (Ctrl-C); the decisions made so far are kept."""
CLOSED_OUTPUT: Final = 141
"""The reader of stdout went away (``cleanup fix big.txt | head``): stopped quietly, with
the status a shell gives a command stopped by SIGPIPE (128 + 13)."""
