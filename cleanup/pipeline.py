"""Run the enabled steps over one document and collect one list of non-overlapping edits.

The steps run in registry order (``cleanup.steps.STEPS``), each on the original text;
an edit is kept unless it overlaps one kept already (earlier steps win), and each step
sees the edits kept before it (``Context.earlier``). Whether a kept edit is applied or
only suggested is decided here, in ``decide``, for every step alike; then the run's
``verdict`` (review decisions and the ignore list, ``cleanup.decisions.honour``) may
drop it, apply it or change its replacement, before a later step sees it.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property

from cleanup.config import Config
from cleanup.context import Analysis, Context, Resources
from cleanup.document import Document
from cleanup.edits import Edit, applied, apply_edits, changed_span, suggestions
from cleanup.fold import fold, rewritten
from cleanup.lexicon.match import find_phrases
from cleanup.lexicon.model import Lexicon
from cleanup.windows import Window, windows

# What a person decided about an edit: the edit as decided, or None (never propose it).
Verdict = Callable[[Edit], Edit | None]
# Passes over the document's own output until nothing more applies (see ``run``).
MAX_PASSES = 3


@dataclass(frozen=True)
class Result:
    """A document and the edits proposed for it (applied ones and suggestions)."""

    document: Document
    edits: tuple[Edit, ...] = field(default=())

    @cached_property
    def output(self) -> str:
        """The cleaned text: the original with every applied edit replayed."""
        return apply_edits(self.document.text, applied(self.edits))

    @property
    def applied(self) -> list[Edit]:
        return applied(self.edits)

    @property
    def suggestions(self) -> list[Edit]:
        return suggestions(self.edits)

    @property
    def changed(self) -> bool:
        return self.output != self.document.text


class _Claims:
    """Edits kept so far, sorted by span, for fast overlap checks.

    Sorted by (start, end), an insertion comes before a span starting at the same point,
    so ends never decrease either and only the nearest neighbours can overlap a new edit.
    """

    def __init__(self) -> None:
        self.edits: list[Edit] = []
        self.spans: list[tuple[int, int]] = []

    def free(self, edit: Edit) -> bool:
        at = bisect.bisect_left(self.spans, (edit.start, edit.end))
        neighbours = self.edits[max(at - 1, 0) : at + 2]
        return not any(edit.overlaps(other) for other in neighbours)

    def add(self, edit: Edit) -> None:
        at = bisect.bisect_left(self.spans, (edit.start, edit.end))
        self.spans.insert(at, (edit.start, edit.end))
        self.edits.insert(at, edit)


def decide(edit: Edit, config: Config, doc: Document | None = None) -> Edit:
    """Apply an edit only when its tier is ``auto`` and it is confident enough, and (in a
    subtitle or recogniser file, ``doc``) its change stays inside one cue line or segment:
    one across a boundary is only suggested, saying so (docs/design.md, formats)."""
    if doc is not None and doc.units:
        start, end, _ = changed_span(edit)
        if not doc.writable(start, end):
            return replace(edit, applied=False, reason=f"{edit.reason}; {ACROSS}")
    return edit.with_applied(edit.tier == "auto" and edit.confidence >= config.threshold)


ACROSS = "it runs across a cue or segment boundary, so it is only suggested"


def run(
    doc: Document, config: Config, resources: Resources, verdict: Verdict | None = None
) -> Result:
    """Run the steps ``config`` enables on ``doc``, with the run's ``resources``; each kept
    edit passes ``verdict`` (when given) before the next steps see it.

    The steps then run again on the output, as long as something applied (at most
    ``MAX_PASSES`` passes in all): one step's fix can change what another sees ("fifty
    teh ran" -> "50 teh ran"), and cleaning the output again must change nothing. A later
    pass's edits are folded into edits of the original text (``cleanup.fold``), each
    passing ``verdict`` again.

    A long document is cleaned window by window (``cleanup.windows``), in time linear
    in its length and memory bounded by the window, with the same edits as at once.
    """
    parts = [Window(0, 0, len(doc.text), len(doc.text))]
    if not doc.segments:  # timed segments are cleaned whole
        parts = list(windows(doc.text))
    if len(parts) == 1:
        return Result(doc, tuple(_settled(doc, config, resources, None, verdict)))
    mentions = _mentions(doc, parts, resources.lexicon)
    kept: list[Edit] = []
    for window in parts:
        piece = Document(doc.text[window.low : window.high], name=doc.name)
        shifted = None if verdict is None else _shifted(verdict, window.low)
        for edit in _settled(piece, config, resources, mentions, shifted):
            moved = _moved(edit, window.low)
            if window.keeps(moved.start) and not (kept and moved.overlaps(kept[-1])):
                kept.append(moved)
    return Result(doc, tuple(kept))


def _settled(
    doc: Document,
    config: Config,
    resources: Resources,
    mentions: Counter[str] | None,
    verdict: Verdict | None,
) -> list[Edit]:
    """The steps over ``doc`` and again over their output while something applies, the
    later passes' edits folded into edits of ``doc``. ``mentions``: the whole document's
    counts when ``doc`` is one window of it (later passes keep them: an approximation)."""
    edits = _run_steps(doc, config, resources, Analysis(doc, resources.lexicon, mentions), verdict)
    for _ in range(MAX_PASSES - 1):
        done = applied(edits)
        if not done:
            break
        output = rewritten(doc, done)
        analysis = Analysis(output, resources.lexicon, mentions)
        again = applied(_run_steps(output, config, resources, analysis, None))
        if not again:
            break
        edits = _judged(fold(doc.text, edits, again), edits, verdict)
    return edits


def _judged(folded: list[Edit], before: list[Edit], verdict: Verdict | None) -> list[Edit]:
    """The folded edits, each one new since ``before`` passed through ``verdict``."""
    if verdict is None:
        return folded
    known = {id(edit) for edit in before}
    kept = [edit if id(edit) in known else verdict(edit) for edit in folded]
    return [edit for edit in kept if edit is not None]


def _run_steps(
    doc: Document,
    config: Config,
    resources: Resources,
    analysis: Analysis,
    verdict: Verdict | None,
) -> list[Edit]:
    """One pass of the enabled steps over ``doc``: the kept edits, sorted by span."""
    base = Context(
        resources,
        analysis,
        params=config.params,
        style=config.number_style,
        min_confidence=config.threshold,
    )
    claims = _Claims()
    for step in config.steps():
        context = replace(base, earlier=tuple(claims.edits))
        for edit in step.function(doc, context):
            if edit.before == edit.after or not claims.free(edit):
                continue
            decided: Edit | None = decide(edit, config, doc)
            if verdict is not None and decided is not None:
                decided = verdict(decided)
            if decided is not None:
                claims.add(decided)
    return claims.edits


def _mentions(doc: Document, parts: list[Window], lexicon: Lexicon) -> Counter[str]:
    """The document-wide evidence, in one light pass: how often each term is mentioned
    exactly, each mention counted by the window whose core holds its start."""
    counts: Counter[str] = Counter()
    for window in parts:
        piece = Document(doc.text[window.low : window.high])
        for match in find_phrases(piece, lexicon):
            if window.keeps(window.low + piece.tokens[match.first].start):
                counts[match.form.entry.term] += 1
    return counts


def _moved(edit: Edit, offset: int) -> Edit:
    """``edit`` with its span moved by ``offset`` characters."""
    return replace(edit, start=edit.start + offset, end=edit.end + offset)


def _shifted(verdict: Verdict, offset: int) -> Verdict:
    """``verdict`` for the edits of a window that starts ``offset`` characters in."""

    def judged(edit: Edit) -> Edit | None:
        decided = verdict(_moved(edit, offset))
        return None if decided is None else _moved(decided, -offset)

    return judged
