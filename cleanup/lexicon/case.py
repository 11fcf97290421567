"""Case policies: how a lexicon term is written where the text writes it otherwise.

An entry's ``case`` policy (``exact``, ``proper``, ``any``; see the README) says which
writings of a term are acceptable; ``render`` writes a term the way its place asks (a
sentence-initial capital, or all capitals in shouted text).
"""

from __future__ import annotations

from cleanup.document import Document
from cleanup.lexicon.model import CasePolicy


def is_shouted(written: str) -> bool:
    """Two letters or more, all capitals."""
    letters = [c for c in written if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def render(form: str, written: str, capital: bool, policy: CasePolicy) -> str:
    """Write ``form`` the way the context asks: a sentence-initial capital, or all capitals."""
    if policy == "exact":
        return form
    if is_shouted(written) and not is_shouted(form):
        return form.upper()
    if capital:
        return capitalise(form)
    return form


def capital_at(doc: Document, first: int, written: str) -> bool:
    """Does a rewrite starting at token ``first`` start with a capital? At a sentence start
    by punctuation, or where a sentence may start (a line break) and the writer put one."""
    if first in doc.sentence_start:
        return True
    return first in doc.sentence_initial and written[:1].isupper()


def case_allowed(written: str, form: str, initial: bool, policy: CasePolicy) -> bool:
    """Is ``written`` an acceptable way to write ``form`` under the entry's case policy?"""
    if written == form or policy == "any":
        return True
    if policy == "exact":
        return False
    return is_shouted(written) or (initial and written == capitalise(form))
